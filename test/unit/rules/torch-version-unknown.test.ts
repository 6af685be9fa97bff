// torch-version-unknown: a pinned torch newer than the knowledge data (or known by name only) is
// reported as unknown, never judged; known versions yield nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KNOWLEDGE_AS_OF } from '../../../src/core/knowledge/recommend';
import { torchRelease } from '../../../src/core/knowledge/torch';
import { check, only } from './helpers';

const GPU = { driver: '580.65.06', gpu: 'NVIDIA GeForce RTX 4090' };

test('torch==2.16.0 (newer than the data) → information, no fix, names the as-of date', () => {
  const text = 'numpy==2.1.0\ntorch==2.16.0\n';
  const f = only(check(text, GPU), 'torch-version-unknown');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'information');
  assert.match(f[0].message, /torch 2\.16\.0 is newer than this extension's knowledge/);
  assert.ok(f[0].message.includes(`as of ${KNOWLEDGE_AS_OF}`));
  assert.match(f[0].message, /variants, driver needs and GPU kernels are unknown/);
  assert.deepEqual(f[0].fixes, []);
  assert.equal(text.slice(f[0].span.start, f[0].span.end), 'torch==2.16.0');
});

test('2.15.0 is known now (CUDA 13.x builds, corrections 2026-11): no information, and it is judged', () => {
  assert.deepEqual(torchRelease('2.15.0')?.variants, ['cu130', 'cu132']);
  assert.deepEqual(only(check('--index-url https://download.pytorch.org/whl/cu130\ntorch==2.15.0\n', GPU), 'torch-version-unknown'), []);
  const pascal = check('--index-url https://download.pytorch.org/whl/cu130\ntorch==2.15.0\n', { driver: '580.65.06', gpu: 'NVIDIA GeForce GTX 1080' });
  assert.equal(only(pascal, 'gpu-arch-unsupported').length, 1, 'no Pascal kernels in 2.15 (no cu126)');
});

test('also without a machine, for +local pins, conda pytorch=X and pyproject dependencies', () => {
  assert.equal(only(check('torch==2.16.0+cu130\n', null), 'torch-version-unknown').length, 1);
  const yml = 'name: x\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pytorch=2.16.0\n';
  const c = only(check(yml, GPU, '/project/environment.yml'), 'torch-version-unknown');
  assert.equal(c.length, 1);
  assert.equal(yml.slice(c[0].span.start, c[0].span.end), 'pytorch=2.16.0');
  const toml = '[project]\nname = "x"\nversion = "1"\ndependencies = ["torch==2.16.0"]\n';
  assert.equal(only(check(toml, GPU, '/project/pyproject.toml'), 'torch-version-unknown').length, 1);
});

test('an unknown version on a named CUDA index is judged by the inferred kernel list, and says so', () => {
  const f = check('--index-url https://download.pytorch.org/whl/cu130\ntorch==2.16.0\n', { driver: '580.65.06', gpu: 'NVIDIA GeForce GTX 1080' });
  const arch = only(f, 'gpu-arch-unsupported');
  assert.equal(arch.length, 1, 'every cu13x build so far starts at sm_75');
  assert.match(arch[0].message, /inferred/);
  assert.equal(only(f, 'torch-version-unknown').length, 1, 'and the version is still reported as unknown');
});

test('false-positive controls: known versions, unpinned torch, older unknown patch versions', () => {
  for (const text of ['torch==2.9.0\n', 'torch==2.1.2+cu121\n', 'torch==2.13.0\n', 'torch\n', 'torch>=2.4\n', 'torch==1.0.1\n']) {
    assert.deepEqual(only(check(text, GPU), 'torch-version-unknown'), [], text);
  }
  const yml = 'name: x\nchannels:\n  - conda-forge\ndependencies:\n  - pytorch=2.5.1\n';
  assert.deepEqual(only(check(yml, GPU, '/project/environment.yml'), 'torch-version-unknown'), []);
});

test('an unknown patch release between known ones is never silent (2.14.2, 2.3.7)', () => {
  for (const v of ['2.14.2', '2.3.7', '2.14.2+cu130']) {
    const f = only(check(`torch==${v}\n`, GPU), 'torch-version-unknown');
    assert.equal(f.length, 1, v);
    assert.match(f[0].message, new RegExp(`torch ${v.split('+')[0].replace(/[.+]/g, '\\$&')} is not in this extension's knowledge`));
  }
  assert.deepEqual(only(check('torch==2.14.1\n', GPU), 'torch-version-unknown'), [], '2.14.1 is known now');
});

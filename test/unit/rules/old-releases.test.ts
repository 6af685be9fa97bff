// Torch releases older than the kernel data (1.x in research environment.yml files): judged where the
// CUDA toolkit's facts decide (no CUDA 10/11 toolkit targets Blackwell; Hopper only from 11.8), by the
// driver floor of the cudatoolkit, and reported as unknown otherwise, never silently passed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { check, corpusFile, corpusText, only } from './helpers';
import { toolkitCannotTarget } from '../../../src/core/knowledge/arches';

const ENV = 'name: x\nchannels:\n  - pytorch\n  - conda-forge\ndependencies:\n  - python=3.8\n  - pytorch=1.10\n  - cudatoolkit=11.3\n';
const RTX5090 = { gpu: 'NVIDIA GeForce RTX 5090', driver: '570.124.04' };
const H100 = { gpu: 'NVIDIA H100 80GB HBM3', driver: '550.54.15' };
const A100 = { gpu: 'NVIDIA A100-SXM4-80GB', driver: '535.183.01' };

test('toolkit facts: sm_90 from CUDA 11.8, sm_100/sm_120 from no CUDA 10/11 toolkit', () => {
  assert.equal(toolkitCannotTarget('11.3', '9.0'), true);
  assert.equal(toolkitCannotTarget('11.8', '9.0'), false);
  assert.equal(toolkitCannotTarget('11.8', '12.0'), true);
  assert.equal(toolkitCannotTarget('10.2', '10.0'), true);
  assert.equal(toolkitCannotTarget('11.3', '8.6'), false);
  assert.equal(toolkitCannotTarget('12.1', '12.0'), false);
});

test('pytorch=1.10 + cudatoolkit=11.3 on an RTX 5090 → gpu-arch-unsupported; on an H100 too', () => {
  for (const m of [RTX5090, H100]) {
    const f = only(check(ENV, m, '/p/environment.yml'), 'gpu-arch-unsupported');
    assert.equal(f.length, 1, m.gpu);
    assert.match(f[0].message, /1\.10\+cu113/);
  }
});

test('pytorch=1.10 + cudatoolkit=11.3 on driver 440 → driver-too-old', () => {
  assert.equal(only(check(ENV, { gpu: 'Tesla T4', driver: '440.33.01' }, '/p/environment.yml'), 'driver-too-old').length, 1);
});

test('corpus environment files with old pytorch pins on an RTX 5090: a finding on every one whose build is CUDA 10/11', () => {
  const dir = corpusFile('environment');
  let seen = 0;
  for (const name of readdirSync(dir)) {
    const text = corpusText(`environment/${name}`);
    const m = /^\s*-\s*(?:pytorch::)?pytorch\s*[=]=?\s*(1\.\d+)/m.exec(text);
    const tk = /^\s*-\s*cudatoolkit\s*=\s*(1[01]\.\d)/m.exec(text);
    if (!m || !tk) continue;
    seen++;
    const codes = check(text, RTX5090, `/corpus/${name}/environment.yml`).map((f) => f.code);
    assert.ok(codes.includes('gpu-arch-unsupported'), `${name}: ${codes.join(',')}`);
  }
  assert.ok(seen >= 2, `corpus files with pytorch 1.x + cudatoolkit 10/11: ${seen}`);
});

test('pytorch=1.10 + cudatoolkit=11.3 on an A100 (driver fine, kernels not in the data) → torch-version-unknown information, never silent', () => {
  const f = check(ENV, A100, '/p/environment.yml').filter((x) => x.code !== 'conda-pytorch-channel-ended');
  assert.deepEqual(f.map((x) => [x.code, x.severity]), [['torch-version-unknown', 'information']]);
  assert.match(f[0].message, /torch 1\.10 is older/);
  assert.match(f[0].message, /cu113/);
  // decided either way: no "unknown" beside a finding that judges it
  assert.deepEqual(only(check(ENV, RTX5090, '/p/environment.yml'), 'torch-version-unknown'), []);
});

test('corpus environment files with pytorch 1.x + cudatoolkit × NVIDIA machines: never silent (a GPU finding or torch-version-unknown)', () => {
  const dir = corpusFile('environment');
  const machines = [{ gpu: 'NVIDIA GeForce GTX 1080', driver: '580.95.05' }, RTX5090, H100, A100, { gpu: 'Tesla T4', driver: '470.256.02' }];
  let judged = 0;
  for (const name of readdirSync(dir)) {
    const text = corpusText(`environment/${name}`);
    if (!/^\s*-\s*(?:pytorch::)?pytorch\s*==?\s*1\.\d+/m.test(text) || !/^\s*-\s*cudatoolkit\s*=\s*1[01]\.\d/m.test(text)) continue;
    for (const m of machines) {
      const codes = check(text, m, `/corpus/${name}/environment.yml`).map((f) => f.code);
      judged++;
      assert.ok(codes.some((c) => ['driver-too-old', 'gpu-arch-unsupported', 'torch-version-unknown', 'driver-below-toolkit'].includes(c)), `${name} on ${m.gpu}: ${codes.join(',') || 'silent'}`);
    }
  }
  assert.ok(judged >= 10, `judged ${judged}`);
});

// A torch outcome the knowledge cannot tell is reported as torch-version-unknown (information), never
// silently passed; a fully known outcome gets no such finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, only } from './helpers';

const RTX4090 = { gpu: 'NVIDIA GeForce RTX 4090', driver: '550.54', python: '3.11' };

test('a wheel URL whose file name says no build → information on its line', () => {
  const text = 'torch @ https://example.com/wheels/torch-latest.whl\n';
  const f = only(check(text, RTX4090), 'torch-version-unknown');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'information');
  assert.equal(text.slice(f[0].span.start, f[0].span.end).startsWith('torch'), true);
});

test('pytorch from a conda channel the knowledge does not know → information', () => {
  const env = 'name: x\nchannels:\n  - my-private-channel\n  - conda-forge\ndependencies:\n  - pytorch=2.1\n';
  const f = only(check(env, RTX4090, '/p/environment.yml'), 'torch-version-unknown');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /my-private-channel/);
});

test('fully known outcomes get no torch-version-unknown', () => {
  for (const text of ['torch==2.5.1\n', 'torch>=2.4\n', 'torch==2.7.1\n--index-url https://download.pytorch.org/whl/cu128\n',
    'torch @ https://download.pytorch.org/whl/cu128/torch-2.9.0%2Bcu128-cp311-cp311-manylinux_2_28_x86_64.whl\n']) {
    assert.deepEqual(only(check(text, RTX4090), 'torch-version-unknown'), [], text);
  }
  const env = 'name: x\nchannels: [pytorch, nvidia]\ndependencies:\n  - pytorch=2.1\n  - pytorch-cuda=12.1\n';
  assert.deepEqual(only(check(env, RTX4090, '/p/environment.yml'), 'torch-version-unknown'), []);
});

test('a pinned torch newer than the knowledge still gets exactly one finding', () => {
  assert.equal(only(check('torch==9.1.0\n', RTX4090), 'torch-version-unknown').length, 1);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, check, only, preferred } from './helpers';

test('/whl/cu122 → torch-index-unknown, fix to cu121 (with or without a machine)', () => {
  const text = '--extra-index-url https://download.pytorch.org/whl/cu122\ntorch==2.1.2\n';
  for (const flags of [null, { driver: '535.104.05', gpu: 'NVIDIA GeForce RTX 4090' }]) {
    const f = only(check(text, flags), 'torch-index-unknown');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'error');
    assert.match(f[0].message, /cu122/);
    const fixed = apply(text, preferred(f[0]));
    assert.equal(fixed, '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2\n');
    assert.deepEqual(only(check(fixed, flags), 'torch-index-unknown'), []);
  }
});

test('unpinned torch: nearest across every published variant; mirrors and trailing slashes keep their shape', () => {
  const text = '-i https://mirrors.example.org/pytorch-wheels/cu122/\ntorch\n';
  const f = only(check(text, null), 'torch-index-unknown');
  assert.equal(f.length, 1);
  assert.equal(apply(text, preferred(f[0])), '-i https://mirrors.example.org/pytorch-wheels/cu121/\ntorch\n');
});

test('controls: real variants, nightly channels and non-PyTorch indexes are not flagged', () => {
  for (const url of ['https://download.pytorch.org/whl/cu121', 'https://download.pytorch.org/whl/rocm6.2', 'https://download.pytorch.org/whl/xpu',
    'https://download.pytorch.org/whl/nightly/cu130', 'https://pypi.org/simple', 'https://download.pytorch.org/whl/torch_stable.html']) {
    assert.deepEqual(only(check(`--extra-index-url ${url}\ntorch\n`, null), 'torch-index-unknown'), [], url);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, check, only, preferred } from './helpers';

test('torch==2.1.2 from the cu124 index → torch-variant-unavailable, nearest published variant', () => {
  const text = '--index-url https://download.pytorch.org/whl/cu124\ntorch==2.1.2\n';
  const f = only(check(text, null), 'torch-variant-unavailable');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /cu118, cu121/);
  assert.equal(apply(text, preferred(f[0])), '--index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2\n');
});

test('torch==2.8.0+cu118 (CUDA 11.8 dropped in 2.8): fixed on every family line to the best variant for the machine', () => {
  const text = '--extra-index-url https://download.pytorch.org/whl/cu118\ntorch==2.8.0+cu118\ntorchvision==0.23.0+cu118\n';
  const m = { driver: '550.54.15', gpu: 'NVIDIA GeForce RTX 3090' };
  const f = only(check(text, m), 'torch-variant-unavailable');
  assert.equal(f.length, 1);
  const fixed = apply(text, preferred(f[0]));
  assert.equal(fixed, '--extra-index-url https://download.pytorch.org/whl/cu129\ntorch==2.8.0+cu129\ntorchvision==0.23.0+cu129\n');
  assert.deepEqual(only(check(fixed, m), 'torch-variant-unavailable'), []);
});

test('controls: published variant; unknown (newer) torch versions are not judged', () => {
  assert.deepEqual(only(check('--index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2\n', null), 'torch-variant-unavailable'), []);
  assert.deepEqual(only(check('--index-url https://download.pytorch.org/whl/cu130\ntorch==2.99.0\n', null), 'torch-variant-unavailable'), []);
});

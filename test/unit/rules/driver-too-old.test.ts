import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, check, codes, corpusFile, corpusText, GPU_CODES, only, preferred } from './helpers';

test('driver 470.82.01 + torch==2.1.2+cu121 → driver-too-old, preferred fix moves to cu118', () => {
  const text = '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\ntorchvision==0.16.2+cu121  # vision\n';
  const f = only(check(text, { driver: '470.82.01' }), 'driver-too-old');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.match(f[0].message, /525\.60\.13/);
  assert.match(f[0].message, /470\.82\.01/);
  const fixed = apply(text, preferred(f[0]));
  assert.equal(fixed, '--extra-index-url https://download.pytorch.org/whl/cu118\ntorch==2.1.2+cu118\ntorchvision==0.16.2+cu118  # vision\n');
  assert.deepEqual(only(check(fixed, { driver: '470.82.01' }), 'driver-too-old'), []);
});

test('the bare pin (no index) is fixed to cu118 too, adding the index', () => {
  const text = 'torch==2.1.2+cu121\n';
  const f = only(check(text, { driver: '470.82.01' }), 'driver-too-old');
  assert.equal(f.length, 1);
  const fixed = apply(text, preferred(f[0]));
  assert.match(fixed, /torch==2\.1\.2\+cu118/);
  assert.match(fixed, /whl\/cu118/);
  assert.deepEqual(only(check(fixed, { driver: '470.82.01' }), 'driver-too-old'), []);
});

test('plain torch on Linux resolves to the PyPI CUDA build: an old driver is caught there too', () => {
  const text = 'torch==2.5.1\n';
  const f = only(check(text, { driver: '515.65.01', platform: 'linux' }), 'driver-too-old');
  assert.equal(f.length, 1, 'PyPI torch 2.5.1 is cu124');
  const fixed = apply(text, preferred(f[0]));
  assert.equal(fixed, '--extra-index-url https://download.pytorch.org/whl/cu118\ntorch==2.5.1\n');
});

test('13.x wheels need ≥ 580 even on Windows', () => {
  const f = only(check('--index-url https://download.pytorch.org/whl/cu130\ntorch==2.10.0\n', { driver: '560.94', platform: 'win32', gpu: 'NVIDIA GeForce RTX 4070' }), 'driver-too-old');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /580/);
});

test('control: a driver that meets the floor gets no driver-too-old, and no machine means silence', () => {
  const text = '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\n';
  assert.deepEqual(only(check(text, { driver: '535.104.05', gpu: 'NVIDIA GeForce RTX 4090' }), 'driver-too-old'), []);
  assert.deepEqual(check(text, null).filter((f) => GPU_CODES.includes(f.code)), []);
});

test('corpus: kohya_ss cu128 pins on a 470 driver are flagged and fixed to cu118; a 570 driver is clean', () => {
  const rel = 'requirements/bmaltais__kohya_ss/requirements_pytorch_windows.txt';
  const text = corpusText(rel);
  const gpu = 'NVIDIA GeForce RTX 3090';
  const bad = only(check(text, { driver: '470.82.01', gpu }, corpusFile(rel)), 'driver-too-old');
  assert.equal(bad.length, 1);
  const fixed = apply(text, preferred(bad[0]));
  assert.match(fixed, /whl\/cu118\n/);
  assert.match(fixed, /torch==2\.7\.0\+cu118\ntorchvision==0\.22\.0\+cu118\n/);
  assert.match(fixed, /# Custom index URL for specific packages/, 'comments untouched');
  assert.deepEqual(codes(check(fixed, { driver: '470.82.01', gpu }, corpusFile(rel))).filter((c) => GPU_CODES.includes(c)), []);
  const good = check(text, { driver: '570.124.06', gpu }, corpusFile(rel));
  assert.deepEqual(codes(good).filter((c) => GPU_CODES.includes(c)), []);
});

test('pixi [system-requirements] cuda above what the driver supports', () => {
  const rel = 'pyproject/matthewfeickert__pytorch-gpu-pixi-example__pixi.toml';
  const text = corpusText(rel);
  const f = only(check(text, { driver: '470.82.01', gpu: 'NVIDIA GeForce RTX 3090' }, '/p/pixi.toml'), 'driver-too-old');
  assert.ok(f.length >= 1, 'pixi cuda 12 needs a 12.x driver');
  assert.deepEqual(only(check(text, { driver: '580.65.06', gpu: 'NVIDIA GeForce RTX 3090' }, '/p/pixi.toml'), 'driver-too-old'), []);
});

test('conda pytorch-cuda=12.1 on a 470 driver: fix moves pytorch-cuda to 11.8 (offered for that release)', () => {
  const text = 'channels:\n  - pytorch\n  - nvidia\ndependencies:\n  - pytorch=2.1.2\n  - pytorch-cuda=12.1\n';
  const f = only(check(text, { driver: '470.82.01', gpu: 'NVIDIA GeForce RTX 3090' }, '/p/environment.yml'), 'driver-too-old');
  assert.equal(f.length, 1);
  assert.equal(apply(text, preferred(f[0])), 'channels:\n  - pytorch\n  - nvidia\ndependencies:\n  - pytorch=2.1.2\n  - pytorch-cuda=11.8\n');
});

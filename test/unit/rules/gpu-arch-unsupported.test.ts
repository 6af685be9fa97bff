import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, check, codes, corpusFile, corpusText, GPU_CODES, only, preferred } from './helpers';

const GTX1080 = { gpu: 'NVIDIA GeForce GTX 1080', driver: '580.65.06', platform: 'linux' };

test('GTX 1080 + driver 580.65.06 + torch 2.9.0 on the cu130 index → gpu-arch-unsupported, fix to cu126 (not the driver-only pick cu130)', () => {
  const text = '# CUDA 13 build\n--index-url https://download.pytorch.org/whl/cu130\ntorch==2.9.0\ntorchvision==0.24.0\n';
  const all = check(text, GTX1080);
  assert.deepEqual(only(all, 'driver-too-old'), [], 'the driver is new enough for cu130');
  const f = only(all, 'gpu-arch-unsupported');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.match(f[0].message, /sm_61/);
  assert.match(f[0].message, /cu126/);
  const fixed = apply(text, preferred(f[0]));
  assert.equal(fixed, '# CUDA 13 build\n--index-url https://download.pytorch.org/whl/cu126\ntorch==2.9.0\ntorchvision==0.24.0\n');
  assert.deepEqual(codes(check(fixed, GTX1080)).filter((c) => GPU_CODES.includes(c)), []);
});

test('RTX 5090 + torch==2.4.1+cu118 → gpu-arch-unsupported naming torch ≥ 2.7 and cu128+', () => {
  const text = '--extra-index-url https://download.pytorch.org/whl/cu118\ntorch==2.4.1+cu118\n';
  const m = { gpu: 'NVIDIA GeForce RTX 5090', driver: '575.57.08', platform: 'linux' };
  const f = only(check(text, m), 'gpu-arch-unsupported');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /torch ≥ 2\.7/);
  assert.match(f[0].message, /cu128 or newer/);
  assert.match(f[0].message, /sm_120/);
  // The fix upgrades torch to a release with sm_120 kernels that this 575 driver can run (12.x).
  const fixed = apply(text, preferred(f[0]));
  assert.match(fixed, /torch==2\.\d+\.\d+\+cu12[89]/);
  assert.deepEqual(codes(check(fixed, m)).filter((c) => GPU_CODES.includes(c)), []);
});

test('PTX-only coverage needs the toolkit driver: sm_120 on a cu129 wheel via compute_120 with a driver below 12.9', () => {
  // A GB10-class GPU (12.1) on torch 2.8 cu129: SASS sm_120 serves 12.1 (same major), so it runs.
  const ok = check('--index-url https://download.pytorch.org/whl/cu129\ntorch==2.8.0\n', { computeCap: '12.1', driver: '575.57.08' });
  assert.deepEqual(only(ok, 'gpu-arch-unsupported'), []);
});

test('control: RTX 4090 on torch 2.1.2 cu121 is fine (sm_86 SASS serves sm_89)', () => {
  const f = check('--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\n', { gpu: 'NVIDIA GeForce RTX 4090', driver: '550.54.15' });
  assert.deepEqual(codes(f).filter((c) => GPU_CODES.includes(c)), []);
});

test('no GPU and no target → silent', () => {
  assert.deepEqual(only(check('--index-url https://download.pytorch.org/whl/cu130\ntorch==2.9.0\n', null), 'gpu-arch-unsupported'), []);
  assert.deepEqual(only(check('--index-url https://download.pytorch.org/whl/cu130\ntorch==2.9.0\n', { platform: 'linux' }), 'gpu-arch-unsupported'), []);
});

test('corpus: unsloth blackwell requirements (torch 2.7.0+cu128) are right for an RTX 5090 and wrong for a GTX 1080', () => {
  const rel = 'requirements/unslothai__unsloth/blackwell/blackwell.requirements@5e3d1ae.txt';
  const text = corpusText(rel);
  const on5090 = check(text, { gpu: 'NVIDIA GeForce RTX 5090', driver: '575.57.08' }, corpusFile(rel));
  assert.deepEqual(codes(on5090).filter((c) => GPU_CODES.includes(c)), []);
  const on1080 = only(check(text, GTX1080, corpusFile(rel)), 'gpu-arch-unsupported');
  assert.equal(on1080.length, 1);
  assert.match(on1080[0].message, /cu118|cu126/);
});

test('driver unknown (GPU name only): still reported from the kernel lists, but no fix toward a variant the driver may not run', () => {
  const text = 'torch==2.4.1+cu118\n';
  const f = only(check(text, { gpu: 'NVIDIA GeForce RTX 5090' }), 'gpu-arch-unsupported');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /torch ≥ 2\.7/);
  assert.match(f[0].message, /cu128/);
  assert.deepEqual(f[0].fixes, []);
});

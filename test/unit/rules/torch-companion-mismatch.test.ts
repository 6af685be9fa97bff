// torch-companion-mismatch: triton / xformers / nvidia-*-cuNN against the torch that would be installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, check, only, preferred } from './helpers';
import { tritonFor } from '../../../src/core/knowledge/companions';

const A100 = { driver: '535.104.05', gpu: 'NVIDIA A100-SXM4-80GB', platform: 'linux' as const, python: '3.11' };
const H200_580 = { driver: '580.65.06', gpu: 'NVIDIA H200', platform: 'linux' as const, python: '3.12' };
const PASCAL_580 = { driver: '580.65.06', gpu: 'NVIDIA GeForce GTX 1080', platform: 'linux' as const, python: '3.11' };
const WIN4090 = { driver: '551.78', gpu: 'NVIDIA GeForce RTX 4090', platform: 'win32' as const, python: '3.11' };

test('the triton table holds only sourced pairs (2.7.1 → 3.3.1); an unlisted release is unknown', () => {
  assert.equal(tritonFor('2.7.1'), '3.3.1');
  assert.equal(tritonFor('2.11.0+cu130'), '3.6.0');
  assert.equal(tritonFor('2.7.0'), null);
});

test('torch==2.7.1 with triton==3.2.0 → error; the verified fix pins triton 3.3.1', () => {
  const text = 'torch==2.7.1\ntriton==3.2.0\n';
  const [f] = only(check(text, A100), 'torch-companion-mismatch');
  assert.ok(f, 'reported');
  assert.equal(f.severity, 'error');
  assert.match(f.message, /3\.3\.1/);
  const fix = preferred(f);
  assert.equal(fix.verified, true);
  const fixed = apply(text, fix);
  assert.equal(fixed, 'torch==2.7.1\ntriton==3.3.1\n');
  assert.deepEqual(only(check(fixed, A100), 'torch-companion-mismatch'), []);
});

test('the matching triton, an unpinned one, and Windows (no triton requirement) are not reported', () => {
  assert.deepEqual(only(check('torch==2.7.1\ntriton==3.3.1\n', A100), 'torch-companion-mismatch'), []);
  assert.deepEqual(only(check('torch==2.7.1\ntriton\n', A100), 'torch-companion-mismatch'), []);
  assert.deepEqual(only(check('torch==2.7.1\ntriton==3.2.0\n', WIN4090), 'torch-companion-mismatch'), []);
});

test('a cu130 torch with nvidia-nccl-cu12 → error; the fix removes the cu12 line', () => {
  const text = '--index-url https://download.pytorch.org/whl/cu130\ntorch==2.9.0\nnvidia-nccl-cu12==2.21.5\nnumpy\n';
  const [f] = only(check(text, H200_580), 'torch-companion-mismatch');
  assert.ok(f, 'reported');
  assert.match(f.message, /CUDA 12/);
  const fixed = apply(text, preferred(f));
  assert.equal(fixed, '--index-url https://download.pytorch.org/whl/cu130\ntorch==2.9.0\nnumpy\n');
  assert.deepEqual(only(check('--index-url https://download.pytorch.org/whl/cu130\ntorch==2.9.0\nnvidia-nccl-cu13\n', H200_580), 'torch-companion-mismatch'), []);
});

test('cuda-toolkit is judged by its version; xformers by the torch it requires (no fix offered)', () => {
  const toolkit = only(check('--index-url https://download.pytorch.org/whl/cu126\ntorch==2.9.0\ncuda-toolkit==13.0.2\n', A100), 'torch-companion-mismatch');
  assert.equal(toolkit.length, 1);
  const [x] = only(check('torch==2.6.0\nxformers==0.0.29.post1\n', A100), 'torch-companion-mismatch');
  assert.ok(x);
  assert.match(x.message, /2\.5\.1/);
  assert.deepEqual(x.fixes, []);
  assert.deepEqual(only(check('torch==2.5.1\nxformers==0.0.29.post1\n', A100), 'torch-companion-mismatch'), []);
});

test('GTX 1080 on cu130 → cu126: the nvidia-*-cu13 companions go with the move, so the fix still verifies', () => {
  const text = '--index-url https://download.pytorch.org/whl/cu130\ntorch==2.9.0\nnvidia-cudnn-cu13\n';
  const fs = check(text, PASCAL_580).filter((f) => f.code === 'gpu-arch-unsupported');
  assert.equal(fs.length, 1);
  const fix = preferred(fs[0]);
  assert.equal(fix.verified, true);
  const fixed = apply(text, fix);
  assert.match(fixed, /cu126/);
  assert.doesNotMatch(fixed, /nvidia-cudnn-cu13/);
  assert.deepEqual(check(fixed, PASCAL_580).filter((f) => f.severity === 'error').map((f) => f.code), []);
});

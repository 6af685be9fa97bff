import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, only } from './helpers';

test('CUDA index and +cu pin on macOS → macos-cuda-index', () => {
  const f = only(check('--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\n', { platform: 'darwin' }), 'macos-cuda-index');
  assert.equal(f.length, 2);
  assert.equal(f[0].severity, 'warning');
});

test('controls: cpu index on macOS; CUDA index on Linux or with no machine', () => {
  assert.deepEqual(only(check('--extra-index-url https://download.pytorch.org/whl/cpu\ntorch\n', { platform: 'darwin' }), 'macos-cuda-index'), []);
  assert.deepEqual(only(check('--extra-index-url https://download.pytorch.org/whl/cu121\ntorch\n', { platform: 'linux' }), 'macos-cuda-index'), []);
  assert.deepEqual(only(check('--extra-index-url https://download.pytorch.org/whl/cu121\ntorch\n', null), 'macos-cuda-index'), []);
});

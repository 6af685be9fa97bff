import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelsFor, kernelSupport, servingTarget } from '../../../src/core/knowledge/arches';

test('kernel lists per torch version + variant + platform', () => {
  assert.deepEqual(kernelsFor('2.9.0', 'cu126', 'linux')?.entry.sass, ['5.0', '6.0', '7.0', '7.5', '8.0', '8.6', '9.0']);
  assert.deepEqual(kernelsFor('2.9.1', 'cu130', 'linux')?.entry.ptx, ['12.0']);
  assert.deepEqual(kernelsFor('2.9.1', 'cu130', 'win32')?.entry.ptx, [], 'no PTX on Windows');
  assert.equal(kernelsFor('2.11.0', 'cu130', 'linux', 'arm64')?.entry.platforms[0], 'linux-aarch64');
  assert.equal(kernelsFor('2.4.1', 'cu121', 'win32')?.approximate, true);
  assert.equal(kernelsFor('2.15.0', 'cu130', 'linux'), null);
});

test('SASS runs on the same major with an equal or higher minor; PTX JITs forward', () => {
  const cu126 = kernelsFor('2.9.0', 'cu126', 'linux')!.entry;
  assert.equal(kernelSupport('6.1', cu126), 'sass');
  assert.equal(servingTarget('6.1', cu126), 'sm_60');
  assert.equal(kernelSupport('8.9', cu126), 'sass');
  assert.equal(servingTarget('8.9', cu126), 'sm_86');
  assert.equal(kernelSupport('12.0', cu126), 'none');
  const cu130 = kernelsFor('2.9.0', 'cu130', 'linux')!.entry;
  assert.equal(kernelSupport('6.1', cu130), 'none');
  assert.equal(kernelSupport('12.1', cu130), 'sass');
  assert.equal(kernelSupport('10.7', cu130), 'sass', 'sm_100 SASS serves 10.7 (same major)');
  assert.equal(kernelSupport('11.0', cu130), 'none', 'x86 cu130 has no sm_110 and PTX 12.0 cannot JIT backwards');
});

test('unknown PTX: a GPU older than every target still has no kernel; a newer one is unknown', () => {
  const cu128 = kernelsFor('2.7.0', 'cu128', 'linux')!.entry;
  assert.equal(cu128.ptx, null);
  assert.equal(kernelSupport('6.1', cu128), 'none');
  assert.equal(kernelSupport('12.0', cu128), 'sass');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelsFor, kernelSupport, servingTarget } from '../../../src/core/knowledge/arches';

test('kernel lists per torch version + variant + platform', () => {
  assert.deepEqual(kernelsFor('2.9.0', 'cu126', 'linux')?.entry.sass, ['5.0', '6.0', '7.0', '7.5', '8.0', '8.6', '9.0']);
  assert.deepEqual(kernelsFor('2.9.1', 'cu130', 'linux')?.entry.ptx, ['12.0']);
  assert.deepEqual(kernelsFor('2.9.1', 'cu130', 'win32')?.entry.ptx, [], 'no PTX on Windows');
  assert.equal(kernelsFor('2.11.0', 'cu130', 'linux', 'arm64')?.entry.platforms[0], 'linux-aarch64');
  assert.equal(kernelsFor('2.4.1', 'cu121', 'win32')?.approximate, true);
  assert.deepEqual(kernelsFor('2.11.0', 'cu130', 'linux')?.entry.ptx, [], 'no PTX in 2.11 cu130 release binaries (PR #175567)');
  assert.deepEqual(kernelsFor('2.14.1', 'cu132', 'linux')?.entry.ptx, [], '2.13/2.14 release wheels stripped of +PTX');
  assert.deepEqual(kernelsFor('2.12.1', 'cu129', 'linux')?.entry.sass, ['7.0', '7.5', '8.0', '8.6', '9.0', '10.0', '12.0']);
});

test('a release line without a kernel list is inferred, and says so', () => {
  const cu130 = kernelsFor('2.15.0', 'cu130', 'linux');
  assert.equal(cu130?.inferredFrom, '2.14', 'newest earlier list of the same variant');
  assert.equal(kernelsFor('2.14.0', 'cu130', 'linux')?.inferredFrom, undefined, 'a listed line is not inferred');
  const cu134 = kernelsFor('2.16.0', 'cu134', 'linux');
  assert.ok(cu134, 'a never-seen CUDA 13 variant takes the newest CUDA 13 list');
  assert.equal(cu134.entry.sass[0], '7.5', 'every cu13x build so far starts at sm_75');
  assert.equal(kernelsFor('2.16.0', 'cu128', 'linux')?.inferredFrom, '2.11', 'cu12x: only its own variant');
  assert.equal(kernelsFor('2.16.0', 'cu127', 'linux'), null, 'no cu12x guess from another minor');
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

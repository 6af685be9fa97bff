import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTargetSetting } from '../../../src/core/targetProfile';

test('unset or empty target means no profile', () => {
  assert.deepEqual(parseTargetSetting(null), { flags: null, problems: [] });
  assert.deepEqual(parseTargetSetting(undefined), { flags: null, problems: [] });
  assert.deepEqual(parseTargetSetting({}), { flags: null, problems: [] });
  assert.deepEqual(parseTargetSetting({ driver: '' }), { flags: null, problems: [] });
});

test('a full profile maps computeCapability to the computeCap flag', () => {
  const r = parseTargetSetting({ driver: '470.82.01', gpu: 'NVIDIA GeForce GTX 1080', computeCapability: '6.1', platform: 'linux', python: '3.10' });
  assert.deepEqual(r.flags, { driver: '470.82.01', gpu: 'NVIDIA GeForce GTX 1080', computeCap: '6.1', platform: 'linux', python: '3.10' });
  assert.deepEqual(r.problems, []);
});

test('invalid entries are dropped and named', () => {
  const r = parseTargetSetting({ driver: 'latest', computeCapability: 8.9, platform: 'windows', python: ' 3.11 ', colour: 'red' });
  assert.deepEqual(r.flags, { python: '3.11' });
  assert.equal(r.problems.length, 4);
  assert.ok(r.problems.some((p) => p.includes('platform')));
  assert.ok(r.problems.some((p) => p.includes('colour')));
  assert.deepEqual(parseTargetSetting('rtx 4090').flags, null);
  assert.equal(parseTargetSetting([1]).problems.length, 1);
});

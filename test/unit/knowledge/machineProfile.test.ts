import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noGpu, type Machine } from '../../../src/core/machine';
import { MachineFlagError, machineFromFlags, parsePlatform } from '../../../src/core/machineProfile';

test('GPU name → compute capability, driver → max CUDA', () => {
  const m = machineFromFlags({ gpu: 'NVIDIA GeForce RTX 4090', driver: '551.78', platform: 'win32', python: '3.11.9' });
  assert.equal(m.platform, 'win32');
  assert.equal(m.gpu.vendor, 'nvidia');
  assert.equal(m.gpu.gpus[0].computeCapability, '8.9');
  assert.equal(m.gpu.cuda, '12.4');
  assert.equal(m.python, '3.11');
  assert.equal(m.source, 'flags');
  assert.equal(machineFromFlags({ gpu: 'Some Future GPU' }).gpu.gpus[0].computeCapability, null);
  assert.equal(machineFromFlags({ gpu: 'Some Future GPU', computeCap: '13.0' }).gpu.gpus[0].computeCapability, '13.0');
});

test('flags override a detected base; no flags keep it', () => {
  const base: Machine = {
    platform: 'linux', arch: 'x64', python: '3.10', source: 'detected',
    gpu: { vendor: 'nvidia', driver: '535.104.05', cuda: '12.2', error: null,
      gpus: [{ index: 0, name: 'NVIDIA A100-SXM4-80GB', computeCapability: '8.0', memoryTotalMiB: 81920, memoryUsedMiB: 0, utilizationPercent: 0 }] },
  };
  assert.deepEqual(machineFromFlags({}, base), base);
  const m = machineFromFlags({ driver: '470.82.01' }, base);
  assert.equal(m.gpu.driver, '470.82.01');
  assert.equal(m.gpu.gpus[0].name, 'NVIDIA A100-SXM4-80GB');
  assert.equal(m.source, 'flags');
  assert.equal(base.gpu.driver, '535.104.05', 'base not mutated');
  assert.deepEqual(machineFromFlags({ platform: 'darwin' }, base).gpu, noGpu());
});

test('malformed values are refused with a reason', () => {
  assert.throws(() => machineFromFlags({ platform: 'beos' }), MachineFlagError);
  assert.throws(() => machineFromFlags({ computeCap: '8' }), MachineFlagError);
  assert.throws(() => machineFromFlags({ driver: 'latest' }), MachineFlagError);
  assert.throws(() => machineFromFlags({ python: 'three' }), MachineFlagError);
  assert.equal(parsePlatform('Windows'), 'win32');
  assert.equal(parsePlatform('macos'), 'darwin');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestVariant, nearestVariant, variantFit } from '../../../src/core/knowledge/fit';
import { KNOWLEDGE_AS_OF, recommend } from '../../../src/core/knowledge/recommend';
import { machineFromFlags } from '../../../src/core/machineProfile';

test('best variant = newest published variant whose driver floor is met and whose kernels run', () => {
  assert.equal(bestVariant('2.1.2', machineFromFlags({ driver: '470.82.01' }))?.variant, 'cu118');
  assert.equal(bestVariant('2.9.0', machineFromFlags({ driver: '580.65.06', gpu: 'NVIDIA GeForce GTX 1080' }))?.variant, 'cu126');
  assert.equal(bestVariant('2.9.0', machineFromFlags({ driver: '580.65.06', gpu: 'NVIDIA GeForce RTX 4090' }))?.variant, 'cu130');
  assert.equal(bestVariant('2.4.1', machineFromFlags({ gpu: 'NVIDIA GeForce RTX 5090', driver: '575.57.08' })), null);
  assert.equal(bestVariant('2.15.0', machineFromFlags({ driver: '580.65.06' })), null, 'unknown version');
});

test('driver fit: floor, toolkit driver and PTX', () => {
  const f = variantFit('2.5.1', 'cu124', machineFromFlags({ driver: '535.104.05' }));
  assert.equal(f.driverFloor, '525.60.13');
  assert.equal(f.driver, 'below-toolkit');
  assert.equal(variantFit('2.5.1', 'cu124', machineFromFlags({ driver: '470.82.01' })).driver, 'too-old');
});

test('recommend(): pinned version or newest well-known release that runs here; Windows never CPU with a GPU', () => {
  const win = recommend(machineFromFlags({ gpu: 'NVIDIA GeForce RTX 4090', driver: '551.78', platform: 'win32' }));
  assert.ok(win);
  assert.equal(win.variant, 'cu126');
  assert.match(win.command, /--index-url https:\/\/download\.pytorch\.org\/whl\/cu126$/);
  assert.match(win.command, new RegExp(`torch==${win.torch.replace(/\./g, '\\.')}`));
  const r = recommend(machineFromFlags({ driver: '470.82.01' }), '2.1.2');
  assert.equal(r?.variant, 'cu118');
  assert.equal(r?.torchvision, '0.16.2');
  const mac = recommend(machineFromFlags({ platform: 'darwin' }));
  assert.equal(mac?.variant, 'cpu');
  assert.doesNotMatch(mac?.command ?? '', /index-url/);
  assert.equal(recommend(machineFromFlags({}), '9.9.9'), null);
  assert.match(KNOWLEDGE_AS_OF, /^\d{4}-\d{2}$/);
});

test('nearest real variant', () => {
  assert.equal(nearestVariant('cu122', ['cpu', 'cu118', 'cu121', 'cu124']), 'cu121');
  assert.equal(nearestVariant('cu123', ['cu121', 'cu124']), 'cu124');
  assert.equal(nearestVariant('cpu', ['cu121']), null);
});

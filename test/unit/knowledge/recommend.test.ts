import { corpusPath } from '../../paths';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { bestVariant, nearestVariant, variantFit } from '../../../src/core/knowledge/fit';
import { KNOWLEDGE_AS_OF, recommend, recommendationGap } from '../../../src/core/knowledge/recommend';
import { parseNvidiaSmiOutput } from '../../../src/core/gpu/nvidiaSmi';
import type { Machine } from '../../../src/core/machine';
import { machineFromFlags } from '../../../src/core/machineProfile';

const smiL = corpusPath('nvidia-smi', '05-list-L-h100-mig.txt');

test('best variant = newest published variant whose driver floor is met and whose kernels run', () => {
  assert.equal(bestVariant('2.1.2', machineFromFlags({ driver: '470.82.01' }))?.variant, 'cu118');
  assert.equal(bestVariant('2.9.0', machineFromFlags({ driver: '580.65.06', gpu: 'NVIDIA GeForce GTX 1080' }))?.variant, 'cu126');
  assert.equal(bestVariant('2.9.0', machineFromFlags({ driver: '580.65.06', gpu: 'NVIDIA GeForce RTX 4090' }))?.variant, 'cu130');
  assert.equal(bestVariant('2.4.1', machineFromFlags({ gpu: 'NVIDIA GeForce RTX 5090', driver: '575.57.08' })), null);
  assert.equal(bestVariant('3.0.0', machineFromFlags({ driver: '580.65.06' })), null, 'unknown version');
  // 2.15.0 has CUDA 13.x builds only (no cu126): no Pascal kernels, inferred from cu13x.
  assert.equal(bestVariant('2.15.0', machineFromFlags({ driver: '580.65.06', gpu: 'NVIDIA GeForce GTX 1080' })), null);
  assert.equal(bestVariant('2.15.0', machineFromFlags({ driver: '580.65.06', gpu: 'NVIDIA GeForce RTX 4090' }))?.kernelList?.inferredFrom, '2.14');
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

test('driver unknown + RTX 4090: no variant is claimed to run; the gap says why and lists the facts', () => {
  const m = machineFromFlags({ gpu: 'NVIDIA GeForce RTX 4090' });
  assert.equal(m.gpu.driver, null);
  assert.equal(recommend(m), null, 'no recommendation without the driver');
  assert.equal(recommend(m, '2.9.0'), null, 'nor for a pinned version');
  assert.equal(bestVariant('2.9.0', m), null, 'fixes get no target either');
  const gap = recommendationGap(m, '2.9.0');
  assert.ok(gap);
  assert.match(gap.message, /^unknown: NVIDIA driver not detected/);
  // Facts from the data, newest first: each variant of 2.9.0 with sm_89 kernels and its driver floor.
  assert.match(gap.message, /torch 2\.9\.0 has kernels for sm_89 in cu130 \(driver ≥ 580\), cu129 \(driver ≥ 525\.60\.13\), cu128 \(driver ≥ 525\.60\.13\), cu126 \(driver ≥ 525\.60\.13\)/);
  assert.equal(gap.l10n.template.includes('{0}'), true);
  // A GPU without kernels in a variant is not listed: GTX 1080 (sm_61) on 2.9.0 only in cu126.
  assert.match(recommendationGap(machineFromFlags({ gpu: 'NVIDIA GeForce GTX 1080' }), '2.9.0')?.message ?? '', / in cu126 \(driver ≥ 525\.60\.13\);/);
});

test('driver unknown from a real `nvidia-smi -L` output: GPUs known, no recommendation', () => {
  const gpu = parseNvidiaSmiOutput(readFileSync(smiL, 'utf8'));
  assert.ok(gpu.gpus.length > 0);
  assert.equal(gpu.driver, null);
  const m: Machine = { platform: 'linux', gpu, python: null, source: 'detected' };
  assert.equal(recommend(m), null);
  assert.match(recommendationGap(m)?.message ?? '', /^unknown: NVIDIA driver not detected/);
});

test('driver known: the recommendation says the driver meets the floor; no gap', () => {
  const m = machineFromFlags({ gpu: 'NVIDIA GeForce RTX 4090', driver: '550.54.14' });
  const r = recommend(m, '2.9.0');
  assert.ok(r);
  assert.equal(r.variant, 'cu129', 'cu130 needs driver ≥ 580; cu129 (published for 2.9.x, corrections 2026-11) runs under minor-version compatibility');
  assert.match(r.reason, /driver 550\.54\.14 meets its floor ≥ 525\.60\.13/);
  assert.match(r.reason, /sm_89/);
  assert.equal(recommendationGap(m), null);
});

test('no GPU: the CPU build, and no driver gap', () => {
  const m = machineFromFlags({});
  assert.equal(m.gpu.vendor, 'none');
  const r = recommend(m);
  assert.equal(r?.variant, 'cpu');
  assert.match(r?.indexUrl ?? '', /\/whl\/cpu$/);
  assert.match(r?.reason ?? '', /no NVIDIA GPU/);
  assert.equal(recommendationGap(m), null);
  assert.equal(recommendationGap(machineFromFlags({ platform: 'darwin' })), null);
});

// The recommendation honours the machine's Python, AMD gfx targets and Windows, unknown compute
// capabilities, driver branches, and drivers too old for every CUDA build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { machineFromFlags } from '../../../src/core/machineProfile';
import type { Machine } from '../../../src/core/machine';
import { recommend, recommendationGap } from '../../../src/core/knowledge/recommend';
import { pythonSupport } from '../../../src/core/knowledge/torch';
import { driverGpuPair, rocmGfxTargets } from '../../../src/core/knowledge/gpus';

const RTX4090 = { gpu: 'NVIDIA GeForce RTX 4090', driver: '580.65.06', platform: 'linux' };

test("the machine's Python: no release without wheels for it is recommended", () => {
  for (const python of ['3.9', '3.10', '3.12', '3.14']) {
    const r = recommend(machineFromFlags({ ...RTX4090, python }));
    assert.ok(r, python);
    assert.equal(pythonSupport(r.torch, python), 'supported', `${python} → torch ${r.torch}`);
  }
  const py39 = recommend(machineFromFlags({ ...RTX4090, python: '3.9' }));
  assert.equal(py39?.torch, '2.8.0', 'the newest release with Python 3.9 wheels');
  const cpu = recommend(machineFromFlags({ python: '3.9', platform: 'linux' }));
  assert.equal(pythonSupport(cpu?.torch ?? '', '3.9'), 'supported');
});

test('an unknown compute capability never yields "runs here": the newest variant, and how to tell', () => {
  const m = machineFromFlags({ gpu: 'NVIDIA Mystery GPU 9000', driver: '580.65.06', platform: 'linux' });
  assert.equal(m.gpu.gpus[0].computeCapability, null);
  const r = recommend(m);
  assert.ok(r);
  assert.doesNotMatch(r.reason, /runs here/);
  assert.match(r.reason, /unknown/);
  assert.match(r.reason, /--compute-cap/);
  assert.match(r.variant, /^cu13/, 'the variant covering the newest architectures');
});

test('driver branches: an RTX 5090 on R550 is an impossible pair; Pascal past R580 too', () => {
  assert.equal(driverGpuPair('550.54.14', '12.0').fit, 'too-old');
  assert.equal(driverGpuPair('570.86.10', '12.0').fit, 'ok');
  assert.equal(driverGpuPair('590.44.01', '6.1').fit, 'too-new');
  assert.equal(driverGpuPair('470.82.01', '3.7').fit, 'ok');
  assert.equal(driverGpuPair('535.104.05', '3.7').fit, 'too-new');
  const m = machineFromFlags({ gpu: 'NVIDIA GeForce RTX 5090', driver: '550.54.14', platform: 'linux' });
  assert.equal(recommend(m), null);
  assert.match(recommendationGap(m)?.message ?? '', /driver 550\.54\.14 cannot drive a GPU of compute capability 12\.0: it needs driver branch R570\+/);
});

test('a driver too old for every CUDA build: the CPU build, with what each build needs', () => {
  const r = recommend(machineFromFlags({ gpu: 'NVIDIA GeForce GTX 1080', driver: '418.87.01', platform: 'linux' }));
  assert.equal(r?.variant, 'cpu');
  assert.match(r?.reason ?? '', /driver 418\.87\.01 is older than every CUDA build of torch .* needs \(.*cu126 ≥ 525\.60\.13/);
});

function amd(platform: 'linux' | 'win32', gfx: string[]): Machine {
  return { platform, gpu: { vendor: 'amd', driver: null, cuda: null, gpus: [], error: null, amdGfx: gfx }, python: null, source: 'flags' };
}

test('AMD: ROCm only when its gfx list holds the GPU, never on Windows', () => {
  assert.ok(rocmGfxTargets('rocm7.2')?.includes('gfx1151'));
  const r = recommend(amd('linux', ['gfx1100']));
  assert.match(r?.variant ?? '', /^rocm/);
  assert.ok(rocmGfxTargets(r?.variant ?? '')?.includes('gfx1100'));
  const strix = recommend(amd('linux', ['gfx1151']));
  assert.ok(strix?.variant === 'cpu' || rocmGfxTargets(strix?.variant ?? '')?.includes('gfx1151'), strix?.variant);
  assert.equal(recommend(amd('linux', ['gfx803']))?.variant, 'cpu', 'Polaris is in no ROCm list');
  assert.equal(recommend(amd('linux', []))?.variant, 'cpu', 'gfx unknown');
  const win = recommend(amd('win32', ['gfx1100']));
  assert.equal(win?.variant, 'cpu');
  assert.match(win?.reason ?? '', /no ROCm wheels for Windows/);
});

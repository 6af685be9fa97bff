import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { Detection, InstalledTorch } from '../../../src/core/detection';
import type { Machine } from '../../../src/core/machine';
import { machineFromFlags } from '../../../src/core/machineProfile';
import { LINK_COMMANDS, statusView, type StatusInput } from '../../../src/core/statusView';

const md = new MarkdownIt({ html: true, linkify: false });

function gpuMachine(): Machine {
  const m = machineFromFlags({ gpu: 'NVIDIA GeForce RTX 4090', driver: '550.54.14', platform: 'linux', python: '3.11' });
  m.gpu.gpus.push({ ...m.gpu.gpus[0], index: 1, name: 'NVIDIA GeForce RTX 3090', computeCapability: '8.6' });
  return { ...m, source: 'detected' };
}

function torch(over: Partial<InstalledTorch>): InstalledTorch {
  return {
    version: '2.5.1+cu124', cuda: '12.4', hip: null, cudaAvailable: true, mpsAvailable: null, archList: ['sm_80', 'sm_86', 'sm_89', 'sm_90'],
    deviceCount: 2, error: null, cpuBuildOnGpuMachine: false, missingArch: null, ...over,
  };
}

function state(detection: Detection | null, over: Partial<StatusInput> = {}): StatusInput {
  return { detection, refreshing: false, probing: false, firstPaintOnly: false, ...over };
}

const env = { name: 'py_comfy', prefix: '/opt/conda/envs/py_comfy', python: '3.11.9', pythonPath: null, source: 'conda-env-vars', kind: 'conda' } as const;

/** Every link in the rendered tooltip points at an allow-listed command. */
function links(markdown: string): string[] {
  return [...md.render(markdown).matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
}

test('nothing detected yet: a spinner and no warning', () => {
  const v = statusView(state(null));
  assert.match(v.text, /^\$\(loading~spin\) Detecting GPU/);
  assert.equal(v.warning, false);
  assert.equal(v.recommendation, null);
  assert.doesNotMatch(v.accessibilityLabel, /\$\(/);
});

test('two GPUs, the driver\'s CUDA and the env; the tooltip lists every GPU and recommends an install', () => {
  const v = statusView(state({ machine: gpuMachine(), env, torch: torch({}) }));
  assert.match(v.text, /^\$\(chip\) .*RTX 4090.* · CUDA 12\.\d · py_comfy$/);
  assert.equal(v.warning, false);
  assert.match(v.tooltip, /RTX 4090[^]*RTX 3090[^]*Driver 550\.54\.14: supports CUDA up to 12\.\d/);
  assert.ok(v.recommendation, 'an RTX 4090 with driver 550 has a recommended build');
  assert.ok(v.tooltip.includes(v.recommendation.command));
  assert.deepEqual(links(v.tooltip).filter((l) => !LINK_COMMANDS.includes(l.replace(/^command:/, ''))), []);
  assert.ok(links(v.tooltip).includes('command:aiEnvDoctor.copyInstallCommand'));
});

test('a spinner while refreshing, with the previous values said to be previous', () => {
  const v = statusView(state({ machine: gpuMachine(), env, torch: torch({}) }, { refreshing: true }));
  assert.match(v.text, /^\$\(loading~spin\) /);
  assert.match(v.tooltip, /previous probe/);
});

test('a CPU-only torch on a GPU machine turns the item into a warning and says why', () => {
  const v = statusView(state({ machine: gpuMachine(), env, torch: torch({ version: '2.5.1+cpu', cuda: null, cudaAvailable: false, cpuBuildOnGpuMachine: true, archList: [] }) }));
  assert.equal(v.warning, true);
  assert.match(v.tooltip, /Torch not compiled with CUDA enabled/);
  assert.match(v.tooltip, /\(CPU\); can use the GPU: no/);
});

test('an nvidia-smi timeout is a warning that names it', () => {
  const m = machineFromFlags({ platform: 'linux' });
  m.gpu.error = 'timeout';
  const v = statusView(state({ machine: { ...m, source: 'detected' }, env: null, torch: null }));
  assert.match(v.text, /nvidia-smi timed out/);
  assert.equal(v.warning, true);
  assert.match(v.tooltip, /nvidia-smi timed out \(killed\)/);
  assert.match(v.tooltip, /No Python environment found/);
});

test('the first paint alone recommends nothing and gives no reason yet', () => {
  const m = gpuMachine();
  const v = statusView(state({ machine: { ...m, gpu: { ...m.gpu, gpus: [], driver: '550.54.14' } }, env: null, torch: null }, { firstPaintOnly: true, probing: true }));
  assert.match(v.text, /^\$\(loading~spin\) NVIDIA driver 550\.54\.14/);
  assert.equal(v.recommendation, null);
  assert.equal(v.gap, null);
  assert.match(v.tooltip, /Quick look/);
});

test('hostile process output in names, prefixes and error details adds no link, line or HTML to the tooltip', () => {
  const hostile = 'X\r# [run](command:aiEnvDoctor.createCondaEnv?%7B%22yes%22%3Atrue%7D) <img src=x> `a` $(zap) &lt;';
  const m = gpuMachine();
  m.gpu.gpus[0].name = hostile;
  m.gpu.error = 'unparsed';
  m.gpu.errorDetail = hostile;
  const d: Detection = { machine: m, env: { ...env, name: hostile, prefix: `/tmp/${hostile}` }, torch: torch({ error: null, version: hostile }) };
  const v = statusView(state(d));
  const html = md.render(v.tooltip);
  assert.deepEqual(links(v.tooltip).filter((l) => !LINK_COMMANDS.includes(l.replace(/^command:/, ''))), [], html);
  assert.doesNotMatch(html, /<img|<h1|<h2/);
  // Outside code spans (which VS Code does not scan for icons) no icon syntax came through.
  assert.doesNotMatch(v.tooltip.replace(/(`+)[^`][^]*?\1/g, ''), /(^|[^\\])\$\(zap\)/);
  assert.doesNotMatch(v.text, /\n|\r/);
  assert.deepEqual(v.text.match(/(?<!\\)\$\([^)]*\)/g), ['$(chip)'], 'the item text has no icon of its own');
  assert.match(v.accessibilityLabel, /\$\(zap\)/, 'a screen reader hears the value as written');
});

test('every string goes through the translator', () => {
  const v = statusView(state({ machine: gpuMachine(), env: null, torch: null }), (m) => `«${m.message}»`);
  assert.match(v.tooltip, /«AI Env Doctor»/);
  assert.match(v.tooltip, /«Driver 550\.54\.14: supports CUDA up to 12\.\d»/);
  assert.match(v.tooltip, /«Refresh»\]\(command:aiEnvDoctor\.refresh\)/);
});

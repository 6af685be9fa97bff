import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toJson, toText } from '../../../src/cli/detect';
import type { Detection } from '../../../src/core/detection';
import { envLabel, gpuProblem, torchBuild } from '../../../src/core/describe';
import { format } from '../../../src/core/l10n';
import type { GpuError } from '../../../src/core/machine';
import { machineFromFlags } from '../../../src/core/machineProfile';
import { escapeMarkdown } from '../../../src/core/markdown';
import { buildReport } from '../../../src/core/reportMarkdown';
import { statusView } from '../../../src/core/statusView';

const ERRORS: GpuError[] = ['not-installed', 'no-driver', 'driver-library-mismatch', 'no-devices', 'timeout', 'unparsed'];
const t = (template: string, ...args: (string | number)[]) => format(template, args);

function detectionWith(error: GpuError): Detection {
  const m = machineFromFlags({ gpu: 'NVIDIA GeForce RTX 4090', driver: '550.54.14', platform: 'linux' });
  return { machine: { ...m, source: 'detected', gpu: { ...m.gpu, error } }, env: null, torch: null };
}

test('every GPU error is said in words, the same words on every surface (status bar, report, detect)', () => {
  for (const error of ERRORS) {
    const words = gpuProblem(error).message;
    assert.notEqual(words, error, `${error} has a sentence`);
    const d = detectionWith(error);
    const status = statusView({ detection: d, refreshing: false, probing: false, firstPaintOnly: false }).tooltip;
    const report = buildReport({
      detection: d, machine: d.machine, files: [], recommendation: null, knowledgeAsOf: '2026-11', generatedAt: 'now', docsUrl: (c) => c,
    }, t);
    const detect = toText(toJson(d));
    assert.ok(status.includes(escapeMarkdown(words)), `status bar: ${error}`);
    assert.ok(report.includes(escapeMarkdown(words)), `report: ${error}`);
    assert.ok(detect.includes(words), `detect: ${error}\n${detect}`);
  }
});

test('an error code this version does not know is shown as itself', () => {
  assert.equal(gpuProblem('some-new-error').message, 'some-new-error');
});

test('an env is named by its name, else its folder (POSIX or Windows), else its Python', () => {
  const base = { name: null, prefix: null, python: null, pythonPath: null, source: 'path', kind: 'unknown' } as const;
  assert.equal(envLabel(null), null);
  assert.equal(envLabel({ ...base, name: 'py_comfy', prefix: '/x/y' }), 'py_comfy');
  assert.equal(envLabel({ ...base, prefix: '/opt/conda/envs/ml/' }), 'ml');
  assert.equal(envLabel({ ...base, prefix: 'C:\\Users\\me\\miniconda3\\envs\\ml' }), 'ml');
  assert.equal(envLabel({ ...base, python: '3.12.1' }), 'Python 3.12.1');
  assert.equal(envLabel(base), null);
});

test('what a torch was built for', () => {
  const torch = { version: '2.5.1', cuda: null, hip: null, cudaAvailable: null, mpsAvailable: null, archList: [], deviceCount: null, error: null, cpuBuildOnGpuMachine: false, missingArch: null };
  assert.equal(torchBuild({ ...torch, cuda: '12.4' }), 'CUDA 12.4');
  assert.equal(torchBuild({ ...torch, hip: '6.2' }), 'ROCm 6.2');
  assert.equal(torchBuild(torch), 'CPU');
});

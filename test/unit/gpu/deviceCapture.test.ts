// Real outputs captured on a lent NVIDIA H200 (driver 580.159.04, PyPI torch 2.11.0, Python 3.12.3;
// see test/corpus/MANIFEST.md and data/sources/measured/): the torch probe's own output parses, the
// installed build is judged as running on that GPU, and the knowledge data agrees with what was measured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusPath, sourcesDir } from '../../paths';
import { assessTorch, parseTorchProbeOutput } from '../../../src/core/gpu/torchCheck';
import { parseNvidiaSmiOutput } from '../../../src/core/gpu/nvidiaSmi';
import { enrichGpuReport } from '../../../src/core/gpu/enrich';
import { kernelsFor, kernelSupport } from '../../../src/core/knowledge/arches';

const probe = readFileSync(corpusPath('torch-probe', '01-h200-580-torch-2.11.0-cu130-py3.12.txt'), 'utf8');
const table = readFileSync(corpusPath('nvidia-smi', '32-table-h200-580-device-capture.txt'), 'utf8');
const measured = JSON.parse(readFileSync(path.join(sourcesDir, 'measured', '2026-11-29-h200-pypi-torch-2.11.0.json'), 'utf8')) as {
  torch: { runtimeVersion: string; cuda: string; archList: string[] };
  gpu: { computeCapability: string };
};

test('the real probe output parses: version, CUDA build, arch list, interpreter', () => {
  const raw = parseTorchProbeOutput(probe);
  assert.ok(raw, 'probe line found');
  assert.equal(raw.version, '2.11.0+cu130');
  assert.equal(raw.cuda, '13.0');
  assert.equal(raw.python, '3.12.3');
  assert.deepEqual(raw.archList, measured.torch.archList);
});

test('the installed build is judged as running on the H200 it ran on', () => {
  const raw = parseTorchProbeOutput(probe);
  assert.ok(raw);
  const gpu = enrichGpuReport({ ...parseNvidiaSmiOutput(table), vendor: 'nvidia' as const }, 'linux');
  assert.equal(gpu.gpus[0]?.computeCapability, measured.gpu.computeCapability);
  const t = assessTorch(raw, gpu);
  assert.equal(t.missingArch, null);
  assert.equal(t.cpuBuildOnGpuMachine, false);
});

test('the knowledge data for 2.11 cu130 on Linux x86_64 agrees with the measured kernel list', () => {
  const k = kernelsFor('2.11.0', 'cu130', 'linux', 'x86_64');
  assert.ok(k, 'a kernel list is known');
  const sass = measured.torch.archList.filter((a) => a.startsWith('sm_')).map((a) => `${a.slice(3, -1)}.${a.slice(-1)}`);
  assert.deepEqual([...k.entry.sass].sort(), [...sass].sort());
  assert.equal(kernelSupport(measured.gpu.computeCapability, k.entry), 'sass');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format } from '../../../src/core/l10n';
import { recommend } from '../../../src/core/knowledge/recommend';
import { machineFromFlags } from '../../../src/core/machineProfile';
import type { Detection } from '../../../src/core/detection';
import { buildReport, type ReportInput } from '../../../src/core/reportMarkdown';
import { escapeMarkdown } from '../../../src/core/markdown';

const t = (template: string, ...args: (string | number)[]) => format(template, args);
const docsUrl = (c: string) => `https://docs.example/${c}.md`;

function input(over: Partial<ReportInput>): ReportInput {
  return { detection: null, machine: null, files: [], recommendation: null, knowledgeAsOf: '2026-01', generatedAt: '2026-11-24T00:00:00Z', docsUrl, ...over };
}

test('escapeMarkdown leaves no markup, link or HTML active', () => {
  const s = escapeMarkdown('[x](command:evil) <img src=x> **b** `c` | d\nnext');
  assert.ok(!/(^|[^\\])[[\]<>*`|_]/.test(s), s);
  assert.equal(escapeMarkdown('torch 2.1.2 (cu121) - ok!'), 'torch 2.1.2 (cu121) - ok!', 'plain prose stays readable');
  assert.ok(!s.includes('\n'));
});

test('a report for a target machine names the GPU, the driver and the recommended command', () => {
  const machine = machineFromFlags({ gpu: 'NVIDIA GeForce RTX 4090', driver: '551.78', platform: 'win32' });
  const rec = recommend(machine);
  assert.ok(rec, 'the knowledge base recommends something for an RTX 4090');
  const md = buildReport(
    input({
      machine: { ...machine, source: 'target' },
      recommendation: rec,
      files: [
        { path: 'requirements.txt', findings: [{ line: 3, column: 1, severity: 'warning', code: 'cpu-only-torch', message: 'plain `torch` <b>on</b> Windows' }] },
        { path: 'envs/environment.yml', findings: [] },
      ],
    }),
    t,
  );
  assert.match(md, /^# AI Env Doctor report/);
  assert.ok(md.includes('NVIDIA GeForce RTX 4090'));
  assert.ok(md.includes('`551.78`'));
  assert.ok(md.includes(`\n${rec.command}\n`), 'the install command is in a code block as is');
  assert.ok(md.includes('[cpu-only-torch](https://docs.example/cpu-only-torch.md) 3:1'));
  assert.ok(md.includes('plain \\`torch\\` \\<b\\>on\\</b\\> Windows'));
  assert.ok(md.includes('1 problems in 2 files checked.'));
  assert.ok(md.includes('target profile'));
});

test('no machine, a CPU torch on a GPU machine, and no files', () => {
  assert.match(buildReport(input({}), t), /GPU rules are silent[\s\S]*No requirements, environment or pyproject files/);
  const machine = machineFromFlags({ gpu: 'NVIDIA GeForce GTX 1080', driver: '580.65.06', platform: 'linux' });
  const detection: Detection = {
    machine: { ...machine, source: 'detected' },
    env: { name: 'py_comfy', prefix: '/opt/conda/envs/py_comfy', python: '3.11.9', pythonPath: null, source: 'conda-env-vars', kind: 'conda' },
    torch: { version: '2.5.1+cpu', cuda: null, hip: null, cudaAvailable: false, mpsAvailable: null, archList: [], deviceCount: null, error: null, cpuBuildOnGpuMachine: true, missingArch: null },
  };
  const md = buildReport(input({ detection, machine: detection.machine }), t);
  assert.ok(md.includes('`py_comfy`'));
  assert.ok(md.includes('CPU-only build'));
  assert.ok(md.includes('`2.5.1+cpu`'));
});

test('GPU known but driver unknown: the report says the recommendation is unknown and why, instead of a variant', () => {
  const machine = machineFromFlags({ gpu: 'NVIDIA GeForce RTX 4090' });
  const rec = recommend(machine);
  assert.equal(rec, null);
  const md = buildReport(input({ machine, recommendation: rec }), t);
  assert.match(md, /## Recommended PyTorch install\n\nunknown: NVIDIA driver not detected/);
  assert.match(md, /kernels for sm\\_89 in cu\d+ \(driver ≥ /);
  assert.ok(!md.includes('No recommendation for this machine.'));
  // No machine at all: the plain sentence.
  assert.match(buildReport(input({}), t), /No recommendation for this machine\./);
});

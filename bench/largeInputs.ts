// Analysis cost on large inputs within the limits: time and peak memory of one analysis (parse,
// includes, rules) of generated 500 KB and 5 MB requirements files, a 500 KB environment.yml, and a
// root with two large includes (the per-analysis include budget). Each case runs in its own Node
// process, so its peak resident memory is its own. Figures are printed, never asserted (the aim:
// <= 0.1 s for 500 KB, <= 1 s for 5 MB, <= 100 MB).
// Run alone: node --import tsx bench/largeInputs.ts [--json]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generatedRequirements } from './parse';

interface CaseResult {
  /** Input size in bytes (all files of the case). */
  bytes: number;
  /** Seconds for one analysis (best of the measured runs, after a warm-up); null when it did not finish. */
  seconds: number | null;
  /** Peak resident memory of the analysing process above its baseline before the analysis, in MB. */
  peakMB: number | null;
  findings: number | null;
  /** Why there is no figure (the case ran past the bench's time limit). */
  note?: string;
}

export interface LargeInputsBench {
  requirements500KB: CaseResult;
  requirements5MB: CaseResult;
  environment500KB: CaseResult;
  twoIncludes2x3MB: CaseResult;
}

/** Requirements text of about `bytes` bytes. */
function requirementsOf(bytes: number): string {
  let lines = 1000;
  let text = generatedRequirements(lines);
  while (text.length < bytes) {
    lines = Math.ceil(lines * (bytes / text.length) * 1.05);
    text = generatedRequirements(lines);
  }
  return text.slice(0, text.lastIndexOf('\n', bytes) + 1);
}

/** An environment.yml of about `bytes` bytes: conda and pip dependencies, variables. */
function environmentOf(bytes: number): string {
  const out = ['name: big', 'channels:', '  - conda-forge', 'variables:'];
  let i = 0;
  while (out.join('\n').length < bytes / 3) out.push(`  VAR_${i}: value-${i++}`);
  out.push('dependencies:', '  - python=3.11', '  - pip', '  - pip:');
  i = 0;
  while (out.join('\n').length < (2 * bytes) / 3) out.push(`    - pkg-${i++}==1.${i % 50}.0`);
  i = 0;
  while (out.join('\n').length < bytes - 100) out.push(`  - conda-pkg-${i++} >=1.${i % 50}`);
  return out.join('\n') + '\n';
}

const CHILD = String.raw`
const { analyzeDocument } = require(process.env.AED_SRC + '/core/analyze');
const { createFileReader } = require(process.env.AED_SRC + '/system/fileReader');
const { machineFromFlags } = require(process.env.AED_SRC + '/core/machineProfile');
const file = process.argv[process.argv.length - 1];
const machine = machineFromFlags({ driver: '535.104.05', gpu: 'NVIDIA GeForce RTX 4090', computeCap: '8.9', platform: 'linux', python: '3.11' });
// the text as an editor buffer hands it over (a 5 MB file is over the reader's limit, not the editor's)
const text = require('node:fs').readFileSync(file, 'utf8');
const once = () => analyzeDocument(file, text, machine, { reader: createFileReader(), env: {} }).findings.length;
global.gc && global.gc();
const base = process.memoryUsage().rss;
let findings = once();
const times = [];
for (let i = 0; i < Number(process.env.AED_RUNS); i++) { const t = performance.now(); findings = once(); times.push((performance.now() - t) / 1000); }
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ seconds: Math.min(...times), peakMB: Math.max(0, (peak - base) / 1e6), findings }));
`;

function runCase(file: string, bytes: number, runs = 3): CaseResult {
  const limitS = 600;
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '-e', CHILD, file], {
    env: { ...process.env, AED_SRC: path.resolve(__dirname, '..', 'src'), AED_RUNS: String(runs) },
    encoding: 'utf8',
    timeout: limitS * 1000,
  });
  if (r.error || r.signal) return { bytes, seconds: null, peakMB: null, findings: null, note: `did not finish within ${limitS} s` };
  if (r.status !== 0) throw new Error(`analysis of ${file} failed: ${r.stderr}`);
  const o = JSON.parse(r.stdout) as { seconds: number; peakMB: number; findings: number };
  const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  return { bytes, seconds: round(o.seconds, 3), peakMB: round(o.peakMB, 1), findings: o.findings };
}

export async function benchLargeInputs(): Promise<LargeInputsBench> {
  const dir = mkdtempSync(path.join(tmpdir(), 'aed-bench-analysis-'));
  try {
    const write = (name: string, text: string) => {
      writeFileSync(path.join(dir, name), text);
      return Buffer.byteLength(text);
    };
    const small = write('requirements-500k.txt', requirementsOf(500_000));
    const large = write('requirements-5m.txt', requirementsOf(5_000_000));
    const env = write('environment.yml', environmentOf(499_000));
    const inc = write('inc-a.txt', requirementsOf(3_000_000)) + write('inc-b.txt', requirementsOf(3_000_000)) + write('requirements.txt', '-r inc-a.txt\n-r inc-b.txt\n');
    return {
      requirements500KB: runCase(path.join(dir, 'requirements-500k.txt'), small),
      requirements5MB: runCase(path.join(dir, 'requirements-5m.txt'), large, 1),
      environment500KB: runCase(path.join(dir, 'environment.yml'), env),
      twoIncludes2x3MB: runCase(path.join(dir, 'requirements.txt'), inc, 1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const t = performance.now();
  benchLargeInputs().then((r) => {
    console.log(process.argv.includes('--json') ? JSON.stringify(r, null, 2) : r);
    console.error(`(${((performance.now() - t) / 1000).toFixed(1)} s)`);
  });
}

// Requirements parsing throughput: the whole corpus (test/corpus/requirements) plus a generated
// 5,000-line file, against pip-requirements-js (the npm parser PyPI Assistant uses) and pip's own
// parser (scripts/pip_bench.py, a Python subprocess timing its own loop), in the same run.
// Ratios are our throughput over the peer's on the inputs the peer accepts: > 1 means we are faster.
// Also reports agreement with pip (files agreeing / files compared, as in the conformance test).
// Run alone: node --import tsx bench/parse.ts [--json]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parsePipRequirementsFile } from 'pip-requirements-js';
import { parseFile } from '../src/cli/parse';
import { parseRequirementsText } from '../src/core/requirements/index';
import { nodeFileReader } from '../src/system/fileReader';
import { compareFile, corpusFiles, hasPip, ours, runPip } from '../test/unit/requirements/pipHelper';

const repoRoot = path.resolve(__dirname, '..');

export interface ParseBench {
  /** Our throughput / pip-requirements-js's, on the inputs it accepts (> 1: we are faster). */
  vsPipRequirementsJs: number;
  /** Our throughput / pip's parser's, on the inputs pip accepts (> 1: we are faster); null without pip. */
  vsPip: number | null;
  /** Files whose every requirement agrees with pip / files pip accepts ("n/a" without pip). */
  agreementWithPip: string;
  /** Throughput in MB/s (UTF-8 bytes of input per second of parsing). */
  oursMBps: number;
  pipRequirementsJsMBps: number;
  pipMBps: number | null;
  inputs: { files: number; bytes: number; generatedLines: number };
  /** Inputs each peer rejects (it throws / pip stops), out of inputs.files. */
  rejected: { pipRequirementsJs: number; pip: number | null; ours: number };
  pipVersion: string | null;
}

/** A realistic 5,000-line requirements file (deterministic). */
export function generatedRequirements(lines = 5000): string {
  let seed = 42;
  // mulberry32: a small PRNG with a long period
  const rnd = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) % n;
  };
  const hex = () => Array.from({ length: 64 }, () => '0123456789abcdef'[rnd(16)]).join('');
  const names = ['torch', 'numpy', 'scipy', 'pandas', 'transformers', 'accelerate', 'Pillow', 'requests', 'tqdm', 'safetensors', 'nvidia-cublas-cu12', 'typing_extensions'];
  const v = () => `${rnd(5)}.${rnd(30)}.${rnd(10)}`;
  const out: string[] = [];
  while (out.length < lines) {
    const n = names[rnd(names.length)] + (rnd(3) ? '' : `-${rnd(1000)}`);
    switch (rnd(9)) {
      case 0:
        out.push(`# ${n} pinned for CUDA ${rnd(13)}.${rnd(9)}`);
        break;
      case 1:
        out.push(`${n}==${v()} \\`, `    --hash=sha256:${hex()} \\`, `    --hash=sha256:${hex()}`);
        break;
      case 2:
        out.push(`${n}[extra,cli]>=${v()},<${rnd(9) + 5}`);
        break;
      case 3:
        out.push(`${n}~=${rnd(5)}.${rnd(20)} ; python_version >= "3.${rnd(13)}" and sys_platform == "linux"`);
        break;
      case 4:
        out.push(`${n} @ https://example.org/wheels/${n.replace(/-/g, '_')}-${v()}-py3-none-any.whl`);
        break;
      case 5:
        out.push(rnd(4) ? `torch==2.${rnd(6)}.${rnd(3)}+cu12${rnd(9)}` : '--extra-index-url https://download.pytorch.org/whl/cu121');
        break;
      case 6:
        out.push(`${n}!=${v()},>=${v()}  # via ${names[rnd(names.length)]}`);
        break;
      case 7:
        out.push('');
        break;
      default:
        out.push(`${n}==${v()}`);
    }
  }
  return out.slice(0, lines).join('\n') + '\n';
}

interface Input {
  file: string;
  text: string;
  bytes: number;
}

/** Median seconds per pass over `inputs`, interleaved by the caller. */
function timePass(fn: (i: Input) => void, inputs: Input[], minMs: number): number {
  const start = performance.now();
  let k = 0;
  let elapsed = 0;
  do {
    for (const i of inputs) fn(i);
    k++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return elapsed / 1000 / k;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function accepts(fn: (i: Input) => void, i: Input): boolean {
  try {
    fn(i);
    return true;
  } catch {
    return false;
  }
}

export async function benchParse(opts: { rounds?: number; minMs?: number } = {}): Promise<ParseBench> {
  const rounds = opts.rounds ?? 7;
  const minMs = opts.minMs ?? 150;
  const dir = mkdtempSync(path.join(tmpdir(), 'aed-bench-'));
  try {
    const generated = path.join(dir, 'generated-requirements.txt');
    const genText = generatedRequirements(5000);
    writeFileSync(generated, genText);
    const files = [...corpusFiles(), generated];
    const inputs: Input[] = files.map((file) => {
      const text = readFileSync(file, 'utf8');
      return { file, text, bytes: Buffer.byteLength(text) };
    });
    const bytesOf = (xs: Input[]) => xs.reduce((s, i) => s + i.bytes, 0);

    const runOurs = (i: Input) => void parseRequirementsText(i.text, i.file);
    const runPjs = (i: Input) => void parsePipRequirementsFile(i.text);
    const pjsInputs = inputs.filter((i) => accepts(runPjs, i));
    const oursRejected = inputs.filter((i) => parseRequirementsText(i.text, i.file).diagnostics.some((d) => d.severity === 'error')).length;

    // pip first (a subprocess timing its own loop), then our side on the same inputs
    let pip: { accepted: string[]; bytes: number; secondsPerPass: number; pip: string } | null = null;
    if (hasPip) {
      const r = spawnSync('python3', [path.join(repoRoot, 'scripts', 'pip_bench.py'), '--min-seconds', '3', '--rounds', '3', ...files], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        timeout: 600_000,
      });
      if (r.status === 0) pip = JSON.parse(r.stdout);
    }
    const pipSet = new Set(pip?.accepted ?? []);
    const pipInputs = inputs.filter((i) => pipSet.has(i.file));

    // interleaved rounds: ours and pip-requirements-js alternate, so load affects both alike
    const oursAll: number[] = [];
    const oursPjs: number[] = [];
    const pjs: number[] = [];
    const oursPip: number[] = [];
    for (const i of inputs) runOurs(i); // warm up
    for (const i of pjsInputs) runPjs(i);
    for (let k = 0; k < rounds; k++) {
      oursAll.push(bytesOf(inputs) / timePass(runOurs, inputs, minMs));
      oursPjs.push(bytesOf(pjsInputs) / timePass(runOurs, pjsInputs, minMs));
      pjs.push(bytesOf(pjsInputs) / timePass(runPjs, pjsInputs, minMs));
      if (pip) oursPip.push(bytesOf(pipInputs) / timePass(runOurs, pipInputs, minMs));
    }
    const pipThroughput = pip ? pip.bytes / pip.secondsPerPass : null;

    // agreement with pip (the conformance test's comparison) on the corpus
    let agreement = 'n/a';
    const pipParsed = hasPip ? runPip(corpusFiles()) : null;
    if (pipParsed) {
      let compared = 0;
      let agree = 0;
      for (const p of pipParsed) {
        if (!p.ok) continue;
        compared++;
        const out = parseFile(p.file, nodeFileReader.read(p.file) ?? '', nodeFileReader, { env: {}, unpinned: false });
        if (compareFile(out.requirements.map(ours), p.requirements).length === 0) agree++;
      }
      agreement = `${agree}/${compared}`;
    }

    const MB = 1024 * 1024;
    return {
      vsPipRequirementsJs: round(median(oursPjs) / median(pjs)),
      vsPip: pipThroughput ? round(median(oursPip) / pipThroughput) : null,
      agreementWithPip: agreement,
      oursMBps: round(median(oursAll) / MB),
      pipRequirementsJsMBps: round(median(pjs) / MB),
      pipMBps: pipThroughput ? round(pipThroughput / MB, 3) : null,
      inputs: { files: inputs.length, bytes: bytesOf(inputs), generatedLines: 5000 },
      rejected: { pipRequirementsJs: inputs.length - pjsInputs.length, pip: pip ? inputs.length - pipInputs.length : null, ours: oursRejected },
      pipVersion: pip?.pip ?? null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatParseBench(r: ParseBench): string {
  return [
    `parse: ${r.inputs.files} inputs (${r.inputs.files - 1} corpus files + a generated ${r.inputs.generatedLines}-line file), ${(r.inputs.bytes / 1024).toFixed(0)} KiB`,
    `  ours                 ${r.oursMBps} MB/s (rejects ${r.rejected.ours})`,
    `  pip-requirements-js  ${r.pipRequirementsJsMBps} MB/s (rejects ${r.rejected.pipRequirementsJs})  -> we are ${r.vsPipRequirementsJs}x`,
    r.pipMBps === null ? '  pip                  not available' : `  pip ${r.pipVersion}            ${r.pipMBps} MB/s (rejects ${r.rejected.pip})  -> we are ${r.vsPip}x`,
    `  agreement with pip: ${r.agreementWithPip} files`,
  ].join('\n');
}

if (require.main === module) {
  benchParse().then((r) => {
    if (process.argv.includes('--json')) console.log(JSON.stringify({ parse: r }, null, 2));
    else console.log(formatParseBench(r));
  });
}

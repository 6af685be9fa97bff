// ai-env-doctor detect [--json] [--nvidia-smi-output FILE]: what this machine is (GPU, driver, max CUDA,
// active env, installed torch) and the PyTorch build to install on it. --nvidia-smi-output parses a
// saved nvidia-smi output (any form) instead of running nvidia-smi.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parse, timeoutFlag, UsageError, type CliIO } from './args';
import { detectMachine } from '../system/detect';
import { decodeText } from '../system/fileReader';
import { recommend, recommendationGap, KNOWLEDGE_AS_OF } from '../core/knowledge/recommend';
import type { Detection } from '../core/detection';

const HELP = `Usage: ai-env-doctor detect [--json] [--nvidia-smi-output FILE] [options]

Shows the GPU(s), the NVIDIA driver and the highest CUDA it supports, the active Python env and the
torch installed in it, and the PyTorch build recommended for this machine.

Options:
  --json                     machine-readable output
  --nvidia-smi-output FILE   parse a saved nvidia-smi output (table, CSV, -q, -q -x, -L, errors)
                             instead of running nvidia-smi ("-" reads stdin)
  --nvidia-smi PATH          the nvidia-smi to run
  --python PATH              the interpreter whose torch is checked (default: active env)
  --conda PATH               the conda/mamba/micromamba to ask for the active env
  --no-env                   skip the env and torch probes
  --timeout SECONDS          limit for the whole detection, 1 to 600 (default 10)
  -h, --help                 this help

Exit codes: 0 done (even when no GPU is found), 2 usage error.`;

const options = {
  json: { type: 'boolean' },
  'nvidia-smi-output': { type: 'string' },
  'nvidia-smi': { type: 'string' },
  python: { type: 'string' },
  conda: { type: 'string' },
  'no-env': { type: 'boolean' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface DetectJson {
  gpu: {
    vendor: string;
    driver: string | null;
    cuda: string | null;
    gpus: { name: string; memoryTotalMiB: number | null; memoryUsedMiB: number | null; computeCapability: string | null }[];
    error: string | null;
    errorDetail?: string | null;
    amdGfx?: string[];
  };
  env: {
    name: string | null; prefix: string | null; python: string | null; pythonPath: string | null; source: string; kind: string;
  } | null;
  torch: {
    version: string | null; cuda: string | null; cudaAvailable: boolean | null; archList: string[]; error: string | null;
    cpuBuildOnGpuMachine: boolean; missingArch: string | null;
  } | null;
  recommendation: { variant: string; indexUrl: string; torch: string; command: string } | null;
  knowledgeAsOf: string;
}

export function toJson(d: Detection): DetectJson {
  const g = d.machine.gpu;
  const rec = recommend(d.machine);
  return {
    gpu: {
      vendor: g.vendor,
      driver: g.driver,
      cuda: g.cuda,
      gpus: g.gpus.map((x) => ({
        name: x.name, memoryTotalMiB: x.memoryTotalMiB, memoryUsedMiB: x.memoryUsedMiB, computeCapability: x.computeCapability,
      })),
      error: g.error,
      ...(g.errorDetail ? { errorDetail: g.errorDetail } : {}),
      ...(g.amdGfx && g.amdGfx.length ? { amdGfx: g.amdGfx } : {}),
    },
    env: d.env
      ? { name: d.env.name, prefix: d.env.prefix, python: d.env.python, pythonPath: d.env.pythonPath, source: d.env.source, kind: d.env.kind }
      : null,
    torch: d.torch
      ? {
        version: d.torch.version, cuda: d.torch.cuda, cudaAvailable: d.torch.cudaAvailable, archList: d.torch.archList,
        error: d.torch.error, cpuBuildOnGpuMachine: d.torch.cpuBuildOnGpuMachine, missingArch: d.torch.missingArch,
      }
      : null,
    recommendation: rec ? { variant: rec.variant, indexUrl: rec.indexUrl, torch: rec.torch, command: rec.command } : null,
    knowledgeAsOf: KNOWLEDGE_AS_OF,
  };
}

const ERROR_TEXT: Record<string, string> = {
  'not-installed': 'nvidia-smi not found (no NVIDIA driver installed, or not on PATH)',
  'no-driver': 'NVIDIA driver not loaded (nvidia-smi cannot communicate with it)',
  'driver-library-mismatch': 'driver/library version mismatch (reboot after a driver update)',
  'no-devices': 'no NVIDIA devices found',
  timeout: 'nvidia-smi timed out',
  unparsed: 'nvidia-smi output not recognised',
};

/** Errors that say nothing about the GPUs: shown as "unknown", not "none" (the driver may still be known). */
const UNKNOWN_ERRORS = new Set(['timeout', 'unparsed', 'driver-library-mismatch']);

/** A saved nvidia-smi output: BOM-aware (PowerShell's `>` writes UTF-16 LE), also UTF-16 LE without a BOM. */
export function decodeSavedOutput(buf: Buffer): string {
  const bom = buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff) || (buf[0] === 0xef && buf[1] === 0xbb));
  if (!bom && buf.length >= 4 && buf.length % 2 === 0) {
    let zeros = 0;
    for (let i = 1; i < Math.min(buf.length, 400); i += 2) if (buf[i] === 0) zeros++;
    if (zeros >= Math.min(buf.length, 400) / 2 * 0.9) return buf.toString('utf16le');
  }
  return decodeText(buf);
}

/** Saved outputs are a few KB; anything past this is not one. */
const MAX_SAVED_OUTPUT_BYTES = 16 * 1024 * 1024;

function readSavedOutput(file: string, cwd: string): string {
  if (file === '-') return decodeSavedOutput(readFileSync(0));
  const p = path.resolve(cwd, file);
  const st = statSync(p);
  if (!st.isFile()) throw new Error('not a regular file');
  if (st.size > MAX_SAVED_OUTPUT_BYTES) throw new Error('too large for an nvidia-smi output');
  return decodeSavedOutput(readFileSync(p));
}

/** `gap`: why there is no recommendation when that is the unknown driver (recommendationGap()). */
export function toText(j: DetectJson, envChecked = true, gap: string | null = null): string {
  const out: string[] = [];
  const g = j.gpu;
  if (g.vendor === 'apple') out.push('GPU:      Apple silicon (MPS)');
  else if (g.vendor === 'amd') out.push(`GPU:      AMD ${g.gpus.map((x) => x.name).join(', ')}${g.amdGfx?.length ? ` (${g.amdGfx.join(', ')})` : ''}`);
  else if (g.gpus.length === 0 && UNKNOWN_ERRORS.has(g.error ?? '')) out.push(`GPU:      unknown (${ERROR_TEXT[g.error as string]})`);
  else if (g.gpus.length === 0) out.push(`GPU:      none${g.error ? ` (${ERROR_TEXT[g.error] ?? g.error})` : ''}`);
  g.gpus.forEach((x, i) => {
    if (g.vendor !== 'nvidia') return;
    const mem = x.memoryTotalMiB !== null ? `, ${x.memoryUsedMiB ?? '?'}/${x.memoryTotalMiB} MiB` : '';
    out.push(`GPU ${i}:    ${x.name} (compute ${x.computeCapability ?? 'unknown'}${mem})`);
  });
  if (g.driver || g.vendor === 'nvidia') {
    out.push(`Driver:   ${g.driver ?? 'unknown'}${g.cuda ? `, supports CUDA ≤ ${g.cuda}` : ''}`);
  }
  if (g.error && g.gpus.length > 0) out.push(`Warning:  ${ERROR_TEXT[g.error] ?? g.error}`);
  if (j.env) {
    out.push(`Env:      ${j.env.name ?? '(no name)'}${j.env.prefix ? ` at ${j.env.prefix}` : ''}${j.env.python ? `, Python ${j.env.python}` : ''} [${j.env.source}]`);
  } else out.push(envChecked ? 'Env:      none found' : 'Env:      not checked (--no-env)');
  if (j.torch) {
    if (j.torch.version) {
      const flags: string[] = [];
      if (j.torch.cpuBuildOnGpuMachine) flags.push('CPU-only build on a GPU machine');
      if (j.torch.missingArch) flags.push(`no kernels for ${j.torch.missingArch}`);
      if (j.torch.cudaAvailable === false && !j.torch.cpuBuildOnGpuMachine && g.vendor === 'nvidia' && g.gpus.length) flags.push('torch.cuda.is_available() is False');
      out.push(`Torch:    ${j.torch.version}${j.torch.cuda ? ` (CUDA ${j.torch.cuda})` : ''}${flags.length ? ` - ${flags.join('; ')}` : ''}`);
    } else out.push(`Torch:    ${j.torch.error === 'not-installed' ? 'not installed' : `unknown (${j.torch.error})`}`);
  }
  if (j.recommendation) {
    out.push(`Install:  ${j.recommendation.command}`);
  } else out.push(gap ? `Install:  ${gap}` : 'Install:  no recommendation (machine not covered by the knowledge base)');
  out.push(`Knowledge as of ${j.knowledgeAsOf}`);
  return out.join('\n');
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, options);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const timeoutMs = timeoutFlag(values.timeout) ?? 10_000;
  let saved: string | undefined;
  const file = values['nvidia-smi-output'];
  if (file !== undefined) {
    try {
      saved = readSavedOutput(file, io.cwd);
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
    }
  }
  const detection = await detectMachine({
    timeoutMs,
    env: io.env,
    nvidiaSmiOutput: saved,
    nvidiaSmiPath: values['nvidia-smi'],
    pythonPath: values.python,
    condaPath: values.conda,
    gpuOnly: values['no-env'] === true,
  });
  const j = toJson(detection);
  io.out(values.json ? JSON.stringify(j, null, 2)
    : toText(j, values['no-env'] !== true, j.recommendation ? null : recommendationGap(detection.machine)?.message ?? null));
  return 0;
}

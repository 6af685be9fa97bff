// Runs a create-env plan (src/core/createEnv) step by step through exec.ts: argv arrays, a timeout per
// step, cancellation that kills the process tree, output streamed line by line. Also the two queries
// the flow needs: `conda env list --json` (existing envs) and `conda info --json` (envs dirs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exec, type ExecResult } from './exec';
import { parseCondaEnvList, parseCondaInfo } from '../core/conda/output';
import { findExisting } from '../core/createEnv/existing';
import { lastErrorLines } from '../core/createEnv/errors';
import type { CondaFlavor, EnvTarget, Plan, PlanStep } from '../core/createEnv/types';

export interface CondaTool {
  path: string;
  flavor: CondaFlavor;
}

export interface QueryOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

/** Environment for every step: never prompt, unbuffered UTF-8 output so lines stream as they happen. */
export function stepEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, PIP_NO_INPUT: '1', PIP_PROGRESS_BAR: 'off', PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' };
}

/** Prefixes of every env the tool knows (`env list --json`); null when the call fails or prints no JSON. */
export async function listEnvs(tool: CondaTool, opts: QueryOptions = {}): Promise<string[] | null> {
  const r = await exec(tool.path, ['env', 'list', '--json'], {
    timeoutMs: opts.timeoutMs ?? 30_000, signal: opts.signal, env: opts.env,
  });
  if (!r.ok) return null;
  return parseCondaEnvList(r.stdout)?.envs ?? null;
}

/** The envs directories (where `--name N` lands), from `info --json`; [] when unknown. */
export async function envsDirs(tool: CondaTool, opts: QueryOptions = {}): Promise<string[]> {
  const r = await exec(tool.path, ['info', '--json'], {
    timeoutMs: opts.timeoutMs ?? 30_000, signal: opts.signal, env: opts.env,
  });
  if (!r.ok) return [];
  try {
    const raw = JSON.parse(r.stdout.slice(Math.max(0, r.stdout.indexOf('{')))) as Record<string, unknown>;
    // conda: envs_dirs; micromamba: "envs directories".
    const dirs = raw.envs_dirs ?? raw['envs directories'];
    if (Array.isArray(dirs)) return dirs.filter((d): d is string => typeof d === 'string');
  } catch {
    /* not JSON: fall back to the root prefix */
  }
  const root = parseCondaInfo(r.stdout)?.rootPrefix;
  return root ? [path.join(root, 'envs')] : [];
}

/** The existing env's prefix at the target, or null (the target is free). */
export async function existingEnv(tool: CondaTool, target: EnvTarget, opts: QueryOptions = {}): Promise<string | null> {
  if (target.kind === 'prefix' && isCondaPrefix(target.path)) return target.path;
  const envs = await listEnvs(tool, opts);
  return envs ? findExisting(target, envs, process.platform === 'win32') : null;
}

/** A folder that holds a conda env (conda-meta/ is what conda itself checks). */
export function isCondaPrefix(p: string): boolean {
  try {
    return fs.statSync(path.join(p, 'conda-meta')).isDirectory();
  } catch {
    return false;
  }
}

function exists(p: string): boolean {
  try {
    fs.statSync(p);
    return true;
  } catch {
    return false;
  }
}

/** The interpreter inside an env prefix (one definition, in envPaths.ts). */
export { pythonInPrefix } from './envPaths';

/** Splits a stream of chunks into lines ("\r" redraws count as line ends); flush() emits the rest. */
export class LineSplitter {
  private rest = '';
  constructor(private readonly emit: (line: string) => void) {}
  push(chunk: string): void {
    const text = this.rest + chunk;
    const parts = text.split(/\r\n|\n|\r(?!$)/);
    this.rest = parts.pop() ?? '';
    for (const p of parts) this.emit(p);
  }
  flush(): void {
    const r = this.rest.replace(/\r$/, '');
    this.rest = '';
    if (r !== '') this.emit(r);
  }
}

export interface RunOptions {
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  /** Each output line of each step, as it arrives. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Called before each step starts. */
  onStep?: (step: PlanStep, index: number, total: number) => void;
  /** Overrides the plan's per-step timeouts (tests). */
  timeoutMs?: number;
}

export interface StepOutcome {
  step: PlanStep;
  result: ExecResult;
}

export interface PlanRunResult {
  ok: boolean;
  cancelled: boolean;
  timedOut: boolean;
  /** The step that failed, was cancelled or timed out. */
  failedStep: PlanStep | null;
  /** conda's / pip's own last error lines (or the spawn error). */
  errorLines: string[];
  outcomes: StepOutcome[];
  /** The env's prefix: where it is after success, what is left behind after failure/cancel (null: nothing). */
  prefix: string | null;
  /** After failure/cancel: "partial" when a folder was left at the target, "none" when nothing was. */
  leftBehind: 'none' | 'partial' | null;
}

/** Where a target lives (prefix path, or the first envs dir that holds the name). */
async function locateTarget(tool: CondaTool, target: EnvTarget, env: NodeJS.ProcessEnv | undefined): Promise<string | null> {
  if (target.kind === 'prefix') return exists(target.path) ? target.path : null;
  const listed = await listEnvs(tool, { env });
  const hit = listed ? findExisting(target, listed, process.platform === 'win32') : null;
  if (hit) return hit;
  for (const dir of await envsDirs(tool, { env })) {
    const p = path.join(dir, target.name);
    if (exists(p)) return p;
  }
  return null;
}

export async function runPlan(plan: Plan, opts: RunOptions = {}): Promise<PlanRunResult> {
  const env = stepEnv(opts.env ?? process.env);
  const outcomes: StepOutcome[] = [];
  const total = plan.steps.length;
  for (let i = 0; i < total; i++) {
    const s = plan.steps[i];
    opts.onStep?.(s, i, total);
    let output = '';
    const out = new LineSplitter((l) => opts.onLine?.(l, 'stdout'));
    const err = new LineSplitter((l) => opts.onLine?.(l, 'stderr'));
    const [file, ...args] = s.argv;
    const result = await exec(file, args, {
      timeoutMs: opts.timeoutMs ?? s.timeoutMs,
      signal: opts.signal,
      cwd: plan.cwd,
      env,
      maxBuffer: 1024 * 1024,
      onStdout: (c) => { output += c; out.push(c); },
      onStderr: (c) => { output += c; err.push(c); },
    });
    out.flush();
    err.flush();
    outcomes.push({ step: s, result });
    if (!result.ok) {
      const cancelled = result.error === 'cancelled';
      const timedOut = result.error === 'timeout';
      let errorLines: string[];
      if (result.error === 'not-found' || result.error === 'spawn-failed') {
        errorLines = [result.errorMessage ?? `${file}: not found`];
      } else if (cancelled || timedOut) {
        errorLines = [];
      } else {
        errorLines = lastErrorLines(output);
        if (!errorLines.length) errorLines = [`exit code ${result.code ?? result.signal ?? '?'}`];
      }
      // What is left: only the create-like steps can leave a partial env; a failed pip step leaves the
      // env created by the step before it (complete as an env, without all packages).
      const left = await locateTarget(plan.tool, plan.target, opts.env);
      return {
        ok: false, cancelled, timedOut, failedStep: s, errorLines, outcomes,
        prefix: left, leftBehind: left ? 'partial' : 'none',
      };
    }
  }
  const prefix = await locateTarget(plan.tool, plan.target, opts.env);
  return { ok: true, cancelled: false, timedOut: false, failedStep: null, errorLines: [], outcomes, prefix, leftBehind: null };
}

// Runs a create-env plan (src/core/createEnv) step by step through exec.ts: argv arrays, a timeout per
// step, cancellation that kills the process tree, output streamed line by line with a bounded tail kept
// for the error lines. What is at the target afterwards is looked at on disk (conda-meta/), never by
// asking conda again, so a cancel returns at once.
import * as path from 'node:path';
import { exec, type ExecResult } from './exec';
import { LineSplitter, TextTail } from '../core/conda/stream';
import { whatIsAt } from '../core/createEnv/existing';
import { lastErrorLines } from '../core/createEnv/errors';
import * as M from '../core/createEnv/messages';
import type { Plan, PlanStep } from '../core/createEnv/types';
import { condaFacts, probePrefix } from './condaTarget';

export { LineSplitter } from '../core/conda/stream';
export { condaFacts, isCondaPrefix, probePrefix, targetState, type CondaTool, type QueryOptions } from './condaTarget';

/** Environment for every step: never prompt, unbuffered UTF-8 output so lines stream as they happen. */
export function stepEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, PIP_NO_INPUT: '1', PIP_PROGRESS_BAR: 'off', PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' };
}

/** The interpreter inside an env prefix (one definition, in envPaths.ts). */
export { pythonInPrefix } from './envPaths';

export interface RunOptions {
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  /** Each output line of each step, as it arrives. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Called before each step starts. */
  onStep?: (step: PlanStep, index: number, total: number) => void;
  /** Overrides the plan's per-step timeouts (tests). */
  timeoutMs?: number;
  /**
   * Where the env may land (targetState's candidates), looked at after the run. Unset: the prefix of a
   * prefix target; for a name, conda's envs dirs are asked once (not after a cancel).
   */
  candidates?: readonly string[];
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
  /**
   * After failure/cancel: "partial" when a folder was left at the target, "none" when nothing was,
   * "existing" when the plan only updated an env that was there before; null when it could not be told.
   */
  leftBehind: 'none' | 'partial' | 'existing' | null;
  /** Why a run that conda reported as done still failed (no env at the target afterwards). */
  problem?: M.Msg;
}

async function candidatesOf(plan: Plan, opts: RunOptions, known: { list?: readonly string[] }): Promise<readonly string[]> {
  if (opts.candidates) return opts.candidates;
  if (known.list) return known.list;
  if (plan.target.kind === 'prefix') return [plan.target.path];
  if (opts.signal?.aborted) return [];
  const facts = await condaFacts(plan.tool, { env: opts.env, signal: opts.signal, timeoutMs: 15_000 });
  const name = plan.target.name;
  known.list = (facts.envsDirs ?? []).map((d) => path.join(d, name));
  return known.list;
}

const MAX_TAIL_CHARS = 256 * 1024;

export async function runPlan(plan: Plan, opts: RunOptions = {}): Promise<PlanRunResult> {
  const env = stepEnv(opts.env ?? process.env);
  const outcomes: StepOutcome[] = [];
  const known: { list?: readonly string[] } = {};
  const total = plan.steps.length;
  for (let i = 0; i < total; i++) {
    const s = plan.steps[i];
    opts.onStep?.(s, i, total);
    const tail = new TextTail(MAX_TAIL_CHARS);
    const out = new LineSplitter((l) => opts.onLine?.(l, 'stdout'));
    const err = new LineSplitter((l) => opts.onLine?.(l, 'stderr'));
    const [file, ...args] = s.argv;
    const result = await exec(file, args, {
      timeoutMs: opts.timeoutMs ?? s.timeoutMs,
      signal: opts.signal,
      cwd: plan.cwd,
      env,
      maxBuffer: 64 * 1024,
      onStdout: (c) => { tail.push(c); out.push(c); },
      onStderr: (c) => { tail.push(c); err.push(c); },
    });
    out.flush();
    err.flush();
    outcomes.push({ step: s, result });
    if (result.ok && (s.id === 'create' || s.id === 'env-create' || i === total - 1)) {
      // conda said done: is the env there? Otherwise say so instead of going on (or saying "ready").
      const candidates = await candidatesOf(plan, opts, known);
      const at = whatIsAt(candidates, probePrefix);
      if (at.kind === 'env') {
        if (i === total - 1) return { ok: true, cancelled: false, timedOut: false, failedStep: null, errorLines: [], outcomes, prefix: at.prefix, leftBehind: null };
        continue;
      }
      const problem = M.noEnvAfterRun(candidates.length ? candidates.join(', ') : M.targetText(plan.target));
      return {
        ok: false, cancelled: false, timedOut: false, failedStep: s, errorLines: [problem.message], outcomes,
        prefix: at.prefix, leftBehind: at.kind === 'folder' ? 'partial' : at.kind === 'none' ? 'none' : null, problem,
      };
    }
    if (!result.ok) {
      const cancelled = result.error === 'cancelled';
      const timedOut = result.error === 'timeout';
      let errorLines: string[];
      if (result.error === 'not-found' || result.error === 'spawn-failed') {
        errorLines = [result.errorMessage ?? `${file}: not found`];
      } else if (cancelled || timedOut) {
        errorLines = [];
      } else {
        errorLines = lastErrorLines(tail.value());
        if (!errorLines.length) errorLines = [`exit code ${result.code ?? result.signal ?? '?'}`];
      }
      const base = { ok: false, cancelled, timedOut, failedStep: s, errorLines, outcomes };
      // An update, or a removal that did not finish: the env is the user's, as it was or partly changed.
      if (plan.existing === 'update' || s.id === 'remove') return { ...base, prefix: null, leftBehind: 'existing' };
      const at = whatIsAt(await candidatesOf(plan, opts, known), probePrefix);
      const leftBehind = at.kind === 'unknown' ? null : at.kind === 'none' ? 'none' : 'partial';
      return { ...base, prefix: at.prefix, leftBehind };
    }
  }
  // An empty plan: nothing ran.
  return { ok: false, cancelled: false, timedOut: false, failedStep: null, errorLines: [], outcomes, prefix: null, leftBehind: null };
}

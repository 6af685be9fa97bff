// What is at a create-env target: conda's two answers (`info --json` for the envs dirs, `env list --json`)
// asked in parallel under one deadline and the caller's cancel signal, plus a look at each folder the env
// could be in. The judgement itself is core's (src/core/createEnv/existing.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exec } from './exec';
import { parseCondaEnvList, parseCondaInfo } from '../core/conda/output';
import { judgeTarget, type CondaFacts, type PrefixState, type TargetState } from '../core/createEnv/existing';
import type { CondaFlavor, EnvTarget } from '../core/createEnv/types';

export interface CondaTool {
  path: string;
  flavor: CondaFlavor;
}

export interface QueryOptions {
  /** One deadline for all queries together (they run in parallel). */
  timeoutMs?: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

const QUERY_TIMEOUT_MS = 30_000;

/** What is at a folder; conda-meta/ is what conda itself checks for an env. */
export function probePrefix(p: string): PrefixState {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : 'error';
  }
  if (!st.isDirectory()) return 'occupied';
  try {
    if (fs.statSync(path.join(p, 'conda-meta')).isDirectory()) return 'env';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return 'error';
  }
  try {
    return fs.readdirSync(p).length ? 'occupied' : 'empty';
  } catch {
    return 'error';
  }
}

/** A folder that holds a conda env. */
export function isCondaPrefix(p: string): boolean {
  return probePrefix(p) === 'env';
}

function why(r: { error: string | null; code: number | null }, what: string): string {
  if (r.error) return `${what}: ${r.error}`;
  return `${what} exited with code ${r.code ?? '?'}`;
}

/** conda's answers about its envs; a failed or unparsable query leaves its field null. */
export async function condaFacts(tool: CondaTool, opts: QueryOptions = {}): Promise<CondaFacts> {
  const o = { timeoutMs: opts.timeoutMs ?? QUERY_TIMEOUT_MS, signal: opts.signal, env: opts.env };
  const [info, list] = await Promise.all([exec(tool.path, ['info', '--json'], o), exec(tool.path, ['env', 'list', '--json'], o)]);
  const failures: string[] = [];
  let envsDirs: string[] | null = null;
  let rootPrefix: string | null = null;
  if (info.ok) {
    envsDirs = envsDirsOf(info.stdout);
    rootPrefix = parseCondaInfo(info.stdout)?.rootPrefix ?? null;
    if (!envsDirs) failures.push(`${tool.flavor} info --json printed no envs directories`);
  } else {
    failures.push(why(info, `${tool.flavor} info --json`));
  }
  const listed = list.ok ? parseCondaEnvList(list.stdout)?.envs ?? null : null;
  if (!list.ok) failures.push(why(list, `${tool.flavor} env list --json`));
  else if (!listed) failures.push(`${tool.flavor} env list --json printed no list`);
  return { listed, envsDirs, rootPrefix, failure: failures.length ? failures.join('; ') : null };
}

/** envs_dirs (conda) / "envs directories" (micromamba) from `info --json`; null when absent. */
export function envsDirsOf(stdout: string): string[] | null {
  try {
    const raw = JSON.parse(stdout.slice(Math.max(0, stdout.indexOf('{')))) as Record<string, unknown>;
    const dirs = raw.envs_dirs ?? raw['envs directories'];
    if (Array.isArray(dirs)) {
      const out = dirs.filter((d): d is string => typeof d === 'string' && d.trim() !== '');
      return out.length ? out : null;
    }
  } catch {
    /* not JSON */
  }
  return null;
}

/** The real path of p, or of its nearest existing parent with the rest appended. */
function realish(p: string): string {
  const rest: string[] = [];
  let cur = path.resolve(p);
  for (;;) {
    try {
      return path.join(fs.realpathSync(cur), ...rest.reverse());
    } catch {
      const up = path.dirname(cur);
      if (up === cur) return path.resolve(p);
      rest.push(path.basename(cur));
      cur = up;
    }
  }
}

export interface TargetOptions extends QueryOptions {
  projectDir: string;
  /** Home folder (tests); defaults to os.homedir(). */
  home?: string;
}

/** exists / free / unknown / blocked for the target, with the places the env may land. */
export async function targetState(tool: CondaTool, target: EnvTarget, opts: TargetOptions): Promise<TargetState> {
  const ci = process.platform === 'win32' || process.platform === 'darwin';
  const places = { projectDir: realish(opts.projectDir), home: realish(opts.home ?? os.homedir()), caseInsensitive: ci };
  if (target.kind === 'prefix') {
    // conda is not asked: the folder itself says whether an env is there.
    const none: CondaFacts = { listed: [], envsDirs: [], rootPrefix: null, failure: null };
    const real = { kind: 'prefix' as const, path: realish(target.path) };
    const state = judgeTarget(real, none, probePrefix, places);
    return { ...state, candidates: [target.path] } as TargetState;
  }
  const facts = await condaFacts(tool, opts);
  return judgeTarget(target, facts, probePrefix, places);
}

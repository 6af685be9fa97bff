// Is the target free, taken by an env, or unknown? conda, told --yes, replaces whatever env sits at the
// target, so "free" must be proven: every place the env could be was looked at (conda-meta/ marks an env,
// as conda itself checks) and conda answered both queries. Anything short of that is "unknown".
// The look at the file system comes in through PrefixProbe, so this stays pure.
import { msg } from '../l10n';
import type { EnvTarget } from './types';

type Msg = ReturnType<typeof msg>;

/** What is at a folder: an env (has conda-meta/), nothing, an empty folder, anything else, or unreadable. */
export type PrefixState = 'env' | 'absent' | 'empty' | 'occupied' | 'error';
export type PrefixProbe = (prefix: string) => PrefixState;

/**
 * exists: an env is at `prefix`. free: nothing is at any of `candidates`. unknown: could not tell (a query
 * failed, a folder was unreadable). blocked: the target must never be used (the project, home, a folder
 * of other files). `candidates` are the places the env may land, looked at again after a run.
 */
export type TargetState =
  | { state: 'exists'; prefix: string; candidates: string[] }
  | { state: 'free'; candidates: string[] }
  | { state: 'unknown'; why: Msg; candidates: string[] }
  | { state: 'blocked'; why: Msg; candidates: string[] };

/** What conda said; null for a query that failed, with the failure in `failure`. */
export interface CondaFacts {
  /** Prefixes from `env list --json`. */
  listed: readonly string[] | null;
  /** envs_dirs from `info --json` (where `--name N` is looked up and created). */
  envsDirs: readonly string[] | null;
  rootPrefix: string | null;
  failure: string | null;
}

function norm(p: string): string {
  const s = p.replace(/\\/g, '/');
  return s.length > 1 ? s.replace(/\/+$/, '') : s;
}

function basename(p: string): string {
  const parts = norm(p).split('/');
  return parts[parts.length - 1] ?? '';
}

function parentName(p: string): string {
  const parts = norm(p).split('/');
  return parts[parts.length - 2] ?? '';
}

/** `<dir>/<name>` in the dir's own separator style. */
export function joinPrefix(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.replace(/[\\/]+$/, '') + sep + name;
}

/** True when `inner` is `outer` or lies inside it. */
export function isWithin(inner: string, outer: string, caseInsensitive = false): boolean {
  const f = (p: string) => (caseInsensitive ? norm(p).toLowerCase() : norm(p));
  const a = f(inner);
  const b = f(outer);
  return a === b || a.startsWith(b.endsWith('/') ? b : b + '/');
}

/** The listed prefix the target refers to, or null. Names match `<envs dir>/<name>` (conda's layout). */
export function findExisting(target: EnvTarget, envs: readonly string[], caseInsensitive = false): string | null {
  const eq = (a: string, b: string) => (caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b);
  for (const p of envs) {
    if (target.kind === 'name') {
      if (eq(basename(p), target.name) && parentName(p) === 'envs') return p;
    } else if (eq(norm(p), norm(target.path))) {
      return p;
    }
  }
  return null;
}

export interface Places {
  projectDir: string;
  home: string | null;
  caseInsensitive?: boolean;
}

/** Why a prefix folder must not be used, or null: the env would replace (or be removed with) the project or home. */
export function prefixProblem(prefix: string, places: Places): Msg | null {
  const ci = places.caseInsensitive ?? false;
  if (isWithin(places.projectDir, prefix, ci)) {
    return msg('{0} cannot hold the environment: it is, or contains, the project folder {1}.', prefix, places.projectDir);
  }
  if (places.home && isWithin(places.home, prefix, ci)) {
    return msg('{0} cannot hold the environment: it is, or contains, your home folder {1}.', prefix, places.home);
  }
  return null;
}

function occupied(prefix: string): Msg {
  return msg('{0} cannot hold the environment: it is a folder with other files in it, not a conda environment.', prefix);
}

function unreadable(prefix: string): Msg {
  return msg('could not look into {0}', prefix);
}

/** Judges the target from conda's answers and a look at each candidate folder. */
export function judgeTarget(target: EnvTarget, facts: CondaFacts, probe: PrefixProbe, places: Places): TargetState {
  const ci = places.caseInsensitive ?? false;
  if (target.kind === 'prefix') {
    const candidates = [target.path];
    const problem = prefixProblem(target.path, places);
    if (problem) return { state: 'blocked', why: problem, candidates };
    const at = probe(target.path);
    if (at === 'env') return { state: 'exists', prefix: target.path, candidates };
    if (at === 'occupied') return { state: 'blocked', why: occupied(target.path), candidates };
    if (at === 'error') return { state: 'unknown', why: unreadable(target.path), candidates };
    return { state: 'free', candidates };
  }
  const dirs = facts.envsDirs ?? [];
  const candidates = dirs.map((d) => joinPrefix(d, target.name));
  if (target.name === 'base' && facts.rootPrefix) return { state: 'exists', prefix: facts.rootPrefix, candidates: [facts.rootPrefix] };
  const listed = facts.listed ? findExisting(target, facts.listed, ci) : null;
  if (listed) return { state: 'exists', prefix: listed, candidates: [listed, ...candidates] };
  let problem: Msg | null = null;
  let unread: Msg | null = null;
  for (const c of candidates) {
    const at = probe(c);
    if (at === 'env') return { state: 'exists', prefix: c, candidates };
    if (at === 'occupied') problem ??= occupied(c);
    if (at === 'error') unread ??= unreadable(c);
  }
  if (problem) return { state: 'blocked', why: problem, candidates };
  if (facts.failure) return { state: 'unknown', why: msg('conda could not be asked: {0}', facts.failure), candidates };
  if (facts.listed === null || facts.envsDirs === null || !dirs.length) {
    return { state: 'unknown', why: msg('conda did not say where its environments are'), candidates };
  }
  if (unread) return { state: 'unknown', why: unread, candidates };
  return { state: 'free', candidates };
}

/** After a run: which candidate holds an env, which holds a folder, or null/none. */
export function whatIsAt(candidates: readonly string[], probe: PrefixProbe): { prefix: string | null; kind: 'env' | 'folder' | 'none' | 'unknown' } {
  let folder: string | null = null;
  let unknown = candidates.length === 0;
  for (const c of candidates) {
    const at = probe(c);
    if (at === 'env') return { prefix: c, kind: 'env' };
    if (at === 'occupied' || at === 'empty') folder ??= c;
    if (at === 'error') unknown = true;
  }
  if (folder) return { prefix: folder, kind: 'folder' };
  return { prefix: null, kind: unknown ? 'unknown' : 'none' };
}

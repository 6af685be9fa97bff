// Is there already an env at the target? Judged from `conda env list --json` prefixes.

import type { EnvTarget } from './types';

function norm(p: string): string {
  return p.replace(/[\\/]+$/, '').replace(/\\/g, '/');
}

function basename(p: string): string {
  const parts = norm(p).split('/');
  return parts[parts.length - 1] ?? '';
}

function parentName(p: string): string {
  const parts = norm(p).split('/');
  return parts[parts.length - 2] ?? '';
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

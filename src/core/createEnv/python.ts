// Choosing the Python version: the newest CPython minor that the pinned torch supports (knowledge:
// its wheel range) and the project allows (requires-python, environment.yml python=, .python-version).
import { satisfies, valid } from '@renovatebot/pep440';

export interface PythonRange {
  min: string;
  max: string;
}

/** Minor versions we offer, oldest first (conda-forge / defaults publish these). */
export const KNOWN_PYTHONS = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'];

function minorKey(v: string): number {
  const [a, b] = v.split('.').map((x) => Number.parseInt(x, 10));
  return (a || 0) * 1000 + (b || 0);
}

/** "3.11.9" → "3.11"; null when it is not a version. */
export function toMinor(v: string): string | null {
  const m = /^\s*(?:python)?\s*(\d+)\.(\d+)/i.exec(v);
  return m ? `${m[1]}.${m[2]}` : null;
}

/** Does minor version `py` (e.g. "3.11") satisfy a PEP 440 specifier such as ">=3.9,<3.12"? */
export function allowsPython(spec: string, py: string): boolean {
  const s = spec.trim();
  if (!s) return true;
  // Test a patch release inside the minor: ">3.11" means 3.11.1 qualifies, "==3.11.*" needs .*.
  for (const candidate of [`${py}.0`, `${py}.99`]) {
    if (valid(candidate) && satisfies(candidate, s)) return true;
  }
  return false;
}

/** A conda match spec for python ("3.10", "3.10.*", ">=3.8,<3.10", "3.10.12") as a PEP 440 specifier. */
export function condaPythonSpecToPep440(spec: string): string | null {
  const s = spec.replace(/\s+/g, '').replace(/#.*/, '');
  if (!s || s === '*') return null;
  if (/^\d+(\.\d+)*(\.\*)?$/.test(s)) {
    // conda "3.10" means 3.10.* (fuzzy), "3.10.12" the exact release.
    const parts = s.replace(/\.\*$/, '').split('.');
    return parts.length >= 3 ? `==${parts.slice(0, 3).join('.')}` : `==${parts.join('.')}.*`;
  }
  return s.split(',').map((p) => (p.startsWith('=') && !p.startsWith('==') ? `=${p}` : p)).join(',');
}

export interface PythonChoice {
  /** The default to offer ("3.12"). */
  python: string;
  /** Every minor acceptable to both torch and the project, newest first. */
  candidates: string[];
  /** Why this default, in words (for the quick pick detail and --dry-run). */
  reason: string;
}

/**
 * The newest Python allowed by every constraint; `.python-version` wins when it is acceptable.
 * When nothing is acceptable, the newest torch allows (or the newest known) is returned with candidates
 * empty, so callers can say the project's constraints conflict.
 */
export function choosePython(opts: {
  torchRange: PythonRange | null;
  requiresPython: string | null;
  envPythonSpec: string | null;
  pythonVersionFile: string | null;
  known?: string[];
}): PythonChoice {
  const known = [...(opts.known ?? KNOWN_PYTHONS)].sort((a, b) => minorKey(b) - minorKey(a));
  const condaSpec = opts.envPythonSpec ? condaPythonSpecToPep440(opts.envPythonSpec) : null;
  const ok = (py: string): boolean =>
    (!opts.torchRange || (minorKey(py) >= minorKey(opts.torchRange.min) && minorKey(py) <= minorKey(opts.torchRange.max))) &&
    (!opts.requiresPython || allowsPython(opts.requiresPython, py)) &&
    (!condaSpec || allowsPython(condaSpec, py));
  const candidates = known.filter(ok);
  const pinned = opts.pythonVersionFile ? toMinor(opts.pythonVersionFile) : null;
  if (pinned && ok(pinned)) {
    return { python: pinned, candidates: candidates.includes(pinned) ? candidates : [pinned, ...candidates],
      reason: '.python-version' };
  }
  if (candidates.length) {
    const why = [opts.torchRange ? 'torch' : null, opts.requiresPython ? 'requires-python' : null,
      condaSpec ? 'environment.yml' : null].filter(Boolean).join(' + ');
    return { python: candidates[0], candidates, reason: why || 'newest' };
  }
  const fallback = opts.torchRange?.max ?? known[0];
  return { python: fallback, candidates: [], reason: 'conflict' };
}

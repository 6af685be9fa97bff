// Parsers for conda's machine-readable output: `conda env list --json`, `conda info --json`, and the
// plain-text forms users paste (or that conda 23.7.0 printed for `conda info --json`, conda#12972).
// Tolerant of what real versions print: Python 2 json.dumps trailing spaces, an empty env list, a
// missing root prefix, log lines before the JSON. Never throws; null when nothing usable is found.
import type { CondaEnvListEntry, CondaInfo } from './types';

type Json = Record<string, unknown>;

/** JSON.parse of the first {...} object in the text (conda may print warnings before it). */
function parseJsonObject(text: string): Json | null {
  const tryParse = (s: string): Json | null => {
    try {
      const v: unknown = JSON.parse(s);
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
    } catch {
      return null;
    }
  };
  const direct = tryParse(text);
  if (direct) return direct;
  const open = text.indexOf('{');
  const close = text.lastIndexOf('}');
  return open >= 0 && close > open ? tryParse(text.slice(open, close + 1)) : null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const strList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter(Boolean) : [];

/** `conda env list --json` → the env prefixes, or null when the text is not that output. */
export function parseCondaEnvList(json: string): { envs: string[] } | null {
  const o = parseJsonObject(json);
  if (o) return Array.isArray(o.envs) ? { envs: strList(o.envs) } : null;
  const rows = parseCondaEnvListText(json);
  return rows && rows.length ? { envs: rows.map((r) => r.prefix) } : null;
}

/** Plain `conda env list` / `conda info --envs` text → rows, or null when no row is found. */
export function parseCondaEnvListText(text: string): CondaEnvListEntry[] | null {
  const rows: CondaEnvListEntry[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  // `conda info` text ("      key : value") is not an env list, although its continuation lines are paths.
  if (lines.some((l) => /^\s*[A-Za-z][A-Za-z .-]* : /.test(l))) return null;
  for (const rawLine of lines) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    if (isPath(line)) {
      rows.push({ name: null, prefix: line, active: false });
      continue;
    }
    const m = /^(\S+)\s+(\*\s+)?(\S.*)$/.exec(line);
    if (!m) continue;
    let prefix = m[3].trim();
    let active = Boolean(m[2]);
    // Newer conda may put "*" (active) and "+" (frozen) markers in their own columns.
    const marks = /^([*+]\s+)+/.exec(prefix);
    if (marks) {
      active = active || marks[0].includes('*');
      prefix = prefix.slice(marks[0].length);
    }
    if (!isPath(prefix)) continue;
    rows.push({ name: m[1], prefix, active });
  }
  return rows.length ? rows : null;
}

function isPath(s: string): boolean {
  return s.startsWith('/') || s.startsWith('~') || /^[A-Za-z]:[\\/]/.test(s) || s.startsWith('\\\\');
}

function pythonVersion(v: string | null): string | null {
  if (!v) return null;
  const m = /^(\d+\.\d+(?:\.\d+)?)/.exec(v);
  return m ? m[1] : v;
}

function virtualPackages(v: unknown): CondaInfo['virtualPackages'] {
  const out: CondaInfo['virtualPackages'] = [];
  if (!Array.isArray(v)) return out;
  for (const e of v) {
    if (Array.isArray(e) && typeof e[0] === 'string') {
      out.push({ name: e[0], version: typeof e[1] === 'string' ? e[1] : '', build: typeof e[2] === 'string' ? e[2] : '' });
    } else if (typeof e === 'string') {
      const [name, version = '', build = ''] = e.split('=');
      out.push({ name, version, build });
    }
  }
  return out;
}

/** `conda info --json` → CondaInfo; also accepts the text form of `conda info`. Null when unusable. */
export function parseCondaInfo(json: string): CondaInfo | null {
  const o = parseJsonObject(json);
  if (!o) return parseCondaInfoText(json);
  // micromamba (and mamba 2) print their own keys: "base environment", "env location", "environment",
  // "virtual packages" as "name=version=build" strings.
  const mm = 'base environment' in o || 'micromamba version' in o || 'mamba version' in o;
  if (!('conda_version' in o) && !('root_prefix' in o) && !('active_prefix' in o) && !mm) return null;
  const vp = virtualPackages(o.virtual_pkgs ?? o['virtual packages']);
  const noneish = (v: string | null): string | null => (v === null || v === '-' || /^none\b/i.test(v) ? null : v);
  const envName = noneish(str(o['environment'])?.replace(/\s*\(.*\)\s*$/, '') ?? null);
  return {
    activePrefix: str(o.active_prefix) ?? noneish(str(o['env location'])),
    activePrefixName: str(o.active_prefix_name) ?? envName,
    rootPrefix: str(o.root_prefix) ?? str(o.conda_prefix) ?? str(o['base environment']),
    envs: strList(o.envs),
    condaVersion: str(o.conda_version),
    pythonVersion: pythonVersion(str(o.python_version)),
    platform: str(o.platform),
    virtualPackages: vp,
    cuda: vp.find((p) => p.name === '__cuda')?.version || null,
    mambaVersion: str(o['micromamba version']) ?? str(o['mamba version']),
  };
}

/** The human-readable `conda info` block ("key : value" lines, continuation lines indented). */
export function parseCondaInfoText(text: string): CondaInfo | null {
  const fields = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const m = /^\s*([A-Za-z][A-Za-z0-9 .:_-]*?)\s+:\s?(.*)$/.exec(raw);
    if (m && !m[1].includes('/')) {
      current = [m[2].trim()];
      fields.set(m[1].trim().toLowerCase(), current);
    } else if (current && /^\s+\S/.test(raw)) {
      current.push(raw.trim());
    } else if (raw.trim()) {
      current = null;
    }
  }
  if (!fields.has('conda version') && !fields.has('active environment') && !fields.has('base environment')) return null;
  const one = (k: string): string | null => {
    const v = fields.get(k)?.[0];
    return v && v !== 'None' && v !== 'not installed' ? v : null;
  };
  const vp = virtualPackages((fields.get('virtual packages') ?? []).filter(Boolean));
  const activeName = one('active environment');
  const stripFlag = (s: string | null): string | null => (s ? s.replace(/\s+\((writable|read only)\)\s*$/, '').trim() : null);
  return {
    activePrefix: stripFlag(one('active env location')),
    activePrefixName: activeName,
    rootPrefix: stripFlag(one('base environment')),
    envs: [],
    condaVersion: one('conda version'),
    pythonVersion: pythonVersion(one('python version')),
    platform: one('platform'),
    virtualPackages: vp,
    cuda: vp.find((p) => p.name === '__cuda')?.version || null,
    mambaVersion: null,
  };
}

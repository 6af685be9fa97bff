// Cross-line syntax findings over a requirements set (the file and its includes):
// duplicate-requirement, conflicting-specifiers (decided with @renovatebot/pep440) and
// unpinned-requirement. Each finding carries `file` when its line lives in an included file.
import { compare, satisfies, valid } from '@renovatebot/pep440';
import { Codes } from '../../constants';
import { finding, type Finding } from '../finding';
import { msg } from '../l10n';
import type { Requirement, RequirementsSet, VersionSpecifier } from './types';

function markerKey(m: string | null): string {
  return m === null ? '' : m.replace(/\s+/g, '').replace(/'/g, '"');
}

function where(r: Requirement, root: string): string {
  return r.file === root ? `line ${r.line + 1}` : `${r.file}:${r.line + 1}`;
}

function withFile(f: Finding, r: Requirement, root: string): Finding {
  if (r.file !== root) f.file = r.file;
  return f;
}

/** Does `v` satisfy one specifier? PEP 440, with exact matching of local labels. */
function matches(v: string, s: VersionSpecifier): boolean | null {
  try {
    if (s.op === '===') return v === s.version;
    if ((s.op === '==' || s.op === '!=') && s.version.includes('+') && !s.version.endsWith('.*')) {
      const eq = compare(v, s.version) === 0;
      return s.op === '==' ? eq : !eq;
    }
    return satisfies(v, s.op + s.version, { prereleases: true });
  } catch {
    return null;
  }
}

/** Versions worth trying: every bound, just above and just below it. */
function candidates(specs: VersionSpecifier[]): string[] {
  const out = new Set<string>();
  for (const s of specs) {
    if (s.op === '===') {
      out.add(s.version);
      continue;
    }
    const v = s.version.replace(/\.\*$/, '');
    if (!valid(v)) continue;
    out.add(v);
    const [relPart, ...rest] = v.replace(/^v/i, '').replace(/^\d+!/, '').split(/(?=[+a-zA-Z-_])/);
    const epoch = /^v?(\d+)!/.exec(v)?.[1];
    const pre = epoch ? `${epoch}!` : '';
    const rel = relPart.split('.').map((x) => Number(x));
    if (rel.some((x) => !Number.isFinite(x))) continue;
    out.add(`${pre}${rel.join('.')}.1`);
    out.add(`${pre}${rel.join('.')}.0.1`);
    if (s.op === '==' && s.version.endsWith('.*')) out.add(`${pre}${rel.join('.')}.0`);
    for (let i = 0; i < rel.length; i++) {
      const up = rel.slice(0, i + 1);
      up[i]++;
      out.add(pre + up.join('.'));
      if (rel[i] > 0) {
        const down = rel.slice(0, i + 1);
        down[i]--;
        out.add(`${pre}${down.join('.')}.999999`);
      }
    }
    if (rest.length) out.add(pre + rel.join('.'));
  }
  return [...out];
}

/** Above this many distinct clauses on one package the question is left open (bounded work). */
const MAX_CLAUSES = 64;
/** Above this many distinct markers on one package, only the first ones are checked. */
const MAX_MARKERS = 32;

/** null: undecidable (an unparsable version, or too many clauses), true/false otherwise. */
function satisfiable(all: VersionSpecifier[]): boolean | null {
  const seen = new Set<string>();
  const specs = all.filter((s) => {
    const k = s.op + s.version;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (specs.length < 2) return true;
  if (specs.length > MAX_CLAUSES) return null;
  let undecided = false;
  for (const c of candidates(specs)) {
    let all = true;
    for (const s of specs) {
      const m = matches(c, s);
      if (m === null) undecided = true;
      if (!m) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return undecided ? null : false;
}

export function checkSetDiagnostics(set: RequirementsSet, opts: { unpinned: boolean }): Finding[] {
  const root = set.root.file;
  const out: Finding[] = [];
  const byName = new Map<string, Requirement[]>();
  for (const r of set.requirements) {
    if (!r.normalizedName) continue;
    let list = byName.get(r.normalizedName);
    if (!list) byName.set(r.normalizedName, (list = []));
    list.push(r);
  }

  for (const [, list] of byName) {
    // duplicate-requirement: the same package (same marker) required twice
    const seen = new Map<string, Requirement>();
    for (const r of list) {
      if (r.constraint) continue;
      const key = markerKey(r.marker) + '|' + [...r.extras].map((x) => x.toLowerCase()).sort().join(',');
      const first = seen.get(key);
      if (first && !(first.file === r.file && first.line === r.line)) {
        out.push(
          withFile(
            finding(Codes.duplicateRequirement, 'warning', msg('{0} is already required at {1}', r.name ?? '', where(first, root)), r.nameSpan ?? r.span),
            r,
            root,
          ),
        );
      } else if (!first) seen.set(key, r);
    }

    // conflicting-specifiers: per marker, the unmarked entries apply too
    const keys = new Map(list.map((r) => [r, markerKey(r.marker)]));
    const markers = [...new Set(keys.values())].slice(0, MAX_MARKERS);
    const reported = new Set<Requirement>();
    for (const m of markers) {
      const group = list.filter((r) => r.specifiers.length && (r.marker === null || keys.get(r) === m));
      if (group.length < 2) continue;
      const specs = group.flatMap((r) => r.specifiers);
      if (satisfiable(specs) !== false) continue;
      const last = group[group.length - 1];
      if (reported.has(last)) continue;
      reported.add(last);
      const all = group.map((r) => `${r.specifier} (${where(r, root)})`).join(', ');
      out.push(
        withFile(
          finding(Codes.conflictingSpecifiers, 'error', msg('No version of {0} satisfies all of: {1}', last.name ?? '', all), last.specifierSpan ?? last.span),
          last,
          root,
        ),
      );
    }
  }

  if (opts.unpinned) {
    for (const r of set.requirements) {
      if (!r.name || r.constraint || r.url !== null || r.editable) continue;
      if (r.specifiers.some((s) => (s.op === '==' && !s.version.endsWith('.*')) || s.op === '===')) continue;
      out.push(withFile(finding(Codes.unpinnedRequirement, 'hint', msg('{0} is not pinned to an exact version', r.name), r.nameSpan ?? r.span), r, root));
    }
  }
  return out;
}

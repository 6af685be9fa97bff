// uv's semantics for a pyproject.toml: [tool.uv.sources] entries chosen by marker, extra and group
// (no entry matches → the ordinary index list); [[tool.uv.index]] in order, `explicit` ones only
// through a source; the first index that has the package wins (tool.uv.index-strategy may say
// otherwise); extras and dependency groups (with include-group) make their own environments.
import type { Machine } from '../machine';
import { msg } from '../l10n';
import type { Pyproject, UvSource } from '../pyproject/types';
import type { Requirement } from '../requirements/types';
import type { IndexRef, ProjectModel } from '../rules/model';
import { evaluateMarkerText } from '../requirements/markerEvaluate';
import { markerEnvironment, PYTHONS_WHEN_UNKNOWN } from './environment';
import { PYPI, type Target } from './catalogue';
import { packageRequests, sourceCandidates } from './pip';
import { pickHighest, wheelOutcome } from './select';
import type { Candidate, PackageOutcome, Text } from './types';

/** Groups uv installs by default: `dev`, and every group it includes. */
export function defaultGroups(py: Pyproject): Set<string> {
  const out = new Set<string>(['dev']);
  for (let changed = true; changed;) {
    changed = false;
    for (const inc of py.groupIncludes) {
      if (out.has(inc.group) && !out.has(inc.include)) { out.add(inc.include); changed = true; }
    }
  }
  return out;
}

function withIncludes(py: Pyproject, group: string): Set<string> {
  const out = new Set([group]);
  for (let changed = true; changed;) {
    changed = false;
    for (const inc of py.groupIncludes) if (out.has(inc.group) && !out.has(inc.include)) { out.add(inc.include); changed = true; }
  }
  return out;
}

export function indexStrategy(text: string): string {
  return /^\s*index-strategy\s*=\s*["']([\w-]+)["']/m.exec(text)?.[1] ?? 'first-index';
}

export interface UvSelection {
  name: string;
  extras: Set<string>;
  groups: Set<string>;
}

/** The environments worth judging: the default install, and each extra or group that involves torch. */
export function uvSelections(py: Pyproject): UvSelection[] {
  const groups = defaultGroups(py);
  const out: UvSelection[] = [{ name: 'default', extras: new Set(), groups }];
  const torchy = (g: string) => py.requirements.some((r) => r.group === g && /^torch(vision|audio)?$/.test(r.normalizedName ?? ''));
  const keyed = new Set(py.uvSources.filter((s) => /^torch(vision|audio)?$/.test(s.package)).flatMap((s) => [s.extra ? `optional:${s.extra}` : '', s.group ? `group:${s.group}` : '']).filter(Boolean));
  const names = [...new Set(py.requirements.map((r) => r.group))].filter((g) => g !== 'project');
  for (const g of [...new Set([...names, ...keyed])]) {
    if (!torchy(g) && !keyed.has(g)) continue;
    const [kind, name] = g.split(':');
    if (kind === 'optional') out.push({ name: `extra:${name}`, extras: new Set([name]), groups });
    else if (kind === 'group' && !groups.has(name)) out.push({ name: `group:${name}`, extras: new Set(), groups: new Set([...groups, ...withIncludes(py, name)]) });
  }
  return out;
}

function sourceApplies(s: UvSource, sel: UvSelection, machine: Machine | null, python: string | null): boolean {
  if (s.extra && !sel.extras.has(s.extra)) return false;
  if (s.group && !sel.groups.has(s.group)) return false;
  if (!s.marker || !machine) return true;
  const pythons = python ? [python] : PYTHONS_WHEN_UNKNOWN;
  return pythons.some((p) => evaluateMarkerText(s.marker as string, { ...markerEnvironment(machine.platform, machine.arch, p, machine.gpu.appleSilicon), extra: '' }) !== false);
}

/** Resolve the family packages of one uv selection. */
export function resolveUv(model: ProjectModel, sel: UvSelection, machine: Machine | null, t: Target, unknown: Text[]): PackageOutcome[] {
  const py = model.pyproject as Pyproject;
  const reqs: Requirement[] = py.requirements.filter((r) => r.group === 'project'
    || (r.group.startsWith('optional:') && sel.extras.has(r.group.slice(9)))
    || (r.group.startsWith('group:') && sel.groups.has(r.group.slice(6))));
  const requests = packageRequests(reqs, machine, t.python, model.path, false);
  const uvIndexes = model.indexes.filter((i) => i.kind === 'uv-index');
  const strategy = indexStrategy(py.text);
  const defaultIx = uvIndexes.find((i) => py.uvIndexes.find((u) => u.url === i.url)?.default) ?? null;
  const ordinary = [...uvIndexes.filter((i) => !i.uv?.explicit && i !== defaultIx), defaultIx];
  const out: PackageOutcome[] = [];
  for (const req of requests) {
    if (req.url) { out.push(wheelOutcome(req, t)); continue; }
    const source = py.uvSources.find((s) => s.package === req.pkg && sourceApplies(s, sel, machine, t.python));
    let list: (IndexRef | null)[] = ordinary;
    let how: Text = strategy === 'unsafe-best-match'
      ? msg('uv (index-strategy unsafe-best-match) takes the highest version across all indexes.')
      : msg('uv takes the first index that has the package, in the order the indexes are declared.');
    if (source?.index) {
      const ix = uvIndexes.find((i) => i.uv?.name === source.index) ?? null;
      if (!ix && source.index !== 'pypi') {
        unknown.push(msg('The uv source for {0} names the index {1}, which is not declared.', req.pkg, source.index));
        out.push({ name: req.pkg, chosen: null, candidates: [], site: req.site, unknown: true, why: msg('The uv source for {0} names the index {1}, which is not declared.', req.pkg, source.index) });
        continue;
      }
      list = [ix];
      how = msg('the [tool.uv.sources] entry that applies here pins it to that index.');
    } else if (source) {
      out.push({ name: req.pkg, chosen: null, candidates: [], site: req.site, unknown: true, why: msg('{0} comes from a {1} source in [tool.uv.sources]; its build is not judged.', req.pkg, source.kind ?? 'other') });
      continue;
    }
    const all: Candidate[] = [];
    const unknownSources: string[] = [];
    for (const ix of list) {
      const c = sourceCandidates(req.pkg, ix, t);
      if (c === null) { unknownSources.push(ix?.url ?? PYPI.url); continue; }
      if (!c.length) continue;
      for (const e of c) all.push(e);
      if (strategy !== 'unsafe-best-match') break; // first index that has the package
    }
    out.push(pickHighest(req, all, unknownSources, how));
  }
  return out;
}

// pyproject.toml (and pixi.toml) → Pyproject, with offsets. Values come from the `toml` package;
// positions from tomlLocator (a linear scan keyed by table/key path + array index, never a search for
// the string). Each dependency string is parsed as PEP 508 in place, so spans are offsets into the
// TOML text. What is read: project.requires-python, project.dependencies, project.optional-dependencies,
// dependency-groups (PEP 735, with include-group), tool.uv.dev-dependencies, tool.uv.sources,
// [[tool.uv.index]] (+ legacy tool.uv.index-url / extra-index-url), and pixi's tables (under tool.pixi
// in a pyproject.toml, top-level in a pixi.toml): dependencies, pypi-dependencies, target.*, feature.*,
// system-requirements.cuda, workspace.platforms[].cuda.
import { parse as parseToml } from 'toml';
import { Codes } from '../../constants';
import { finding, type Finding } from '../finding';
import { msg } from '../l10n';
import { LineIndex, type Span } from '../text';
import { parseDependencyString } from './pep508Entry';
import { locateToml, type TomlLocations, type TomlPath } from './tomlLocator';
import type { PixiDependency, Pyproject, PyprojectRequirement, UvIndex, UvSource } from './types';

/**
 * Larger documents are not parsed: the largest real pyproject.toml in the corpus is 136 KB, and the
 * `toml` package needs about 1 s per 400 KB of dependency arrays, so this bounds one analysis.
 */
export const MAX_TOML_CHARS = 500_000;

type Table = Record<string, unknown>;

const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
const normalize = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

interface TomlErrorLike {
  message: string;
  location?: { start?: { offset?: number; line?: number; column?: number }; end?: { offset?: number } };
  line?: number;
  column?: number;
}

function basename(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return file.slice(i + 1);
}

export function parsePyproject(text: string, file: string): Pyproject {
  const model: Pyproject = {
    file, text, requiresPython: null, requirements: [], uvIndexes: [], uvSources: [], pixi: null, diagnostics: [],
    groupIncludes: [],
  };
  if (text.length > MAX_TOML_CHARS) {
    model.diagnostics.push(finding(Codes.invalidToml, 'warning',
      msg('File not analysed: {0} characters is over the {1}-character limit for TOML files.', text.length, MAX_TOML_CHARS),
      { start: 0, end: Math.min(1, text.length) }));
    return model;
  }
  const lines = new LineIndex(text);
  let data: Table;
  try {
    const v: unknown = parseToml(text);
    data = isTable(v) ? v : {};
  } catch (e) {
    model.diagnostics.push(tomlError(e as TomlErrorLike, text, lines));
    return model;
  }
  const loc = locateToml(text);
  const at = (path: TomlPath): Span => {
    const l = loc.get(path);
    return l ? l.span : { start: 0, end: 0 };
  };

  const project = isTable(data.project) ? data.project : null;

  const isPixiToml = basename(file).toLowerCase() === 'pixi.toml' ||
    (isTable(data.workspace) && 'channels' in data.workspace) ||
    (project !== null && 'channels' in project && !Array.isArray(project.dependencies));

  const addDeps = (list: unknown, path: TomlPath, group: string): void => {
    if (!Array.isArray(list)) {
      if (list !== undefined) {
        model.diagnostics.push(finding(Codes.invalidRequirement, 'error', msg('"{0}" must be an array of dependency strings.', path.join('.')), at(path)));
      }
      return;
    }
    list.forEach((entry, idx) => {
      const p = [...path, idx];
      if (typeof entry === 'string') {
        const r = stringRequirement(entry, p, group, loc, text, lines, file);
        if (r.requirement) model.requirements.push(r.requirement);
        for (const x of r.diagnostics) model.diagnostics.push(x);
      } else if (isTable(entry) && typeof entry['include-group'] === 'string') {
        model.groupIncludes.push({ group: group.replace(/^group:/, ''), include: entry['include-group'], span: at([...p, 'include-group']) });
      } else {
        model.diagnostics.push(finding(Codes.invalidRequirement, 'error', msg('A dependency must be a PEP 508 string such as "torch>=2.1".'), at(p)));
      }
    });
  };

  if (project && !isPixiToml) {
    const rp = project['requires-python'];
    if (typeof rp === 'string') {
      const l = loc.get(['project', 'requires-python']);
      const direct = l?.contentSpan && text.slice(l.contentSpan.start, l.contentSpan.end) === rp;
      model.requiresPython = { value: rp, span: direct && l?.contentSpan ? l.contentSpan : at(['project', 'requires-python']) };
    }
    addDeps(project.dependencies, ['project', 'dependencies'], 'project');
    const opt = project['optional-dependencies'];
    if (isTable(opt)) for (const extra of Object.keys(opt)) addDeps(opt[extra], ['project', 'optional-dependencies', extra], `optional:${extra}`);
  }
  const groups = data['dependency-groups'];
  if (isTable(groups)) for (const g of Object.keys(groups)) addDeps(groups[g], ['dependency-groups', g], `group:${g}`);

  const tool = isTable(data.tool) ? data.tool : null;
  const uv = tool && isTable(tool.uv) ? tool.uv : null;
  if (uv) {
    if (uv['dev-dependencies'] !== undefined) addDeps(uv['dev-dependencies'], ['tool', 'uv', 'dev-dependencies'], 'group:dev');
    readUvIndexes(uv, model, loc, text);
    readUvSources(uv, model, loc);
  }

  if (!isPixiToml) {
    // The `toml` package reads TOML 1.1; tools that read pyproject.toml with a TOML 1.0 parser reject these.
    for (const l of loc.all()) {
      if (l.toml11) {
        model.diagnostics.push(finding(Codes.invalidToml, 'warning',
          msg('TOML 1.0 does not allow line breaks, comments or a trailing comma inside an inline table {...}; parsers that follow TOML 1.0 reject this file.'),
          l.span));
      }
    }
  }

  const pixiBase: TomlPath | null = isPixiToml ? [] : tool && isTable(tool.pixi) ? ['tool', 'pixi'] : null;
  if (pixiBase) {
    const base = (isPixiToml ? data : (tool as Table).pixi) as Table;
    model.pixi = readPixi(base, pixiBase, loc, text);
  }
  return model;
}

function tomlError(e: TomlErrorLike, text: string, lines: LineIndex): Finding {
  let start: number;
  if (typeof e.location?.start?.offset === 'number') start = e.location.start.offset;
  else if (typeof e.line === 'number') start = lines.offsetAt({ line: Math.max(0, e.line - 1), character: Math.max(0, (e.column ?? 1) - 1) });
  else start = 0;
  start = Math.max(0, Math.min(start, text.length));
  let end = typeof e.location?.end?.offset === 'number' ? Math.max(start, Math.min(e.location.end.offset, text.length)) : start;
  if (end === start) {
    // Underline to the end of the line, so the squiggle is visible.
    end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    if (end === start && start > 0) start--;
  }
  const detail = String(e.message ?? e).split('\n')[0];
  return finding(Codes.invalidToml, 'error', msg('Invalid TOML: {0}', detail), { start, end });
}

/** Parse one dependency string found at `path`, in place when its text maps 1:1 onto the value. */
function stringRequirement(value: string, path: TomlPath, group: string, loc: TomlLocations, text: string, lines: LineIndex, file: string):
  { requirement: PyprojectRequirement | null; diagnostics: Finding[] } {
  const l = loc.get(path);
  const cs = l?.contentSpan;
  const direct = cs !== null && cs !== undefined && text.slice(cs.start, cs.end) === value;
  const whole = l?.span ?? { start: 0, end: 0 };
  const line = lines.positionAt(whole.start).line;
  const r = direct ? parseDependencyString(text, cs.start, cs.end, file, line) : parseDependencyString(value, 0, value.length, file, line);
  if (r.error) {
    const span = direct ? r.error.span : whole;
    return { requirement: null, diagnostics: [finding(Codes.invalidRequirement, 'error', msg('Invalid dependency "{0}": {1}', value, r.error.message), span)] };
  }
  if (!r.requirement) return { requirement: null, diagnostics: [] };
  const req: PyprojectRequirement = { ...r.requirement, group, line };
  return { requirement: direct ? req : relocateSpans(req, whole), diagnostics: [] };
}

/** Point every span of a requirement parsed from a detached copy at the value's span in the TOML text. */
function relocateSpans(req: PyprojectRequirement, to: Span): PyprojectRequirement {
  const s = (x: Span | null): Span | null => (x ? { ...to } : null);
  return {
    ...req,
    nameSpan: s(req.nameSpan), specifierSpan: s(req.specifierSpan), markerSpan: s(req.markerSpan), urlSpan: s(req.urlSpan),
    specifiers: req.specifiers.map((v) => ({ ...v, span: { ...to } })), span: { ...to }, lineSpan: { ...to },
  };
}

function readUvIndexes(uv: Table, model: Pyproject, loc: TomlLocations, text: string): void {
  const content = (path: TomlPath, value: string): Span => {
    const l = loc.get(path);
    if (l?.contentSpan && text.slice(l.contentSpan.start, l.contentSpan.end) === value) return l.contentSpan;
    return l?.span ?? { start: 0, end: 0 };
  };
  const list = uv.index;
  if (Array.isArray(list)) {
    list.forEach((ix, i) => {
      if (!isTable(ix) || typeof ix.url !== 'string') return;
      const tablePath = ['tool', 'uv', 'index', i];
      const index: UvIndex = {
        name: typeof ix.name === 'string' ? ix.name : null,
        url: ix.url,
        urlSpan: content([...tablePath, 'url'], ix.url),
        explicit: ix.explicit === true,
        span: loc.table(tablePath) ?? loc.get(tablePath)?.span ?? content([...tablePath, 'url'], ix.url),
        default: ix.default === true,
      };
      model.uvIndexes.push(index);
    });
  }
  // Legacy settings: index-url replaces PyPI, extra-index-url adds to it.
  if (typeof uv['index-url'] === 'string') {
    const span = content(['tool', 'uv', 'index-url'], uv['index-url']);
    model.uvIndexes.push({ name: null, url: uv['index-url'], urlSpan: span, explicit: false, span, default: true });
  }
  if (Array.isArray(uv['extra-index-url'])) {
    uv['extra-index-url'].forEach((u, i) => {
      if (typeof u !== 'string') return;
      const span = content(['tool', 'uv', 'extra-index-url', i], u);
      model.uvIndexes.push({ name: null, url: u, urlSpan: span, explicit: false, span, default: false });
    });
  }
}

function readUvSources(uv: Table, model: Pyproject, loc: TomlLocations): void {
  const sources = uv.sources;
  if (!isTable(sources)) return;
  for (const pkg of Object.keys(sources)) {
    const v = sources[pkg];
    const entries: { value: unknown; path: TomlPath }[] = Array.isArray(v)
      ? v.map((value, i) => ({ value, path: ['tool', 'uv', 'sources', pkg, i] }))
      : [{ value: v, path: ['tool', 'uv', 'sources', pkg] }];
    for (const { value, path } of entries) {
      if (!isTable(value)) continue;
      const src: UvSource = {
        package: normalize(pkg),
        index: typeof value.index === 'string' ? value.index : null,
        marker: typeof value.marker === 'string' ? value.marker : null,
        span: loc.get(path)?.span ?? loc.table(path) ?? { start: 0, end: 0 },
        indexSpan: typeof value.index === 'string' ? (loc.get([...path, 'index'])?.contentSpan ?? null) : null,
        extra: typeof value.extra === 'string' ? value.extra : null,
        group: typeof value.group === 'string' ? value.group : null,
        kind: value.index !== undefined ? 'index' : value.git !== undefined ? 'git' : value.path !== undefined ? 'path'
          : value.url !== undefined ? 'url' : value.workspace !== undefined ? 'workspace' : 'other',
        keySpan: loc.get(['tool', 'uv', 'sources', pkg])?.keySpan ?? null,
      };
      model.uvSources.push(src);
    }
  }
}

function readPixi(base: Table, basePath: TomlPath, loc: TomlLocations, text: string): NonNullable<Pyproject['pixi']> {
  const pixi: NonNullable<Pyproject['pixi']> = { dependencies: [], cuda: [] };
  const strSpan = (path: TomlPath, value: string): Span => {
    const l = loc.get(path);
    if (l?.contentSpan && text.slice(l.contentSpan.start, l.contentSpan.end) === value) return l.contentSpan;
    return l?.span ?? { start: 0, end: 0 };
  };
  const readDeps = (owner: Table, ownerPath: TomlPath, feature: string | null, target: string | null): void => {
    for (const [key, kind] of [['dependencies', 'conda'], ['pypi-dependencies', 'pypi']] as const) {
      const deps = owner[key];
      if (!isTable(deps)) continue;
      for (const name of Object.keys(deps)) {
        const v = deps[name];
        const path = [...ownerPath, key, name];
        const l = loc.get(path);
        let version = '';
        let span: Span = l?.span ?? { start: 0, end: 0 };
        const extra: Partial<PixiDependency> = {};
        if (typeof v === 'string') {
          version = v;
          span = strSpan(path, v);
        } else if (isTable(v)) {
          if (typeof v.version === 'string') {
            version = v.version;
            span = strSpan([...path, 'version'], v.version);
          }
          if (typeof v.index === 'string') extra.index = v.index;
          if (typeof v.channel === 'string') extra.channel = v.channel;
          if (typeof v.build === 'string') extra.build = v.build;
          if (Array.isArray(v.extras)) extra.extras = v.extras.filter((x): x is string => typeof x === 'string');
          for (const k of ['path', 'git', 'url'] as const) if (typeof v[k] === 'string') extra.source = `${k}:${v[k] as string}`;
        }
        pixi.dependencies.push({ name, version, span, kind, feature, target, nameSpan: l?.keySpan ?? span, ...extra });
      }
    }
    const sys = owner['system-requirements'];
    if (isTable(sys) && (typeof sys.cuda === 'string' || typeof sys.cuda === 'number')) {
      const value = String(sys.cuda);
      pixi.cuda.push({ value, span: strSpan([...ownerPath, 'system-requirements', 'cuda'], value), feature });
    }
    const targets = owner.target;
    if (isTable(targets) && target === null) {
      for (const t of Object.keys(targets)) if (isTable(targets[t])) readDeps(targets[t] as Table, [...ownerPath, 'target', t], feature, t);
    }
  };
  readDeps(base, basePath, null, null);
  const features = base.feature;
  if (isTable(features)) {
    for (const f of Object.keys(features)) if (isTable(features[f])) readDeps(features[f] as Table, [...basePath, 'feature', f], f, null);
  }
  // Newest syntax: workspace.platforms = [{ name = "linux-64-cuda", platform = "linux-64", cuda = "12.0" }].
  for (const section of ['workspace', 'project'] as const) {
    const ws = base[section];
    if (!isTable(ws) || !Array.isArray(ws.platforms)) continue;
    ws.platforms.forEach((p, i) => {
      if (!isTable(p) || (typeof p.cuda !== 'string' && typeof p.cuda !== 'number')) return;
      const value = String(p.cuda);
      pixi.cuda.push({ value, span: strSpan([...basePath, section, 'platforms', i, 'cuda'], value), feature: null,
        platform: typeof p.name === 'string' ? p.name : null });
    });
  }
  return pixi;
}

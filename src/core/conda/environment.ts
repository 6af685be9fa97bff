// environment.yml → CondaEnvironment, with offsets. Parsed with the `yaml` package (node ranges kept);
// the AST is walked directly (never converted with toJS), so aliases are not expanded and an alias
// bomb costs nothing; documents over MAX_YAML_CHARS are refused with a diagnostic.
// Mirrors what `conda env create` does: the known sections are name, channels, dependencies, prefix,
// variables; dependencies are MatchSpec strings or `{pip: [...]}` (conda writes the pip entries into a
// requirements file beside environment.yml and runs `pip install -r` on it, so each entry is one
// requirements-file line and `-r other.txt` resolves relative to the environment.yml).
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, YAMLParseError, type Document, type Node, type Scalar } from 'yaml';
import { Codes } from '../../constants';
import { finding, type Finding } from '../finding';
import { msg } from '../l10n';
import { LineIndex, type Span } from '../text';
import { parseMatchSpec } from './matchSpec';
import { parsePipEntry } from './pipEntry';
import type { CondaEnvironment, CondaSpec, PipEntry } from './types';

/**
 * Larger documents are not parsed: a real environment.yml is a few KB, and the `yaml` package needs
 * about 1 s per 400 KB, so this bounds the time one analysis can block the editor.
 */
export const MAX_YAML_CHARS = 500_000;
/** Alias limit for the one place that converts nodes to plain values (variables). */
export const MAX_ALIAS_COUNT = 100;

const KNOWN_SECTIONS = new Set(['name', 'channels', 'dependencies', 'prefix', 'variables']);

interface Located {
  value: string;
  /** Span of the scalar's text in the source (quotes excluded when the value maps 1:1). */
  span: Span;
  /** True when source.slice(span) === value, so sub-spans can be computed by offset. */
  direct: boolean;
}

function nodeSpan(n: Node | null | undefined, fallback: Span): Span {
  const r = n?.range;
  return r ? { start: r[0], end: r[1] } : fallback;
}

/** The string value of a scalar and where it sits in the source. */
function locateScalar(text: string, node: Scalar): Located | null {
  if (typeof node.value !== 'string' && typeof node.value !== 'number' && typeof node.value !== 'boolean') return null;
  const value = typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
  const r = node.range;
  if (!r) return { value, span: { start: 0, end: 0 }, direct: false };
  const [s, e] = [r[0], r[1]];
  if (text.slice(s, e) === value) return { value, span: { start: s, end: e }, direct: true };
  const q = node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : null;
  if (q && e - s >= 2 && text[s] === q && text[e - 1] === q && text.slice(s + 1, e - 1) === value) {
    return { value, span: { start: s + 1, end: e - 1 }, direct: true };
  }
  return { value, span: { start: s, end: e }, direct: false };
}

/** Shift every {start, end} span found in `obj` (the result of parsing a detached copy) onto `to`. */
function relocate<T>(obj: T, to: Span): T {
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number' && Object.keys(o).length === 2) {
      o.start = to.start;
      o.end = to.end;
      return;
    }
    for (const k of Object.keys(o)) walk(o[k]);
  };
  walk(obj);
  return obj;
}

function condaSpec(text: string, loc: Located): CondaSpec {
  const src = loc.direct ? text : loc.value;
  const p = parseMatchSpec(src, loc.direct ? loc.span.start : 0, loc.direct ? loc.span.end : loc.value.length);
  const spec: CondaSpec = {
    raw: src.slice(p.span.start, p.span.end),
    span: p.span,
    channel: p.channel,
    channelSpan: p.channelSpan,
    subdir: p.subdir,
    name: p.name,
    nameSpan: p.nameSpan,
    version: p.version,
    versionSpan: p.versionSpan,
    build: p.build,
    buildSpan: p.buildSpan,
    clauses: p.clauses,
    brackets: p.brackets,
    url: p.url,
    error: p.error,
    errorSpan: p.errorSpan,
  };
  return loc.direct ? spec : relocate(spec, loc.span);
}

export function parseEnvironmentYml(text: string, file: string): CondaEnvironment {
  const env: CondaEnvironment = {
    file, text, name: null, prefix: null, channels: [], dependencies: [], dependenciesSpan: null, pip: null,
    variables: {}, diagnostics: [], pipOptionsOutsidePip: [], unknownSections: [],
  };
  const diag = (f: Finding): void => {
    env.diagnostics.push(f);
  };
  if (text.length > MAX_YAML_CHARS) {
    diag(finding(Codes.invalidYaml, 'warning',
      msg('File not analysed: {0} characters is over the {1}-character limit for environment files.', text.length, MAX_YAML_CHARS),
      { start: 0, end: Math.min(text.length, 1) }));
    return env;
  }
  let doc: Document.Parsed;
  try {
    // yaml's own uniqueKeys check scans each map's keys for every key (quadratic: minutes on a
    // 500 KB file); duplicates are found with a Set instead, reported the same way
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
    addDuplicateKeyErrors(doc);
  } catch (e) {
    // The composer recurses per nesting level; pathological nesting can exhaust the stack.
    diag(finding(Codes.invalidYaml, 'error', msg('Invalid YAML: {0}', e instanceof Error ? e.message : String(e)), { start: 0, end: Math.min(text.length, 1) }));
    return env;
  }
  for (const e of doc.errors) {
    diag(finding(Codes.invalidYaml, 'error', msg('Invalid YAML: {0}', firstLine(e.message)), errorSpan(text, e.pos)));
  }
  for (const w of doc.warnings) {
    diag(finding(Codes.invalidYaml, 'warning', msg('YAML: {0}', firstLine(w.message)), errorSpan(text, w.pos)));
  }
  const lines = new LineIndex(text);
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return env;
  if (!isMap(root)) {
    diag(finding(Codes.invalidEnvironment, 'error', msg('An environment file must be a mapping with name, channels and dependencies.'),
      nodeSpan(root, { start: 0, end: 0 })));
    return env;
  }
  const deref = (n: unknown): unknown => (isAlias(n) ? n.resolve(doc) ?? n : n);
  for (const item of root.items) {
    if (!isPair(item)) continue;
    const keyNode = item.key;
    const key = isScalar(keyNode) ? String(keyNode.value) : null;
    const keySpan = nodeSpan(keyNode as Node, { start: 0, end: 0 });
    const value = deref(item.value) as Node | null;
    if (key === null) continue;
    if (!KNOWN_SECTIONS.has(key)) {
      env.unknownSections.push({ key, span: keySpan });
      diag(finding(Codes.invalidEnvironment, 'warning',
        msg('conda ignores the section "{0}" (known sections: name, channels, dependencies, prefix, variables).', key), keySpan));
      continue;
    }
    if (key === 'name' || key === 'prefix') {
      const loc = isScalar(value) ? locateScalar(text, value) : null;
      if (loc && loc.value !== '') env[key] = { value: loc.value, span: loc.span };
      else if (value !== null && !(isScalar(value) && value.value === null)) {
        diag(finding(Codes.invalidEnvironment, 'error', msg('"{0}" must be a string.', key), nodeSpan(value, keySpan)));
      }
    } else if (key === 'channels') {
      if (isSeq(value)) {
        for (const c of value.items) {
          const n = deref(c) as Node | null;
          const loc = isScalar(n) ? locateScalar(text, n) : null;
          if (loc) env.channels.push({ value: loc.value.trim(), span: loc.span });
          else diag(finding(Codes.invalidEnvironment, 'error', msg('A channel must be a string.'), nodeSpan(n, keySpan)));
        }
      } else if (value !== null && !(isScalar(value) && value.value === null)) {
        diag(finding(Codes.invalidEnvironment, 'error', msg('"{0}" must be a list.', key), nodeSpan(value, keySpan)));
      }
    } else if (key === 'variables') {
      if (isMap(value)) {
        // Converted with toJS under MAX_ALIAS_COUNT: conda reads these values as plain strings, and an
        // alias bomb here stops at the limit with a diagnostic instead of expanding.
        let js: unknown;
        try {
          js = value.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
        } catch (e) {
          diag(finding(Codes.invalidYaml, 'error', msg('Invalid YAML: {0}', e instanceof Error ? e.message : String(e)), nodeSpan(value, keySpan)));
          js = null;
        }
        if (js && typeof js === 'object' && !Array.isArray(js)) {
          for (const [k, v] of Object.entries(js as Record<string, unknown>)) {
            if (v !== null && typeof v === 'object') {
              diag(finding(Codes.invalidEnvironment, 'error', msg('The value of variable "{0}" must be a string.', k), nodeSpan(value, keySpan)));
              continue;
            }
            env.variables[k] = v === null || v === undefined ? '' : String(v);
          }
        }
      } else if (value !== null && !(isScalar(value) && value.value === null)) {
        diag(finding(Codes.invalidEnvironment, 'error', msg('"{0}" must be a mapping.', key), nodeSpan(value, keySpan)));
      }
    } else if (key === 'dependencies') {
      if (isSeq(value)) {
        const r = value.range;
        env.dependenciesSpan = r ? { start: r[0], end: r[1] } : null;
        readDependencies(value.items.map(deref) as (Node | null)[], keySpan);
      } else if (value !== null && !(isScalar(value) && value.value === null)) {
        diag(finding(Codes.invalidEnvironment, 'error', msg('"{0}" must be a list.', key), nodeSpan(value, keySpan)));
      }
    }
  }
  return env;

  function readDependencies(items: (Node | null)[], keySpan: Span): void {
    const pipBlocks: { key: Span; value: Node | null; span: Span }[] = [];
    for (const n of items) {
      const span = nodeSpan(n, keySpan);
      if (isScalar(n) && typeof n.value === 'string') {
        const loc = locateScalar(text, n);
        if (!loc) continue;
        const trimmed = loc.value.trimStart();
        if (trimmed.startsWith('-')) {
          // A pip option (`--extra-index-url ...`, `-r file`, `-e .`) written as a conda dependency.
          env.pipOptionsOutsidePip.push({ text: loc.value, span: loc.span, line: lines.positionAt(loc.span.start).line });
          continue;
        }
        const spec = condaSpec(text, loc);
        env.dependencies.push(spec);
        const src = text.slice(loc.span.start, loc.span.end);
        if (n.type === 'PLAIN' && /[\r\n]/.test(src) && /\n\s*- /.test(src)) {
          // "- pip" followed by a more-indented "- x": YAML folds both lines into one plain string.
          diag(finding(Codes.invalidCondaSpec, 'error',
            msg('"{0}" continues on the next line, so YAML reads the indented list below it as part of this entry. Did you mean "- {1}:"?', firstLine(src), spec.name || firstLine(src)),
            { start: loc.span.start, end: loc.span.start + firstLine(src).length }));
        } else if (spec.error) {
          diag(finding(Codes.invalidCondaSpec, 'error', msg('conda would reject "{0}": {1}', spec.raw || loc.value, spec.error), spec.errorSpan ?? spec.span));
        }
      } else if (isMap(n)) {
        for (const p of n.items) {
          if (!isPair(p) || !isScalar(p.key)) continue;
          const k = String(p.key.value);
          const ks = nodeSpan(p.key as Node, span);
          if (k === 'pip') pipBlocks.push({ key: ks, value: deref(p.value) as Node | null, span });
          else diag(finding(Codes.invalidEnvironment, 'error', msg('Unknown installer "{0}" in dependencies (conda supports only "pip:").', k), ks));
        }
      } else if (isScalar(n) && n.value === null) {
        diag(finding(Codes.invalidEnvironment, 'error', msg('Empty entry in dependencies.'), span));
      } else {
        diag(finding(Codes.invalidCondaSpec, 'error', msg('A dependency must be a package spec string such as "numpy>=1.24".'), span));
      }
    }
    pipBlocks.forEach((b, i) => {
      if (i < pipBlocks.length - 1) {
        diag(finding(Codes.invalidEnvironment, 'warning', msg('conda uses only the last "pip:" block; this one is ignored.'), b.key));
        return;
      }
      env.pip = { span: b.span, keySpan: b.key, requirements: [], options: [], includes: [], entries: [] };
      if (!isSeq(b.value)) {
        if (b.value !== null && !(isScalar(b.value) && b.value.value === null)) {
          diag(finding(Codes.invalidEnvironment, 'error', msg('"pip:" must hold a list of requirements.'), nodeSpan(b.value, b.key)));
        }
        return;
      }
      for (const item of b.value.items) {
        const n = deref(item) as Node | null;
        const loc = isScalar(n) ? locateScalar(text, n) : null;
        if (!loc) {
          diag(finding(Codes.invalidRequirement, 'error', msg('A pip entry must be a string (one requirements-file line).'), nodeSpan(n, b.key)));
          continue;
        }
        const entry: PipEntry = { text: loc.value, span: loc.span, line: lines.positionAt(loc.span.start).line };
        env.pip.entries.push(entry);
        const r = parsePipEntry(loc.direct ? text : loc.value, loc.direct ? loc.span.start : 0,
          loc.direct ? loc.span.end : loc.value.length, file, entry.line);
        // A scalar with escapes or folding was parsed from its value: its spans all point at the whole
        // scalar, so edits computed inside the value cannot be applied to the text.
        const parsed = loc.direct ? r : relocate({ ...r, diagnostics: r.diagnostics.map((d) => ({ ...d, fixes: [] })) }, loc.span);
        if (parsed.requirement) env.pip.requirements.push(parsed.requirement);
        if (parsed.option) env.pip.options.push(parsed.option);
        if (parsed.include) env.pip.includes.push({ target: parsed.include.target, span: parsed.include.span, kind: parsed.include.kind });
        for (const x of parsed.diagnostics) env.diagnostics.push(x);
      }
    });
  }
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i < 0 ? s : s.slice(0, i)).trim();
}

/** yaml's DUPLICATE_KEY errors (scalar keys with equal values in one map), found in linear time. */
function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const found: YAMLParseError[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const k = pair.key;
        if (!isScalar(k) || !k.range) continue;
        const id = `${typeof k.value}:${String(k.value)}`;
        if (seen.has(id)) found.push(new YAMLParseError([k.range[0], k.range[0] + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        else seen.add(id);
      }
    },
  });
  if (!found.length) return;
  const all = [...doc.errors, ...found].sort((a, b) => a.pos[0] - b.pos[0]);
  doc.errors.length = 0;
  for (const e of all) doc.errors.push(e);
}

function errorSpan(text: string, pos: [number, number]): Span {
  const start = Math.max(0, Math.min(pos[0], text.length));
  let end = Math.max(start, Math.min(pos[1], text.length));
  if (end === start && end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end };
}

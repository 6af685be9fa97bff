// A conda MatchSpec parser that keeps offsets, following the steps of conda's own
// `conda.models.match_spec._parse_spec_str` (comment, URL, brackets, channel::, name, version + build).
// Written as a single left-to-right scan over index ranges (no backtracking regular expressions), so
// every part of the spec carries an exact span into the source text.
import { hasScheme } from '../uri';
import type { Span } from '../text';

/** One comparison in a conda version spec. `fuzzy` is conda's prefix match (`=1.2`, `1.2.*`, `1.2*`). */
export interface CondaVersionClause {
  op: '==' | '!=' | '<' | '<=' | '>' | '>=' | '~=' | 'fuzzy' | 'any';
  /** Version without the operator and without a trailing `.*`/`*` for fuzzy clauses ("" for `*`). */
  version: string;
}

export interface MatchSpecParts {
  /** Span of the spec proper (comment and surrounding blanks excluded). */
  span: Span;
  channel: string | null;
  channelSpan: Span | null;
  subdir: string | null;
  name: string;
  nameSpan: Span;
  /** Version as written, spaces removed, one leading "=" dropped ("python=3.10" → "3.10"). */
  version: string | null;
  versionSpan: Span | null;
  build: string | null;
  buildSpan: Span | null;
  /** The version spec as an OR (`|`) of AND (`,`) lists of clauses; null when no version is given. */
  clauses: CondaVersionClause[][] | null;
  /** Key/value pairs from a `[key=value, ...]` bracket section. */
  brackets: Record<string, string>;
  /** A package file or URL given instead of a name (`https://.../pkg-1.0-0.conda`). */
  url: string | null;
  /** Why conda would reject the spec, or null. */
  error: string | null;
  /** Span the error applies to. */
  errorSpan: Span | null;
}

/** Platform subdirectories conda recognises in `channel/subdir::name`. */
const SUBDIRS = new Set([
  'noarch', 'linux-32', 'linux-64', 'linux-aarch64', 'linux-armv6l', 'linux-armv7l', 'linux-ppc64',
  'linux-ppc64le', 'linux-riscv64', 'linux-s390x', 'osx-64', 'osx-arm64', 'win-32', 'win-64', 'win-arm64',
  'zos-z', 'freebsd-64', 'emscripten-wasm32', 'wasi-wasm32',
]);

const isSpace = (c: string): boolean => c === ' ' || c === '\t';

// Searches bounded to [start, end): the spec is a slice of a much larger document, and an unbounded
// indexOf/lastIndexOf per entry would make a whole file quadratic.
function indexIn(s: string, needle: string, start: number, end: number): number {
  for (let i = start; i + needle.length <= end; i++) if (s.startsWith(needle, i)) return i;
  return -1;
}
function lastIndexIn(s: string, needle: string, start: number, end: number): number {
  for (let i = end - needle.length; i >= start; i--) if (s.startsWith(needle, i)) return i;
  return -1;
}

function trimRange(s: string, start: number, end: number): [number, number] {
  while (start < end && (isSpace(s[start]) || s[start] === '\r' || s[start] === '\n')) start++;
  while (end > start && (isSpace(s[end - 1]) || s[end - 1] === '\r' || s[end - 1] === '\n')) end--;
  return [start, end];
}

const OPS = ['===', '==', '!=', '<=', '>=', '~=', '<', '>', '='] as const;

function parseClause(text: string): CondaVersionClause | string {
  let t = text;
  let op: string | null = null;
  for (const o of OPS) {
    if (t.startsWith(o)) {
      op = o;
      t = t.slice(o.length);
      break;
    }
  }
  if (t === '' && op !== null && op !== '=') return `missing version after "${op}"`;
  if (op === null && (t === '*' || t === '')) return { op: 'any', version: '' };
  // conda's VersionOrder accepts only these characters (no "-": that separates name-version-build).
  if (!/^[A-Za-z0-9_.*+!]+$/.test(t)) return `invalid version "${text}"`;
  if (op === '=' && t === '*') return { op: 'any', version: '' };
  if (op === '===') op = '==';
  if (op === null || op === '=') {
    // A bare version is exact unless it ends with "*"; "=1.2" is a prefix match.
    if (t.endsWith('*')) return { op: 'fuzzy', version: t.replace(/\.?\*$/, '') };
    return op === '=' ? { op: 'fuzzy', version: t } : { op: '==', version: t };
  }
  if ((op === '==' || op === '!=') && t.endsWith('*')) {
    return op === '==' ? { op: 'fuzzy', version: t.replace(/\.?\*$/, '') } : { op: '!=', version: t };
  }
  return { op: op as CondaVersionClause['op'], version: t };
}

/** Parse a conda version spec ("3.10", ">=2,<3", "1.2.*|>=2") into OR-of-AND clauses. */
export function parseCondaVersion(spec: string): { clauses: CondaVersionClause[][]; error: string | null } {
  const clauses: CondaVersionClause[][] = [];
  const s = spec.replace(/[ \t]/g, '');
  if (s.includes('(') || s.includes(')')) {
    // Parenthesised groups are legal but rare; keep them unparsed rather than guess.
    return { clauses: [], error: null };
  }
  for (const alt of s.split('|')) {
    const and: CondaVersionClause[] = [];
    for (const part of alt.split(',')) {
      if (part === '') return { clauses, error: `empty clause in version "${spec}"` };
      const c = parseClause(part);
      if (typeof c === 'string') return { clauses, error: c };
      and.push(c);
    }
    clauses.push(and);
  }
  return { clauses, error: null };
}

/** Split conda's "version[ =]build" tail the way `_parse_version_plus_build` does (earliest split). */
function splitVersionBuild(s: string, start: number, end: number): { v: [number, number]; b: [number, number] | null } {
  const BAD_BEFORE = '=!|,<>~';
  const BAD_IN_BUILD = '-=,|<>~';
  // A build may not contain these; find the last position where one occurs, a split must come after it.
  let lastBad = -1;
  for (let i = end - 1; i > start; i--) {
    if (BAD_IN_BUILD.includes(s[i])) {
      lastBad = i;
      break;
    }
  }
  for (let i = Math.max(start + 1, lastBad); i < end - 1; i++) {
    const c = s[i];
    if ((c === ' ' || c === '=') && !BAD_BEFORE.includes(s[i - 1])) {
      const [bs, be] = trimRange(s, i + 1, end);
      if (be > bs && lastBad < i + 1) {
        const [vs, ve] = trimRange(s, start, i);
        if (ve > vs) return { v: [vs, ve], b: [bs, be] };
      }
    }
  }
  return { v: trimRange(s, start, end), b: null };
}

/** Parse the bracket section `key=value, key2='v, w'` (inner text only). */
function parseBrackets(s: string, start: number, end: number): { values: Record<string, string>; spans: Record<string, Span>; error: string | null } {
  const values: Record<string, string> = {};
  const spans: Record<string, Span> = {};
  let i = start;
  while (i < end) {
    while (i < end && (isSpace(s[i]) || s[i] === ',')) i++;
    if (i >= end) break;
    const ks = i;
    while (i < end && /[A-Za-z0-9_-]/.test(s[i])) i++;
    const key = s.slice(ks, i);
    if (!key || s[i] !== '=') return { values, spans, error: `invalid bracket section "${s.slice(start, end)}"` };
    i++;
    let vs: number;
    let ve: number;
    const q = s[i];
    if (q === '"' || q === "'") {
      vs = i + 1;
      const close = indexIn(s, q, vs, end);
      if (close < 0) return { values, spans, error: `unterminated quote in "${s.slice(start, end)}"` };
      ve = close;
      i = close + 1;
    } else {
      vs = i;
      while (i < end && s[i] !== ',' && !isSpace(s[i])) i++;
      ve = i;
    }
    values[key] = s.slice(vs, ve);
    spans[key] = { start: vs, end: ve };
  }
  return { values, spans, error: null };
}

function isPackageUrl(raw: string): boolean {
  if (/\.(tar\.bz2|conda)$/.test(raw)) return true;
  // A channel URL before "::" is a channel, not a package location.
  return !raw.includes('::') && (hasScheme(raw) || raw.startsWith('/') || raw.startsWith('./'));
}

/**
 * Parse `source[start, end)` as one conda MatchSpec ("pytorch::pytorch>=2", "python>=3.8, < 3.10 # c",
 * "pytorch=*=cuda*", "name[version='>=1',build=py*]", "conda-forge/linux-64::x"). Never throws.
 */
export function parseMatchSpec(source: string, start: number, end: number): MatchSpecParts {
  // Step 1: comment.
  for (let h = start; h < end; h++) {
    if (source[h] === '#') {
      end = h;
      break;
    }
  }
  [start, end] = trimRange(source, start, end);
  const out: MatchSpecParts = {
    span: { start, end }, channel: null, channelSpan: null, subdir: null, name: '', nameSpan: { start, end: start },
    version: null, versionSpan: null, build: null, buildSpan: null, clauses: null, brackets: {}, url: null,
    error: null, errorSpan: null,
  };
  const fail = (message: string, span: Span = { start, end }): MatchSpecParts => {
    out.error = message;
    out.errorSpan = span;
    return out;
  };
  if (end <= start) return fail('empty package spec');
  const raw = source.slice(start, end);

  // Step 2: a package file or URL.
  if (isPackageUrl(raw)) {
    out.url = raw;
    const base = raw.slice(raw.lastIndexOf('/') + 1).replace(/\.(tar\.bz2|conda)$/, '');
    const m = /^(.+)-([^-]+)-([^-]+)$/.exec(base);
    const nameText = m ? m[1] : base;
    out.name = nameText.toLowerCase();
    const at = start + raw.lastIndexOf('/') + 1;
    out.nameSpan = { start: at, end: at + nameText.length };
    if (m) {
      out.version = m[2];
      out.build = m[3];
      out.clauses = [[{ op: '==', version: m[2] }]];
    }
    return out;
  }

  // Step 3: trailing bracket section (the last "[" whose section closes the spec).
  let body = end;
  let bracketSpans: Record<string, Span> = {};
  if (source[end - 1] === ']') {
    const open = lastIndexIn(source, '[', start, end - 1);
    if (open >= start) {
      const b = parseBrackets(source, open + 1, end - 1);
      if (b.error) return fail(b.error, { start: open, end });
      out.brackets = b.values;
      bracketSpans = b.spans;
      body = open;
    }
  }

  // Step 5: channel[/subdir]:: prefix (conda rsplits on ":" twice).
  let nameStart = start;
  const dc = lastIndexIn(source, '::', start, body);
  if (dc >= start) {
    const [cs, ce] = trimRange(source, start, dc);
    let channel = source.slice(cs, ce);
    let channelEnd = ce;
    const slash = channel.lastIndexOf('/');
    if (slash >= 0 && SUBDIRS.has(channel.slice(slash + 1))) {
      out.subdir = channel.slice(slash + 1);
      channel = channel.slice(0, slash);
      channelEnd = cs + slash;
    }
    if (channel) {
      out.channel = channel;
      out.channelSpan = { start: cs, end: channelEnd };
    }
    nameStart = dc + 2;
  }
  if (out.brackets.channel !== undefined && out.channel === null) {
    out.channel = out.brackets.channel;
    out.channelSpan = bracketSpans.channel ?? null;
  }
  if (out.brackets.subdir !== undefined && out.subdir === null) out.subdir = out.brackets.subdir;

  // Step 6: the name runs to the first of " =<>!~".
  while (nameStart < body && isSpace(source[nameStart])) nameStart++;
  let i = nameStart;
  while (i < body && !' \t=<>!~'.includes(source[i])) i++;
  if (i === nameStart) return fail(`no package name found in "${raw}"`);
  const nameText = source.slice(nameStart, i);
  out.nameSpan = { start: nameStart, end: i };
  out.name = nameText.toLowerCase();
  if (/[[\]():,|"']/.test(nameText)) return fail(`invalid package name "${nameText}"`, out.nameSpan);

  // Step 7: version and build.
  const [rs, re] = trimRange(source, i, body);
  if (re > rs) {
    if (source.slice(rs, re).includes('[')) return fail('multiple bracket sections are not allowed', { start: rs, end: re });
    const { v, b } = splitVersionBuild(source, rs, re);
    const ve = v[1];
    let vs = v[0];
    let version = source.slice(vs, ve).replace(/[ \t]/g, '');
    if (b) {
      out.build = source.slice(b[0], b[1]);
      out.buildSpan = { start: b[0], end: b[1] };
    }
    if (version === '=' || version === '==') {
      // "numpy=" is accepted by conda as "any version"; "numpy==" is not.
      if (version === '==' || b) return fail(`missing version after "${version}" in "${raw}"`, { start: vs, end: ve });
      version = '';
    }
    // conda: "=1.2" alone means 1.2.* ; with a build ("=1.2=py3") it is the exact version.
    let specText = version;
    if (version.startsWith('=') && !version.startsWith('==')) {
      vs += 1;
      while (vs < ve && isSpace(source[vs])) vs++;
      version = version.slice(1);
      if (b && !/[=,|]/.test(version)) specText = version;
    }
    if (version) {
      out.version = version;
      out.versionSpan = { start: vs, end: ve };
      const parsed = parseCondaVersion(specText);
      out.clauses = parsed.clauses;
      if (parsed.error) return fail(`${parsed.error} in "${raw}"`, out.versionSpan);
    }
  }
  if (out.brackets.version !== undefined) {
    out.version = out.brackets.version;
    out.versionSpan = bracketSpans.version ?? null;
    const parsed = parseCondaVersion(out.brackets.version);
    out.clauses = parsed.clauses;
    if (parsed.error) return fail(`${parsed.error} in "${raw}"`, out.versionSpan ?? out.span);
  }
  if (out.brackets.build !== undefined) {
    out.build = out.brackets.build;
    out.buildSpan = bracketSpans.build ?? null;
  }
  return out;
}

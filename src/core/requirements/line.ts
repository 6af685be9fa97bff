// One logical requirements-file line → a requirement, an option line or an include, the way pip's
// req_file.handle_line() and req/constructors.py (install_req_from_line / parse_editable) read it.
// The file system is not consulted: a path-like requirement is taken as a local project.
import { Codes } from '../../constants';
import { finding, type Finding } from '../finding';
import { msg } from '../l10n';
import type { Span } from '../text';
import { LogicalLine, isPySpace } from './lines';
import { normalizeName } from './names';
import { optionsStart, OptionError, parseOptions, shlexSplit, type ParsedOption } from './options';
import { mapSpan, parseMarkerString, parseRequirementString, Pep508Error, type MarkerNode, type Pep508Result, type PosMap } from './pep508';
import type { Include, OptionLine, Requirement, VersionSpecifier } from './types';

export const VCS_SCHEMES = [
  'bzr+http', 'bzr+https', 'bzr+ssh', 'bzr+sftp', 'bzr+ftp', 'bzr+lp', 'bzr+file',
  'git+http', 'git+https', 'git+ssh', 'git+git', 'git+file',
  'hg+file', 'hg+http', 'hg+https', 'hg+ssh', 'hg+static-http',
  'svn+ssh', 'svn+http', 'svn+https', 'svn+svn', 'svn+file',
];
const URL_SCHEMES = new Set(['http', 'https', 'file', 'ftp', ...VCS_SCHEMES]);
const ARCHIVE_EXTENSIONS = ['.zip', '.whl', '.tar.bz2', '.tbz', '.tar.gz', '.tgz', '.tar', '.tar.xz', '.txz', '.tlz', '.tar.lz', '.tar.lzma'];

export interface LineContext {
  file: string;
  constraint: boolean;
  /** The text the logical line's offsets refer to. */
  source: string;
}

export interface LineResult {
  requirement: Requirement | null;
  option: OptionLine | null;
  /** Every option of an option line (pip applies them all); `option` is the first. */
  options: OptionLine[];
  include: Include | null;
  diagnostics: Finding[];
  /** Marker AST of the requirement, when it has one. */
  markerNode: MarkerNode | null;
}

/** pip's get_url_scheme(): the text before the first ":", lower-cased. */
function urlScheme(s: string): string | null {
  const i = s.indexOf(':');
  return i < 0 ? null : s.slice(0, i).toLowerCase();
}
export function isUrl(s: string): boolean {
  const sc = urlScheme(s);
  return sc !== null && URL_SCHEMES.has(sc);
}
function looksLikePath(s: string): boolean {
  return s.includes('/') || s.includes('\\') || s.startsWith('.');
}
function isArchive(s: string): boolean {
  const l = s.toLowerCase();
  for (const x of ARCHIVE_EXTENSIONS) if (l.endsWith(x)) return true;
  return false;
}

/** _strip_extras: ^(.+)(\[[^\]]+\])$ → [end of path, start of extras] or null. */
function extrasSuffix(s: string, a: number, e: number): number {
  if (e - a < 4 || s.charCodeAt(e - 1) !== 93) return -1;
  const open = s.lastIndexOf('[', e - 2);
  if (open <= a || open >= e - 2) return -1;
  if (s.slice(open + 1, e - 1).includes(']')) return -1;
  return open;
}

function trimRange(s: string, a: number, e: number): [number, number] {
  while (a < e && isPySpace(s.charCodeAt(a))) a++;
  while (e > a && isPySpace(s.charCodeAt(e - 1))) e--;
  return [a, e];
}

/** The path part of a URL or path (no query or fragment), as [start, end) in s. */
function pathRange(s: string, a: number, e: number, local = false): [number, number] {
  // a local path is all path: pip's path_to_url() quotes "#" and "?"
  if (local) return [a, e];
  let p = a;
  const sep = s.indexOf('://', a);
  if (sep >= 0 && sep < e) {
    p = s.indexOf('/', sep + 3);
    if (p < 0 || p >= e) return [e, e];
  } else {
    const colon = s.indexOf(':', a);
    if (colon >= 0 && colon < e && colon - a > 1) p = colon + 1;
  }
  let q = p;
  while (q < e) {
    const c = s.charCodeAt(q);
    if (c === 63 || c === 35) break; // ? #
    q++;
  }
  return [p, q];
}

/** The file name (basename) of a URL/path, as a range of s, trailing "/" removed. */
function fileNameRange(s: string, a: number, e: number, local = false): [number, number] {
  const [p, q0] = pathRange(s, a, e, local);
  let q = q0;
  while (q > p && s.charCodeAt(q - 1) === 47) q--;
  let b = q;
  while (b > p && s.charCodeAt(b - 1) !== 47 && s.charCodeAt(b - 1) !== 92) b--;
  return [b, q];
}

function unquote(s: string): string {
  if (s.indexOf('%') < 0) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The value of the first [#&]egg= in s[a, e), as a range. */
function eggRange(s: string, a: number, e: number): [number, number] | null {
  let i = a;
  for (;;) {
    const k = s.indexOf('egg=', i);
    if (k < 0 || k >= e) return null;
    const prev = s.charCodeAt(k - 1);
    if (k > a && (prev === 35 || prev === 38)) {
      let j = k + 4;
      while (j < e && s.charCodeAt(j) !== 38) j++;
      return [k + 4, j];
    }
    i = k + 1;
  }
}

type Built = { req: Requirement; markerNode: MarkerNode | null } | { error: { message: ReturnType<typeof msg>; start: number; end: number } };

function invalid(text: string, reason: string, start: number, end: number): Built {
  return { error: { message: msg('Invalid requirement: {0}: {1}', `'${text}'`, reason), start, end } };
}

function joinSpecs(specs: { op: string; version: string }[]): string {
  let out = '';
  for (let i = 0; i < specs.length; i++) out += (i ? ',' : '') + specs[i].op + specs[i].version;
  return out;
}

/** Every Requirement is created here, with one property order (one hidden class: fast). */
function makeReq(
  name: string | null,
  nameSpan: Span | null,
  extras: string[],
  specifiers: VersionSpecifier[],
  specifierSpan: Span | null,
  url: string | null,
  urlSpan: Span | null,
  marker: string | null,
  markerSpan: Span | null,
  editable: boolean,
  span: Span,
): Requirement {
  return {
    file: '',
    line: 0,
    pipLine: 0,
    name,
    normalizedName: name === null ? null : normalizeName(name),
    nameSpan,
    extras,
    specifier: joinSpecs(specifiers),
    specifiers,
    specifierSpan,
    marker,
    markerSpan,
    url,
    urlSpan,
    editable,
    constraint: false,
    hashes: [],
    options: [],
    span,
    lineSpan: span,
  };
}

function specsOf(p: Pep508Result, map: PosMap): VersionSpecifier[] {
  const out: VersionSpecifier[] = [];
  for (const s of p.specifiers) out.push({ op: s.op, version: s.version, span: mapSpan(map, s.start, s.end) });
  return out;
}

function fromPep508(s: string, p: Pep508Result, map: PosMap, editable: boolean, span: Span): Requirement {
  return makeReq(
    p.name,
    mapSpan(map, p.nameStart, p.nameEnd),
    p.extras,
    specsOf(p, map),
    p.specStart >= 0 ? mapSpan(map, p.specStart, p.specEnd) : null,
    p.url,
    p.url !== null ? mapSpan(map, p.urlStart, p.urlEnd) : null,
    p.marker ? s.slice(p.markerStart, p.markerEnd) : null,
    p.marker ? mapSpan(map, p.markerStart, p.markerEnd) : null,
    editable,
    span,
  );
}

/** Parse a requirement string with the error mapped to a pip-style message. */
function pep508(s: string, a: number, e: number): Pep508Result | Built {
  try {
    return parseRequirementString(s, a, e);
  } catch (err) {
    if (!(err instanceof Pep508Error)) throw err;
    const text = s.slice(a, e);
    let reason = err.reason;
    if (text.includes('=') && !['~=', '==', '!=', '<=', '>=', '<', '>', '==='].some((op) => text.includes(op)))
      reason += ' (= is not a valid operator. Did you mean == ?)';
    const start = err.start;
    const end = err.end > err.start ? err.end : Math.max(e, start);
    return invalid(text, reason, start, end);
  }
}

function isBuilt(x: Pep508Result | Built): x is Built {
  return 'req' in x || 'error' in x;
}

/** A URL/path requirement (pip's Link branch): wheel name/version, or #egg= name. */
/** `local`: a file-system path (pip turns it into a file: URL, so "#egg=" is not a fragment). */
function fromLink(s: string, a: number, e: number, extras: string[], map: PosMap, local: boolean): Built {
  const url = s.slice(a, e);
  const [fa, fe] = fileNameRange(s, a, e, local);
  const rawFile = s.slice(fa, fe);
  const fileName = unquote(rawFile);
  const urlSpan = mapSpan(map, a, e);
  // pip's Link.ext is case-sensitive for ".whl"
  if (fileName.endsWith('.whl')) {
    const parts = fileName.slice(0, -4).split('-');
    const ok =
      !/\s/.test(fileName) &&
      (parts.length === 5 || (parts.length === 6 && /^\d/.test(parts[2]))) &&
      parts[0] !== '' &&
      parts.slice(-3).every((x) => x !== '');
    if (!ok) return { error: { message: msg('{0} is not a valid wheel filename.', fileName), start: fa, end: fe } };
    const name = parts[0].replace(/_/g, '-');
    const version = parts[1].replace(/_/g, '-');
    const reqText = `${name}==${version}`;
    const p = pep508(reqText, 0, reqText.length);
    if (isBuilt(p)) return invalid(reqText, 'error' in p ? p.error.message.l10n.args[1].toString() : '', fa, fe);
    // locate name and version in the raw (possibly %-encoded) file name
    const rawParts = rawFile.slice(0, -4).split('-');
    const plain = rawParts.length === parts.length;
    const nameSpan = plain ? mapSpan(map, fa, fa + rawParts[0].length) : mapSpan(map, fa, fe);
    const vStart = fa + rawParts[0].length + 1;
    const vSpan = plain ? mapSpan(map, vStart, vStart + rawParts[1].length) : mapSpan(map, fa, fe);
    const specs: VersionSpecifier[] = [];
    for (const x of p.specifiers) specs.push({ op: x.op, version: x.version, span: vSpan });
    return { req: makeReq(name, nameSpan, extras, specs, vSpan, url, urlSpan, null, null, false, urlSpan), markerNode: null };
  }
  const egg = local ? null : eggRange(s, a, e);
  if (egg) {
    const p = pep508(s, egg[0], egg[1]);
    if (isBuilt(p)) return p;
    const f = fromPep508(s, p, map, false, urlSpan);
    f.url = url;
    f.urlSpan = urlSpan;
    f.marker = null;
    f.markerSpan = null;
    if (extras.length) f.extras = extras;
    return { req: f, markerNode: null };
  }
  return { req: makeReq(null, null, extras, [], null, url, urlSpan, null, null, false, urlSpan), markerNode: null };
}

function parseExtrasList(s: string, open: number, e: number): string[] | Built {
  // convert_extras(): get_requirement("placeholder" + extras.lower()).extras
  const text = 'placeholder' + s.slice(open, e).toLowerCase();
  const p = pep508(text, 0, text.length);
  if (isBuilt(p)) return p;
  return p.extras;
}

/** pip's parse_req_from_line() on s[a, e). */
export function buildRequirement(s: string, a: number, e: number, map: PosMap): Built {
  [a, e] = trimRange(s, a, e);
  const whole = s.slice(a, e);
  const sep = isUrl(whole) ? '; ' : ';';
  const semi = s.indexOf(sep, a);
  let nameEnd = e;
  let marker: { node: MarkerNode; start: number; end: number } | null = null;
  if (semi >= 0 && semi + sep.length <= e) {
    nameEnd = semi;
    const [ma, me] = trimRange(s, semi + sep.length, e);
    if (me > ma) {
      try {
        marker = parseMarkerString(s, ma, me);
        marker = { node: marker.node, start: ma, end: me };
      } catch (err) {
        if (!(err instanceof Pep508Error)) throw err;
        return {
          error: {
            message: msg('Invalid marker: {0}: {1}', `'${s.slice(ma, me)}'`, err.reason),
            start: err.start,
            end: err.end > err.start ? err.end : Math.max(me, err.start),
          },
        };
      }
    }
  }
  const [na, ne] = trimRange(s, a, nameEnd);
  const name = s.slice(na, ne);
  let built: Built;
  if (na === ne) {
    built = invalid(whole, 'Expected package name at the start of dependency specifier', a, e);
  } else if (isUrl(name)) {
    built = fromLink(s, na, ne, [], map, false);
  } else {
    const xo = extrasSuffix(s, na, ne);
    const pathEnd = xo >= 0 ? xo : ne;
    const path = s.slice(na, pathEnd);
    let linkLike = false;
    if (isArchive(path)) {
      const at = name.indexOf('@');
      linkLike = !(at >= 0 && !looksLikePath(name.slice(0, at)));
    }
    if (linkLike) {
      const extras = xo >= 0 ? parseExtrasList(s, xo, ne) : [];
      if (!Array.isArray(extras)) return extras;
      built = fromLink(s, na, pathEnd, extras, map, true);
    } else {
      const p = pep508(s, na, ne);
      if (!isBuilt(p)) {
        built = { req: fromPep508(s, p, map, false, mapSpan(map, na, ne)), markerNode: null };
      } else if (looksLikePath(name) && !isArchive(path)) {
        // a local directory (pip checks that it exists; core cannot)
        const extras = xo >= 0 ? parseExtrasList(s, xo, ne) : [];
        if (!Array.isArray(extras)) return extras;
        built = fromLink(s, na, pathEnd, extras, map, true);
      } else {
        built = p;
      }
    }
  }
  if ('error' in built) return built;
  if (marker) {
    built.req.marker = s.slice(marker.start, marker.end);
    built.req.markerSpan = mapSpan(map, marker.start, marker.end);
    built.req.span = mapSpan(map, a, e);
    built.markerNode = marker.node;
  }
  return built;
}

/** pip's parse_editable() on s[a, e). */
export function buildEditable(s: string, a: number, e: number, map: PosMap): Built {
  [a, e] = trimRange(s, a, e);
  const text = s.slice(a, e);
  const xo = extrasSuffix(s, a, e);
  const noExtrasEnd = xo >= 0 ? xo : e;
  const noExtras = s.slice(a, noExtrasEnd);
  // a scheme is letters, digits, "+", "-", "." before ":" (RFC 3986); anything else is a path
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(noExtras) ? urlScheme(noExtras) : null;
  const span = mapSpan(map, a, e);
  // a local path (no scheme, or a Windows drive letter) or a file: URL
  // pip accepts a scheme-less target only when it is an existing directory: core cannot look, so a
  // target that looks like a path (".", "./x", "a/b") is taken as one, anything else is not
  // pip's one message for an editable target that is neither a local project nor a VCS URL
  const notEditable = () => ({
    error: {
      message: msg(
        '{0} is not a valid editable requirement. It should either be a path to a local project or a VCS URL (beginning with {1}).',
        text,
        VCS_SCHEMES.join(', '),
      ),
      start: a,
      end: e,
    },
  });
  if (scheme === null && !looksLikePath(noExtras)) {
    return notEditable();
  }
  if (scheme === null || scheme.length === 1 || scheme === 'file') {
    const extras = xo >= 0 ? parseExtrasList(s, xo, e) : [];
    if (!Array.isArray(extras)) return extras;
    let name: string | null = null;
    let nameSpan: Span | null = null;
    if (scheme === 'file') {
      const egg = eggRange(s, a, noExtrasEnd);
      if (egg) {
        const p = pep508(s, egg[0], egg[1]);
        if (isBuilt(p)) return invalid(s.slice(egg[0], egg[1]), 'error' in p ? String(p.error.message.l10n.args[1]) : '', egg[0], egg[1]);
        name = p.name;
        nameSpan = mapSpan(map, p.nameStart, p.nameEnd);
      }
    }
    return { req: makeReq(name, nameSpan, extras, [], null, noExtras, mapSpan(map, a, noExtrasEnd), null, null, true, span), markerNode: null };
  }
  let vcsUrl = text;
  for (const v of ['bzr', 'git', 'hg', 'svn']) {
    if (text.toLowerCase().startsWith(v + ':')) {
      vcsUrl = `${v}+${text}`;
      break;
    }
  }
  if (!VCS_SCHEMES.includes(urlScheme(vcsUrl) ?? '')) {
    return notEditable();
  }
  const egg = eggRange(s, a, e);
  if (!egg || egg[1] === egg[0]) {
    return {
      error: {
        message: msg("Could not detect requirement name for '{0}', please specify one with #egg=your_package_name", text),
        start: a,
        end: e,
      },
    };
  }
  const p = pep508(s, egg[0], egg[1]);
  if (isBuilt(p)) return { error: { message: msg('Invalid requirement: {0}', `'${s.slice(egg[0], egg[1])}'`), start: egg[0], end: egg[1] } };
  const r = fromPep508(s, p, map, true, span);
  r.url = text;
  r.urlSpan = span;
  return { req: r, markerNode: null };
}

function finishReq(
  res: LineResult,
  b: Built,
  ll: LogicalLine,
  ctx: LineContext,
  hashes: string[],
  options: { name: string; value: string }[],
): void {
  if ('error' in b) {
    res.diagnostics.push(finding(Codes.invalidRequirement, 'error', b.error.message, mapSpan(ll, b.error.start, b.error.end)));
    return;
  }
  const r = b.req;
  r.file = ctx.file;
  r.line = ll.line;
  r.pipLine = ll.pipLine;
  r.constraint = ctx.constraint;
  r.hashes = hashes;
  r.options = options;
  r.lineSpan = { start: ll.lineStart, end: ll.lineEnd };
  res.requirement = r;
  res.markerNode = b.markerNode;
}

/** handle_line() for one logical line. */
export function parseLogicalLine(ll: LogicalLine, ctx: LineContext): LineResult {
  const s = ll.text;
  const map: PosMap = ll;
  const lineSpan: Span = { start: ll.lineStart, end: ll.lineEnd };
  const res: LineResult = { requirement: null, option: null, options: [], include: null, diagnostics: [], markerNode: null };
  const optStart = optionsStart(s);
  const argsEnd = optStart === 0 ? 0 : optStart === s.length ? s.length : optStart - 1;

  let opts: ParsedOption[] = [];
  if (optStart < s.length) {
    try {
      opts = parseOptions(s, shlexSplit(s, optStart, s.length));
    } catch (err) {
      if (!(err instanceof OptionError)) throw err;
      const span = mapSpan(map, err.start, err.end > err.start ? err.end : s.length);
      if (err.kind === 'unknown') res.diagnostics.push(finding(Codes.unknownOption, 'error', msg('Unknown option: {0}', err.message), span));
      else res.diagnostics.push(finding(Codes.invalidRequirement, 'error', msg('Invalid requirement: {0}: {1}', `'${s}'`, err.message), span));
      // pip rejects the whole line; keep what can be read of the requirement for the editor
    }
  }

  const hashes: string[] = [];
  const reqOptions: { name: string; value: string }[] = [];
  for (const o of opts) {
    if (o.spec.name === '--hash') hashes.push(o.value ?? '');
    else if (o.spec.perRequirement) reqOptions.push({ name: o.spec.name, value: o.value ?? '' });
  }

  const argsText = s.slice(0, argsEnd);
  if (argsText.length > 0 && argsText.trim().length > 0) {
    finishReq(res, buildRequirement(s, 0, argsEnd, map), ll, ctx, hashes, reqOptions);
    return res;
  }
  const editable = opts.find((o) => o.spec.name === '--editable');
  if (editable) {
    finishReq(res, buildEditable(s, editable.valueStart, editable.valueEnd, map), ll, ctx, [], []);
    return res;
  }
  const req = opts.find((o) => o.spec.name === '--requirement');
  const con = req ? undefined : opts.find((o) => o.spec.name === '--constraint');
  const inc = req ?? con;
  if (inc) {
    res.include = {
      file: ctx.file,
      line: ll.line,
      pipLine: ll.pipLine,
      kind: req ? 'requirement' : 'constraint',
      target: inc.value ?? '',
      resolved: null,
      span: mapSpan(map, inc.valueStart, inc.valueEnd),
    };
    return res;
  }
  for (const o of opts) {
    if (o.spec.perRequirement) continue; // --hash etc. without a requirement: pip ignores them
    res.options.push({
      file: ctx.file,
      line: ll.line,
      pipLine: ll.pipLine,
      name: o.spec.name,
      value: o.value,
      rawValue: o.value === null ? null : rawValue(ll, o, ctx.source),
      valueSpan: o.value === null ? null : mapSpan(map, o.valueStart, o.valueEnd),
      span: mapSpan(map, o.start, o.end),
      lineSpan,
    });
  }
  res.option = res.options[0] ?? null;
  return res;
}

/** The option value as written in the source (before ${VAR} expansion). */
function rawValue(ll: LogicalLine, o: ParsedOption, source: string): string {
  return source.slice(ll.src(o.valueStart, false), ll.src(o.valueEnd, true));
}

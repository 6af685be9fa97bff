// PEP 508 dependency specifiers: a hand-written tokenizer and recursive-descent parser that mirror
// packaging's _tokenizer.py / _parser.py (the grammar and error messages modern pip reports). It
// works on text[a, e) of any string and maps positions back to source offsets through `map`, so
// the same code serves a plain PEP 508 string and a joined requirements-file line.
import type { Span } from '../text';

/** Maps a position in the parsed text back to an offset in the source text. */
export interface PosMap {
  src(pos: number, end: boolean): number;
}
export const IDENTITY: PosMap = { src: (pos) => pos };

export interface ParsedSpecifier {
  op: string;
  version: string;
  /** Logical positions of the whole clause (operator through version). */
  start: number;
  end: number;
}

export interface MarkerComparison {
  left: { variable: string } | { value: string };
  op: string;
  right: { variable: string } | { value: string };
}
/** A marker expression: a comparison, or a boolean combination (and binds tighter than or). */
export type MarkerNode = MarkerComparison | { bool: 'and' | 'or'; left: MarkerNode; right: MarkerNode };

export interface Pep508Result {
  name: string;
  nameStart: number;
  nameEnd: number;
  extras: string[];
  specifiers: ParsedSpecifier[];
  /** Positions of the specifier list (first operator to last version), or -1. */
  specStart: number;
  specEnd: number;
  url: string | null;
  urlStart: number;
  urlEnd: number;
  marker: MarkerNode | null;
  markerStart: number;
  markerEnd: number;
}

export class Pep508Error extends Error {
  constructor(
    /** packaging's wording: "Expected package name at the start of dependency specifier". */
    readonly reason: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(reason);
  }
}

const MAX_DEPTH = 100;
const BOTH = [true, false];
const PRE_LABELS = ['alpha', 'beta', 'preview', 'pre', 'a', 'b', 'c', 'rc'];
const POST_LABELS = ['post', 'rev', 'r'];
const OR_AND = ['or', 'and'];
const IN = ['in'];
const NOT = ['not'];
const MARKER_OPS = ['===', '==', '~=', '!=', '<=', '>=', '<', '>'];

// ---- character classes ---------------------------------------------------------------------

const WORD_RE = /[\p{L}\p{N}_]/u;
/** Python's \w for one code unit (ASCII fast path). */
export function isWord(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return WORD_RE.test(String.fromCharCode(c));
}
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isSep(c: number): boolean {
  return c === 45 || c === 95 || c === 46; // - _ .
}
/** Python's \s (for the \s* between a specifier operator and its version). */
function isPyWs(c: number): boolean {
  return (
    (c >= 9 && c <= 13) || c === 32 || (c >= 0x1c && c <= 0x1f) || c === 0x85 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}
function localChar(c: number, ci: boolean): boolean {
  return isDigit(c) || (c >= 97 && c <= 122) || (ci && c >= 65 && c <= 90);
}
function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

// ---- tokens (each returns the end position of a match at i, or -1) ------------------------------

class Scanner {
  constructor(
    readonly s: string,
    readonly a: number,
    readonly e: number,
  ) {}

  c(i: number): number {
    return i < this.e ? this.s.charCodeAt(i) : -1;
  }

  /** \b at i (the text before `a` does not exist for the tokenizer). */
  boundary(i: number): boolean {
    const before = i > this.a && isWord(this.s.charCodeAt(i - 1));
    const after = i < this.e && isWord(this.s.charCodeAt(i));
    return before !== after;
  }

  ws(i: number): number {
    let j = i;
    while (j < this.e) {
      const c = this.s.charCodeAt(j);
      if (c !== 32 && c !== 9) break;
      j++;
    }
    return j;
  }

  /** \b[a-zA-Z0-9][a-zA-Z0-9._-]*\b */
  identifier(i: number): number {
    if (!isAlnum(this.c(i)) || !this.boundary(i)) return -1;
    let j = i + 1;
    while (j < this.e) {
      const c = this.s.charCodeAt(j);
      if (isAlnum(c) || isSep(c)) j++;
      else break;
    }
    while (j > i && !this.boundary(j)) j--;
    return j > i ? j : -1;
  }

  /** Case-insensitive literal at i. */
  lit(i: number, word: string): boolean {
    if (i + word.length > this.e) return false;
    for (let k = 0; k < word.length; k++) if (lower(this.s.charCodeAt(i + k)) !== word.charCodeAt(k)) return false;
    return true;
  }

  /** Case-sensitive literal at i. */
  exact(i: number, word: string): boolean {
    return i + word.length <= this.e && this.s.startsWith(word, i);
  }

  keyword(i: number, words: readonly string[]): number {
    if (!this.boundary(i)) return -1;
    for (const w of words) {
      if (this.exact(i, w) && this.boundary(i + w.length)) return i + w.length;
    }
    return -1;
  }

  digits(i: number): number {
    let j = i;
    while (j < this.e && isDigit(this.s.charCodeAt(j))) j++;
    return j;
  }

  /** v? (N!)? N(.N)*  — min components 1 or 2 (for ~=). -1 when no release. */
  release(i: number, minParts: number): number {
    let j = i;
    if (lower(this.c(j)) === 118 /* v */) j++;
    // epoch
    const d = this.digits(j);
    if (d > j && this.c(d) === 33 /* ! */) j = d + 1;
    let k = this.digits(j);
    if (k === j) return -1;
    let parts = 1;
    let lastGood = parts >= minParts ? k : -1;
    while (this.c(k) === 46 && isDigit(this.c(k + 1))) {
      k = this.digits(k + 1);
      parts++;
      if (parts >= minParts) lastGood = k;
    }
    return lastGood;
  }

  /** [-_.]?(alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]* */
  pre(i: number): number {
    for (const sep of BOTH) {
      let j = i;
      if (sep) {
        if (!isSep(this.c(j))) continue;
        j++;
      }
      for (const l of PRE_LABELS) {
        if (this.lit(j, l)) {
          let k = j + l.length;
          if (isSep(this.c(k))) k++;
          return this.digits(k);
        }
      }
    }
    return -1;
  }

  /** (-[0-9]+)|([-_.]?(post|rev|r)[-_.]?[0-9]*) */
  post(i: number): number {
    if (this.c(i) === 45 && isDigit(this.c(i + 1))) return this.digits(i + 1);
    for (const sep of BOTH) {
      let j = i;
      if (sep) {
        if (!isSep(this.c(j))) continue;
        j++;
      }
      for (const l of POST_LABELS) {
        if (this.lit(j, l)) {
          let k = j + l.length;
          if (isSep(this.c(k))) k++;
          return this.digits(k);
        }
      }
    }
    return -1;
  }

  /** [-_.]?dev[-_.]?[0-9]* */
  dev(i: number): number {
    let j = i;
    if (isSep(this.c(j)) && this.lit(j + 1, 'dev')) j++;
    if (!this.lit(j, 'dev')) return -1;
    let k = j + 3;
    if (isSep(this.c(k))) k++;
    return this.digits(k);
  }

  /** \+[a-z0-9]+([-_.][a-z0-9]+)* ; ci: case-insensitive (inside SPECIFIER) or not (the trail rule). */
  local(i: number, ci: boolean): number {
    if (this.c(i) !== 43) return -1;
    let j = i + 1;
    if (!localChar(this.c(j), ci)) return -1;
    while (localChar(this.c(j), ci)) j++;
    while (isSep(this.c(j)) && localChar(this.c(j + 1), ci)) {
      j += 1;
      while (localChar(this.c(j), ci)) j++;
    }
    return j;
  }

  /** packaging's Specifier._specifier_regex_str matched at i. */
  specifier(i: number): { end: number; op: string; vStart: number } | null {
    let op: string;
    if (this.exact(i, '===')) op = '===';
    else if (this.exact(i, '~=') || this.exact(i, '==') || this.exact(i, '!=') || this.exact(i, '<=') || this.exact(i, '>='))
      op = this.s.slice(i, i + 2);
    else if (this.exact(i, '<') || this.exact(i, '>')) op = this.s[i];
    else return null;
    let j = i + op.length;
    while (j < this.e && isPyWs(this.s.charCodeAt(j))) j++;
    const vStart = j;
    if (op === '===') {
      while (j < this.e) {
        const c = this.s.charCodeAt(j);
        if (isPyWs(c) || c === 59 || c === 41) break;
        j++;
      }
      return { end: j, op, vStart };
    }
    const r = this.release(j, op === '~=' ? 2 : 1);
    if (r < 0) return null;
    j = r;
    if ((op === '==' || op === '!=') && this.c(j) === 46 && this.c(j + 1) === 42) return { end: j + 2, op, vStart };
    let k = this.pre(j);
    if (k >= 0) j = k;
    k = this.post(j);
    if (k >= 0) j = k;
    k = this.dev(j);
    if (k >= 0) j = k;
    if (op === '==' || op === '!=') {
      k = this.local(j, true);
      if (k >= 0) j = k;
    }
    return { end: j, op, vStart };
  }

  quoted(i: number): number {
    const q = this.c(i);
    if (q !== 39 && q !== 34) return -1;
    const k = this.s.indexOf(q === 39 ? "'" : '"', i + 1);
    return k < 0 || k >= this.e ? -1 : k + 1;
  }
}

const VARIABLES = [
  'python_version',
  'python_full_version',
  'os_name',
  'os.name',
  'sys_platform',
  'sys.platform',
  'platform_release',
  'platform_system',
  'platform_version',
  'platform.version',
  'platform_machine',
  'platform.machine',
  'platform_python_implementation',
  'platform.python_implementation',
  'python_implementation',
  'implementation_name',
  'implementation_version',
  'extras',
  'extra',
  'dependency_groups',
];

// ---- parser ------------------------------------------------------------------------------------

class Parser {
  readonly t: Scanner;
  i: number;
  depth = 0;

  constructor(s: string, a: number, e: number) {
    this.t = new Scanner(s, a, e);
    this.i = a;
  }

  fail(reason: string, start = this.i, end = this.i): never {
    throw new Pep508Error(reason, start, end);
  }

  skipWs(): void {
    this.i = this.t.ws(this.i);
  }

  atEnd(): boolean {
    return this.i >= this.t.e;
  }

  requirement(): Pep508Result {
    const t = this.t;
    this.skipWs();
    const nameStart = this.i;
    const nameEnd = t.identifier(this.i);
    if (nameEnd < 0) this.fail('Expected package name at the start of dependency specifier');
    this.i = nameEnd;
    this.skipWs();
    const extras = this.extras();
    this.skipWs();
    const r: Pep508Result = {
      name: t.s.slice(nameStart, nameEnd),
      nameStart,
      nameEnd,
      extras,
      specifiers: [],
      specStart: -1,
      specEnd: -1,
      url: null,
      urlStart: -1,
      urlEnd: -1,
      marker: null,
      markerStart: -1,
      markerEnd: -1,
    };
    if (t.c(this.i) === 64 /* @ */) {
      this.i++;
      this.skipWs();
      const urlStart = this.i;
      let j = this.i;
      while (j < t.e) {
        const c = t.s.charCodeAt(j);
        if (c === 32 || c === 9) break;
        j++;
      }
      if (j === urlStart) this.fail('Expected URL after @');
      r.url = t.s.slice(urlStart, j);
      r.urlStart = urlStart;
      r.urlEnd = j;
      this.i = j;
      if (this.atEnd()) return r;
      this.skipWs(); // WS is guaranteed here: the URL stops only at a blank
      if (this.atEnd()) return r;
      this.requirementMarker(r, urlStart, 'semicolon (after URL and whitespace)');
    } else {
      const specStart = this.i;
      this.specifier(r);
      this.skipWs();
      if (this.atEnd()) return r;
      this.requirementMarker(
        r,
        specStart,
        r.specifiers.length || r.specStart >= 0
          ? 'comma (within version specifier), semicolon (after version specifier)'
          : 'semicolon (after name with no version specifier)',
      );
    }
    if (!this.atEnd()) this.fail('Expected end of dependency specifier');
    return r;
  }

  requirementMarker(r: Pep508Result, spanStart: number, expected: string): void {
    if (this.t.c(this.i) !== 59 /* ; */) this.fail(`Expected ${expected} or end`, spanStart, this.i);
    this.i++;
    const { node, start, end } = this.markerWithSpan();
    r.marker = node;
    r.markerStart = start;
    r.markerEnd = end;
    this.skipWs();
  }

  extras(): string[] {
    const t = this.t;
    if (t.c(this.i) !== 91 /* [ */) return [];
    const open = this.i;
    this.i++;
    this.skipWs();
    const out: string[] = [];
    let k = t.identifier(this.i);
    if (k >= 0) {
      out.push(t.s.slice(this.i, k));
      this.i = k;
      for (;;) {
        this.skipWs();
        if (t.identifier(this.i) >= 0) this.fail('Expected comma between extra names');
        if (t.c(this.i) !== 44) break;
        this.i++;
        this.skipWs();
        k = t.identifier(this.i);
        if (k < 0) this.fail('Expected extra name after comma');
        out.push(t.s.slice(this.i, k));
        this.i = k;
      }
    }
    this.skipWs();
    if (t.c(this.i) !== 93 /* ] */) this.fail('Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras', open, this.i);
    this.i++;
    return out;
  }

  specifier(r: Pep508Result): void {
    const t = this.t;
    const open = t.c(this.i) === 40 /* ( */ ? this.i : -1;
    if (open >= 0) this.i++;
    this.skipWs();
    for (;;) {
      const spanStart = this.i;
      const m = t.specifier(this.i);
      if (!m) break;
      let vEnd = m.end;
      // the version text ends before trailing whitespace (=== stops there anyway)
      while (vEnd > m.vStart && isPyWs(t.s.charCodeAt(vEnd - 1))) vEnd--;
      r.specifiers.push({ op: m.op, version: t.s.slice(m.vStart, vEnd), start: spanStart, end: vEnd });
      if (r.specStart < 0) r.specStart = spanStart;
      r.specEnd = vEnd;
      this.i = m.end;
      if (t.c(this.i) === 46 && t.c(this.i + 1) === 42)
        this.fail('.* suffix can only be used with `==` or `!=` operators', spanStart, this.i + 1);
      if (t.local(this.i, false) >= 0)
        this.fail('Local version label can only be used with `==` or `!=` operators', spanStart, this.i);
      this.skipWs();
      if (t.c(this.i) !== 44 /* , */) break;
      this.i++;
      this.skipWs();
    }
    this.skipWs();
    if (open >= 0) {
      if (t.c(this.i) !== 41) this.fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier', open, this.i);
      this.i++;
    }
  }

  markerWithSpan(): { node: MarkerNode; start: number; end: number } {
    this.skipWs();
    const start = this.i;
    const node = this.marker();
    let end = this.i;
    while (end > start && (this.t.s.charCodeAt(end - 1) === 32 || this.t.s.charCodeAt(end - 1) === 9)) end--;
    return { node, start, end };
  }

  /** marker = marker_atom (BOOLOP marker_atom)*  — packaging keeps a flat list; we fold by precedence. */
  marker(): MarkerNode {
    const atoms: MarkerNode[] = [this.atom()];
    const ops: ('and' | 'or')[] = [];
    for (;;) {
      const k = this.t.keyword(this.i, OR_AND);
      if (k < 0) break;
      ops.push(this.t.s.slice(this.i, k) as 'and' | 'or');
      this.i = k;
      atoms.push(this.atom());
    }
    // and binds tighter than or
    const ors: MarkerNode[] = [];
    let cur = atoms[0];
    for (let k = 0; k < ops.length; k++) {
      if (ops[k] === 'and') cur = { bool: 'and', left: cur, right: atoms[k + 1] };
      else {
        ors.push(cur);
        cur = atoms[k + 1];
      }
    }
    ors.push(cur);
    return ors.reduce((l, r) => ({ bool: 'or', left: l, right: r }));
  }

  atom(): MarkerNode {
    this.skipWs();
    let node: MarkerNode;
    if (this.t.c(this.i) === 40) {
      const open = this.i;
      if (++this.depth > MAX_DEPTH) this.fail('Marker expression nested too deeply');
      this.i++;
      this.skipWs();
      node = this.marker();
      this.skipWs();
      if (this.t.c(this.i) !== 41) this.fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression', open, this.i);
      this.i++;
      this.depth--;
    } else {
      node = this.item();
    }
    this.skipWs();
    return node;
  }

  item(): MarkerComparison {
    this.skipWs();
    const left = this.markerVar();
    this.skipWs();
    const op = this.markerOp();
    this.skipWs();
    const right = this.markerVar();
    this.skipWs();
    return { left, op, right };
  }

  markerVar(): { variable: string } | { value: string } {
    const t = this.t;
    const k = t.keyword(this.i, VARIABLES);
    if (k >= 0) {
      const v = t.s.slice(this.i, k).replace('.', '_');
      this.i = k;
      return { variable: v === 'python_implementation' ? 'platform_python_implementation' : v };
    }
    const q = t.quoted(this.i);
    if (q >= 0) {
      const value = t.s.slice(this.i + 1, q - 1);
      this.i = q;
      return { value };
    }
    return this.fail('Expected a marker variable or quoted string');
  }

  markerOp(): string {
    const t = this.t;
    let k = t.keyword(this.i, IN);
    if (k >= 0) {
      this.i = k;
      return 'in';
    }
    k = t.keyword(this.i, NOT);
    if (k >= 0) {
      this.i = k;
      const w = t.ws(this.i);
      if (w === this.i) this.fail("Expected whitespace after 'not'");
      this.i = w;
      k = t.keyword(this.i, IN);
      if (k < 0) this.fail("Expected 'in' after 'not'");
      this.i = k;
      return 'not in';
    }
    for (const op of MARKER_OPS) {
      if (t.exact(this.i, op)) {
        this.i += op.length;
        return op;
      }
    }
    return this.fail('Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in');
  }
}

/** Parse s[a, e) as one PEP 508 requirement. Throws Pep508Error (positions in s). */
export function parseRequirementString(s: string, a: number, e: number): Pep508Result {
  return new Parser(s, a, e).requirement();
}

/** Parse s[a, e) as a whole marker expression (as packaging's Marker()). Throws Pep508Error. */
export function parseMarkerString(s: string, a: number, e: number): { node: MarkerNode; start: number; end: number } {
  const p = new Parser(s, a, e);
  const r = p.markerWithSpan();
  if (!p.atEnd()) p.fail('Expected end of marker expression');
  return r;
}

export function mapSpan(map: PosMap, start: number, end: number): Span {
  if (end <= start) {
    const p = map.src(start, false);
    return { start: p, end: p };
  }
  return { start: map.src(start, false), end: map.src(end, true) };
}

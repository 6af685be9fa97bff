// Physical → logical lines exactly as pip's req_file.preprocess() builds them: Python's
// str.splitlines(), join_lines() (a line ending in "\" is joined to the next; every leading and
// trailing "\" is stripped; a comment line ends the join), ignore_comments() ("#" at the start or
// after whitespace ends the line; then strip) and expand_env_variables() (${NAME} with NAME in
// [A-Z0-9_]+, replaced only when set and non-empty). Each logical line keeps a map back to offsets
// in the original text, so every span lands on the right physical line. Hand-written scanning, no
// regular expressions: linear time on any input.
import type { Env } from './types';

/** A run of logical-line characters and where it came from in the source text. */
interface Segment {
  /** Start in the logical text. */
  log: number;
  /** Length in the logical text. */
  len: number;
  /** Source span of the run; for an expanded ${VAR} the whole token. */
  src: number;
  srcEnd: number;
  /** True for an expanded ${VAR}: every character maps to the token. */
  expanded: boolean;
}

export class LogicalLine {
  constructor(
    /** The logical text (comments removed, stripped, variables expanded). */
    readonly text: string,
    private readonly segs: Segment[],
    /** 0-based editor line (\n, \r\n, \r) of the first physical line. */
    readonly line: number,
    /** Source span of the whole logical line (first to last physical line), comment excluded. */
    readonly lineStart: number,
    readonly lineEnd: number,
    /** 1-based line number pip reports (Python's splitlines() also breaks at \f, \v, \x1c-\x1e, \x85, U+2028/9). */
    readonly pipLine: number = line + 1,
  ) {}

  /** Source offset of logical position `pos`; `end` picks the end side of an expanded token. */
  src(pos: number, end = false): number {
    const segs = this.segs;
    if (segs.length === 0) return this.lineStart;
    // Segments are few (one per physical line or expansion): a linear walk is the fastest.
    let k = 0;
    if (end) {
      while (k + 1 < segs.length && segs[k + 1].log < pos) k++;
    } else {
      while (k + 1 < segs.length && segs[k + 1].log <= pos) k++;
    }
    const s = segs[k];
    if (s.expanded) return end || pos >= s.log + s.len ? s.srcEnd : s.src;
    return s.src + Math.min(Math.max(pos - s.log, 0), s.len);
  }

  /** Source span of logical [start, end). */
  span(start: number, end: number): { start: number; end: number } {
    if (end <= start) {
      const p = this.src(start);
      return { start: p, end: p };
    }
    return { start: this.src(start), end: this.src(end, true) };
  }
}

/** Python's str.isspace() for one UTF-16 code unit (what \s and strip() use). */
export function isPySpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    (c >= 0x1c && c <= 0x1f) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Line boundaries of Python's str.splitlines(). */
function isPyLineBreak(c: number): boolean {
  return (c >= 10 && c <= 13) || (c >= 0x1c && c <= 0x1e) || c === 0x85 || c === 0x2028 || c === 0x2029;
}

interface Piece {
  text: string;
  src: number;
}

/** A logical line under construction: pieces of physical lines. */
interface Pending {
  pieces: Piece[];
  line: number;
  pipLine: number;
  start: number;
  end: number;
}

/** The first physical line's first non-space character is "#": pip's COMMENT_RE.match(). */
function isCommentLine(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 35) return true;
    if (!isPySpace(c)) return false;
  }
  return false;
}

/**
 * Split `text[from, to)` into pip's logical lines. Offsets and lines refer to the whole `text`.
 * `firstLine` is the editor line of offset `from`.
 */
export function logicalLines(text: string, env: Env | undefined, from = 0, to = text.length, firstLine = 0): LogicalLine[] {
  const out: LogicalLine[] = [];
  let pos = from;
  if (pos === 0 && text.charCodeAt(0) === 0xfeff) pos = 1; // UTF-8 BOM: pip's auto_decode drops it
  let editorLine = firstLine;
  let pipLine = firstLine + 1;
  let pending: Pending | null = null;

  while (pos < to) {
    // one physical line [pos, eol), break [eol, next)
    let eol = pos;
    while (eol < to && !isPyLineBreak(text.charCodeAt(eol))) eol++;
    let next = eol;
    let lineBreaks = 0;
    if (eol < to) {
      const c = text.charCodeAt(eol);
      if (c === 13 && text.charCodeAt(eol + 1) === 10 && eol + 1 < to) {
        next = eol + 2;
        lineBreaks = 1;
      } else {
        next = eol + 1;
        lineBreaks = c === 10 || c === 13 ? 1 : 0;
      }
    }
    const comment = isCommentLine(text, pos, eol);
    const continued = eol > pos && text.charCodeAt(eol - 1) === 92 /* \ */ && !comment;
    if (!continued) {
      if (pending) {
        // A comment line ends a join; pip prefixes it with " " so it is always stripped later.
        if (comment) pending.pieces.push({ text: ' ', src: pos });
        pending.pieces.push({ text: text.slice(pos, eol), src: pos });
        pending.end = eol;
        finish(pending, env, out);
        pending = null;
      } else {
        const p: Pending = { pieces: [{ text: text.slice(pos, eol), src: pos }], line: editorLine, pipLine, start: pos, end: eol };
        finish(p, env, out);
      }
    } else {
      // line.strip("\\"): every leading and trailing backslash goes
      let a = pos;
      let b = eol;
      while (a < b && text.charCodeAt(a) === 92) a++;
      while (b > a && text.charCodeAt(b - 1) === 92) b--;
      if (!pending) pending = { pieces: [], line: editorLine, pipLine, start: pos, end: eol };
      pending.pieces.push({ text: text.slice(a, b), src: a });
      pending.end = eol;
    }
    editorLine += lineBreaks;
    pipLine++;
    pos = next;
  }
  if (pending) finish(pending, env, out);
  return out;
}

/** ignore_comments + strip + expand_env_variables on a joined line; pushes it when non-empty. */
function finish(p: Pending, env: Env | undefined, out: LogicalLine[]): void {
  let joined: string;
  let segs: Segment[];
  if (p.pieces.length === 1) {
    joined = p.pieces[0].text;
    segs = [{ log: 0, len: joined.length, src: p.pieces[0].src, srcEnd: p.pieces[0].src + joined.length, expanded: false }];
  } else {
    joined = '';
    segs = [];
    for (const piece of p.pieces) {
      if (piece.text.length === 0) continue;
      segs.push({ log: joined.length, len: piece.text.length, src: piece.src, srcEnd: piece.src + piece.text.length, expanded: false });
      joined += piece.text;
    }
  }
  // COMMENT_RE.sub: the first "#" at 0 or after whitespace ends the line
  let cut = joined.length;
  for (let i = 0; i < joined.length; i++) {
    if (joined.charCodeAt(i) === 35 && (i === 0 || isPySpace(joined.charCodeAt(i - 1)))) {
      cut = i;
      break;
    }
  }
  let a = 0;
  let b = cut;
  while (a < b && isPySpace(joined.charCodeAt(a))) a++;
  while (b > a && isPySpace(joined.charCodeAt(b - 1))) b--;
  if (a === b) return;
  let textOut = joined.slice(a, b);
  segs = sliceSegs(segs, a, b);
  if (env && textOut.indexOf('${') >= 0) {
    const r = expand(textOut, segs, env);
    textOut = r.text;
    segs = r.segs;
  }
  const lineStart = segs.length ? segs[0].src : p.start;
  out.push(new LogicalLine(textOut, segs, p.line, lineStart, lastSrc(segs, p.end), p.pipLine));
}

function lastSrc(segs: Segment[], fallback: number): number {
  if (!segs.length) return fallback;
  const s = segs[segs.length - 1];
  return s.expanded ? s.srcEnd : s.src + s.len;
}

/** Restrict segments to logical [a, b) and rebase to 0. */
function sliceSegs(segs: Segment[], a: number, b: number): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    const s0 = Math.max(s.log, a);
    const s1 = Math.min(s.log + s.len, b);
    if (s1 <= s0) continue;
    const src = s.src + (s0 - s.log);
    out.push({ log: s0 - a, len: s1 - s0, src, srcEnd: src + (s1 - s0), expanded: false });
  }
  return out;
}

function isVarChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** expand_env_variables: ${NAME} replaced by its value when set and non-empty. */
function expand(text: string, segs: Segment[], env: Env): { text: string; segs: Segment[] } {
  // Collect replacements in the logical text, then rebuild text and segments.
  const reps: { a: number; b: number; value: string }[] = [];
  let i = text.indexOf('${');
  while (i >= 0) {
    let j = i + 2;
    while (j < text.length && isVarChar(text.charCodeAt(j))) j++;
    if (j > i + 2 && text.charCodeAt(j) === 125 /* } */) {
      const value = env[text.slice(i + 2, j)];
      if (value) reps.push({ a: i, b: j + 1, value });
      i = text.indexOf('${', j + 1);
    } else {
      i = text.indexOf('${', i + 2);
    }
  }
  if (!reps.length) return { text, segs };
  const tmp = new LogicalLine(text, segs, 0, 0, 0);
  let out = '';
  const outSegs: Segment[] = [];
  let last = 0;
  const copy = (a: number, b: number) => {
    if (b <= a) return;
    for (const s of sliceSegs(segs, a, b)) outSegs.push({ ...s, log: s.log + out.length });
    out += text.slice(a, b);
  };
  for (const r of reps) {
    copy(last, r.a);
    outSegs.push({ log: out.length, len: r.value.length, src: tmp.src(r.a), srcEnd: tmp.src(r.b, true), expanded: true });
    out += r.value;
    last = r.b;
  }
  copy(last, text.length);
  return { text: out, segs: outSegs.filter((s) => s.len > 0) };
}

// Where each value sits in a TOML text. The `toml` package gives values without positions, so this
// scanner walks the text once (linear, no backtracking, bounded nesting) and records, for every value,
// its key path (table headers, dotted keys, array indices, [[array-of-tables]] indices resolved) and
// its span; strings also get the span of their content (quotes excluded). It never throws: on text it
// cannot follow it resynchronises at the next line, since the values come from `toml` anyway.
import type { Span } from '../text';

export type TomlPath = readonly (string | number)[];

export interface TomlValueLoc {
  path: TomlPath;
  /** The whole value token ("\"x\"", "[ ... ]", "{ ... }", "true"). */
  span: Span;
  /** For strings: the content between the delimiters (after the newline a multi-line string may start with). */
  contentSpan: Span | null;
  kind: 'string' | 'array' | 'table' | 'scalar';
  /** Span of the key that names this value (the last key segment), when it has one. */
  keySpan: Span | null;
  /** An inline table written with newlines, comments or a trailing comma (TOML 1.1 only). */
  toml11?: boolean;
}

export interface TomlLocations {
  get(path: TomlPath): TomlValueLoc | undefined;
  /** Span of a [table] / [[array.of.tables]] section, header through the line before the next header. */
  table(path: TomlPath): Span | undefined;
  /** Every located value, in text order of completion. */
  all(): IterableIterator<TomlValueLoc>;
}

const MAX_DEPTH = 100;

export function pathKey(path: TomlPath): string {
  return path.map((p) => (typeof p === 'number' ? `#${p}` : `.${p}`)).join('');
}

const isBare = (c: string): boolean => /[A-Za-z0-9_-]/.test(c);

export function locateToml(text: string): TomlLocations {
  const values = new Map<string, TomlValueLoc>();
  const tables = new Map<string, Span>();
  const arrayCounts = new Map<string, number>();
  const n = text.length;
  let i = 0;
  let table: (string | number)[] = [];
  let openTable: { key: string; start: number } | null = null;

  const skipWs = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
  };
  /** Whitespace, newlines and comments (inside arrays and multi-line inline tables). */
  const skipWsNl = (): void => {
    for (;;) {
      while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
      if (text[i] === '#') skipComment();
      else return;
    }
  };
  const skipComment = (): void => {
    while (i < n && text[i] !== '\n') i++;
  };
  const toLineEnd = (): void => {
    while (i < n && text[i] !== '\n') i++;
  };

  /** A key segment: bare, "basic" or 'literal'. Returns null when none is here. */
  const readKeySegment = (): { key: string; span: Span } | null => {
    const s = i;
    if (text[i] === '"' || text[i] === "'") {
      const q = text[i];
      let j = i + 1;
      let out = '';
      while (j < n && text[j] !== q && text[j] !== '\n') {
        if (q === '"' && text[j] === '\\' && j + 1 < n) {
          out += decodeEscape(text, j);
          j += escapeLength(text, j);
          continue;
        }
        out += text[j];
        j++;
      }
      if (text[j] !== q) return null;
      i = j + 1;
      return { key: out, span: { start: s, end: i } };
    }
    while (i < n && isBare(text[i])) i++;
    return i > s ? { key: text.slice(s, i), span: { start: s, end: i } } : null;
  };

  const readDottedKey = (): { keys: string[]; span: Span } | null => {
    const keys: string[] = [];
    let span: Span | null = null;
    for (;;) {
      skipWs();
      const seg = readKeySegment();
      if (!seg) return null;
      keys.push(seg.key);
      span = seg.span;
      skipWs();
      if (text[i] === '.') {
        i++;
        continue;
      }
      return { keys, span };
    }
  };

  const closeTable = (end: number): void => {
    if (openTable) {
      let e = end;
      while (e > openTable.start && /\s/.test(text[e - 1])) e--;
      tables.set(openTable.key, { start: openTable.start, end: e });
      openTable = null;
    }
  };

  /** Resolve a header's keys against arrays of tables seen so far ([[a]] then [a.b] means a[last].b). */
  const resolve = (keys: string[], isArray: boolean): (string | number)[] => {
    const out: (string | number)[] = [];
    keys.forEach((k, idx) => {
      out.push(k);
      const key = pathKey(out);
      const last = idx === keys.length - 1;
      if (last && isArray) {
        const c = arrayCounts.get(key) ?? 0;
        arrayCounts.set(key, c + 1);
        out.push(c);
      } else if (arrayCounts.has(key)) {
        out.push((arrayCounts.get(key) ?? 1) - 1);
      }
    });
    return out;
  };

  const record = (path: (string | number)[], loc: Omit<TomlValueLoc, 'path'>): void => {
    const key = pathKey(path);
    if (!values.has(key)) values.set(key, { path: [...path], ...loc });
  };

  const readValue = (path: (string | number)[], keySpan: Span | null, depth: number): boolean => {
    const s = i;
    const c = text[i];
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      if (triple) {
        let cs = i + 3;
        if (text[cs] === '\n') cs++;
        else if (text[cs] === '\r' && text[cs + 1] === '\n') cs += 2;
        let j = i + 3;
        for (;;) {
          const k = text.indexOf(c.repeat(3), j);
          if (k < 0) return false;
          if (c === '"' && isEscaped(text, k, i + 3)) {
            j = k + 1;
            continue;
          }
          // Up to two quotes may sit right before the closing delimiter.
          let end = k;
          while (end + 3 < n && text[end + 3] === c && end - k < 2) end++;
          record(path, { span: { start: s, end: end + 3 }, contentSpan: { start: cs, end }, kind: 'string', keySpan });
          i = end + 3;
          return true;
        }
      }
      let j = i + 1;
      while (j < n && text[j] !== c && text[j] !== '\n') j += c === '"' && text[j] === '\\' ? 2 : 1;
      if (text[j] !== c) return false;
      record(path, { span: { start: s, end: j + 1 }, contentSpan: { start: s + 1, end: j }, kind: 'string', keySpan });
      i = j + 1;
      return true;
    }
    if (c === '[' || c === '{') {
      if (depth >= MAX_DEPTH) return false;
      const close = c === '[' ? ']' : '}';
      i++;
      let idx = 0;
      // TOML 1.0 inline tables: one line, no comments, no trailing comma (TOML 1.1 allows them).
      let toml11 = false;
      let afterComma = false;
      for (;;) {
        let from = i;
        skipWsNl();
        if (c === '{' && /[\n#]/.test(text.slice(from, i))) toml11 = true;
        if (i >= n) return false;
        if (text[i] === close) {
          if (c === '{' && afterComma) toml11 = true;
          i++;
          break;
        }
        if (c === '[') {
          if (!readValue([...path, idx], null, depth + 1)) return false;
          idx++;
        } else {
          const k = readDottedKey();
          if (!k) return false;
          skipWs();
          if (text[i] !== '=') return false;
          i++;
          skipWs();
          if (!readValue([...path, ...k.keys], k.span, depth + 1)) return false;
        }
        from = i;
        skipWsNl();
        if (c === '{' && /[\n#]/.test(text.slice(from, i))) toml11 = true;
        afterComma = text[i] === ',';
        if (afterComma) i++;
        else if (text[i] !== close) return false;
      }
      record(path, { span: { start: s, end: i }, contentSpan: null, kind: c === '[' ? 'array' : 'table', keySpan, ...(toml11 ? { toml11 } : {}) });
      return true;
    }
    // Numbers, booleans, dates: up to a delimiter.
    while (i < n && !',]}#\n\r'.includes(text[i])) i++;
    let e = i;
    while (e > s && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
    if (e === s) return false;
    record(path, { span: { start: s, end: e }, contentSpan: null, kind: 'scalar', keySpan });
    return true;
  };

  while (i < n) {
    skipWsNl();
    if (i >= n) break;
    const lineStart = i;
    if (text[i] === '[') {
      const isArray = text[i + 1] === '[';
      i += isArray ? 2 : 1;
      const k = readDottedKey();
      skipWs();
      if (!k || text[i] !== ']' || (isArray && text[i + 1] !== ']')) {
        toLineEnd();
        continue;
      }
      i += isArray ? 2 : 1;
      closeTable(lineStart);
      table = resolve(k.keys, isArray);
      openTable = { key: pathKey(table), start: lineStart };
      toLineEnd();
      continue;
    }
    const k = readDottedKey();
    skipWs();
    if (k && text[i] === '=') {
      i++;
      skipWs();
      const ok = readValue([...table, ...k.keys], k.span, 0);
      if (!ok) {
        toLineEnd();
        continue;
      }
    }
    toLineEnd();
  }
  closeTable(n);
  return {
    get: (path) => values.get(pathKey(path)),
    table: (path) => tables.get(pathKey(path)),
    all: () => values.values(),
  };
}

function isEscaped(text: string, at: number, min: number): boolean {
  let b = 0;
  for (let j = at - 1; j >= min && text[j] === '\\'; j--) b++;
  return b % 2 === 1;
}

function escapeLength(text: string, at: number): number {
  const c = text[at + 1];
  if (c === 'u') return 6;
  if (c === 'U') return 10;
  if (c === 'x') return 4;
  return 2;
}

function decodeEscape(text: string, at: number): string {
  const c = text[at + 1];
  const map: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };
  if (c in map) return map[c];
  const hex = text.slice(at + 2, at + escapeLength(text, at));
  const cp = Number.parseInt(hex, 16);
  return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
}

// The one file reader: the CLI, the editor's include reader and create-env all read project files
// here. Only regular files, never /proc, /sys or /dev, under one size limit, without blocking (a FIFO
// is refused before it is opened for a blocking read). Decoded as pip's auto_decode() does: a
// UTF-8/16/32 byte-order mark, else a PEP 263 coding cookie in the first two lines, else UTF-8.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDecoder } from 'node:util';
import type { FileReader } from '../core/requirements/types';
import { isFileUri, isUri } from '../core/uri';

/** A real requirements/environment/pyproject file is well under 1 MB; larger ones are refused. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export type ReadFailure = 'missing' | 'not-a-file' | 'system-path' | 'too-large' | 'unreadable';

export interface Decoded {
  text: string;
  /** The encoding the bytes were decoded with (a Python codec name as in a coding cookie, or utf-8/16/32). */
  encoding: string;
  bom: boolean;
  /** Some bytes were not valid in that encoding (replaced by U+FFFD): writing the text back would change them. */
  lossy: boolean;
}

export type ReadResult = { ok: true; decoded: Decoded; realPath: string } | { ok: false; reason: ReadFailure };

const FAILURE_TEXT: Record<ReadFailure, string> = {
  missing: 'no such file',
  'not-a-file': 'not a regular file',
  'system-path': 'a system path (/proc, /sys, /dev) is never read',
  'too-large': `the file is too large (a requirements file is well under ${MAX_FILE_BYTES / 1024 / 1024} MiB)`,
  unreadable: 'cannot be read',
};

/** Why a read failed, in words. */
export function readFailureText(reason: ReadFailure): string {
  return FAILURE_TEXT[reason];
}

const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'];

function isSystemPath(p: string): boolean {
  if (process.platform === 'win32') return /^\\\\[.?]\\/.test(p); // \\.\ device namespace
  return SYSTEM_ROOTS.some((r) => p === r || p.startsWith(r + '/'));
}

function failureOf(e: unknown): ReadFailure {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : code === 'EISDIR' ? 'not-a-file' : 'unreadable';
}

/** The bytes of a regular file, at most maxBytes, or why not. */
export function readFileBytes(p: string, maxBytes = MAX_FILE_BYTES): { ok: true; bytes: Buffer; realPath: string } | { ok: false; reason: ReadFailure } {
  if (isSystemPath(path.resolve(p))) return { ok: false, reason: 'system-path' };
  let real: string;
  try {
    real = fs.realpathSync.native(p);
  } catch (e) {
    return { ok: false, reason: failureOf(e) };
  }
  if (isSystemPath(real)) return { ok: false, reason: 'system-path' };
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO that appeared after realpath must not wait for a writer
    fd = fs.openSync(real, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { ok: false, reason: failureOf(e) };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not-a-file' };
    if (st.size > maxBytes) return { ok: false, reason: 'too-large' };
    // read to the end, not to st.size (a file can grow), and never past the limit
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return { ok: false, reason: 'too-large' };
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return { ok: true, bytes: Buffer.concat(chunks, total), realPath: real };
  } catch (e) {
    return { ok: false, reason: failureOf(e) };
  } finally {
    fs.closeSync(fd);
  }
}

/** Read and decode a regular file, or say why not. */
export function readFileDecoded(p: string, maxBytes = MAX_FILE_BYTES): ReadResult {
  const r = readFileBytes(p, maxBytes);
  return r.ok ? { ok: true, decoded: decodeBytes(r.bytes), realPath: r.realPath } : r;
}

/** The text of a file, or null when it is missing, not a regular file, a system path, too big or unreadable. */
export function readTextFile(p: string, maxBytes = MAX_FILE_BYTES): string | null {
  const r = readFileDecoded(p, maxBytes);
  return r.ok ? r.decoded.text : null;
}

const BOMS: { bytes: number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe, 0, 0], encoding: 'utf-32-le' },
  { bytes: [0, 0, 0xfe, 0xff], encoding: 'utf-32-be' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16-le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16-be' },
];

const LATIN1 = new Set(['latin-1', 'latin1', 'latin', 'l1', 'iso-8859-1', 'iso8859-1', 'iso8859_1', 'iso_8859_1', 'cp819', '8859']);

/** Python's codec name as in a coding cookie, normalised (`UTF_8` → `utf-8`). */
function normalizeCodec(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

/** pip's auto_decode(), with a record of how, so a fix can write the bytes back the same way. */
export function decodeBytes(buf: Buffer): Decoded {
  for (const b of BOMS) {
    if (buf.length >= b.bytes.length && b.bytes.every((x, i) => buf[i] === x)) {
      return { ...decodeAs(buf.subarray(b.bytes.length), b.encoding), bom: true };
    }
  }
  // PEP 263: a `coding[:=]name` comment in the first two lines
  let start = 0;
  for (let line = 0; line < 2 && start < buf.length; line++) {
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.length;
    if (buf[start] === 0x23 /* # */) {
      const m = /coding[:=]\s*([-\w.]+)/.exec(buf.subarray(start, end).toString('latin1'));
      if (m) {
        return { ...decodeAs(buf, normalizeCodec(m[1])), bom: false };
      }
    }
    start = end + 1;
  }
  return { ...decodeAs(buf, 'utf-8'), bom: false };
}

/** Python codec names whose WHATWG label differs (TextDecoder takes the latter). */
const PYTHON_TO_WHATWG: Record<string, string> = {
  utf8: 'utf-8',
  'utf-8-sig': 'utf-8',
  'utf-16-le': 'utf-16le',
  'utf-16-be': 'utf-16be',
  'utf-16': 'utf-16le',
  cp1252: 'windows-1252',
};

function decodeAs(buf: Buffer, encoding: string): { text: string; encoding: string; lossy: boolean } {
  if (LATIN1.has(encoding)) return { text: buf.toString('latin1'), encoding: 'latin-1', lossy: false };
  if (encoding === 'ascii' || encoding === 'us-ascii') {
    return { text: buf.toString('latin1').replace(/[\x80-\xff]/g, '\ufffd'), encoding: 'ascii', lossy: buf.some((b) => b > 0x7f) };
  }
  if (encoding === 'utf-32-le' || encoding === 'utf-32-be') return decodeUtf32(buf, encoding === 'utf-32-le');
  const label = PYTHON_TO_WHATWG[encoding] ?? encoding;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    // a codec TextDecoder does not know: read as UTF-8 (pip would stop with LookupError)
    return decodeAs(buf, 'utf-8');
  }
  const encodingName = label === 'utf-16le' ? 'utf-16-le' : label === 'utf-16be' ? 'utf-16-be' : label;
  try {
    return { text: decoder.decode(buf), encoding: encodingName, lossy: false };
  } catch {
    return { text: new TextDecoder(label, { ignoreBOM: true }).decode(buf), encoding: encodingName, lossy: true };
  }
}

function decodeUtf32(buf: Buffer, le: boolean): { text: string; encoding: string; lossy: boolean } {
  const parts: string[] = [];
  let lossy = buf.length % 4 !== 0;
  for (let i = 0; i + 3 < buf.length; i += 4) {
    const cp = le ? buf.readUInt32LE(i) : buf.readUInt32BE(i);
    const ok = cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
    if (!ok) lossy = true;
    parts.push(ok ? String.fromCodePoint(cp) : '\ufffd');
  }
  return { text: parts.join(''), encoding: le ? 'utf-32-le' : 'utf-32-be', lossy };
}

/**
 * `text` as bytes in the encoding (and with the byte-order mark) it was read with, or null when that
 * encoding cannot hold the text or cannot be written here.
 */
export function encodeText(text: string, how: Pick<Decoded, 'encoding' | 'bom'>): Buffer | null {
  let body: Buffer;
  switch (how.encoding) {
    case 'utf-8':
      body = Buffer.from(text, 'utf8');
      return how.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
    case 'utf-16-le':
    case 'utf-16-be':
      body = Buffer.from(text, 'utf16le');
      if (how.encoding === 'utf-16-be') body.swap16();
      return how.bom ? Buffer.concat([Buffer.from(how.encoding === 'utf-16-le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]) : body;
    case 'utf-32-le':
    case 'utf-32-be': {
      const cps = Array.from(text, (c) => c.codePointAt(0) ?? 0);
      body = Buffer.alloc(cps.length * 4);
      cps.forEach((cp, i) => (how.encoding === 'utf-32-le' ? body.writeUInt32LE(cp, i * 4) : body.writeUInt32BE(cp, i * 4)));
      return how.bom ? Buffer.concat([Buffer.from(how.encoding === 'utf-32-le' ? [0xff, 0xfe, 0, 0] : [0, 0, 0xfe, 0xff]), body]) : body;
    }
    case 'latin-1':
      // eslint-disable-next-line no-control-regex
      return /[^\x00-\xff]/.test(text) ? null : Buffer.from(text, 'latin1');
    case 'ascii':
      // eslint-disable-next-line no-control-regex
      return /[^\x00-\x7f]/.test(text) ? null : Buffer.from(text, 'latin1');
    default:
      return null; // TextDecoder reads many codecs; Node writes only these
  }
}

/** Decoded text of file bytes (see decodeBytes). */
export function decodeText(buf: Buffer): string {
  return decodeBytes(buf).text;
}

/** A reader without memory (each read goes to the disk): for one-off reads outside an analysis. */
export const nodeFileReader: FileReader = {
  read: (p) => (isUri(p) ? null : readTextFile(p)),
  resolve: resolveInclude,
  identity: fileIdentity,
};

/** Comparable key for a path: resolved, and case-folded where the file system is case-insensitive. */
export function pathKey(p: string, platform: NodeJS.Platform = process.platform): string {
  const r = path.resolve(p);
  return platform === 'win32' || platform === 'darwin' ? r.toLowerCase() : r;
}

/** pip: an include is relative to the including file's folder; URLs stay as written; file: URLs → paths. */
export function resolveInclude(from: string, target: string): string {
  if (isFileUri(target)) {
    try {
      return fileURLToPath(target);
    } catch {
      return target;
    }
  }
  if (isUri(target)) return target;
  return path.resolve(path.dirname(from), target);
}

/** The real file behind a path (symlinks resolved), so one analysis reads each real file once. */
export function fileIdentity(p: string): string | null {
  if (isUri(p)) return null;
  try {
    return pathKey(fs.realpathSync.native(p));
  } catch {
    return null;
  }
}

export interface TrackingReader extends FileReader {
  /** Keys (pathKey) of every path read so far, found or not. */
  readonly reads: ReadonlySet<string>;
  /** What each read returned, by pathKey (so offsets in findings map to the very text analysed). */
  readonly texts: ReadonlyMap<string, string | null>;
  /** Why a path read as null (missing, too large, a device…), by pathKey. */
  readonly failures: ReadonlyMap<string, ReadFailure>;
}

/**
 * A reader for one analysis: open editor buffers first (their unsaved text is what the user sees), then
 * the file system; one answer per path. Synchronous because core's reader is.
 * @param openText text of an open document at this path, or undefined when none is open.
 * @param readDisk fallback for files not open (defaults to readFileDecoded).
 */
export function createFileReader(
  openText: (path: string) => string | undefined = () => undefined,
  readDisk: (path: string) => ReadResult = (p) => readFileDecoded(p),
): TrackingReader {
  const reads = new Set<string>();
  const texts = new Map<string, string | null>();
  const failures = new Map<string, ReadFailure>();
  return {
    reads,
    texts,
    failures,
    read(p: string): string | null {
      if (isUri(p)) return null; // remote includes are not fetched; file: URLs were resolved to paths
      const key = pathKey(p);
      reads.add(key);
      if (texts.has(key)) return texts.get(key) ?? null;
      const open = openText(p);
      let text: string | null;
      if (open !== undefined) text = open;
      else {
        const r = readDisk(p);
        text = r.ok ? r.decoded.text : null;
        if (!r.ok) failures.set(key, r.reason);
      }
      texts.set(key, text);
      return text;
    },
    resolve: resolveInclude,
    identity(p: string): string | null {
      return openText(p) !== undefined && fileIdentity(p) === null ? pathKey(p) : fileIdentity(p);
    },
  };
}

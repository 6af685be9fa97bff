// The FileReader core's parsers use for -r/-c includes: open editor buffers first (their unsaved text is
// what the user sees), then the file system. Synchronous because core's reader is; bounded in size.
// Records every path it reads so the editor can re-check a document when one of its includes changes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileReader } from '../../core/requirements/types';

/** Includes bigger than this are treated as unreadable (a requirements file is never this large). */
export const MAX_INCLUDE_BYTES = 16 * 1024 * 1024;

/** Comparable key for a path: resolved, and case-folded where the file system is case-insensitive. */
export function pathKey(p: string, platform: NodeJS.Platform = process.platform): string {
  const r = path.resolve(p);
  return platform === 'win32' || platform === 'darwin' ? r.toLowerCase() : r;
}

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** pip: an include is relative to the including file's folder; URLs stay as written; file:// → path. */
export function resolveInclude(from: string, target: string): string {
  if (/^file:\/\//i.test(target)) {
    try {
      return fileURLToPath(target);
    } catch {
      return target;
    }
  }
  if (URL_SCHEME.test(target)) return target;
  return path.resolve(path.dirname(from), target);
}

/** Read a file from disk, or null when it is missing, not a file, too big or unreadable. */
export function readTextFile(p: string, maxBytes = MAX_INCLUDE_BYTES): string | null {
  try {
    const st = fs.statSync(p);
    if (!st.isFile() || st.size > maxBytes) return null;
    return fs.readFileSync(p, 'utf8');
  } catch {
    return null;
  }
}

export interface TrackingReader extends FileReader {
  /** Keys (pathKey) of every path read so far, found or not. */
  readonly reads: ReadonlySet<string>;
  /** What each read returned, by pathKey (so offsets in findings map to the very text analysed). */
  readonly texts: ReadonlyMap<string, string | null>;
}

/**
 * @param openText text of an open document at this path, or undefined when none is open.
 * @param readDisk fallback for files not open (defaults to readTextFile).
 */
export function createFileReader(
  openText: (path: string) => string | undefined,
  readDisk: (path: string) => string | null = readTextFile,
): TrackingReader {
  const reads = new Set<string>();
  const texts = new Map<string, string | null>();
  return {
    reads,
    texts,
    read(p: string): string | null {
      if (URL_SCHEME.test(p)) return null; // remote includes are not fetched
      const key = pathKey(p);
      reads.add(key);
      if (texts.has(key)) return texts.get(key) ?? null; // one answer per path within one analysis
      const open = openText(p);
      const text = open !== undefined ? open : readDisk(p);
      texts.set(key, text);
      return text;
    },
    resolve: resolveInclude,
  };
}

// The FileReader the parsers use for -r/-c includes, on node:fs. Decodes like pip's auto_decode():
// UTF-8/UTF-16/UTF-32 byte-order marks are honoured and dropped, otherwise UTF-8.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileReader } from '../core/requirements/types';

/** Larger files are treated as unreadable (a requirements file is never this big). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export function decodeText(buf: Buffer): string {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0) return decodeUtf32(buf.subarray(4), true);
  if (buf.length >= 4 && buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff) return decodeUtf32(buf.subarray(4), false);
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return buf.toString('utf8');
}

function decodeUtf32(buf: Buffer, le: boolean): string {
  let out = '';
  for (let i = 0; i + 3 < buf.length; i += 4) {
    const cp = le ? buf.readUInt32LE(i) : buf.readUInt32BE(i);
    out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
  }
  return out;
}

function isUrl(target: string): boolean {
  return /^(https?|file):/i.test(target);
}

export function readTextFile(file: string): string | null {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return null;
    return decodeText(readFileSync(file));
  } catch {
    return null;
  }
}

export const nodeFileReader: FileReader = {
  read(file: string): string | null {
    if (/^file:/i.test(file)) {
      try {
        return readTextFile(fileURLToPath(file));
      } catch {
        return null;
      }
    }
    if (isUrl(file)) return null;
    return readTextFile(file);
  },
  resolve(from: string, target: string): string {
    if (isUrl(target)) return target;
    if (isUrl(from)) return new URL(target, from).toString();
    // pip: os.path.join(os.path.dirname(filename), req_path)
    return path.resolve(path.dirname(from), target);
  },
};

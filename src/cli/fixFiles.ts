// check --fix on disk: a fix is written only into a file whose real path lies at or under one of the
// checked PATHs (never into an include in ../outside/, never through a symlink out of the tree), in
// the file's own encoding, byte-order mark and line ending, and never over a file that did not decode
// cleanly (writing it back would change bytes the fix did not touch).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dominantEol, type Span } from '../core/text';
import { encodeText, readFileDecoded } from '../system/fileReader';
import { applyEdits } from '../core/fixes/apply';

export type NotFixed = 'outside' | 'lossy' | 'encoding' | 'changed' | 'unreadable';

export const NOT_FIXED_REASON: Record<NotFixed, string> = {
  outside: 'outside the checked paths',
  lossy: 'not valid in its encoding, so it cannot be written back unchanged',
  encoding: 'its encoding cannot be written back',
  changed: 'changed on disk while it was checked',
  unreadable: 'cannot be read',
};

function real(p: string): string | null {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return null;
  }
}

export interface WriteScope {
  /** Real folders whose files may be written: each checked folder, and the folder of each checked file. */
  dirs: string[];
}

/** Where --fix may write: under the checked folders and the folders of the checked files. */
export function writeScope(positionals: string[], cwd: string): WriteScope {
  const dirs: string[] = [];
  for (const t of positionals.length ? positionals : ['.']) {
    const abs = path.resolve(cwd, t);
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    // a named file counts where it is named: a symlink to a file elsewhere does not bring that folder in
    const r = real(st?.isDirectory() ? abs : path.dirname(abs));
    if (r) dirs.push(r);
  }
  return { dirs };
}

/** True when the real path `p` lies under a folder of the scope. */
export function inScope(p: string, scope: WriteScope): boolean {
  return scope.dirs.some((d) => {
    const rel = path.relative(d, p);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
}

/** The real path of `p` when it is in scope, else null. */
export function realInScope(p: string, scope: WriteScope): string | null {
  const r = real(p);
  return r && inScope(r, scope) ? r : null;
}

/**
 * Apply `edits` (spans of `analysed`, the text that was checked) to `file` and write it back the way it
 * was written; returns null when written (or nothing changed), else why not.
 */
export function writeFixes(file: string, analysed: string, edits: readonly { span: Span; newText: string }[], scope: WriteScope): NotFixed | null {
  const r = readFileDecoded(file);
  if (!r.ok) return 'unreadable';
  if (!inScope(r.realPath, scope)) return 'outside';
  const text = r.decoded.text;
  if (text !== analysed) return 'changed';
  if (r.decoded.lossy) return 'lossy';
  const eol = dominantEol(text);
  const next = applyEdits(
    text,
    edits.map((e) => ({ span: e.span, newText: eol === '\n' ? e.newText : e.newText.replace(/\r\n|\r|\n/g, eol) })),
  );
  if (next === text) return null;
  const bytes = encodeText(next, r.decoded);
  if (!bytes) return 'encoding';
  fs.writeFileSync(r.realPath, bytes);
  return null;
}

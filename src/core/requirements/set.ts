// A requirements file with its -r/-c includes, in pip's reading order: each include is expanded where
// it stands, relative to the including file. pip re-reads a file every time it is included; here each
// real file (by the reader's identity: its realpath) is expanded once per analysis, which gives the
// same requirements without the exponential blow-up of a diamond-shaped include graph. Cycles are
// found on real files (symlink loops included), and one analysis reads a bounded number of files and
// characters (pip itself would recurse until Python's recursion limit).
import { finding } from '../finding';
import { msg } from '../l10n';
import { isRemoteUri } from '../uri';
import { parseRequirementsText } from './file';
import type { Env, FileReader, OptionLine, Requirement, RequirementsFile, RequirementsSet } from './types';

/** Deepest include nesting followed. */
export const MAX_INCLUDE_DEPTH = 64;
/** Most include expansions in one analysis (each real file counts once). */
export const MAX_INCLUDE_FILES = 500;
/** Most characters of included text read in one analysis (the root file not counted). */
export const MAX_INCLUDE_CHARS = 8 * 1024 * 1024;

export function parseRequirementsSet(rootFile: string, rootText: string, reader: FileReader, opts: { env?: Env } = {}): RequirementsSet {
  const parsed = new Map<string, RequirementsFile>();
  const files: RequirementsFile[] = [];
  const listed = new Set<string>();
  const requirements: Requirement[] = [];
  const options: OptionLine[] = [];
  const identityOf = (p: string): string => reader.identity?.(p) ?? p;
  let filesRead = 0;
  let charsRead = 0;
  let limitReported = false;

  const load = (path: string, id: string, text: string, constraint: boolean): RequirementsFile => {
    const key = (constraint ? 'c:' : 'r:') + id;
    let f = parsed.get(key);
    if (!f) {
      f = parseRequirementsText(text, path, { env: opts.env, constraint });
      parsed.set(key, f);
      if (!listed.has(id)) {
        listed.add(id);
        files.push(f);
      }
    }
    return f;
  };

  const once = (f: RequirementsFile, code: string, start: number): boolean => !f.diagnostics.some((d) => d.code === code && d.span.start === start);

  const limit = (f: RequirementsFile, span: { start: number; end: number }, why: { message: string }): void => {
    if (limitReported) return;
    limitReported = true;
    f.diagnostics.push(finding('include-limit', 'warning', msg('Include not read: {0}; the includes from here on are not checked', why), span));
  };

  // one entry per real file expanded in this analysis (a file included twice is expanded once)
  const expanded = new Set<string>();

  const visit = (f: RequirementsFile, stack: string[], paths: string[]) => {
    // requirements and options in line order, includes expanded where they stand
    let ri = 0;
    let oi = 0;
    for (const inc of f.includes) {
      while (ri < f.requirements.length && f.requirements[ri].line < inc.line) requirements.push(f.requirements[ri++]);
      while (oi < f.options.length && f.options[oi].line < inc.line) options.push(f.options[oi++]);
      const resolved = reader.resolve(f.file, inc.target);
      inc.resolved = resolved;
      if (isRemoteUri(resolved)) continue; // fetched by pip over the network: not read here
      const id = identityOf(resolved);
      const at = stack.indexOf(id);
      if (at >= 0) {
        if (once(f, 'include-cycle', inc.span.start))
          f.diagnostics.push(finding('include-cycle', 'error', msg('Include cycle: {0} includes itself through {1}', inc.target, [...paths.slice(at), resolved].join(' → ')), inc.span));
        continue;
      }
      const key = (inc.kind === 'constraint' ? 'c:' : 'r:') + id;
      if (expanded.has(key)) continue; // same real file, same reading: its lines are already in the set
      if (stack.length > MAX_INCLUDE_DEPTH) {
        limit(f, inc.span, msg('more than {0} nested includes', MAX_INCLUDE_DEPTH));
        continue;
      }
      if (filesRead >= MAX_INCLUDE_FILES || charsRead >= MAX_INCLUDE_CHARS) {
        limit(f, inc.span, msg('this analysis already read {0} included files ({1} characters), its limit', filesRead, charsRead));
        continue;
      }
      const text = reader.read(resolved);
      if (text === null) {
        if (once(f, 'missing-include', inc.span.start))
          f.diagnostics.push(finding('missing-include', 'error', msg('Could not open requirements file: {0}', resolved), inc.span));
        continue;
      }
      filesRead++;
      charsRead += text.length;
      if (charsRead > MAX_INCLUDE_CHARS) {
        limit(f, inc.span, msg('this analysis already read {0} included files ({1} characters), its limit', filesRead, charsRead));
        continue;
      }
      expanded.add(key);
      // pip: -c reads the file as constraints, -r as requirements (whatever the including file was)
      const child = load(resolved, id, text, inc.kind === 'constraint');
      visit(child, [...stack, id], [...paths, resolved]);
    }
    while (ri < f.requirements.length) requirements.push(f.requirements[ri++]);
    while (oi < f.options.length) options.push(f.options[oi++]);
  };

  const rootId = identityOf(rootFile);
  const root = load(rootFile, rootId, rootText, false);
  expanded.add('r:' + rootId);
  visit(root, [rootId], [rootFile]);
  return { root, files, requirements, options };
}

// A requirements file with its -r/-c includes, in pip's reading order: each include is expanded in
// place (pip re-reads a file every time it is included), relative to the including file, with
// cycle detection (pip itself would recurse until Python's recursion limit).
import { finding } from '../finding';
import { msg } from '../l10n';
import { parseRequirementsText } from './file';
import type { Env, FileReader, OptionLine, Requirement, RequirementsFile, RequirementsSet } from './types';

const MAX_DEPTH = 64;

/** http(s) includes are fetched by pip over the network: not read here (file: URLs are read). */
function isRemote(target: string): boolean {
  return /^https?:/i.test(target);
}

export function parseRequirementsSet(rootFile: string, rootText: string, reader: FileReader, opts: { env?: Env } = {}): RequirementsSet {
  const parsed = new Map<string, RequirementsFile>();
  const files: RequirementsFile[] = [];
  const requirements: Requirement[] = [];
  const options: OptionLine[] = [];

  const load = (path: string, text: string, constraint: boolean): RequirementsFile => {
    const key = (constraint ? 'c:' : 'r:') + path;
    let f = parsed.get(key);
    if (!f) {
      f = parseRequirementsText(text, path, { env: opts.env, constraint });
      parsed.set(key, f);
      if (!files.some((x) => x.file === path)) files.push(f);
    }
    return f;
  };

  const visit = (f: RequirementsFile, stack: string[]) => {
    // requirements and options in line order, includes expanded where they stand
    let ri = 0;
    let oi = 0;
    for (const inc of f.includes) {
      while (ri < f.requirements.length && f.requirements[ri].line < inc.line) requirements.push(f.requirements[ri++]);
      while (oi < f.options.length && f.options[oi].line < inc.line) options.push(f.options[oi++]);
      const resolved = reader.resolve(f.file, inc.target);
      inc.resolved = resolved;
      if (isRemote(inc.target)) continue; // fetched by pip over the network: not read here
      if (stack.includes(resolved)) {
        if (!f.diagnostics.some((d) => d.code === 'include-cycle' && d.span.start === inc.span.start))
          f.diagnostics.push(
            finding('include-cycle', 'error', msg('Include cycle: {0} includes itself through {1}', inc.target, [...stack.slice(stack.indexOf(resolved)), resolved].join(' → ')), inc.span),
          );
        continue;
      }
      if (stack.length >= MAX_DEPTH) continue;
      const text = reader.read(resolved);
      if (text === null) {
        if (!f.diagnostics.some((d) => d.code === 'missing-include' && d.span.start === inc.span.start))
          f.diagnostics.push(finding('missing-include', 'error', msg('Could not open requirements file: {0}', resolved), inc.span));
        continue;
      }
      // pip: -c reads the file as constraints, -r as requirements (whatever the including file was)
      const child = load(resolved, text, inc.kind === 'constraint');
      visit(child, [...stack, resolved]);
    }
    while (ri < f.requirements.length) requirements.push(f.requirements[ri++]);
    while (oi < f.options.length) options.push(f.options[oi++]);
  };

  const root = load(rootFile, rootText, false);
  visit(root, [rootFile]);
  return { root, files, requirements, options };
}

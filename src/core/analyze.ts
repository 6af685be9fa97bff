// The one entry point for checking a document: parse (requirements with includes, environment.yml,
// pyproject.toml / pixi.toml), the parsers' syntax findings, then the environment rules against a
// machine (detected, a target profile, or CLI flags; null = no machine: GPU rules stay silent).
import { kindForPath } from './documents';
import type { Finding } from './finding';
import type { Machine } from './machine';
import { parseEnvironmentYml } from './conda/environment';
import { parsePyproject } from './pyproject/pyproject';
import { checkSetDiagnostics, parseRequirementsSet } from './requirements/index';
import type { Env, FileReader } from './requirements/types';
import { forMachine, fromEnvironment, fromPyproject, fromRequirements, type DocumentKind, type ProjectModel } from './rules/model';
import { RULES, type RuleContext } from './rules/index';
import { resolveTorch } from './rules/resolve';
import { judgedMachine, resolveProject } from './resolve/index';
import { statedConstraints } from './fixes/constraints';
import { withSearched } from './fixes/search';
import { annotateVerified } from './fixes/verify';

export type { DocumentKind } from './rules/model';

export interface AnalyzeOptions {
  reader: FileReader;
  env?: Env;
  /** Report unpinned requirements (setting aiEnvDoctor.unpinnedRequirements). */
  unpinned?: boolean;
}

/** Which kind of project file a path is, by name; null for anything else (one table: documents.ts). */
export const documentKind = kindForPath;

/** Parse a document into the rules' model and its syntax findings. */
export function modelOf(path: string, text: string, opts: AnalyzeOptions, kind: DocumentKind): { model: ProjectModel; syntax: Finding[] } {
  if (kind === 'environment') {
    const env = parseEnvironmentYml(text, path);
    const model = fromEnvironment(env, path);
    // `- -r requirements.txt` in the pip: block: conda runs pip on it, so its torch lines and indexes count.
    for (const inc of env.pip?.includes ?? []) {
      const target = opts.reader.resolve(path, inc.target);
      const incText = opts.reader.read(target);
      if (incText === null) continue;
      const sub = fromRequirements(parseRequirementsSet(target, incText, opts.reader, { env: opts.env }), path);
      for (const x of sub.torch.map((t) => ({ ...t, file: t.file ?? target }))) model.torch.push(x);
      for (const x of sub.others) model.others.push(x);
      for (const x of sub.indexes.map((i) => ({ ...i, file: i.file ?? target }))) model.indexes.push(x);
    }
    return { model, syntax: env.diagnostics };
  }
  if (kind === 'pyproject') {
    const py = parsePyproject(text, path);
    return { model: fromPyproject(py, path), syntax: py.diagnostics };
  }
  const set = parseRequirementsSet(path, text, opts.reader, { env: opts.env });
  const syntax: Finding[] = [];
  for (const f of set.files) {
    for (const d of f.diagnostics) syntax.push(f.file === path || d.file ? d : { ...d, file: f.file });
  }
  for (const x of checkSetDiagnostics(set, { unpinned: opts.unpinned ?? false })) syntax.push(x);
  return { model: fromRequirements(set, path), syntax };
}

/**
 * Parse + syntax + rules for one document. Findings carry their fixes (plain TextEdits). A path
 * whose kind cannot be told from its name is read as a requirements file.
 */
export function analyzeDocument(path: string, text: string, machine: Machine | null, opts: AnalyzeOptions): { kind: DocumentKind; findings: Finding[] } {
  const first = analyzeOnce(path, text, machine, opts);
  // Every fix is tried on a copy of the file set and kept as verified only when the re-analysis agrees.
  const reanalyze = (p: string, t: string, reader: FileReader): Finding[] => analyzeOnce(p, t, machine, { ...opts, reader }).findings;
  const stated = statedConstraints(first.ctx.model);
  const searched = first.findings.map((f) => withSearched(first.ctx, ownedEdits(f, path)));
  return { kind: first.kind, findings: annotateVerified(searched, path, text, opts.reader, reanalyze, stated).findings };
}

/**
 * Rules write an edit of the analysed document without `file` even when their finding sits in an
 * included file; a fix's edit without `file` means the finding's file (finding.ts), so name it.
 */
function ownedEdits(f: Finding, path: string): Finding {
  if (!f.file || f.file === path || f.fixes.every((x) => x.edits.every((e) => e.file))) return f;
  return { ...f, fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => (e.file ? e : { ...e, file: path })) })) };
}

/** One analysis, fixes as the rules propose them (not verified). */
export function analyzeOnce(path: string, text: string, machine: Machine | null, opts: AnalyzeOptions): { kind: DocumentKind; findings: Finding[]; ctx: RuleContext } {
  const kind = documentKind(path) ?? 'requirements';
  const parsed = modelOf(path, text, opts, kind);
  const syntax = parsed.syntax;
  // A file meant for another platform or accelerator (by its name) is judged against that target.
  const judged = machine ? judgedMachine(path, machine).machine : null;
  const model = forMachine(parsed.model, judged);
  const res = resolveTorch(model, judged);
  const outcome = judged ? resolveProject(model, judged).environments : null;
  const findings = [...syntax];
  const ctx: RuleContext = { model, machine: judged, res, outcome };
  for (const rule of RULES) for (const x of rule(ctx)) findings.push(x);
  return { kind, findings, ctx };
}

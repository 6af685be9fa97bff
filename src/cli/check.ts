// ai-env-doctor check [PATH...] [--json] [--sarif] [--fix] [--no-detect] [--driver VER] [--gpu "NAME"]
//   [--compute-cap X.Y] [--platform linux|win32|darwin] [--python X.Y]
// Judges requirements / environment / pyproject files against a machine (detected, or described by
// flags) and prints the findings as text, JSON or SARIF; --fix applies each finding's preferred fix.
// Exit status: 1 when an error is reported, 0 otherwise, 2 on a usage error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { version } from '../../package.json';
import { analyzeDocument } from '../core/analyze';
import type { Finding } from '../core/finding';
import type { Machine } from '../core/machine';
import { capFindings } from '../core/finding';
import { msg } from '../core/l10n';
import { expandedVariables, redactFinding } from '../core/redact';
import { escapeControls, LineIndex } from '../core/text';
import { isUri } from '../core/uri';
import { createFileReader, pathKey, readFailureText, readFileDecoded, readTextFile, type ReadFailure } from '../system/fileReader';
import { isExcludedFolder, kindForPath } from '../core/documents';
import { fixable, planFixAll } from '../core/fixes/plan';
import { findingIdentity } from '../core/findingIdentity';
import { RULE_META } from '../core/rules/index';
import { machineOptions, parse, UsageError, type CliIO } from './args';
import { resolveMachine } from './machine';
import { NOT_FIXED_REASON, realInScope, writeFixes, writeScope, type NotFixed, type WriteScope } from './fixFiles';
import { toJson } from './format/json';
import type { Report, ReportFile } from './format/model';
import { tally } from './format/model';
import { toSarif } from './format/sarif';
import { writeJson } from './format/stream';
import { writeText } from './format/text';

export const HELP = `Usage: ai-env-doctor check [PATH...] [options]

Judge requirements*.txt / *.in / constraints*.txt, environment.yml and pyproject.toml / pixi.toml files
against this machine (GPU, NVIDIA driver, OS, Python) or the one described by the flags.
With no PATH, checks the current folder; a folder is searched for such files.

Options:
  --json                 print {"files": [...], "machine": {...}} (0-based ranges, fixes with edits)
  --sarif                print SARIF 2.1.0 (for code scanning)
  --fix                  apply each finding's verified preferred fix in place, then report what remains
                         (only files under a PATH, in their own encoding and line endings; advisory
                         findings and a move off the pytorch conda channel are left alone)
  --fix=CODE[,CODE...]   apply the verified preferred fixes of those codes only (advisory ones included)
  --no-detect            do not probe the machine (nvidia-smi, python); use the flags only
  --timeout SECONDS      limit for detecting the machine, 1 to 600 (default 15)
  --driver VER           NVIDIA driver version, e.g. 551.78
  --gpu "NAME"           GPU name as nvidia-smi prints it, e.g. "NVIDIA GeForce RTX 4090"
  --compute-cap X.Y      GPU compute capability, e.g. 8.9
  --platform OS          linux, win32 or darwin
  --python X.Y           Python version, e.g. 3.11
  --unpinned             also report requirements not pinned to one version (hints)
  -h, --help             show this help

Exit status: 1 when an error is reported, 0 otherwise, 2 on a usage error.`;

const options = {
  ...machineOptions,
  json: { type: 'boolean' },
  sarif: { type: 'boolean' },
  fix: { type: 'boolean' },
  unpinned: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const MAX_DEPTH = 6;
const MAX_FILES = 2000;

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Requirements, environment and pyproject files under `dir`, sorted, skipping dependency folders. */
export function discover(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (found.length >= MAX_FILES) return;
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (depth >= MAX_DEPTH || isExcludedFolder(e.name)) continue;
        // Any folder holding pyvenv.cfg is a virtual environment, whatever its name.
        if (fs.existsSync(path.join(p, 'pyvenv.cfg')) || fs.existsSync(path.join(p, 'conda-meta'))) continue;
        walk(p, depth + 1);
      } else if ((e.isFile() || (e.isSymbolicLink() && isFile(p))) && kindForPath(p)) {
        // A symlinked file counts; a symlinked folder is not followed (no loops, no escaping the tree).
        found.push(p);
      }
    }
  };
  walk(dir, 0);
  return found;
}

/** The files named on the command line (folders expanded), absolute and without duplicates. */
export function collectFiles(positionals: string[], cwd: string): string[] {
  const targets = positionals.length ? positionals : ['.'];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const t of targets) {
    const abs = path.resolve(cwd, t);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new UsageError(`no such file or folder: ${t}`);
    }
    const files = st.isDirectory() ? discover(abs) : [abs];
    for (const f of files) {
      if (!seen.has(f)) {
        seen.add(f);
        out.push(f);
      }
    }
  }
  return out;
}

function displayPathFor(cwd: string) {
  return (abs: string): string => {
    const rel = path.relative(cwd, abs);
    const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
    return shown.split(path.sep).join('/');
  };
}


interface Analysis {
  /** Findings per absolute file path (each finding's span belongs to that file). */
  byFile: Map<string, Finding[]>;
  /** The text each file was analysed as. */
  texts: Map<string, string>;
  /** Files that could not be read, with why. */
  unreadable: Map<string, ReadFailure>;
}

/** A finding in a file outside the checked paths: where and what, never the file's text. */
function contentless(f: Finding): Finding {
  const m = msg('{0} (in a file outside the checked paths; its text is not shown)', f.code);
  return { ...f, message: m.message, l10n: m.l10n, fixes: [] };
}

function analyzeAll(files: string[], machine: Machine | null, io: CliIO, unpinned: boolean, scope: WriteScope): Analysis {
  const byFile = new Map<string, Finding[]>();
  const texts = new Map<string, string>();
  const unreadable = new Map<string, ReadFailure>();
  const seen = new Set<string>();
  for (const file of files) {
    const r = readFileDecoded(file);
    if (!r.ok) {
      unreadable.set(file, r.reason);
      continue;
    }
    byFile.set(file, []);
    texts.set(file, r.decoded.text);
  }
  const checked = new Set(byFile.keys());
  const insideCache = new Map<string, boolean>();
  for (const file of checked) {
    // one reader per analysed file: each real file is read once, and the texts are the ones analysed
    const reader = createFileReader((p) => (pathKey(p) === pathKey(file) ? texts.get(file) : undefined));
    const { findings } = analyzeDocument(file, texts.get(file) ?? '', machine, { reader, env: io.env, unpinned });
    const read = [...reader.texts.values()].filter((t): t is string => t !== null);
    const vars = expandedVariables([texts.get(file) ?? '', ...read], io.env);
    for (const raw of findings) {
      // A finding can belong to an included file; list it under that file (once, even when that file is
      // also checked on its own).
      const elsewhere = raw.file && !isUri(raw.file) ? path.resolve(raw.file) : null;
      const owner = elsewhere && elsewhere !== file ? elsewhere : file;
      if (!texts.has(owner)) {
        const t = reader.texts.get(pathKey(owner)) ?? readTextFile(owner);
        if (t !== null) texts.set(owner, t);
      }
      let inside = insideCache.get(owner);
      if (inside === undefined) insideCache.set(owner, (inside = checked.has(owner) || realInScope(owner, scope) !== null));
      const f = inside ? redactFinding(raw, vars) : contentless(raw);
      const key = findingIdentity(f, owner);
      if (seen.has(key)) continue;
      seen.add(key);
      if (!byFile.has(owner)) byFile.set(owner, []);
      byFile.get(owner)!.push({ ...f, file: owner });
    }
  }
  for (const [file, list] of byFile) {
    list.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    byFile.set(file, capFindings(list));
  }
  return { byFile, texts, unreadable };
}

/** Apply every verified preferred fix (of `codes`, when given) that does not overlap another; returns the count fixed and the files left alone. */
function applyFixes(analysis: Analysis, scope: WriteScope, codes: ReadonlySet<string> | null): { fixed: Map<string, number>; notFixed: Map<string, NotFixed> } {
  const all: Finding[] = [];
  for (const list of analysis.byFile.values()) for (const f of list) all.push(f);
  const plan = planFixAll(fixable(all, codes), '');
  const fixed = new Map<string, number>();
  const notFixed = new Map<string, NotFixed>();
  if (plan.edits.length === 0) return { fixed, notFixed };
  const editsByFile = new Map<string, { span: { start: number; end: number }; newText: string }[]>();
  for (const e of plan.edits) {
    const list = editsByFile.get(e.file) ?? [];
    list.push({ span: e.span, newText: e.newText });
    editsByFile.set(e.file, list);
  }
  for (const [file, edits] of editsByFile) {
    const text = analysis.texts.get(file);
    const why = text === undefined ? 'unreadable' : writeFixes(file, text, edits, scope);
    if (why) notFixed.set(file, why);
  }
  for (const f of plan.applied) {
    const file = f.file ?? '';
    if (notFixed.has(file) || f.fixes.some((x) => x.preferred && x.edits.some((e) => e.file && notFixed.has(e.file)))) continue;
    fixed.set(file, (fixed.get(file) ?? 0) + 1);
  }
  return { fixed, notFixed };
}

function parseArgs(argv: string[]) {
  try {
    return parse(argv, options);
  } catch (e) {
    const unknown = /Unknown option '([^']+)'/.exec((e as Error).message);
    if (unknown) throw new UsageError(`unknown option '${unknown[1]}' (see "ai-env-doctor check --help")`);
    throw e;
  }
}

/** `--fix=CODE[,CODE...]` (node's parseArgs has no optional values): taken out before parsing. */
function fixCodes(argv: string[]): { argv: string[]; codes: Set<string> | null } {
  let codes: Set<string> | null = null;
  const rest: string[] = [];
  for (const a of argv) {
    if (a === '--') {
      for (const x of argv.slice(argv.indexOf(a))) rest.push(x);
      break;
    }
    const m = /^--fix=(.*)$/s.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    codes ??= new Set();
    for (const c of m[1].split(',').map((x) => x.trim()).filter(Boolean)) {
      if (!RULE_META.some((r) => r.code === c)) throw new UsageError(`unknown code '${c}' in --fix (see docs/rules)`);
      codes.add(c);
    }
    if (codes.size === 0) throw new UsageError('--fix= needs at least one code');
    rest.push('--fix');
  }
  return { argv: rest, codes };
}

export async function run(rawArgv: string[], io: CliIO): Promise<number> {
  const { argv, codes } = fixCodes(rawArgv);
  const { values, positionals } = parseArgs(argv);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (values.json && values.sarif) throw new UsageError('--json and --sarif cannot be used together');
  const files = collectFiles(positionals, io.cwd);
  const scope = writeScope(positionals, io.cwd);
  const named = new Set(positionals.map((p) => path.resolve(io.cwd, p)));
  const machine = await resolveMachine(values, io, { pythonFromActiveEnv: true });
  const unpinned = values.unpinned === true;

  let analysis = analyzeAll(files, machine, io, unpinned, scope);
  for (const [file, reason] of analysis.unreadable) {
    // a file named on the command line must be readable; one found in a folder is skipped with a note
    if (named.has(file)) throw new UsageError(`cannot read ${escapeControls(file)}: ${readFailureText(reason)}`);
    io.err(`ai-env-doctor check: skipped ${escapeControls(file)}: ${readFailureText(reason)}`);
  }
  let fixedCounts: Map<string, number> | null = null;
  const notFixed = new Map<string, NotFixed>();
  if (values.fix) {
    fixedCounts = new Map();
    // Fixes can unlock others (a second pass sees the rewritten lines); a few passes settle any file.
    for (let pass = 0; pass < 4; pass++) {
      const r = applyFixes(analysis, scope, codes);
      for (const [f, why] of r.notFixed) notFixed.set(f, why);
      if (r.fixed.size === 0) break;
      for (const [f, n] of r.fixed) fixedCounts.set(f, (fixedCounts.get(f) ?? 0) + n);
      analysis = analyzeAll(files, machine, io, unpinned, scope);
    }
  }

  const display = displayPathFor(io.cwd);
  const indexes = new Map<string, LineIndex>();
  const indexOf = (abs: string): LineIndex | null => {
    let idx = indexes.get(abs);
    if (!idx) {
      const text = analysis.texts.get(abs);
      if (text === undefined) return null;
      idx = new LineIndex(text);
      indexes.set(abs, idx);
    }
    return idx;
  };
  const reportFiles: ReportFile[] = [];
  for (const [abs, findings] of analysis.byFile) {
    const index = indexOf(abs) ?? new LineIndex('');
    const rf: ReportFile = { path: display(abs), absPath: abs, index, findings };
    if (fixedCounts) rf.fixed = fixedCounts.get(abs) ?? 0;
    const why = notFixed.get(abs);
    if (why) rf.notFixed = NOT_FIXED_REASON[why];
    reportFiles.push(rf);
  }
  const report: Report = { files: reportFiles, machine, indexOf, displayPath: display };

  if (values.json) {
    writeJson(toJson(report), io.out);
  } else if (values.sarif) {
    writeJson(toSarif(report, { version, cwd: io.cwd }), io.out);
  } else {
    writeText(report, io.out);
    for (const [file, why] of notFixed) io.err(`not fixed: ${escapeControls(display(file))}: ${NOT_FIXED_REASON[why]}`);
    io.err(summary(report, files.length, fixedCounts));
  }
  return tally(report).error > 0 ? 1 : 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summary(report: Report, checked: number, fixed: Map<string, number> | null): string {
  const t = tally(report);
  const parts: string[] = [];
  if (fixed) {
    const n = [...fixed.values()].reduce((a, b) => a + b, 0);
    parts.push(`fixed ${plural(n, 'problem')}`);
  }
  if (checked === 0) return 'No requirements, environment or pyproject files found.';
  const problems = t.error + t.warning + t.information + t.hint;
  parts.push(
    problems === 0
      ? `no problems in ${plural(checked, 'file')}`
      : `${plural(t.error, 'error')}, ${plural(t.warning, 'warning')}, ${t.information + t.hint} info in ${plural(checked, 'file')}`,
  );
  return parts.join('; ');
}

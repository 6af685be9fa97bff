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
import type { FileReader } from '../core/requirements/types';
import { LineIndex } from '../core/text';
import { nodeFileReader, readTextFile } from '../system/fileReader';
import { isExcludedFolder, kindForPath } from '../core/documents';
import { applyEdits } from '../core/fixes/apply';
import { fixable, planFixAll } from '../core/fixes/plan';
import { RULE_META } from '../core/rules/index';
import { machineOptions, parse, UsageError, type CliIO } from './args';
import { resolveMachine } from './machine';
import { formatJson } from './format/json';
import type { Report, ReportFile } from './format/model';
import { tally } from './format/model';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';

export const HELP = `Usage: ai-env-doctor check [PATH...] [options]

Judge requirements*.txt / *.in / constraints*.txt, environment.yml and pyproject.toml / pixi.toml files
against this machine (GPU, NVIDIA driver, OS, Python) or the one described by the flags.
With no PATH, checks the current folder; a folder is searched for such files.

Options:
  --json                 print {"files": [...], "machine": {...}} (0-based ranges, fixes with edits)
  --sarif                print SARIF 2.1.0 (for code scanning)
  --fix                  apply each finding's verified preferred fix in place, then report what remains
                         (advisory findings and a move off the pytorch conda channel are left alone)
  --fix=CODE[,CODE...]   apply the verified preferred fixes of those codes only (advisory ones included)
  --no-detect            do not probe the machine (nvidia-smi, python); use the flags only
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
  texts: Map<string, string>;
}

function findingKey(file: string, f: Finding): string {
  return `${file}\0${f.code}\0${f.span.start}\0${f.span.end}\0${f.message}`;
}

function analyzeAll(files: string[], machine: Machine | null, reader: FileReader, io: CliIO, unpinned: boolean): Analysis {
  const byFile = new Map<string, Finding[]>();
  const texts = new Map<string, string>();
  const seen = new Set<string>();
  for (const file of files) byFile.set(file, []);
  for (const file of files) {
    const text = readTextFile(file);
    if (text === null) throw new UsageError(`cannot read ${file}`);
    texts.set(file, text);
    const { findings } = analyzeDocument(file, text, machine, { reader, env: io.env, unpinned });
    for (const f of findings) {
      // A finding can belong to an included file; list it under that file (once, even when that file is
      // also checked on its own).
      const elsewhere = f.file && !/^[a-z][a-z0-9+.-]*:\/\//i.test(f.file) ? path.resolve(f.file) : null;
      const owner = elsewhere && elsewhere !== file ? elsewhere : file;
      const key = findingKey(owner, f);
      if (seen.has(key)) continue;
      seen.add(key);
      if (!byFile.has(owner)) byFile.set(owner, []);
      byFile.get(owner)!.push({ ...f, file: owner });
      if (!texts.has(owner)) {
        const t = readTextFile(owner);
        if (t !== null) texts.set(owner, t);
      }
    }
  }
  for (const list of byFile.values()) list.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { byFile, texts };
}

/** Write text back as UTF-8, keeping a UTF-8 byte-order mark the file had (the reader drops it). */
function writeTextFile(file: string, text: string): void {
  let bom = false;
  try {
    const fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(3);
    fs.readSync(fd, head, 0, 3, 0);
    fs.closeSync(fd);
    bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } catch {
    // a new file: no mark
  }
  fs.writeFileSync(file, (bom ? '\ufeff' : '') + text, 'utf8');
}

/** Apply every preferred fix that does not overlap another; returns the count fixed per file. */
function applyFixes(analysis: Analysis, codes: ReadonlySet<string> | null): Map<string, number> {
  const all = [...analysis.byFile.values()].flat();
  const plan = planFixAll(fixable(all, codes), '');
  const fixed = new Map<string, number>();
  if (plan.edits.length === 0) return fixed;
  const editsByFile = new Map<string, { span: { start: number; end: number }; newText: string }[]>();
  for (const e of plan.edits) {
    const list = editsByFile.get(e.file) ?? [];
    list.push({ span: e.span, newText: e.newText });
    editsByFile.set(e.file, list);
  }
  for (const [file, edits] of editsByFile) {
    const text = analysis.texts.get(file) ?? readTextFile(file);
    if (text === null) continue;
    const next = applyEdits(text, edits);
    if (next !== text) writeTextFile(file, next);
  }
  for (const f of plan.applied) {
    const file = f.file ?? '';
    fixed.set(file, (fixed.get(file) ?? 0) + 1);
  }
  return fixed;
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
      rest.push(...argv.slice(argv.indexOf(a)));
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
  const machine = await resolveMachine(values, io, { pythonFromActiveEnv: true });
  const reader = nodeFileReader;

  let analysis = analyzeAll(files, machine, reader, io, values.unpinned === true);
  let fixedCounts: Map<string, number> | null = null;
  if (values.fix) {
    fixedCounts = new Map();
    // Fixes can unlock others (a second pass sees the rewritten lines); a few passes settle any file.
    for (let pass = 0; pass < 4; pass++) {
      const fixed = applyFixes(analysis, codes);
      if (fixed.size === 0) break;
      for (const [f, n] of fixed) fixedCounts.set(f, (fixedCounts.get(f) ?? 0) + n);
      analysis = analyzeAll(files, machine, reader, io, values.unpinned === true);
    }
  }

  const display = displayPathFor(io.cwd);
  const indexes = new Map<string, LineIndex>();
  const indexOf = (abs: string): LineIndex | null => {
    let idx = indexes.get(abs);
    if (!idx) {
      const text = analysis.texts.get(abs) ?? readTextFile(abs);
      if (text === null) return null;
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
    reportFiles.push(rf);
  }
  const report: Report = { files: reportFiles, machine, indexOf, displayPath: display };

  if (values.json) {
    io.out(formatJson(report));
  } else if (values.sarif) {
    io.out(formatSarif(report, { version, cwd: io.cwd }));
  } else {
    const text = formatText(report);
    if (text) io.out(text);
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

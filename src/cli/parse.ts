// ai-env-doctor parse FILE [--json]: the parsed model of a requirements file (with its -r/-c
// includes), an environment.yml or a pyproject.toml / pixi.toml, with syntax diagnostics.
import * as path from 'node:path';
import { parseEnvironmentYml } from '../core/conda/environment';
import type { Finding } from '../core/finding';
import { parsePyproject } from '../core/pyproject/pyproject';
import {
  checkSetDiagnostics,
  parseRequirementsSet,
  type Env,
  type FileReader,
  type OptionLine,
  type Requirement,
  type RequirementsFile,
} from '../core/requirements/index';
import { LineIndex, type Range, type Span } from '../core/text';
import { MAX_FINDINGS_PER_FILE } from '../core/finding';
import { msg } from '../core/l10n';
import { expandedVariables, redactMessage } from '../core/redact';
import { escapeControls } from '../core/text';
import { createFileReader, pathKey, readFailureText, readFileDecoded } from '../system/fileReader';
import { LineSink, writeJson } from './format/stream';
import { parse, UsageError, type CliIO } from './args';

const HELP = `Usage: ai-env-doctor parse FILE [--json] [--no-unpinned]

Print what pip (or conda, uv, pixi) would read from FILE: a requirements file with its -r/-c
includes, an environment.yml, or a pyproject.toml / pixi.toml, with syntax diagnostics.

Options:
  --json          one JSON object: {file, requirements, options, diagnostics[, conda]}
  --no-unpinned   leave out unpinned-requirement hints
  -h, --help      show this help`;

export interface JsonRequirement {
  file: string;
  line: number;
  name: string | null;
  extras: string[];
  specifier: string;
  marker: string | null;
  url: string | null;
  editable: boolean;
  constraint: boolean;
  hashes: string[];
  range: Range;
}
export interface JsonOption {
  name: string;
  value: string | null;
  file: string;
  line: number;
}
export interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: Range;
  file?: string;
}
export interface JsonConda {
  name: string;
  channel: string | null;
  version: string | null;
  build: string | null;
  raw: string;
  file: string;
  line: number;
  range: Range;
}
export interface ParseOutput {
  file: string;
  requirements: JsonRequirement[];
  options: JsonOption[];
  diagnostics: JsonDiagnostic[];
  conda?: JsonConda[];
}

type Kind = 'requirements' | 'environment' | 'pyproject';

export function kindOf(file: string): Kind {
  const base = path.basename(file).toLowerCase();
  if (base.endsWith('.yml') || base.endsWith('.yaml')) return 'environment';
  if (base.endsWith('.toml')) return 'pyproject';
  return 'requirements';
}

/** Builds the JSON model; texts of every file read are kept to turn spans into ranges. */
class Out {
  readonly texts = new Map<string, LineIndex>();
  readonly result: ParseOutput;

  constructor(
    readonly root: string,
    rootText: string,
  ) {
    this.texts.set(root, new LineIndex(rootText));
    this.result = { file: root, requirements: [], options: [], diagnostics: [] };
  }

  index(file: string, text?: string): LineIndex {
    let li = this.texts.get(file);
    if (!li) {
      li = new LineIndex(text ?? '');
      this.texts.set(file, li);
    }
    return li;
  }

  range(file: string, span: Span): Range {
    return this.index(file).rangeOf(span);
  }

  requirement(r: Requirement): void {
    this.result.requirements.push({
      file: r.file,
      line: r.pipLine ?? r.line + 1,
      name: r.name,
      extras: r.extras,
      specifier: r.specifier,
      marker: r.marker,
      url: r.url,
      editable: r.editable,
      constraint: r.constraint,
      hashes: r.hashes,
      range: this.range(r.file, r.span),
    });
  }

  option(o: OptionLine): void {
    this.result.options.push({ name: o.name, value: o.value, file: o.file, line: o.pipLine ?? o.line + 1 });
  }

  diagnostic(d: Finding, file: string): void {
    const f = d.file ?? file;
    const j: JsonDiagnostic = { code: d.code, severity: d.severity, message: d.message, range: this.range(f, d.span) };
    if (f !== this.root) j.file = f;
    this.result.diagnostics.push(j);
  }

  /** A requirements set: requirements/options in pip's order, includes as options in place. */
  set(files: RequirementsFile[], requirements: Requirement[], options: OptionLine[]): void {
    for (const f of files) this.index(f.file, f.text);
    for (const r of requirements) this.requirement(r);
    const includes = files.flatMap((f) =>
      f.includes.map((i) => ({ name: i.kind === 'constraint' ? '--constraint' : '--requirement', value: i.target, file: i.file, line: (i.pipLine ?? i.line + 1) - 1 })),
    );
    const all = [...options.map((o) => ({ name: o.name, value: o.value, file: o.file, line: (o.pipLine ?? o.line + 1) - 1 })), ...includes];
    const order = new Map(files.map((f, k) => [f.file, k]));
    all.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line);
    for (const o of all) this.result.options.push({ ...o, line: o.line + 1 });
    for (const f of files) for (const d of f.diagnostics) this.diagnostic(d, f.file);
  }
}

export function parseFile(file: string, text: string, reader: FileReader, opts: { env?: Env; unpinned?: boolean } = {}): ParseOutput {
  const out = new Out(file, text);
  const unpinned = opts.unpinned ?? true;
  const kind = kindOf(file);
  if (kind === 'requirements') {
    const set = parseRequirementsSet(file, text, reader, { env: opts.env });
    out.set(set.files, set.requirements, set.options);
    for (const d of checkSetDiagnostics(set, { unpinned })) out.diagnostic(d, file);
    return out.result;
  }
  if (kind === 'environment') {
    const env = parseEnvironmentYml(text, file);
    const li = out.index(file);
    out.result.conda = env.dependencies.map((d) => ({
      name: d.name,
      channel: d.channel,
      version: d.version,
      build: d.build,
      raw: d.raw,
      file,
      line: li.positionAt(d.span.start).line + 1,
      range: li.rangeOf(d.span),
    }));
    for (const d of env.diagnostics) out.diagnostic(d, file);
    if (env.pip) {
      for (const r of env.pip.requirements) out.requirement(r);
      for (const o of env.pip.options) out.option(o);
      // pip reads `-r file` entries relative to the environment file (conda writes a temp file
      // beside it), each with its own includes
      for (const inc of env.pip.includes) {
        const target = reader.resolve(file, inc.target);
        const t = reader.read(target);
        out.result.options.push({ name: '--requirement', value: inc.target, file, line: li.positionAt(inc.span.start).line + 1 });
        if (t === null) {
          out.result.diagnostics.push({
            code: 'missing-include',
            severity: 'error',
            message: `Could not open requirements file: ${target}`,
            range: li.rangeOf(inc.span),
          });
          continue;
        }
        const set = parseRequirementsSet(target, t, reader, { env: opts.env });
        out.set(set.files, set.requirements, set.options);
        for (const d of checkSetDiagnostics(set, { unpinned })) out.diagnostic(d, target);
      }
    }
    return out.result;
  }
  const py = parsePyproject(text, file);
  for (const r of py.requirements) out.requirement(r);
  for (const d of py.diagnostics) out.diagnostic(d, file);
  if (py.pixi) {
    const li = out.index(file);
    const conda = py.pixi.dependencies.filter((d) => d.kind === 'conda');
    if (conda.length)
      out.result.conda = conda.map((d) => ({
        name: d.name,
        channel: d.channel ?? null,
        version: d.version,
        build: d.build ?? null,
        raw: text.slice(d.span.start, d.span.end),
        file,
        line: li.positionAt(d.span.start).line + 1,
        range: li.rangeOf(d.span),
      }));
  }
  return out.result;
}

function* summaryLines(o: ParseOutput, cwd: string): Generator<string> {
  const rel = (f: string) => path.relative(cwd, f) || f;
  yield `${rel(o.file)}: ${o.requirements.length} requirement(s), ${o.options.length} option(s), ${o.diagnostics.length} diagnostic(s)`;
  if (o.requirements.length) yield* ['', 'Requirements:'];
  for (const r of o.requirements) {
    const what =
      (r.name ?? '(unnamed)') +
      (r.extras.length ? `[${r.extras.join(',')}]` : '') +
      (r.specifier ? ` ${r.specifier}` : '') +
      (r.url ? ` @ ${r.url}` : '') +
      (r.marker ? ` ; ${r.marker}` : '');
    const flags = [r.editable ? 'editable' : '', r.constraint ? 'constraint' : '', r.hashes.length ? `${r.hashes.length} hash(es)` : '']
      .filter(Boolean)
      .join(', ');
    yield `  ${rel(r.file)}:${r.line}  ${what}${flags ? `  (${flags})` : ''}`;
  }
  if (o.conda?.length) yield* ['', 'Conda:'];
  for (const c of o.conda ?? []) yield `  ${rel(c.file)}:${c.line}  ${c.raw}`;
  if (o.options.length) yield* ['', 'Options:'];
  for (const op of o.options) yield `  ${rel(op.file)}:${op.line}  ${op.name}${op.value !== null ? ` ${op.value}` : ''}`;
  if (o.diagnostics.length) yield* ['', 'Diagnostics:'];
  for (const d of o.diagnostics)
    yield `  ${rel(d.file ?? o.file)}:${d.range.start.line + 1}:${d.range.start.character + 1}  ${d.severity} ${d.code}: ${d.message}`;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    'no-unpinned': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one FILE\n\n${HELP}`);
  const file = path.resolve(io.cwd, positionals[0]);
  const read = readFileDecoded(file);
  if (!read.ok) {
    io.err(`ai-env-doctor parse: cannot read ${file}: ${readFailureText(read.reason)}`);
    return 2;
  }
  const text = read.decoded.text;
  const reader = createFileReader((p) => (pathKey(p) === pathKey(file) ? text : undefined));
  const out = parseFile(file, text, reader, { env: io.env, unpinned: !values['no-unpinned'] });
  const texts = [text, ...[...reader.texts.values()].filter((t): t is string => t !== null)];
  const printed = redactOutput(out, expandedVariables(texts, io.env));
  if (values.json) writeJson(printed, io.out);
  else {
    const sink = new LineSink(io.out);
    for (const line of summaryLines(printed, io.cwd)) sink.push(escapeControls(line) + '\n');
    sink.end();
  }
  return out.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** What parse prints: ${VAR} values written back as variables, URL credentials masked, diagnostics capped. */
function redactOutput(o: ParseOutput, vars: ReadonlyMap<string, string>): ParseOutput {
  const r = (s: string) => redactMessage(s, vars);
  const diagnostics = o.diagnostics.slice(0, MAX_FINDINGS_PER_FILE).map((d) => ({ ...d, message: r(d.message) }));
  if (o.diagnostics.length > MAX_FINDINGS_PER_FILE) {
    const first = o.diagnostics[MAX_FINDINGS_PER_FILE];
    const more = msg('… and {0} more findings in this file', o.diagnostics.length - MAX_FINDINGS_PER_FILE);
    diagnostics.push({ code: 'too-many-findings', severity: 'information', message: more.message, range: first.range, ...(first.file ? { file: first.file } : {}) });
  }
  return {
    ...o,
    requirements: o.requirements.map((q) => ({ ...q, url: q.url === null ? null : r(q.url) })),
    options: o.options.map((op) => ({ ...op, value: op.value === null ? null : r(op.value) })),
    diagnostics,
  };
}

// ai-env-doctor resolve: what pip / uv / conda / pixi would install of the torch family for each
// file on this machine (or the one the flags describe), as text or as JSON.
import { documentKind, modelOf } from '../core/analyze';
import { noGpu, type Machine } from '../core/machine';
import { forMachine } from '../core/rules/model';
import { judgedMachine, resolveProject, type FileOutcome, type PackageOutcome } from '../core/resolve/index';
import { nodeFileReader, readTextFile } from '../system/fileReader';
import { machineOptions, parse, UsageError, type CliIO } from './args';
import { collectFiles } from './check';
import { resolveMachine } from './machine';
import * as path from 'node:path';

export const HELP = `Usage: ai-env-doctor resolve [PATH...] [options]

Print what pip, uv, conda or pixi would install of torch, torchvision and torchaudio for each file on
this machine: the source, the version (or the candidates), the build variant, and why.

Options:
  --json               machine-readable output
  --arch ARCH          CPU architecture (x86_64, aarch64, arm64)
  --no-detect          do not probe this machine; use only the flags below
  --driver VERSION     NVIDIA driver version (e.g. 550.54.14)
  --gpu NAME           GPU model (e.g. "RTX 4090")
  --compute-cap X.Y    GPU compute capability
  --platform NAME      linux | win32 | darwin
  --python X.Y         Python version
  -h, --help           show this help`;

const options = { ...machineOptions, json: { type: 'boolean' }, arch: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

export interface JsonPackage {
  name: string;
  /** Index / find-links / wheel URL, or conda:<channel>. */
  source: string | null;
  version: string | null;
  candidates: string[];
  variant: string | null;
  why: string;
}

function sourceText(s: { kind: string; url: string } | null): string | null {
  return s ? (s.kind === 'conda' ? `conda:${s.url}` : s.url) : null;
}

function jsonPackage(p: PackageOutcome): JsonPackage {
  const several = !p.chosen && p.candidates.length > 1;
  return {
    name: p.name,
    source: sourceText(p.chosen?.source ?? (p.candidates.length === 1 ? p.candidates[0].source : null)),
    version: p.chosen?.version ?? null,
    candidates: p.candidates.map((c) => c.version),
    variant: p.chosen?.variant ?? (several ? null : p.candidates[0]?.variant ?? null),
    why: p.why.message,
  };
}

export function jsonFile(o: FileOutcome, display: string): object {
  return {
    path: display,
    environments: o.environments.map((e) => ({
      name: e.name, python: e.python, platform: e.platform,
      packages: e.packages.map(jsonPackage), unknown: e.unknown.map((u) => u.message),
    })),
  };
}

function textFile(o: FileOutcome, display: string): string {
  const lines = [display];
  for (const e of o.environments) {
    lines.push(`  [${e.name}] ${e.platform}, Python ${e.python ?? '?'}${e.target ? ` (judged for ${e.target})` : ''}`);
    for (const p of e.packages) {
      const v = p.chosen ? `${p.chosen.version} (${p.chosen.variant ?? '?'})` : p.candidates.length ? `one of ${p.candidates.map((c) => c.version).join(', ')}` : 'nothing';
      lines.push(`    ${p.name}: ${v}`, `      ${p.why.message}`);
    }
    for (const u of e.unknown) lines.push(`    unknown: ${u.message}`);
  }
  return lines.join('\n');
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv, options);
  } catch (e) {
    throw new UsageError(`${(e as Error).message} (see "ai-env-doctor resolve --help")`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const files = collectFiles(positionals, io.cwd);
  const detected = await resolveMachine(values, io, { pythonFromActiveEnv: true });
  let machine: Machine = detected ?? { platform: 'linux', arch: null, gpu: noGpu(), python: null, source: 'none' };
  if (typeof values.arch === 'string') {
    if (!/^(x86_64|x64|amd64|aarch64|arm64)$/i.test(values.arch)) throw new UsageError(`--arch: expected x86_64, aarch64 or arm64, got '${values.arch}'`);
    machine = { ...machine, arch: /^(aarch64|arm64)$/i.test(values.arch) ? 'arm64' : 'x64' };
  }
  const out: { files: object[]; machine: Machine } = { files: [], machine };
  const texts: string[] = [];
  for (const file of files) {
    const text = readTextFile(file);
    if (text === null) throw new UsageError(`cannot read ${file}`);
    const kind = documentKind(file) ?? 'requirements';
    const model = forMachine(modelOf(file, text, { reader: nodeFileReader, env: io.env }, kind).model, judgedMachine(file, machine).machine);
    const outcome = resolveProject(model, machine);
    const rel = path.relative(io.cwd, file);
    const display = (rel && !rel.startsWith('..') ? rel : file).split(path.sep).join('/');
    out.files.push(jsonFile(outcome, display));
    texts.push(textFile(outcome, display));
  }
  io.out(values.json ? JSON.stringify(out, null, 2) : texts.join('\n\n'));
  return 0;
}

// ai-env-doctor create-env [DIR] [--name N | --prefix P] [--python X.Y] [--dry-run] [--yes]
//   [--update [--prune] | --recreate] [--fix] [--no-detect --driver --gpu --compute-cap --platform]
// Builds the plan (src/core/createEnv) for a project folder and runs it with conda/mamba/micromamba
// (src/system/condaRunner). --dry-run prints the plan, one command per line, exactly what would run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { defaultsFor } from '../core/createEnv/defaults';
import { recommendationGap } from '../core/knowledge/recommend';
import { envNameProblem } from '../core/createEnv/names';
import { buildPlan } from '../core/createEnv/plan';
import { renderPlan } from '../core/createEnv/render';
import * as M from '../core/createEnv/messages';
import type { EnvTarget, ExistingAction } from '../core/createEnv/types';
import type { TargetState } from '../core/createEnv/existing';
import { msg } from '../core/l10n';
import { findConda } from '../system/condaLocator';
import { runPlan, targetState } from '../system/condaRunner';
import { checkTorchIn, loadProject, previewFixes, writeFixes, writePrefixGitignore } from '../system/createEnvProject';
import { machineOptions, parse, UsageError, type CliIO } from './args';
import { resolveMachine } from './machine';

export const HELP = `Usage: ai-env-doctor create-env [DIR] [options]

Create a conda environment for the project in DIR (default: the current folder) with the right PyTorch
build for this machine: from environment.yml (conda env create), else requirements*.txt or pyproject.toml
(conda create python=X.Y, then pip install with the PyTorch index for this GPU).

Options:
  --name N               env name (default: the environment.yml name, else the folder name)
  --prefix P             create the env in folder P instead (e.g. ./.conda)
  --python X.Y           Python version (default: the newest the pinned torch supports and the project allows)
  --file F               use this requirements/environment file instead of the one found
  --dry-run              print the plan (one command per line, exactly what would run) and exit 0
  --yes                  run without asking (required when there is no terminal)
  --update               the env exists: update it (conda env update / pip install into it)
  --prune                with --update and environment.yml: also uninstall every package the file does
                         not list (conda env update --prune; destructive)
  --recreate             the env exists: remove it, then create it again
  --fix                  first apply the rules' preferred fixes to the torch lines of the file
  --no-detect            do not probe the machine; use the flags only
  --timeout SECONDS      limit for detecting the machine, 1 to 600 (default 15)
  --driver VER, --gpu "NAME", --compute-cap X.Y, --platform linux|win32|darwin   describe the machine
  -h, --help             show this help

A named env is created only when conda confirms the name is free; when conda cannot be asked (it fails or
times out), nothing runs. A --prefix must not be, or contain, the project or home folder, nor be a folder
of other files.

Exit status: 0 done (or dry run), 1 failed or refused, 2 usage error, 130 cancelled.`;

const options = {
  ...machineOptions,
  name: { type: 'string' },
  prefix: { type: 'string' },
  file: { type: 'string' },
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  update: { type: 'boolean' },
  prune: { type: 'boolean' },
  recreate: { type: 'boolean' },
  fix: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;



async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

function unifiedDiff(file: string, a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  const out = [`--- ${file}`, `+++ ${file} (fixed)`];
  const n = Math.max(al.length, bl.length);
  for (let i = 0; i < n; i++) {
    if (al[i] === bl[i]) continue;
    if (al[i] !== undefined) out.push(`-${al[i]}`);
    if (bl[i] !== undefined) out.push(`+${bl[i]}`);
  }
  return out.join('\n');
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, options);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('at most one DIR');
  if (values.name !== undefined && values.prefix !== undefined) throw new UsageError('--name and --prefix cannot be used together');
  if (values.update && values.recreate) throw new UsageError('--update and --recreate cannot be used together');
  if (values.prune && !values.update) throw new UsageError('--prune only goes with --update');
  if (values.name !== undefined) {
    const problem = envNameProblem(values.name);
    if (problem) throw new UsageError(problem.replace('{0}', values.name));
  }
  if (values.python !== undefined && !/^\d+\.\d+$/.test(values.python)) throw new UsageError(`--python must look like 3.11, not "${values.python}"`);
  if (values.prefix !== undefined && values.prefix.trim() === '') throw new UsageError('--prefix needs a folder');
  const dir = path.resolve(io.cwd, positionals[0] ?? '.');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`no such folder: ${positionals[0] ?? '.'}`);
  const prefer = values.file !== undefined ? path.resolve(io.cwd, values.file) : undefined;
  if (prefer && !fs.existsSync(prefer)) throw new UsageError(`no such file: ${values.file}`);
  const dryRun = values['dry-run'] === true;

  const machine = await resolveMachine(values, io, { pythonFromActiveEnv: false });
  const found = await findConda({ env: io.env, platform: process.platform });
  if (!found && !dryRun) {
    io.err(`${M.noConda().message}\n${M.MINICONDA_URL}`);
    return 1;
  }
  const tool = found ?? { path: 'conda', flavor: 'conda' as const };
  if (!found) io.err('note: conda was not found; the plan shows "conda" as the executable.');

  let project = loadProject(dir, prefer);
  const fixes = previewFixes(project, machine, io.env);
  if (fixes) {
    const rel = path.relative(io.cwd, fixes.file) || fixes.file;
    if (values.fix && !dryRun) {
      const written = writeFixes(fixes);
      if (written !== 'written') {
        io.err(written === 'changed' ? `${rel} changed while it was read; not fixed.`
          : `${rel} is not plain UTF-8 with LF or CRLF line ends; not fixed, so that nothing else in it changes. Fix its torch lines in an editor.`);
        return 1;
      }
      io.err(`Fixed the torch lines of ${rel} (${fixes.codes.join(', ')}).`);
      project = loadProject(dir, prefer);
    } else {
      io.err(`${rel} has torch problems on this machine (${fixes.codes.join(', ')}); --fix would change:\n${unifiedDiff(rel, fixes.original, fixes.fixed)}`);
    }
  }
  const defaults = defaultsFor(project, machine);
  const gap = !defaults.recommendation && machine ? recommendationGap(machine, project.torchPin ?? undefined) : null;
  const src = project.source;
  if (gap && (src.kind === 'requirements' || src.kind === 'pyproject') && src.hasTorch && !src.torchIndex) {
    io.err(`note: no PyTorch index added: ${gap.message}`);
  }
  const python = values.python ?? defaults.python.python;
  if (defaults.python.candidates.length && !defaults.python.candidates.includes(python)) {
    io.err(`note: Python ${python} is outside what the project and torch ${defaults.torch ?? ''} allow (${defaults.python.candidates.join(', ')}).`);
  } else if (!defaults.python.candidates.length && project.source.kind !== 'environment') {
    io.err(`note: the project's Python constraints conflict with torch ${defaults.torch ?? ''}; using ${python}.`);
  }
  const target: EnvTarget = values.prefix !== undefined
    ? { kind: 'prefix', path: path.resolve(io.cwd, values.prefix) }
    : { kind: 'name', name: values.name ?? defaults.name };

  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    // A prefix is judged on disk alone; a name needs conda's answers.
    const state: TargetState = found || target.kind === 'prefix'
      ? await targetState(tool, target, { env: io.env, signal: ac.signal, projectDir: dir })
      : { state: 'unknown', why: msg('conda was not found'), candidates: [] };
    if (ac.signal.aborted) return 130;
    let existing: ExistingAction | null = null;
    if (state.state === 'blocked') {
      io.err(`${state.why.message} Nothing was run.`);
      return 1;
    }
    if (state.state === 'unknown') {
      if (found) {
        io.err(M.unknownRefusal(target, state.why).message);
        return 1;
      }
      io.err('note: without conda it is not known whether the environment exists; the plan creates it without --yes.');
    }
    if (state.state === 'exists') {
      if (values.update) existing = 'update';
      else if (values.recreate) existing = 'recreate';
      else {
        io.err(`${M.alreadyExists(target, state.prefix).message} Use --update, --recreate, or another --name.`);
        return dryRun ? 0 : 1;
      }
    }
    const plan = buildPlan({ tool, project, target, python, existing, state: state.state, prune: values.prune === true,
      recommendation: defaults.recommendation });
    if (dryRun) {
      io.out(renderPlan(plan, process.platform));
      return 0;
    }
    io.err(`Plan (in ${dir}):\n${renderPlan(plan, process.platform)}`);
    if (!values.yes) {
      if (!process.stdin.isTTY) throw new UsageError('no terminal to confirm the plan; pass --yes to run it');
      if (!(await confirm('Run these commands? [y/N] '))) {
        io.err('Nothing was run.');
        return 1;
      }
    }
    const result = await runPlan(plan, {
      candidates: state.candidates,
      signal: ac.signal,
      env: io.env,
      onStep: (s, i, n) => io.err(`[${i + 1}/${n}] ${s.title}`),
      onLine: (l) => io.out(l),
    });
    if (!result.ok) {
      const step = result.failedStep?.title ?? '';
      const head = result.cancelled ? M.cancelledText(step) : result.timedOut ? M.timedOutText(step) : M.failedText(step, []);
      io.err(head.message.replace(/: no error output$/, ':'));
      for (const l of result.errorLines) io.err(`  ${l}`);
      const left = M.leftBehindText(result.leftBehind, result.prefix, tool.flavor, target);
      if (left) io.err(left.message);
      return result.cancelled ? 130 : 1;
    }
    io.err(M.createdText(target, result.prefix).message);
    if (result.prefix) {
      if (target.kind === 'prefix') writePrefixGitignore(result.prefix, dir);
      const torch = await checkTorchIn(result.prefix, machine, { env: io.env, signal: ac.signal });
      io.err(M.torchText(torch).message);
    }
    return 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

// Building the plan: the exact argv of every step, per tool flavor. Nothing here runs anything.
import { msg } from '../l10n';
import type { CondaFlavor, EnvTarget, ExistingAction, Plan, PlanStep, ProjectModel } from './types';

export const STEP_TIMEOUTS_MS = {
  remove: 10 * 60_000,
  create: 30 * 60_000,
  'env-create': 60 * 60_000,
  'env-update': 60 * 60_000,
  'pip-install': 60 * 60_000,
} as const;

export interface PlanInput {
  tool: { path: string; flavor: CondaFlavor };
  project: ProjectModel;
  target: EnvTarget;
  /** Python minor for `create` ("3.12"); ignored for environment.yml (the file decides). */
  python: string;
  /** What to do with an env already at the target; null when there is none. */
  existing: ExistingAction | null;
  /**
   * What is at the target, as checked (src/core/createEnv/existing.ts). Only a target proven free (or
   * just removed by the plan's own remove step) gets --yes on a create step: conda, told --yes, replaces
   * an env that is there. Unset: "exists" when an action on an existing env is given, else unknown.
   */
  state?: 'free' | 'exists' | 'unknown';
  /** With existing 'update' from environment.yml: also uninstall what the file does not list (--prune). */
  prune?: boolean;
  /** The machine's PyTorch index (recommend(machine)); null when unknown. */
  recommendation: { variant: string; indexUrl: string } | null;
}

/** `--name N` / `--prefix P` (micromamba: `-n` / `-p`). */
export function targetArgs(flavor: CondaFlavor, target: EnvTarget): string[] {
  const micro = flavor === 'micromamba';
  return target.kind === 'name'
    ? [micro ? '-n' : '--name', target.name]
    : [micro ? '-p' : '--prefix', target.path];
}

/** The path as given to the tool: relative to the project folder when inside it. */
export function relativeTo(dir: string, file: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  const base = dir.endsWith(sep) ? dir : dir + sep;
  return file.startsWith(base) ? file.slice(base.length) : file;
}

function isPypi(url: string): boolean {
  return /^https?:\/\/(pypi\.org|pypi\.python\.org)(\/|$)/i.test(url);
}

/** The --extra-index-url to add to pip, or null when the project needs none (or already names one). */
export function pipIndexFor(project: ProjectModel, rec: PlanInput['recommendation']): string | null {
  const src = project.source;
  if (!rec || (src.kind !== 'requirements' && src.kind !== 'pyproject')) return null;
  if (!src.hasTorch || src.torchIndex) return null;
  return isPypi(rec.indexUrl) ? null : rec.indexUrl;
}

function step(id: PlanStep['id'], argv: string[], title: ReturnType<typeof msg>): PlanStep {
  return { id, title: title.message, l10n: title.l10n, argv, timeoutMs: STEP_TIMEOUTS_MS[id] };
}

function targetLabel(t: EnvTarget): string {
  return t.kind === 'name' ? t.name : t.path;
}

export function buildPlan(input: PlanInput): Plan {
  const { tool, project, target } = input;
  const state = input.state ?? (input.existing ? 'exists' : 'unknown');
  // An action on an existing env only when one was found there.
  const existing = state === 'exists' ? input.existing : null;
  const yes = state === 'free' || existing === 'recreate';
  const f = tool.flavor;
  const micro = f === 'micromamba';
  const exe = tool.path;
  const tArgs = targetArgs(f, target);
  const label = targetLabel(target);
  const steps: PlanStep[] = [];
  const src = project.source;
  const indexUrl = pipIndexFor(project, input.recommendation);

  if (existing === 'recreate') {
    steps.push(step('remove',
      micro ? [exe, 'env', 'remove', '-y', ...tArgs] : [exe, 'remove', '--yes', '--all', ...tArgs],
      msg('Remove the existing environment {0}', label)));
  }

  if (src.kind === 'environment') {
    const file = relativeTo(project.dir, src.file);
    if (existing === 'update') {
      // micromamba has no pruning update from a file; install -f only adds and updates.
      const prune = input.prune === true && !micro;
      steps.push(step('env-update',
        micro ? [exe, 'install', '-y', '-f', file, ...tArgs] : [exe, 'env', 'update', '--file', file, ...tArgs, ...(prune ? ['--prune'] : [])],
        prune ? msg('Update {0} from {1}, removing packages the file does not list', label, file) : msg('Update {0} from {1}', label, file)));
    } else {
      steps.push(step('env-create',
        micro ? [exe, 'create', ...(yes ? ['-y'] : []), '-f', file, ...tArgs] : [exe, 'env', 'create', '--file', file, ...tArgs],
        msg('Create {0} from {1}', label, file)));
    }
  } else {
    if (existing !== 'update') {
      const create = micro
        ? [exe, 'create', ...(yes ? ['-y'] : []), ...tArgs, `python=${input.python}`, '-c', 'conda-forge']
        : [exe, 'create', ...(yes ? ['--yes'] : []), ...tArgs, `python=${input.python}`];
      steps.push(step('create', create, msg('Create {0} with Python {1}', label, input.python)));
    }
    if (src.kind === 'requirements' || src.kind === 'pyproject') {
      const file = relativeTo(project.dir, src.file);
      const run = f === 'conda' ? [exe, 'run', '--no-capture-output', ...tArgs] : [exe, 'run', ...tArgs];
      const what = src.kind === 'requirements' ? ['-r', file] : ['-e', '.'];
      const argv = [...run, 'python', '-m', 'pip', 'install', ...what];
      if (indexUrl) argv.push('--extra-index-url', indexUrl);
      steps.push(step('pip-install', argv, indexUrl
        ? msg('Install {0} with pip (PyTorch index {1})', file, indexUrl)
        : msg('Install {0} with pip', file)));
    }
  }

  return {
    tool,
    target,
    python: src.kind === 'environment' ? null : input.python,
    source: src,
    existing,
    indexUrl,
    variant: indexUrl ? input.recommendation?.variant ?? null : null,
    steps,
    cwd: project.dir,
  };
}

// resolveProject: what pip / uv / conda / pixi would install of the torch family for a project file
// (with its includes) on a machine, per environment. Pure; the knowledge says what exists.
import type { Machine } from '../machine';
import { msg } from '../l10n';
import type { ProjectModel } from '../rules/model';
import { platformMachine } from './environment';
import type { Target } from './catalogue';
import { condaPython, resolveConda } from './conda';
import { packageRequests, pipSources, resolvePip } from './pip';
import { pixiConfig, resolvePixiEnvironment } from './pixi';
import { fileTarget, targetMachine, targetNote } from './target';
import type { EnvironmentOutcome, FileOutcome, PackageOutcome, Text } from './types';
import { resolveUv, uvSelections } from './uv';
import { coupleFamily } from './select';

export type { Candidate, EnvironmentOutcome, FileOutcome, PackageOutcome, Source } from './types';
export { fileTarget, targetMachine, type FileTarget } from './target';

function targetOf(machine: Machine, python: string | null): Target {
  return { platform: machine.platform, machine: platformMachine(machine.platform, machine.arch, machine.gpu.appleSilicon), python: python ? python.split('.').slice(0, 2).join('.') : null };
}

function environment(name: string, machine: Machine, python: string | null, target: string | null, packages: PackageOutcome[], unknown: Text[]): EnvironmentOutcome {
  coupleFamily(packages);
  return { name, python, platform: machine.platform, target, packages, unknown };
}

/** The machine a file is judged against: the one given, or the one its name targets. */
export function judgedMachine(path: string, machine: Machine): { machine: Machine; target: string | null } {
  const t = fileTarget(path);
  return t ? { machine: targetMachine(t, machine), target: t } : { machine, target: null };
}

export function resolveProject(model: ProjectModel, given: Machine): FileOutcome {
  const { machine, target } = judgedMachine(model.path, given);
  const envs: EnvironmentOutcome[] = [];
  const note = (u: Text[]) => (target ? [...u, targetNote(target as never)] : u);
  if (model.kind === 'requirements' && model.set) {
    const unknown: Text[] = [];
    const python = machine.python;
    const t = targetOf(machine, python);
    const pre = model.set.options.some((o) => o.name === '--pre');
    const noIndex = model.set.options.some((o) => o.name === '--no-index');
    const reqs = packageRequests(model.set.requirements, machine, python, model.path, pre);
    envs.push(environment('default', machine, python, target, resolvePip(reqs, pipSources(model.indexes, noIndex), t, unknown), note(unknown)));
  } else if (model.kind === 'environment' && model.env) {
    const unknown: Text[] = [];
    const python = machine.python ?? condaPython(model.env.dependencies);
    const t = targetOf(machine, python);
    const packages = resolveConda(model.env.dependencies, model.env.channels.map((c) => c.value), machine, t, unknown);
    const pipReqs = [...(model.env.pip?.requirements ?? []), ...model.torch.filter((x) => x.file).map((x) => x.req)];
    const requests = packageRequests(pipReqs, machine, python, model.path, false);
    const pip = resolvePip(requests, pipSources(model.indexes), t, unknown);
    // pip runs after conda: a family package in the pip: block replaces conda's.
    const replaced = new Set(pip.map((p) => (p.name === 'torch' ? 'pytorch' : p.name)));
    envs.push(environment('default', machine, python, target, [...packages.filter((p) => !replaced.has(p.name)), ...pip], note(unknown)));
  } else if (model.kind === 'pyproject' && model.pyproject) {
    const py = model.pyproject;
    const python = machine.python;
    const t = targetOf(machine, python);
    if (py.pixi) {
      const cfg = pixiConfig(py);
      for (const e of cfg.environments) {
        const unknown: Text[] = [];
        envs.push(environment(e.name, machine, python, target, resolvePixiEnvironment(py, cfg, e, machine, t, unknown), note(unknown)));
      }
    }
    if (py.requirements.some((r) => r.group !== 'pixi') || !py.pixi) {
      for (const sel of uvSelections(py)) {
        const unknown: Text[] = [];
        const pkgs = resolveUv(model, sel, machine, t, unknown);
        if (sel.name !== 'default' && !pkgs.length) continue;
        envs.push(environment(py.pixi ? `uv:${sel.name}` : sel.name, machine, python, target, pkgs, note(unknown)));
      }
    }
  }
  if (!envs.length) envs.push(environment('default', machine, machine.python, target, [], [msg('Nothing in this file installs torch.')]));
  return { path: model.path, environments: envs };
}

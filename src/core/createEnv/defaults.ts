// Sensible defaults for the flow: env name, Python version and the machine's PyTorch index, from the
// project and the knowledge base (the torch release data and recommend()).
import type { Machine } from '../machine';
import { recommend, type Recommendation } from '../knowledge/recommend';
import { releasesNewestFirst, torchRelease } from '../knowledge/torch';
import { defaultEnvName } from './names';
import { choosePython, type PythonChoice, type PythonRange } from './python';
import type { ProjectModel } from './types';

export interface Defaults {
  name: string;
  python: PythonChoice;
  /** The torch version the Python range was taken from (the pin, else the recommended one). */
  torch: string | null;
  recommendation: Recommendation | null;
}

/** The Python range the torch version ships wheels for, or null when unknown. */
export function torchPythonRange(torch: string | null): PythonRange | null {
  const r = torch ? torchRelease(torch) : null;
  return r?.python?.min && r.python.max ? { min: r.python.min, max: r.python.max } : null;
}

export function defaultsFor(project: ProjectModel, machine: Machine | null): Defaults {
  const ymlName = project.source.kind === 'environment' ? project.source.envName : null;
  let recommendation: Recommendation | null = null;
  if (machine) recommendation = recommend(machine, project.torchPin ?? undefined) ?? (project.torchPin ? null : recommend(machine));
  // Unpinned and no machine to recommend for: the newest release the data knows well bounds Python
  // (a brand-new CPython often has no torch wheels yet).
  const torch = project.torchPin ?? recommendation?.torch
    ?? releasesNewestFirst().find((r) => r.verified && r.python?.max)?.torch ?? null;
  const python = choosePython({
    torchRange: torchPythonRange(torch),
    requiresPython: project.requiresPython,
    envPythonSpec: project.envPythonSpec,
    pythonVersionFile: project.pythonVersionFile,
  });
  return { name: defaultEnvName(ymlName, project.folderName), python, torch, recommendation };
}

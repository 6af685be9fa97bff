// The model of "create a conda env for this project": what we read from the project, what the user
// chose, and the plan (exact argv lists) that src/system/condaRunner.ts runs. Pure data.
import type { Localizable } from '../l10n';

export type CondaFlavor = 'conda' | 'mamba' | 'micromamba';

/** Where the env goes: a named env in conda's envs dirs, or a prefix folder (e.g. ./.conda). */
export type EnvTarget = { kind: 'name'; name: string } | { kind: 'prefix'; path: string };

/** What an existing env at the target should become. */
export type ExistingAction = 'update' | 'recreate';

/** What the project gives us to build the env from (the first one found, in this order). */
export type ProjectSource =
  | { kind: 'environment'; file: string; envName: string | null; hasPip: boolean }
  | { kind: 'requirements'; file: string; hasTorch: boolean; torchIndex: string | null }
  | { kind: 'pyproject'; file: string; hasTorch: boolean; torchIndex: string | null }
  | { kind: 'none' };

export interface ProjectModel {
  /** Absolute path of the project folder. */
  dir: string;
  /** Folder name (default env name source). */
  folderName: string;
  source: ProjectSource;
  /** Other requirements*.txt files found (the user may pick one instead). */
  requirementsFiles: string[];
  /** pyproject `requires-python`, when present. */
  requiresPython: string | null;
  /** `.python-version` content (first line, e.g. "3.11" or "3.11.9"), when present. */
  pythonVersionFile: string | null;
  /** environment.yml `python=` spec as written (e.g. "3.10", ">=3.8,<3.10"), when present. */
  envPythonSpec: string | null;
  /** The torch version pinned exactly (==) by the source, without a local suffix; null when unpinned/absent. */
  torchPin: string | null;
}

export interface PlanStep {
  /** Stable id for tests and logs. */
  id: 'remove' | 'create' | 'env-create' | 'env-update' | 'pip-install';
  /** What the step does, in English, with its template for translation. */
  title: string;
  l10n: Localizable;
  /** The exact argv: argv[0] is the conda/mamba/micromamba executable. */
  argv: string[];
  timeoutMs: number;
}

export interface Plan {
  tool: { path: string; flavor: CondaFlavor };
  target: EnvTarget;
  /** "3.11"; null when environment.yml decides. */
  python: string | null;
  source: ProjectSource;
  existing: ExistingAction | null;
  /** The PyTorch index passed to pip (--extra-index-url), when the project installs torch with pip. */
  indexUrl: string | null;
  variant: string | null;
  steps: PlanStep[];
  /** The working directory the steps run in (the project folder). */
  cwd: string;
}

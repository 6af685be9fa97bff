// Reading the project for env creation: which file drives it (environment.yml, else requirements*.txt,
// else pyproject.toml), its env name, Python constraints, the pinned torch and any PyTorch index it
// already names. The caller reads the files; core only parses the texts it is given.
import { parseEnvironmentYml } from '../conda/environment';
import { parsePyproject } from '../pyproject/pyproject';
import { parseRequirementsSet } from '../requirements/index';
import type { FileReader, OptionLine, Requirement } from '../requirements/types';
import type { ProjectModel, ProjectSource } from './types';

export interface ProjectFiles {
  /** Absolute project folder. */
  dir: string;
  /** Top-level file names present in the folder (the caller lists them). */
  names: readonly string[];
  /** Reads a file by absolute path (null when missing); also resolves -r includes. */
  reader: FileReader;
  /** Forces the driving file (absolute path), e.g. the requirements file the user picked. */
  prefer?: string;
}

const ENV_FILES = ['environment.yml', 'environment.yaml'];
const TORCH_FAMILY = new Set(['torch', 'torchvision', 'torchaudio']);

function join(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

function baseName(p: string): string {
  const parts = p.replace(/[\\/]+$/, '').split(/[\\/]/);
  return parts[parts.length - 1] || p;
}

/** requirements.txt first, then other requirements*.txt sorted. */
export function requirementsFileNames(names: readonly string[]): string[] {
  const reqs = names.filter((n) => /^requirements.*\.txt$/i.test(n)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const main = reqs.indexOf('requirements.txt');
  if (main > 0) reqs.unshift(...reqs.splice(main, 1));
  return reqs;
}

/** The exact (==) version of torch, without a local "+cu121" suffix. */
export function torchPinOf(reqs: readonly Requirement[]): string | null {
  for (const r of reqs) {
    if (r.normalizedName !== 'torch' || r.constraint) continue;
    const eq = r.specifiers.find((s) => s.op === '==' || s.op === '===');
    if (eq && !eq.version.includes('*')) return eq.version.replace(/\+.*$/, '');
  }
  return null;
}

/** A PyTorch index URL among pip options (--index-url/--extra-index-url/--find-links), or null. */
export function torchIndexOf(options: readonly OptionLine[]): string | null {
  for (const o of options) {
    if (!['--index-url', '--extra-index-url', '--find-links'].includes(o.name) || !o.value) continue;
    if (/download\.pytorch\.org\/whl/i.test(o.value)) return o.value;
  }
  return null;
}

export function readProject(files: ProjectFiles): ProjectModel {
  const { dir, names, reader } = files;
  const folderName = baseName(dir);
  const requirementsFiles = requirementsFileNames(names).map((n) => join(dir, n));
  const pyprojectPath = names.includes('pyproject.toml') ? join(dir, 'pyproject.toml') : null;
  const pyText = pyprojectPath ? reader.read(pyprojectPath) : null;
  const pyproject = pyText !== null && pyprojectPath ? parsePyproject(pyText, pyprojectPath) : null;
  const pvText = names.includes('.python-version') ? reader.read(join(dir, '.python-version')) : null;
  const pythonVersionFile = pvText?.split(/\r?\n/).map((l) => l.trim()).find((l) => l && !l.startsWith('#')) ?? null;

  let source: ProjectSource = { kind: 'none' };
  let envPythonSpec: string | null = null;
  let torchPin: string | null = null;

  const envName = ENV_FILES.find((n) => names.includes(n));
  const prefer = files.prefer;
  const envFile = prefer && ENV_FILES.includes(baseName(prefer)) ? prefer : !prefer && envName ? join(dir, envName) : null;
  const reqFile = prefer && /requirements.*\.txt$/i.test(baseName(prefer)) ? prefer : !prefer && !envFile ? requirementsFiles[0] ?? null : null;

  if (envFile) {
    const text = reader.read(envFile) ?? '';
    const env = parseEnvironmentYml(text, envFile);
    const py = env.dependencies.find((d) => d.name === 'python');
    envPythonSpec = py?.version ?? null;
    const pipReqs = env.pip?.requirements ?? [];
    torchPin = torchPinOf(pipReqs);
    if (!torchPin) {
      const condaTorch = env.dependencies.find((d) => d.name === 'pytorch' || d.name === 'torch');
      const v = condaTorch?.version?.replace(/^==?/, '') ?? null;
      if (v && /^\d+(\.\d+)*$/.test(v)) torchPin = v;
    }
    source = { kind: 'environment', file: envFile, envName: env.name?.value ?? null, hasPip: env.pip !== null };
  } else if (reqFile) {
    const text = reader.read(reqFile) ?? '';
    const set = parseRequirementsSet(reqFile, text, reader);
    torchPin = torchPinOf(set.requirements);
    source = {
      kind: 'requirements', file: reqFile,
      hasTorch: set.requirements.some((r) => r.normalizedName !== null && TORCH_FAMILY.has(r.normalizedName)),
      torchIndex: torchIndexOf(set.options),
    };
  } else if (pyproject && pyprojectPath && (pyproject.requirements.length || pyproject.requiresPython)) {
    const deps = pyproject.requirements.filter((r) => r.group === 'project');
    torchPin = torchPinOf(deps);
    source = {
      kind: 'pyproject', file: pyprojectPath,
      hasTorch: deps.some((r) => r.normalizedName !== null && TORCH_FAMILY.has(r.normalizedName)),
      // pip ignores [tool.uv] indexes, so a uv index does not count.
      torchIndex: null,
    };
  }

  return {
    dir, folderName, source, requirementsFiles,
    requiresPython: pyproject?.requiresPython?.value ?? null,
    pythonVersionFile, envPythonSpec, torchPin,
  };
}

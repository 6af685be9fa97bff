// The active Python environment: the interpreter the Python extension (or the setting) selected, else
// an activated conda env (CONDA_PREFIX / CONDA_DEFAULT_ENV), else an activated venv, else what
// `conda info --json` calls active (or base), else python on PATH. Reports name, prefix and interpreter;
// the Python version comes from the torch probe (one process for both).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { exec } from './exec';
import { findConda } from './condaLocator';
import { which } from './which';
import { prefixOf, pythonInPrefix } from './envPaths';
import { parseCondaInfo } from '../core/conda/output';
import type { ActiveEnv } from '../core/detection';

export interface ActiveEnvOptions {
  pythonPath?: string;
  pythonSource?: 'python-extension' | 'setting';
  condaPath?: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  timeoutMs: number;
  deadline?: number;
  signal?: AbortSignal;
  /** Existence check (tests); defaults to fs.existsSync. */
  exists?: (p: string) => boolean;
}

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

export function envFromInterpreter(
  python: string,
  source: ActiveEnv['source'],
  platform: NodeJS.Platform,
  exists: (p: string) => boolean = existsSync,
): ActiveEnv {
  const p = pathApi(platform);
  const prefix = prefixOf(python, platform);
  const isConda = exists(p.join(prefix, 'conda-meta'));
  const isVenv = !isConda && exists(p.join(prefix, 'pyvenv.cfg'));
  let name: string | null = p.basename(prefix) || null;
  // The base env holds the envs/ folder (and condabin/); name it as conda does.
  if (isConda && (exists(p.join(prefix, 'condabin')) || exists(p.join(prefix, 'envs')))) name = 'base';
  return {
    name: isConda || isVenv ? name : null,
    prefix: isConda || isVenv ? prefix : null,
    python: null,
    pythonPath: python,
    source,
    kind: isConda ? 'conda' : isVenv ? 'venv' : 'unknown',
  };
}

export async function resolveActiveEnv(opts: ActiveEnvOptions): Promise<ActiveEnv | null> {
  const exists = opts.exists ?? existsSync;
  const p = pathApi(opts.platform);
  if (opts.pythonPath && opts.pythonPath.trim()) {
    return envFromInterpreter(opts.pythonPath.trim(), opts.pythonSource ?? 'setting', opts.platform, exists);
  }
  const condaPrefix = opts.env.CONDA_PREFIX;
  if (condaPrefix) {
    return {
      name: opts.env.CONDA_DEFAULT_ENV || p.basename(condaPrefix) || null,
      prefix: condaPrefix,
      python: null,
      pythonPath: pythonInPrefix(condaPrefix, opts.platform),
      source: 'conda-env-vars',
      kind: 'conda',
    };
  }
  const venv = opts.env.VIRTUAL_ENV;
  if (venv) {
    const py = opts.platform === 'win32' ? p.join(venv, 'Scripts', 'python.exe') : p.join(venv, 'bin', 'python');
    return { name: p.basename(venv), prefix: venv, python: null, pythonPath: py, source: 'virtual-env', kind: 'venv' };
  }
  const conda = await findConda({ setting: opts.condaPath, env: opts.env, platform: opts.platform });
  if (conda) {
    const r = await exec(conda.path, ['info', '--json'], { timeoutMs: opts.timeoutMs, deadline: opts.deadline, signal: opts.signal, env: opts.env });
    const info = r.ok || r.stdout ? parseCondaInfo(r.stdout) : null;
    const prefix = info?.activePrefix ?? info?.rootPrefix ?? null;
    if (info && prefix) {
      const isRoot = info.rootPrefix !== null && prefix === info.rootPrefix;
      return {
        name: info.activePrefixName ?? (isRoot ? 'base' : p.basename(prefix)),
        prefix,
        python: isRoot ? info.pythonVersion : null,
        pythonPath: pythonInPrefix(prefix, opts.platform),
        source: 'conda-info',
        kind: 'conda',
      };
    }
  }
  for (const name of opts.platform === 'win32' ? ['python'] : ['python3', 'python']) {
    const py = await which(name, opts.env, opts.platform);
    if (py) return { name: null, prefix: null, python: null, pythonPath: py, source: 'path', kind: 'system' };
  }
  return null;
}

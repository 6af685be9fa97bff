// Find conda (or mamba / micromamba): the setting, CONDA_EXE / MAMBA_EXE, PATH, then the usual install
// folders (miniconda3, anaconda3, miniforge3, mambaforge, /opt/conda). No process is spawned.
import * as os from 'node:os';
import * as path from 'node:path';
import { isExecutable, which } from './which';

export type CondaFlavor = 'conda' | 'mamba' | 'micromamba';

export interface FindCondaOptions {
  setting?: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Home folder (tests); defaults to os.homedir(). */
  home?: string;
}

export function flavorOf(file: string): CondaFlavor {
  const base = (file.split(/[\\/]/).pop() ?? '').toLowerCase().replace(/\.(exe|bat|cmd)$/, '');
  if (base.startsWith('micromamba')) return 'micromamba';
  if (base.startsWith('mamba')) return 'mamba';
  return 'conda';
}

const INSTALL_DIRS = ['miniconda3', 'anaconda3', 'miniforge3', 'mambaforge', 'Miniconda3', 'Anaconda3', 'Miniforge3'];

/** Candidate executables in the usual install folders, most common first. */
export function knownCondaLocations(platform: NodeJS.Platform, home: string, env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  if (platform === 'win32') {
    const roots = [home, env.LOCALAPPDATA, env.ProgramData ?? 'C:\\ProgramData', 'C:\\'].filter((r): r is string => Boolean(r));
    for (const root of roots) {
      for (const d of INSTALL_DIRS) {
        out.push(path.win32.join(root, d, 'Scripts', 'conda.exe'), path.win32.join(root, d, 'condabin', 'conda.bat'));
      }
    }
    return out;
  }
  for (const d of INSTALL_DIRS) out.push(path.posix.join(home, d, 'bin', 'conda'));
  out.push(path.posix.join(home, '.local', 'bin', 'micromamba'));
  out.push('/opt/conda/bin/conda', '/opt/miniconda3/bin/conda', '/opt/anaconda3/bin/conda', '/opt/miniforge3/bin/conda');
  if (platform === 'darwin') {
    out.push('/opt/homebrew/Caskroom/miniforge/base/bin/conda', '/opt/homebrew/anaconda3/bin/conda',
      '/usr/local/anaconda3/bin/conda', '/usr/local/miniconda3/bin/conda', '/opt/homebrew/bin/micromamba');
  }
  return out;
}

export async function findConda(opts: FindCondaOptions): Promise<{ path: string; flavor: CondaFlavor } | null> {
  const found = (p: string) => ({ path: p, flavor: flavorOf(p) });
  if (opts.setting && opts.setting.trim()) {
    const s = opts.setting.trim();
    return (await isExecutable(s, opts.platform)) ? found(s) : null;
  }
  for (const v of [opts.env.CONDA_EXE, opts.env.MAMBA_EXE]) {
    if (v && (await isExecutable(v, opts.platform))) return found(v);
  }
  for (const name of ['conda', 'mamba', 'micromamba']) {
    const p = await which(name, opts.env, opts.platform);
    if (p) return found(p);
  }
  const home = opts.home ?? os.homedir();
  for (const c of knownCondaLocations(opts.platform, home, opts.env)) {
    if (await isExecutable(c, opts.platform)) return found(c);
  }
  return null;
}

// Where things sit inside a Python environment's folder (conda env or venv), per platform.
import * as path from 'node:path';

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** The interpreter inside an env prefix: <prefix>\python.exe on Windows (conda), else <prefix>/bin/python. */
export function pythonInPrefix(prefix: string, platform: NodeJS.Platform = process.platform): string {
  const p = pathApi(platform);
  return platform === 'win32' ? p.join(prefix, 'python.exe') : p.join(prefix, 'bin', 'python');
}

/** The env prefix an interpreter belongs to: <prefix>/bin/python, <prefix>/python.exe, <prefix>/Scripts/python.exe. */
export function prefixOf(python: string, platform: NodeJS.Platform = process.platform): string {
  const p = pathApi(platform);
  const dir = p.dirname(python);
  const base = p.basename(dir).toLowerCase();
  if (base === 'bin' || base === 'scripts') return p.dirname(dir);
  return dir;
}

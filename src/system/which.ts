// Find an executable on PATH (PATHEXT on Windows) or check an explicit path. No process is spawned.
import { promises as fs, constants as fsc } from 'node:fs';
import * as path from 'node:path';

export async function isExecutable(file: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) return false;
    if (platform === 'win32') return true;
    await fs.access(file, fsc.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pathKey(env: NodeJS.ProcessEnv): string | undefined {
  return Object.keys(env).find((k) => k.toUpperCase() === 'PATH');
}

/**
 * The absolute folders of env.PATH. Relative entries ("bin", ".", an empty entry) are skipped: they
 * name folders under whatever the working folder is, so `PATH=bin:...` would run a project's own
 * bin/nvidia-smi.
 */
export function searchPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string[] {
  const key = pathKey(env);
  const api = platform === 'win32' ? path.win32 : path.posix;
  return (key ? env[key] ?? '' : '').split(platform === 'win32' ? ';' : ':')
    .map((d) => (platform === 'win32' ? d.replace(/^"(.*)"$/, '$1') : d))
    .filter((d) => d !== '' && api.isAbsolute(d) && !(platform === 'win32' && /^[\\/](?![\\/])/.test(d)));
}

/** First match of `name` on env.PATH, or null. On Windows each PATHEXT extension is tried. */
export async function which(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Promise<string | null> {
  const dirs = searchPath(env, platform);
  const exts = platform === 'win32'
    ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean).map((e) => e.toLowerCase())]
    : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (await isExecutable(candidate, platform)) return candidate;
    }
  }
  return null;
}

/** The first existing executable among explicit candidates. */
export async function firstExisting(candidates: readonly string[], platform: NodeJS.Platform = process.platform): Promise<string | null> {
  for (const c of candidates) if (await isExecutable(c, platform)) return c;
  return null;
}

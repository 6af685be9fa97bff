// The working folder every child starts in unless a caller names one: an empty folder private to this
// process, never the project. `python -c` puts its working folder first on sys.path, and cmd.exe
// looks for programs there first, so a project's json.py or nvidia-smi.bat would otherwise run.
import { mkdtempSync, readdirSync, rmdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let dir: string | null = null;

/** Created on first use (mode 0700 by mkdtemp); removed when this process exits. */
export function neutralDir(): string {
  if (dir !== null && isEmptyDir(dir)) return dir;
  dir = mkdtempSync(path.join(os.tmpdir(), 'ai-env-doctor-cwd-'));
  const made = dir;
  process.once('exit', () => {
    try {
      rmdirSync(made);
    } catch {
      /* a child wrote into it, or already gone */
    }
  });
  return made;
}

function isEmptyDir(p: string): boolean {
  try {
    return readdirSync(p).length === 0;
  } catch {
    return false;
  }
}

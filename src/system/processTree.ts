// Ending a child with everything it started, and the registry of live children. On POSIX every child
// leads its own process group (spawned detached), so one signal to -pid reaches its grandchildren too;
// on Windows taskkill /T walks the tree by parent id.
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export interface LiveChild {
  pid: number;
  platform: NodeJS.Platform;
  /** The child itself has exited (its group may still hold grandchildren). */
  exited: boolean;
}

const live = new Map<number, LiveChild>();
const emptyWaiters = new Set<() => void>();
let closing = false;

export function registerChild(child: LiveChild): void {
  live.set(child.pid, child);
}

export function unregisterChild(pid: number): void {
  live.delete(pid);
  if (live.size === 0) for (const w of [...emptyWaiters]) w();
}

export function liveChildren(): LiveChild[] {
  return [...live.values()];
}

/** Resolves when no child is registered. */
export function whenNoChildren(): Promise<void> {
  if (live.size === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      emptyWaiters.delete(done);
      resolve();
    };
    emptyWaiters.add(done);
  });
}

/** Set once the process is shutting down: no new child is started. */
export function isShuttingDown(): boolean {
  return closing;
}

export function markShuttingDown(): void {
  closing = true;
}

/** %SystemRoot%\System32\<exe>: never a taskkill/powershell found through the working folder or PATH. */
export function system32(exe: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.win32.join(env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows', 'System32', exe);
}

/**
 * The Windows commands that end a tree: taskkill /T from the child; once the child has exited,
 * taskkill no longer finds its tree, so its orphans are found by their recorded parent id.
 */
export function windowsKillCommands(pid: number, exited: boolean, env: NodeJS.ProcessEnv = process.env): [string, string[]][] {
  const cmds: [string, string[]][] = [[system32('taskkill.exe', env), ['/pid', String(pid), '/T', '/F']]];
  if (exited) {
    const ps = path.win32.join(env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
    const script = `Get-CimInstance Win32_Process -Filter 'ParentProcessId=${pid}' | ForEach-Object { & '${system32('taskkill.exe', env)}' /pid $_.ProcessId /T /F }`;
    cmds.push([ps, ['-NoProfile', '-NonInteractive', '-Command', script]]);
  }
  return cmds;
}

/**
 * Signal a child's whole tree. POSIX: the group (-pid), falling back to the pid alone. Windows: there
 * are no signals; the tree is always force-ended. Never throws.
 */
export function signalTree(child: LiveChild, signal: NodeJS.Signals): void {
  if (child.platform === 'win32') {
    for (const [file, args] of windowsKillCommands(child.pid, child.exited)) {
      try {
        const k = spawn(file, args, { stdio: 'ignore', windowsHide: true, cwd: path.win32.dirname(file) });
        k.on('error', () => { /* nothing more can be done */ });
      } catch {
        /* nothing more can be done */
      }
    }
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch {
    if (child.exited) return;
    try {
      process.kill(child.pid, signal);
    } catch {
      /* already gone */
    }
  }
}

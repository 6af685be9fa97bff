// Test helpers that read the process table (Linux /proc) by pid: a zombie counts as gone.
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Bounded poll: true once every pid is gone (a SIGKILL is delivered asynchronously), false after `tries`. */
export async function allGone(pids: readonly number[], tries = 100): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (pids.every((p) => !running(p))) return true;
    await delay(50);
  }
  return false;
}

/** Bounded poll for a file's content (a pid a script wrote). */
export async function readWhenThere(file: string, tries = 200): Promise<string> {
  for (let i = 0; i < tries; i++) {
    try {
      const t = readFileSync(file, 'utf8').trim();
      if (t) return t;
    } catch {
      /* not yet */
    }
    await delay(50);
  }
  throw new Error(`${file} never appeared`);
}

export function killQuietly(pids: readonly number[]): void {
  for (const p of pids) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

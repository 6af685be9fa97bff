// Showing a plan: one command per line, exactly the argv that runs, quoted for display only (the
// runner never goes through a shell).
import type { Plan } from './types';

/** POSIX-shell quoting: bare when safe, else single quotes ('\'' for a quote inside). */
export function quotePosix(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** cmd.exe / PowerShell-readable quoting for display on Windows. */
export function quoteWindows(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./\\-]+$/.test(arg)) return arg;
  return `"${arg.replace(/"/g, '""')}"`;
}

export function renderCommand(argv: readonly string[], platform: string = 'linux'): string {
  const q = platform === 'win32' ? quoteWindows : quotePosix;
  return argv.map(q).join(' ');
}

/** One command per line (each step's argv), no trailing newline. */
export function renderPlan(plan: Plan, platform: string = 'linux'): string {
  return plan.steps.map((s) => renderCommand(s.argv, platform)).join('\n');
}

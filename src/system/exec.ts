// The one process helper. Always an argument array (never a shell string), always a timeout, always
// cancellable, always in a neutral working folder unless the caller names one, never throws: callers
// get a result object. A shell is used only for Windows .bat/.cmd, which Node refuses to spawn without
// one since CVE-2024-27980; the command line is then escaped as cross-spawn does (cmdQuote.ts).
//
// Ending: after a timeout or cancel the child's whole tree gets SIGTERM, then SIGKILL after a grace
// period; the call settles soon after even if a grandchild that escaped keeps the pipes open. A child
// that exits normally while something it started still holds the pipes is treated the same way: the
// leftovers are killed and the call settles with the child's own exit code.
import { spawn, type ChildProcess } from 'node:child_process';
import { cmdArgv, cmdRefusal } from './cmdQuote';
import { neutralDir } from './neutralDir';
import { isShuttingDown, registerChild, signalTree, unregisterChild, type LiveChild } from './processTree';

export interface ExecOptions {
  /** Milliseconds before the process (tree) is ended; required on purpose. */
  timeoutMs: number;
  /** An absolute time (Date.now() ms) by which the call must end, e.g. one deadline shared by several probes. */
  deadline?: number;
  /** Working folder. Default: an empty folder private to this process (never the caller's working folder). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Bytes of stdout/stderr kept (each); the rest is dropped, not an error. Default 4 MiB. */
  maxBuffer?: number;
  /** Called with each chunk as it arrives (for streaming to a log). */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  /** Text written to stdin, then stdin is closed. */
  input?: string;
  /** Milliseconds between SIGTERM and SIGKILL after a timeout or cancel (conda rolls back on SIGTERM). Default 2000. */
  killGraceMs?: number;
}

export interface ExecResult {
  /** True when the process ran and exited with code 0. */
  ok: boolean;
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why it did not run to completion: not-found (ENOENT), timeout, cancelled, or a spawn error. */
  error: 'not-found' | 'timeout' | 'cancelled' | 'spawn-failed' | null;
  errorMessage?: string;
  durationMs: number;
}

/** Total processes spawned by this helper in this process (read by the benchmark). */
export const spawnCounter = { count: 0 };

/** Node's timers hold at most 2^31-1 ms; a larger value fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long a call waits for the pipes to close once the child has exited (or been killed). */
const SETTLE_MS = 1000;

function needsShell(file: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' && /\.(bat|cmd)$/i.test(file);
}

/** A timer delay Node honours: 1 ms to MAX_TIMER_MS (NaN → the maximum). */
export function timerMs(ms: number): number {
  if (Number.isNaN(ms)) return MAX_TIMER_MS;
  return Math.min(MAX_TIMER_MS, Math.max(1, Math.round(ms)));
}

function failed(error: ExecResult['error'], started: number, errorMessage?: string): ExecResult {
  return { ok: false, stdout: '', stderr: '', code: null, signal: null, error, errorMessage, durationMs: Date.now() - started };
}

function start(file: string, args: readonly string[], options: ExecOptions, platform: NodeJS.Platform): ChildProcess {
  const base = { cwd: options.cwd ?? neutralDir(), env: options.env, windowsHide: true };
  if (needsShell(file, platform)) {
    const comspec = (options.env ?? process.env).ComSpec ?? process.env.ComSpec ?? 'cmd.exe';
    return spawn(comspec, cmdArgv(file, args), { ...base, windowsVerbatimArguments: true });
  }
  // detached on POSIX: the child leads a process group, so the whole tree can be signalled at once.
  return spawn(file, [...args], { ...base, detached: platform !== 'win32' });
}

export function exec(file: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
  const started = Date.now();
  const platform = process.platform;
  const maxBuffer = options.maxBuffer ?? 4 * 1024 * 1024;
  const limit = timerMs(Math.min(options.timeoutMs, options.deadline !== undefined ? options.deadline - started : Infinity));
  const grace = timerMs(options.killGraceMs ?? 2000);
  return new Promise((resolve) => {
    if (options.signal?.aborted || isShuttingDown()) {
      resolve(failed('cancelled', started));
      return;
    }
    const refusal = needsShell(file, platform) ? cmdRefusal(file, args) : null;
    if (refusal) {
      resolve(failed('spawn-failed', started, refusal));
      return;
    }
    let child: ChildProcess;
    try {
      child = start(file, args, options, platform);
      spawnCounter.count++;
    } catch (e) {
      resolve(failed('spawn-failed', started, (e as Error).message));
      return;
    }
    const tree: LiveChild | null = child.pid !== undefined ? { pid: child.pid, platform, exited: false } : null;
    if (tree) registerChild(tree);
    let stdout = '';
    let stderr = '';
    let reason: ExecResult['error'] = null;
    let errorMessage: string | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    const timers: NodeJS.Timeout[] = [];
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (c: string) => {
      if (stdout.length < maxBuffer) stdout += c.slice(0, maxBuffer - stdout.length);
      options.onStdout?.(c);
    });
    child.stderr?.on('data', (c: string) => {
      if (stderr.length < maxBuffer) stderr += c.slice(0, maxBuffer - stderr.length);
      options.onStderr?.(c);
    });
    child.stdin?.on('error', () => { /* the child may exit before reading stdin */ });
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();

    let settled = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener('abort', onAbort);
      if (tree) unregisterChild(tree.pid);
      resolve({
        ok: reason === null && code === 0,
        stdout, stderr, code, signal,
        error: reason, errorMessage,
        durationMs: Date.now() - started,
      });
    };
    /** Settle now with what arrived, even if a process outside our reach still holds the pipes. */
    const settleSoon = () => {
      timers.push(setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish(exit?.code ?? null, exit?.signal ?? null);
      }, SETTLE_MS));
    };
    const stop = (why: 'timeout' | 'cancelled') => {
      // Once the child has exited, the exit handler below ends the call (with the child's own outcome).
      if (settled || reason !== null || exit) return;
      reason = why;
      if (!tree) return settleSoon();
      signalTree(tree, 'SIGTERM');
      timers.push(setTimeout(() => {
        signalTree(tree, 'SIGKILL');
        settleSoon();
      }, grace));
    };
    timers.push(setTimeout(() => stop('timeout'), limit));
    const onAbort = () => stop('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.on('error', (e: NodeJS.ErrnoException) => {
      if (reason === null) reason = e.code === 'ENOENT' ? 'not-found' : 'spawn-failed';
      errorMessage = e.message;
      finish(null, null);
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      if (tree) tree.exited = true;
      // Normally 'close' follows at once. If it does not, something the child started holds the pipes:
      // end those leftovers (after a short wait for output still in flight) and settle.
      timers.push(setTimeout(() => {
        if (settled) return;
        if (tree) signalTree(tree, 'SIGKILL');
        settleSoon();
      }, reason === null ? SETTLE_MS : 0));
    });
    child.on('close', (code: number | null, signal: NodeJS.Signals | null) => finish(exit?.code ?? code, exit?.signal ?? signal));
  });
}

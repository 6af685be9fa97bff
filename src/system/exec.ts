// The one process helper. Always an argument array (never a shell string), always a timeout, always
// cancellable, never throws: callers get a result object. A shell is used only for Windows .bat/.cmd,
// which Node refuses to spawn without one since CVE-2024-27980; arguments are then quoted for cmd.exe.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ExecOptions {
  /** Milliseconds before the process (tree) is killed; required on purpose. */
  timeoutMs: number;
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

function needsShell(file: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' && /\.(bat|cmd)$/i.test(file);
}

/** Quote one argument for cmd.exe (used only for .bat/.cmd on Windows). */
export function quoteForCmd(arg: string): string {
  if (arg === '') return '""';
  if (!/[\s"&|<>^%!()]/.test(arg)) return arg;
  return '"' + arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1').replace(/([%!^])/g, '^$1') + '"';
}

function killTree(child: ChildProcess, platform: NodeJS.Platform): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    if (platform === 'win32') {
      // taskkill ends the whole tree; spawned detached from us with its own short life.
      spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    } else {
      // The child leads its own process group (detached), so the group signal reaches grandchildren.
      process.kill(-child.pid, 'SIGKILL');
    }
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

export function exec(file: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
  const started = Date.now();
  const platform = process.platform;
  const maxBuffer = options.maxBuffer ?? 4 * 1024 * 1024;
  return new Promise((resolve) => {
    if (options.signal?.aborted) {
      resolve({ ok: false, stdout: '', stderr: '', code: null, signal: null, error: 'cancelled', durationMs: 0 });
      return;
    }
    const shell = needsShell(file, platform);
    let child: ChildProcess;
    try {
      child = shell
        ? spawn([quoteForCmd(file), ...args.map(quoteForCmd)].join(' '), [], {
            cwd: options.cwd, env: options.env, shell: true, windowsHide: true,
          })
        : spawn(file, [...args], {
            cwd: options.cwd, env: options.env, windowsHide: true, detached: platform !== 'win32',
          });
      spawnCounter.count++;
    } catch (e) {
      resolve({ ok: false, stdout: '', stderr: '', code: null, signal: null, error: 'spawn-failed',
        errorMessage: (e as Error).message, durationMs: Date.now() - started });
      return;
    }
    let stdout = '';
    let stderr = '';
    let reason: ExecResult['error'] = null;
    let errorMessage: string | undefined;
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
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
    child.stdin?.on('error', () => { /* the child may exit before reading stdin */ });

    const timer = setTimeout(() => {
      reason = 'timeout';
      killTree(child, platform);
    }, options.timeoutMs);
    const onAbort = () => {
      reason = 'cancelled';
      killTree(child, platform);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    let settled = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({
        ok: reason === null && code === 0,
        stdout, stderr, code, signal,
        error: reason, errorMessage,
        durationMs: Date.now() - started,
      });
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      reason = e.code === 'ENOENT' ? 'not-found' : 'spawn-failed';
      errorMessage = e.message;
      finish(null, null);
    });
    child.on('close', finish);
  });
}

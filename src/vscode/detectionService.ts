// The detected machine, cached. The UI never waits on a process: readers get the last value (or null)
// and an onDidChange event. A no-process first paint (driver version from /sys or /proc, Apple silicon,
// CONDA_PREFIX) comes first; then one refresh, and again on demand, when the Python extension's
// interpreter changes, when the window regains focus (throttled), on aiEnvDoctor.refreshIntervalSeconds,
// when an executable setting changes, and when the workspace becomes trusted. In an untrusted workspace
// the workspace's executable settings (resolved by config.ts) and its selected interpreter are not used.
import * as vscode from 'vscode';
import { PythonExtension } from '@vscode/python-extension';
import type { Detection } from '../core/detection';
import { detectMachine, firstPaint } from '../system/detect';
import { newProbeState } from '../system/nvidiaSmiProbe';
import { newTorchProbeCache } from '../system/torchProbe';
import { Settings } from '../constants';
import { onDidChangeSettings, readSettings } from './config';
import { logRejection } from './log';
import { isTrusted, onDidGrantTrust } from './trust';

export type MachineState = 'probing' | 'ready' | 'error' | 'timeout';

const FOCUS_THROTTLE_MS = 60_000;
/** How much longer than the probe timeout a caller of fresh() waits (the probes run in sequence). */
const FRESH_GRACE_MS = 2000;
const PYTHON_EXTENSION_ID = 'ms-python.python';

export class DetectionService implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private readonly probeState = newProbeState();
  private readonly torchCache = newTorchProbeCache();
  private current: Detection | null = null;
  private currentState: MachineState = 'probing';
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private queuedForce = false;
  private abort: AbortController | null = null;
  private timer: NodeJS.Timeout | undefined;
  private lastRefreshStarted = 0;
  private updatedAt: number | null = null;
  private disposed = false;
  private python: PythonExtension | null = null;
  private firstPaintDone = false;

  readonly onDidChange: vscode.Event<void> = this.emitter.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    onDidChangeSettings((e) => {
      if (e.affectsConfiguration(Settings.refreshIntervalSeconds)) this.schedule();
      if ([Settings.nvidiaSmiPath, Settings.pythonPath, Settings.condaPath, Settings.probeTimeoutSeconds]
        .some((k) => e.affectsConfiguration(k))) this.refreshLogged('settings');
    }, undefined, this.disposables);
    this.disposables.push(onDidGrantTrust(() => this.refreshLogged('workspace trusted')));
    this.disposables.push(vscode.window.onDidChangeWindowState((s) => {
      if (s.focused && Date.now() - this.lastRefreshStarted > FOCUS_THROTTLE_MS) this.refreshLogged('window focus');
    }));
    this.schedule();
    logRejection(this.log, 'detection start', this.start());
  }

  /** Last detection (null until something is known). */
  get detection(): Detection | null {
    return this.current;
  }

  /** probing: nothing final yet (first paint at most) or a refresh is running; ready/timeout/error: last refresh. */
  get state(): MachineState {
    return this.currentState;
  }

  /** True while a refresh runs and the value shown is the previous one (never present it as fresh). */
  get refreshing(): boolean {
    return this.running !== null;
  }

  /** When the last full refresh finished (ms since epoch), or null. */
  get lastUpdated(): number | null {
    return this.updatedAt;
  }

  private async start(): Promise<void> {
    try {
      const fp = await firstPaint({ pythonPath: readSettings().pythonPath || undefined });
      if (!this.disposed && this.current === null) {
        this.current = fp;
        this.firstPaintDone = true;
        this.emitter.fire();
      }
    } catch (e) {
      this.log.warn(`first paint failed: ${(e as Error).message}`);
    }
    await this.hookPythonExtension();
    await this.refresh('startup');
  }

  private async hookPythonExtension(): Promise<void> {
    if (!vscode.extensions.getExtension(PYTHON_EXTENSION_ID)) return;
    try {
      const api = await PythonExtension.api();
      if (this.disposed) return;
      this.python = api;
      this.disposables.push(api.environments.onDidChangeActiveEnvironmentPath(() => this.refreshLogged('interpreter changed')));
    } catch (e) {
      this.log.info(`Python extension API unavailable: ${(e as Error).message}`);
    }
  }

  /** The interpreter the Python extension selected (trusted workspaces only: it may live in the workspace). */
  private async selectedInterpreter(): Promise<string | undefined> {
    if (!this.python || !isTrusted()) return undefined;
    try {
      const resource = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
      const envPath = this.python.environments.getActiveEnvironmentPath(resource);
      const resolved = await this.python.environments.resolveEnvironment(envPath);
      return resolved?.executable.uri?.fsPath ?? undefined;
    } catch (e) {
      this.log.info(`could not resolve the selected interpreter: ${(e as Error).message}`);
      return undefined;
    }
  }

  private schedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const seconds = readSettings().refreshIntervalSeconds;
    if (seconds > 0) this.timer = setInterval(() => this.refreshLogged('interval'), Math.max(5, seconds) * 1000);
  }

  /** refresh() from an event: its failure is logged, never left unhandled. */
  private refreshLogged(reason: string): void {
    logRejection(this.log, `detection refresh (${reason})`, this.refresh(reason));
  }

  /**
   * Probe again. A call while a refresh runs gets one follow-up refresh (shared by every such call), so
   * the returned promise always settles on a result that started after the call was made.
   */
  refresh(reason = 'command'): Promise<void> {
    if (this.disposed) return Promise.resolve();
    // Focus and timer refreshes may reuse the torch probe while the env's packages are unchanged.
    const force = reason !== 'window focus' && reason !== 'interval';
    if (this.running) {
      this.queuedForce ||= force;
      if (!this.queued) {
        this.queued = this.running.then(() => {
          this.queued = null;
          const queuedForce = this.queuedForce;
          this.queuedForce = false;
          return this.refresh(queuedForce ? 'queued' : reason);
        });
      }
      return this.queued;
    }
    const run = this.run(reason, force).finally(() => {
      if (this.running === run) this.running = null;
      // Fired after `running` is cleared, so listeners see the new value as settled (no spinner).
      if (!this.disposed) this.emitter.fire();
    });
    this.running = run;
    this.emitter.fire(); // "refreshing" is visible
    return run;
  }

  private async run(reason: string, forceTorchProbe: boolean): Promise<void> {
    this.lastRefreshStarted = Date.now();
    const settings = readSettings();
    const timeoutMs = settings.probeTimeoutSeconds * 1000;
    this.abort = new AbortController();
    const started = Date.now();
    try {
      const settingPython = settings.pythonPath || undefined;
      const extPython = settingPython ? undefined : await this.selectedInterpreter();
      const d = await detectMachine({
        timeoutMs,
        signal: this.abort.signal,
        nvidiaSmiPath: settings.nvidiaSmiPath || undefined,
        condaPath: settings.condaPath || undefined,
        pythonPath: settingPython ?? extPython,
        pythonSource: settingPython ? 'setting' : extPython ? 'python-extension' : undefined,
        probeState: this.probeState,
        torchCache: this.torchCache,
        forceTorchProbe,
      });
      if (this.disposed) return;
      this.current = d;
      this.updatedAt = Date.now();
      this.currentState = d.machine.gpu.error === 'timeout' || d.torch?.error === 'timeout' ? 'timeout' : 'ready';
      const g = d.machine.gpu;
      this.log.info(`detection (${reason}) in ${Date.now() - started} ms: ${g.vendor} ${g.gpus.map((x) => x.name).join(', ') || '-'}`
        + ` driver ${g.driver ?? '-'} cuda ${g.cuda ?? '-'}${g.error ? ` error ${g.error}` : ''};`
        + ` env ${d.env?.name ?? d.env?.prefix ?? '-'}; torch ${d.torch?.version ?? d.torch?.error ?? '-'}`);
      if (g.error === 'timeout') this.log.warn(`nvidia-smi did not answer within ${timeoutMs} ms (killed)`);
    } catch (e) {
      if (this.disposed) return;
      this.currentState = 'error';
      this.log.error(`detection failed: ${(e as Error).stack ?? String(e)}`);
    } finally {
      this.abort = null;
    }
  }

  /**
   * A detection that started after this call (a refresh), bounded by the probe timeout plus a grace
   * period and by `token`; when neither allows one, the last known detection (null when none).
   */
  async fresh(token?: vscode.CancellationToken): Promise<Detection | null> {
    const limitMs = readSettings().probeTimeoutSeconds * 1000 + FRESH_GRACE_MS;
    let timer: NodeJS.Timeout | undefined;
    let cancelled: vscode.Disposable | undefined;
    try {
      await Promise.race([
        this.refresh('fresh machine requested'),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, limitMs);
          cancelled = token?.onCancellationRequested(() => resolve());
        }),
      ]);
    } catch (e) {
      this.log.warn(`refresh for a fresh machine failed: ${(e as Error).message}`);
    } finally {
      if (timer) clearTimeout(timer);
      cancelled?.dispose();
    }
    return this.current;
  }

  /** Whether what is shown comes only from the no-process first paint. */
  get isFirstPaintOnly(): boolean {
    return this.firstPaintDone && this.updatedAt === null;
  }

  dispose(): void {
    this.disposed = true;
    this.abort?.abort();
    if (this.timer) clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

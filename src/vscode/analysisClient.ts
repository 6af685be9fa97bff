// Editor analysis runs in a worker thread, so a large or pathological file never blocks the extension
// host (typing, other extensions). One long-lived worker answers requests in order; a request that has
// no answer by its deadline terminates the worker (a synchronous analysis cannot be interrupted any
// other way) and fails every request in flight; the next request starts a fresh worker. No editor API
// here, so the client is unit-tested with the real worker.
import { Worker } from 'node:worker_threads';
import type { Finding } from '../core/finding';
import type { Machine } from '../core/machine';
import { pathKey } from '../system/fileReader';

export interface AnalysisRequest {
  /** The document's path (or its URI text when untitled). */
  path: string;
  text: string;
  machine: Machine | null;
  unpinned: boolean;
  /** Texts of open documents by keyOf(path): includes read these instead of the disk. */
  open: [string, string][];
  /** Where the extension stores the wheel catalogue, and when the one in use was read (the worker has
   * its own copy of the knowledge and loads the stored catalogue when this changes). */
  catalogue?: { dir: string; fetchedAt: string | null };
}

export interface AnalysisResult {
  kind: string;
  findings: Finding[];
  /** keyOf of every include read. */
  reads: string[];
  /** What each include read returned, by keyOf (offsets in findings refer to these texts). */
  texts: [string, string | null][];
}

/** Comparable key for a core path: pathKey for a file path, the text itself for a URI (untitled). */
export function keyOf(p: string): string {
  return /^[a-z][a-z0-9+.-]+:/i.test(p) ? p : pathKey(p);
}

/** Thrown for a request the worker did not answer in time. */
export class AnalysisDeadlineError extends Error {}

interface Pending {
  resolve: (r: AnalysisResult) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

type Reply = { id: number; ok: true; result: AnalysisResult } | { id: number; ok: false; error: string };

export class AnalysisWorkerClient {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private disposed = false;

  constructor(
    private readonly script: string,
    private readonly deadlineMs: number,
    private readonly onProblem: (message: string) => void = () => undefined,
  ) {}

  analyze(request: AnalysisRequest): Promise<AnalysisResult> {
    if (this.disposed) return Promise.reject(new Error('analysis client disposed'));
    const worker = this.ensureWorker();
    const id = ++this.nextId;
    return new Promise<AnalysisResult>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(worker, new AnalysisDeadlineError(`analysis of ${request.path} took longer than ${this.deadlineMs} ms`)), this.deadlineMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, request });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script);
    w.unref(); // never keeps a process alive on its own
    w.on('message', (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      clearTimeout(p.timer);
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new Error(reply.error));
    });
    w.on('error', (e) => this.fail(w, e));
    w.on('exit', (code) => {
      if (this.worker === w) this.fail(w, new Error(`analysis worker exited (${code})`));
    });
    this.worker = w;
    return w;
  }

  /** Stop `w` and fail what it had in flight. */
  private fail(w: Worker, error: Error): void {
    if (this.worker !== w) return;
    this.worker = null;
    this.onProblem(error.message);
    void w.terminate();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) {
      clearTimeout(p.timer);
      p.reject(error);
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.worker) this.fail(this.worker, new Error('analysis client disposed'));
  }
}

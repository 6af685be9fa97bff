// Per-key debouncing and generation counters for the diagnostics pipeline (debounce → compute → drop
// stale → publish). Free of the editor API; timers are injectable so tests drive them deterministically.

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Runs the last callback scheduled for a key once no newer one arrived for `delayMs`. */
export class Debouncer<K> {
  private readonly pending = new Map<K, { handle: unknown; run: () => void }>();

  constructor(
    private readonly delayMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  schedule(key: K, run: () => void, delayMs = this.delayMs): void {
    this.cancel(key);
    const handle = this.timers.setTimeout(() => {
      this.pending.delete(key);
      run();
    }, delayMs);
    this.pending.set(key, { handle, run });
  }

  isPending(key: K): boolean {
    return this.pending.has(key);
  }

  cancel(key: K): void {
    const p = this.pending.get(key);
    if (p) {
      this.timers.clearTimeout(p.handle);
      this.pending.delete(key);
    }
  }

  /** Run a pending callback now (e.g. a command needs fresh results). Returns whether one ran. */
  flush(key: K): boolean {
    const p = this.pending.get(key);
    if (!p) return false;
    this.cancel(key);
    p.run();
    return true;
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }
}

/** A counter per key: a result computed under an older generation is stale and must not be published. */
export class Generations<K> {
  private counter = 0;
  private readonly gens = new Map<K, number>();

  /** A new generation for `key` (unique across keys, so a forgotten key never reuses a number). */
  next(key: K): number {
    const g = ++this.counter;
    this.gens.set(key, g);
    return g;
  }

  isCurrent(key: K, gen: number): boolean {
    return this.gens.get(key) === gen;
  }

  /** Forget the key; any result still in flight for it becomes stale. */
  delete(key: K): void {
    this.gens.delete(key);
  }
}

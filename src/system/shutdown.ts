// What the CLI does when it is told to stop (Ctrl+C, kill, a closed terminal) or exits: its children
// lead their own process groups, so the terminal's signal does not reach them; they are signalled
// here. SIGINT/SIGTERM first (conda rolls a transaction back on them), SIGKILL after a grace period,
// then this process exits with 128 + the signal number. A second signal skips the grace period.
import { constants } from 'node:os';
import { liveChildren, markShuttingDown, signalTree, whenNoChildren } from './processTree';

export interface ShutdownOptions {
  /** Milliseconds the children get between the first signal and SIGKILL. Default 3000. */
  graceMs?: number;
  /** Exits the process (tests pass their own). */
  exit?: (code: number) => void;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Signal every live child's tree. */
export function signalChildren(signal: NodeJS.Signals): number {
  const children = liveChildren();
  for (const c of children) signalTree(c, signal);
  return children.length;
}

/** Installs the handlers; returns a function that removes them. */
export function installShutdownHandlers(opts: ShutdownOptions = {}): () => void {
  const grace = opts.graceMs ?? 3000;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    const code = 128 + (constants.signals[signal] ?? 15);
    if (stopping) {
      signalChildren('SIGKILL');
      exit(code);
      return;
    }
    stopping = true;
    markShuttingDown();
    // A closed terminal (SIGHUP) is passed on as SIGTERM: a child may still be attached to it.
    signalChildren(signal === 'SIGHUP' ? 'SIGTERM' : signal);
    const timer = setTimeout(() => {
      signalChildren('SIGKILL');
      exit(code);
    }, grace);
    void whenNoChildren().then(() => {
      clearTimeout(timer);
      exit(code);
    });
  };
  // Last resort on any exit path: nothing may outlive the CLI (an exit handler cannot wait).
  const onExit = () => {
    signalChildren('SIGKILL');
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', onExit);
  return () => {
    for (const s of SIGNALS) process.off(s, onSignal);
    process.off('exit', onExit);
  };
}

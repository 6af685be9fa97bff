// One LogOutputChannel for the whole extension, created first in activate() so every feature can log.
import * as vscode from 'vscode';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('AI Env Doctor', { log: true });
}

/**
 * Run `work` without awaiting it (a message box, a command the user may never answer) while still
 * logging its failure: the extension host reports an unhandled rejection otherwise, with no context.
 */
export function logRejection(log: vscode.LogOutputChannel, what: string, work: PromiseLike<unknown>): void {
  Promise.resolve(work).catch((e: unknown) => log.error(`${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
}

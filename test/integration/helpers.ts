// Shared helpers for the integration suites: the extension under test, fixture paths, and waiting on
// VS Code events (onDidChangeDiagnostics & co.) with a bounded deadline instead of bare sleeps.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this extension host`);
  await ext.activate();
  return ext;
}

export function workspaceRoot(name?: string): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders ?? [];
  assert.ok(folders.length > 0, 'the test session has no workspace folder');
  if (!name) return folders[0].uri;
  const f = folders.find((w) => w.name === name || path.basename(w.uri.fsPath) === name);
  assert.ok(f, `workspace folder ${name} not found among ${folders.map((w) => w.name).join(', ')}`);
  return f.uri;
}

export function fixtureUri(folder: string | undefined, ...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(folder), ...segments);
}

/**
 * Resolves when `read()` returns a value accepted by `done`, re-checking on each `event` (and, as a safety net,
 * on a 250 ms tick): fails after `timeoutMs` with the last value seen.
 */
export function waitFor<T>(
  read: () => T,
  done: (v: T) => boolean,
  opts: { event?: vscode.Event<unknown>; timeoutMs?: number; what?: string } = {},
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  return new Promise<T>((resolve, reject) => {
    let last: T | undefined;
    const subs: vscode.Disposable[] = [];
    const finish = (fn: () => void): void => {
      clearInterval(tick);
      clearTimeout(deadline);
      subs.forEach((d) => d.dispose());
      fn();
    };
    const check = (): void => {
      try {
        last = read();
        if (done(last)) finish(() => resolve(last as T));
      } catch (err) {
        finish(() => reject(err));
      }
    };
    if (opts.event) subs.push(opts.event(check));
    const tick = setInterval(check, 250);
    const deadline = setTimeout(
      () =>
        finish(() =>
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${opts.what ?? 'a condition'}; last: ${safe(last)}`)),
        ),
      timeoutMs,
    );
    check();
  });
}

function safe(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** Diagnostics of this extension (source filter) for a document. */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'AI Env Doctor');
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  if (typeof c === 'object') return String(c.value);
  return String(c);
}

/** Waits until the diagnostics of `uri` satisfy `done` (on onDidChangeDiagnostics; bounded). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  done: (ds: vscode.Diagnostic[]) => boolean,
  what = `diagnostics of ${path.basename(uri.fsPath)}`,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return waitFor(() => ourDiagnostics(uri), done, { event: vscode.languages.onDidChangeDiagnostics, timeoutMs, what });
}

export async function openDoc(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function revertAndClose(): Promise<void> {
  // Discard in-memory edits so the next test starts from the files on disk.
  for (const editor of vscode.window.visibleTextEditors) {
    if (editor.document.isDirty) {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await closeAllEditors();
}

export function rangeText(doc: vscode.TextDocument, r: vscode.Range): string {
  return doc.getText(r);
}

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

// ---------------------------------------------------------------------------------------------------------
// The UI bridge. Under test/e2e/run.mjs the workbench these suites run in is a page driven by playwright;
// a suite can ask the driver to look at (or act on) the real DOM: it writes a request file into
// $AIENV_RUN_DIR/ui/, logs a marker line (forwarded to the driver through codeAutomationLog), and waits for
// the response file. Without the driver (e.g. @vscode/test-cli), uiAvailable() is false and such tests skip.

export interface UiStatusBar {
  op: 'statusbar';
  /** regex source the item's text must match */
  match?: string;
  /** wait for the warning background to be on (true) or off (false) */
  warning?: boolean;
  /** hover the item and wait for its tooltip to match this regex source */
  tooltip?: string;
  screenshot?: string;
  timeoutMs?: number;
}
export interface UiKeys {
  op: 'keys';
  /** keys pressed in order (playwright names), each after the quick input shows when `whenQuickInput` */
  keys: string[];
  whenQuickInput?: boolean;
  timeoutMs?: number;
}
export interface UiScreenshot {
  op: 'screenshot';
  name: string;
}
export type UiRequest = UiStatusBar | UiKeys | UiScreenshot;
export interface UiResponse {
  ok: boolean;
  error?: string;
  text?: string;
  warning?: boolean;
  tooltip?: string;
  quickInput?: string;
}

let uiSeq = 0;

export function uiAvailable(): boolean {
  return !!process.env.AIENV_RUN_DIR && process.env.AIENV_UI_BRIDGE === '1';
}

export async function ui(req: UiRequest): Promise<UiResponse> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('fs') as typeof import('fs');
  const dir = path.join(process.env.AIENV_RUN_DIR as string, 'ui');
  fs.mkdirSync(dir, { recursive: true });
  const id = `${process.pid}-${++uiSeq}`;
  const reqFile = path.join(dir, `${id}.request.json`);
  const resFile = path.join(dir, `${id}.response.json`);
  fs.writeFileSync(reqFile, JSON.stringify(req));
  console.log(`@@AIENV_UI@@${id}`);
  const timeoutMs = ('timeoutMs' in req && req.timeoutMs ? req.timeoutMs : 20_000) + 15_000;
  const res = await waitFor(
    () => (fs.existsSync(resFile) ? (JSON.parse(fs.readFileSync(resFile, 'utf8')) as UiResponse) : null),
    (r) => r !== null,
    { timeoutMs, what: `the UI driver to answer ${JSON.stringify(req)}` },
  );
  return res as UiResponse;
}

export async function expectUi(req: UiRequest): Promise<UiResponse> {
  const r = await ui(req);
  assert.ok(r.ok, `UI check failed: ${r.error ?? ''} (request ${JSON.stringify(req)}; saw ${JSON.stringify(r)})`);
  return r;
}

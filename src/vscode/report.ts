// aiEnvDoctor.showReport: one Markdown document with what was detected, what to install, and the
// findings of every requirements / environment / pyproject file in the workspace (and open ones).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, DOCS_BASE } from '../constants';
import { findingIdentity } from '../core/findingIdentity';
import { knowledgeDates } from '../core/knowledge/dates';
import { recommend } from '../core/knowledge/recommend';
import { LineIndex } from '../core/text';
import type { MachineResolver } from './machineResolver';
import { analyzedKind, documentPath, keyOf, openDocumentAt, type Analyzer } from './diagnostics';
import { ANALYZED_GLOB, EXCLUDED_GLOB, kindForPath } from '../core/documents';
import { readTextFile } from '../system/fileReader';
import { buildReport, type ReportFile, type ReportFinding } from '../core/reportMarkdown';
import { readSettings } from './config';
import { trMessage } from './translate';

const MAX_FILES = 500;

function displayPath(p: string): string {
  if (/^[a-z][a-z0-9+.-]+:/i.test(p)) return p; // untitled
  const rel = vscode.workspace.asRelativePath(p, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  return rel || path.basename(p);
}

async function collectFiles(token: vscode.CancellationToken): Promise<{ path: string; uri: vscode.Uri }[]> {
  const found = await vscode.workspace.findFiles(ANALYZED_GLOB, EXCLUDED_GLOB, MAX_FILES, token);
  const byKey = new Map<string, { path: string; uri: vscode.Uri }>();
  for (const uri of found) if (uri.scheme === 'file' && kindForPath(uri.fsPath)) byKey.set(keyOf(uri.fsPath), { path: uri.fsPath, uri });
  for (const d of vscode.workspace.textDocuments) {
    if (analyzedKind(d) !== null) byKey.set(keyOf(documentPath(d)), { path: documentPath(d), uri: d.uri });
  }
  return [...byKey.values()].sort((a, b) => displayPath(a.path).localeCompare(displayPath(b.path)));
}

async function showReport(log: vscode.LogOutputChannel, machines: MachineResolver, analyze: Analyzer): Promise<void> {
  const markdown = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('AI Env Doctor: building the report'), cancellable: false },
    async () => {
      const cts = new vscode.CancellationTokenSource();
      const timer = setTimeout(() => cts.cancel(), 20_000);
      try {
        const files = await collectFiles(cts.token);
        const open = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file' && d.isDirty).map((d): [string, string] => [keyOf(documentPath(d)), d.getText()]);
        const results = new Map<string, { display: string; findings: ReportFinding[]; seen: Set<string> }>();
        const read = new Map<string, string | null>();
        const texts = new Map<string, LineIndex>();
        const indexFor = (p: string): LineIndex => {
          const k = keyOf(p);
          let idx = texts.get(k);
          if (!idx) {
            idx = new LineIndex(openDocumentAt(p)?.getText() ?? read.get(k) ?? readTextFile(p) ?? '');
            texts.set(k, idx);
          }
          return idx;
        };
        for (const f of files) results.set(keyOf(f.path), { display: displayPath(f.path), findings: [], seen: new Set() });
        for (const f of files) {
          if (cts.token.isCancellationRequested) break;
          const text = openDocumentAt(f.path)?.getText() ?? readTextFile(f.path);
          if (text === null) continue;
          try {
            const result = await analyze({ path: f.path, text, machine: machines.machineFor(f.uri), unpinned: readSettings(f.uri).unpinnedRequirements, open });
            for (const [k, t] of result.texts) if (!read.has(k)) read.set(k, t);
            for (const x of result.findings) {
              const file = x.file ?? f.path;
              const k = keyOf(file);
              let bucket = results.get(k);
              if (!bucket) results.set(k, (bucket = { display: displayPath(file), findings: [], seen: new Set() }));
              const id = findingIdentity(x, k);
              if (bucket.seen.has(id)) continue;
              bucket.seen.add(id);
              const pos = indexFor(file).positionAt(x.span.start);
              bucket.findings.push({ line: pos.line + 1, column: pos.character + 1, severity: x.severity, code: x.code, message: trMessage(x) });
            }
          } catch (e) {
            log.error(`report: analysis of ${f.path} failed: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
        const reportFiles: ReportFile[] = [...results.values()]
          .map((r) => ({ path: r.display, findings: r.findings.sort((a, b) => a.line - b.line || a.column - b.column) }))
          .sort((a, b) => a.path.localeCompare(b.path));
        const scope = vscode.workspace.workspaceFolders?.[0]?.uri;
        const machine = machines.machineFor(scope);
        return buildReport(
          {
            detection: machines.detection,
            machine,
            files: reportFiles,
            recommendation: machine ? recommend(machine) : null,
            knowledgeAsOf: trMessage(knowledgeDates()),
            generatedAt: new Date().toISOString(),
            docsUrl: (code) => `${DOCS_BASE}${encodeURIComponent(code)}.md`,
          },
          (template, ...args) => vscode.l10n.t(template, ...args),
        );
      } finally {
        clearTimeout(timer);
        cts.dispose();
      }
    },
  );
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(doc, { preview: false });
}

export function registerReport(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, machines: MachineResolver, analyze: Analyzer): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showReport, async () => {
      try {
        await showReport(log, machines, analyze);
      } catch (e) {
        log.error(`report failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        const show = vscode.l10n.t('Show Log');
        if ((await vscode.window.showErrorMessage(vscode.l10n.t('AI Env Doctor could not build the report.'), show)) === show) log.show();
      }
    }),
  );
}

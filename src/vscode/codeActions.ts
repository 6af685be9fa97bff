// Quick fixes and fix-all from the findings' fixes (never recomputed here: the diagnostics controller
// keeps the last analysis per document version). Every fix is a WorkspaceEdit bound to its diagnostic,
// exactly one per diagnostic is preferred; fix-all applies every preferred fix that does not overlap.
import * as vscode from 'vscode';
import { Commands, DIAGNOSTIC_SOURCE } from '../constants';
import type { Finding } from '../core/finding';
import {
  ANALYZED_SELECTOR, rangeInFile, sameDiagnostic, uriForPath, type DiagnosticEntry, type DiagnosticsController } from './diagnostics';
import { fixable, fixEdits, planFixAll, preferredIndex, type FileEdit, type FixAllPlan } from '../core/fixes/plan';
import { logRejection } from './log';
import { trMessage } from './translate';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('aiEnvDoctor');

function toWorkspaceEdit(edits: readonly FileEdit[], edit = new vscode.WorkspaceEdit()): vscode.WorkspaceEdit {
  for (const e of edits) edit.replace(uriForPath(e.file), rangeInFile(e.file, e.span), e.newText);
  return edit;
}

/** Fix-all for one document: the plan and the WorkspaceEdit that carries it out. */
export function fixAllEdit(controller: DiagnosticsController, doc: vscode.TextDocument): { plan: FixAllPlan; edit: vscode.WorkspaceEdit; entries: DiagnosticEntry[] } {
  // Errors first, then warnings...: when two fixes overlap, the more severe finding's fix wins.
  const rank = { error: 0, warning: 1, information: 2, hint: 3 } as const;
  const entries = controller.entriesFor(doc).sort((a, b) => rank[a.finding.severity] - rank[b.finding.severity]);
  const byFinding = new Map<Finding, DiagnosticEntry>(entries.map((e) => [e.finding, e]));
  // Verified preferred fixes only (planFixAll), and not the ones a user asks for by code (fixable).
  const plan = planFixAll(
    fixable(entries.map((e) => e.finding)),
    doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.uri.toString(),
  );
  return { plan, edit: toWorkspaceEdit(plan.edits), entries: plan.applied.map((f) => byFinding.get(f)).filter((e): e is DiagnosticEntry => !!e) };
}

export class FixProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly controller: DiagnosticsController) {}

  async provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    const only = context.only;
    if (!only || only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(only)) {
      for (const x of this.quickFixes(doc, range, context)) actions.push(x);
    }
    if (only && (only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(only))) {
      const fixAll = await this.fixAll(doc);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  private quickFixes(doc: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const entries = this.controller.entriesFor(doc);
    if (entries.length === 0) return [];
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    // Bind to the diagnostics the editor handed us; with none (an invocation without markers at the
    // cursor), offer the fixes of our findings that touch the range.
    const matched: { entry: DiagnosticEntry; diagnostic: vscode.Diagnostic }[] = ours.length
      ? ours.flatMap((d) => entries.filter((e) => sameDiagnostic(e.diagnostic, d)).slice(0, 1).map((entry) => ({ entry, diagnostic: d })))
      : entries.filter((e) => e.diagnostic.range.intersection(range) !== undefined).map((entry) => ({ entry, diagnostic: entry.diagnostic }));
    const actions: vscode.CodeAction[] = [];
    for (const { entry, diagnostic } of matched) {
      const f = entry.finding;
      const preferred = preferredIndex(f.fixes);
      f.fixes.forEach((fix, i) => {
        const edits = fixEdits(fix, f, entry.analysis.path);
        if (edits.length === 0) return;
        const title = trMessage({ message: fix.title, l10n: fix.l10n });
        // A fix that failed verification stays available, said as such, and never preferred.
        const shown = fix.verified === false ? vscode.l10n.t('{0} (not verified)', title) : title;
        const action = new vscode.CodeAction(shown, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(edits);
        action.diagnostics = [diagnostic];
        action.isPreferred = i === preferred;
        actions.push(action);
      });
    }
    return actions;
  }

  private async fixAll(doc: vscode.TextDocument): Promise<vscode.CodeAction | undefined> {
    // An explicit request (e.g. codeActionsOnSave right after typing) must not miss a pending analysis.
    if (this.controller.isPending(doc)) await this.controller.ensureCurrent(doc);
    const { plan, edit, entries } = fixAllEdit(this.controller, doc);
    if (plan.edits.length === 0) return undefined;
    const action = new vscode.CodeAction(vscode.l10n.t('Fix all AI Env Doctor problems'), FIX_ALL_KIND);
    action.edit = edit;
    action.diagnostics = entries.map((e) => e.diagnostic);
    return action;
  }
}

/** aiEnvDoctor.fixAll: apply fix-all to the active document (one undoable edit). */
async function fixAllCommand(controller: DiagnosticsController, log: vscode.LogOutputChannel): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) {
    logRejection(log, 'message', vscode.window.showInformationMessage(vscode.l10n.t('Open a requirements, environment.yml or pyproject.toml file to fix it.')));
    return;
  }
  if (!(await controller.ensureCurrent(doc))) {
    logRejection(log, 'message', vscode.window.showInformationMessage(vscode.l10n.t('AI Env Doctor does not check this file.')));
    return;
  }
  const { plan, edit } = fixAllEdit(controller, doc);
  if (plan.applied.length === 0) {
    logRejection(log, 'message', vscode.window.showInformationMessage(vscode.l10n.t('No AI Env Doctor fixes to apply.')));
    return;
  }
  const ok = await vscode.workspace.applyEdit(edit);
  if (!ok) {
    log.warn(`fix-all on ${doc.uri.toString(true)} was rejected by the editor`);
    logRejection(log, 'message', vscode.window.showWarningMessage(vscode.l10n.t('The fixes could not be applied (the file changed?). Try again.')));
    return;
  }
  log.info(`fix-all on ${doc.uri.toString(true)}: ${plan.applied.length} applied, ${plan.skipped.length} left (overlapping)`);
  const text = plan.skipped.length
    ? vscode.l10n.t('Applied {0} fixes; {1} overlapping fixes left for a second run.', plan.applied.length, plan.skipped.length)
    : vscode.l10n.t('Applied {0} fixes.', plan.applied.length);
  logRejection(log, 'message', vscode.window.showInformationMessage(text));
}

export function registerCodeActions(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, controller: DiagnosticsController): void {
  context.subscriptions.push(
    // Plain-text files too: an included file with an unusual name shows findings from the file including it.
    vscode.languages.registerCodeActionsProvider([...ANALYZED_SELECTOR, { scheme: 'file', language: 'plaintext' }], new FixProvider(controller), {
      providedCodeActionKinds: FixProvider.providedCodeActionKinds,
    }),
    vscode.commands.registerCommand(Commands.fixAll, () => fixAllCommand(controller, log)),
  );
}

// The wheel catalogue in the editor: the stored one is loaded at activation (before any document is
// judged), refreshed in the background at most once a day (aiEnvDoctor.knowledge.update = "daily",
// HTTP caching with ETags, through VS Code's proxy support for Node's http), and on demand with
// "AI Env Doctor: Update knowledge now". A failed or partial fetch keeps the last good catalogue.
import * as vscode from 'vscode';
import { Commands, Settings } from '../constants';
import { catalogueStatus, setCatalogue } from '../core/knowledge/catalogue/overlay';
import { knowledgeDates } from '../core/knowledge/dates';
import { trMessage } from './translate';
import { DEFAULT_INDEX_URL, DEFAULT_PYPI_URL, fetchCatalogue } from '../system/catalogueFetch';
import { loadCatalogue, loadCatalogueSync, loadPageCache, saveCatalogue } from '../system/catalogueStore';
import { nodeHttpGet } from '../system/httpGet';

const DAY_MS = 24 * 60 * 60 * 1000;
const LAST_ATTEMPT = 'knowledge.lastAttempt';
/** Delay after activation before a background check, so it never competes with the first analysis. */
const BACKGROUND_DELAY_MS = 60_000;


export function registerKnowledge(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const dir = context.globalStorageUri.fsPath;
  const stored = loadCatalogueSync(dir);
  if (stored) {
    setCatalogue(stored);
    log.info(`Wheel catalogue from ${stored.indexUrl}, read ${stored.fetchedAt}`);
  }
  let running: Promise<boolean> | null = null;

  const update = (report?: vscode.Progress<{ message?: string }>): Promise<boolean> => {
    running ??= (async () => {
      const config = vscode.workspace.getConfiguration();
      const indexUrl = config.get<string>(Settings.knowledgeIndexUrl) || DEFAULT_INDEX_URL;
      await context.globalState.update(LAST_ATTEMPT, Date.now());
      const previous = await loadCatalogue(dir);
      const r = await fetchCatalogue({
        indexUrl, pypiUrl: DEFAULT_PYPI_URL, get: nodeHttpGet(), now: new Date(), previous, pages: await loadPageCache(dir),
        onProgress: (what) => report?.report({ message: what }),
      });
      if (!r.ok) {
        log.warn(`Knowledge update failed (the last good catalogue stays in use): ${r.error}`);
        return false;
      }
      await saveCatalogue(dir, r.catalogue, r.pages);
      setCatalogue(r.catalogue);
      for (const w of r.catalogue.warnings) log.warn(`Knowledge update: ${w}`);
      log.info(`Wheel catalogue updated from ${indexUrl}: newest torch ${catalogueStatus()?.newestTorch ?? 'none'}`);
      // Re-judge open documents with what is now known.
      await vscode.commands.executeCommand(Commands.refresh);
      return true;
    })().finally(() => { running = null; });
    return running;
  };

  context.subscriptions.push(vscode.commands.registerCommand(Commands.updateKnowledge, async () => {
    const ok = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AI Env Doctor: reading the PyTorch wheel index'), cancellable: false },
      (progress) => update(progress),
    );
    if (ok) void vscode.window.showInformationMessage(vscode.l10n.t('AI Env Doctor: {0}; newest torch known: {1}', trMessage(knowledgeDates()), catalogueStatus()?.newestTorch ?? '?'));
    else void vscode.window.showWarningMessage(vscode.l10n.t('AI Env Doctor: the wheel index could not be read; the last good knowledge stays in use (see the log).'));
  }));

  const due = () => {
    if (vscode.workspace.getConfiguration().get<string>(Settings.knowledgeUpdate) === 'off') return false;
    const last = context.globalState.get<number>(LAST_ATTEMPT) ?? 0;
    return Date.now() - last >= DAY_MS;
  };
  const timer = setTimeout(() => { if (due()) void update(); }, BACKGROUND_DELAY_MS);
  const daily = setInterval(() => { if (due()) void update(); }, DAY_MS / 4);
  context.subscriptions.push({ dispose: () => { clearTimeout(timer); clearInterval(daily); } });
}

// The status bar item: a view over core's statusView (text, warning colour, tooltip), redrawn when
// detection changes, and a quick pick of actions on click. Registers aiEnvDoctor.refresh,
// aiEnvDoctor.copyInstallCommand and aiEnvDoctor.statusActions.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { LINK_COMMANDS, statusView, type StatusInput, type StatusView } from '../core/statusView';
import { readSettings } from './config';
import type { DetectionService } from './detectionService';
import { logRejection } from './log';
import { trMessage } from './translate';

const ITEM_ID = 'aiEnvDoctor.status';

function input(service: DetectionService): StatusInput {
  return {
    detection: service.detection,
    refreshing: service.refreshing,
    probing: service.state === 'probing',
    firstPaintOnly: service.isFirstPaintOnly,
  };
}

function currentView(service: DetectionService): StatusView {
  return statusView(input(service), trMessage);
}

async function statusActions(service: DetectionService): Promise<void> {
  type Item = vscode.QuickPickItem & { command: string };
  const v = currentView(service);
  const items: Item[] = [
    { label: `$(refresh) ${vscode.l10n.t('Refresh GPU and environment')}`, command: Commands.refresh },
    { label: `$(add) ${vscode.l10n.t('Create conda env for this project')}`, command: Commands.createCondaEnv },
    { label: `$(book) ${vscode.l10n.t('Show report')}`, command: Commands.showReport },
    {
      label: `$(copy) ${vscode.l10n.t('Copy install command')}`, command: Commands.copyInstallCommand,
      detail: v.recommendation?.command ?? v.gap ?? vscode.l10n.t('no recommendation for this machine'),
    },
    { label: `$(output) ${vscode.l10n.t('Open log')}`, command: Commands.showLog },
  ];
  const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('AI Env Doctor') });
  if (pick) await vscode.commands.executeCommand(pick.command);
}

export function registerStatusBar(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, service: DetectionService): void {
  const item = vscode.window.createStatusBarItem(ITEM_ID, vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('AI Env Doctor: GPU and environment');
  item.command = Commands.statusActions;
  const update = () => {
    if (!readSettings().statusBarEnabled) {
      item.hide();
      return;
    }
    const v = currentView(service);
    item.text = v.text;
    item.backgroundColor = v.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const md = new vscode.MarkdownString(v.tooltip, true);
    md.isTrusted = { enabledCommands: [...LINK_COMMANDS] };
    md.supportHtml = false;
    item.tooltip = md;
    item.accessibilityInformation = { label: v.accessibilityLabel };
    item.show();
  };
  update();
  context.subscriptions.push(
    item,
    service.onDidChange(update),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('aiEnvDoctor.statusBar')) update();
    }),
    vscode.commands.registerCommand(Commands.refresh, () => service.refresh('command')),
    vscode.commands.registerCommand(Commands.statusActions, () => statusActions(service)),
    vscode.commands.registerCommand(Commands.copyInstallCommand, async () => {
      const v = currentView(service);
      if (!v.recommendation) {
        logRejection(log, 'warning message', vscode.window.showWarningMessage(v.gap
          ? vscode.l10n.t('No install command: {0}', v.gap)
          : vscode.l10n.t('No install command: the machine is not detected yet or not covered by the knowledge base.')));
        return;
      }
      await vscode.env.clipboard.writeText(v.recommendation.command);
      logRejection(log, 'information message', vscode.window.showInformationMessage(vscode.l10n.t('Copied: {0}', v.recommendation.command)));
    }),
  );
}

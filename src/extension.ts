// Composition root: the log first, then one register*(context, ...) per feature. Nothing else lives here.
import * as vscode from 'vscode';
import { Commands } from './constants';
import { createLog } from './vscode/log';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  context.subscriptions.push(log);
  context.subscriptions.push(vscode.commands.registerCommand(Commands.showLog, () => log.show()));
  log.info(`AI Env Doctor ${String(context.extension.packageJSON.version)} activated`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

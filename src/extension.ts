// Composition root: the log first, then one register*(context, ...) per feature. Nothing else lives here.
import * as vscode from 'vscode';
import { Commands } from './constants';
import { analyzeDocument } from './core/analyze';
import { hoverAt } from './core/hover';
import { createLog } from './vscode/log';
import { DetectionService } from './vscode/detectionService';
import { MachineResolver } from './vscode/machineResolver';
import { registerDiagnostics } from './vscode/diagnostics';
import { registerCodeActions } from './vscode/codeActions';
import { registerHover } from './vscode/hover';
import { registerReport } from './vscode/report';
import { registerCreateCondaEnv } from './vscode/createCondaEnv';
import { registerStatusBar } from './vscode/statusBar';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  context.subscriptions.push(log);
  context.subscriptions.push(vscode.commands.registerCommand(Commands.showLog, () => log.show()));
  log.info(`AI Env Doctor ${String(context.extension.packageJSON.version)} activated`);

  // One detection for every feature; documents are judged against the target profile, else detection.
  const detection = new DetectionService(log);
  const machine = new MachineResolver(log, detection);
  context.subscriptions.push(detection, machine);
  registerStatusBar(context, log, detection);
  const diagnostics = registerDiagnostics(context, log, machine, analyzeDocument);
  registerCodeActions(context, log, diagnostics);
  registerHover(context, log, machine, hoverAt);
  registerReport(context, log, machine, analyzeDocument);
  registerCreateCondaEnv(context, log, machine);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

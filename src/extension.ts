// Composition root: the log first, then one register*(context, ...) per feature. Nothing else lives here.
import { catalogueStatus } from './core/knowledge/catalogue/overlay';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from './constants';
import { hoverAt } from './core/hover';
import { AnalysisWorkerClient, type AnalysisRequest } from './vscode/analysisClient';
import { createLog } from './vscode/log';
import { DetectionService } from './vscode/detectionService';
import { MachineResolver } from './vscode/machineResolver';
import { registerDiagnostics } from './vscode/diagnostics';
import { registerCodeActions } from './vscode/codeActions';
import { registerHover } from './vscode/hover';
import { registerReport } from './vscode/report';
import { registerCreateCondaEnv } from './vscode/createCondaEnv';
import { registerStatusBar } from './vscode/statusBar';
import { registerKnowledge } from './vscode/knowledge';

/** An analysis still running after this is stopped (the worker is replaced) and reported in the log. */
const ANALYSIS_DEADLINE_MS = 20_000;

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  context.subscriptions.push(log);
  context.subscriptions.push(vscode.commands.registerCommand(Commands.showLog, () => log.show()));
  log.info(`AI Env Doctor ${String(context.extension.packageJSON.version)} activated`);

  registerKnowledge(context, log);
  // One detection for every feature; documents are judged against the target profile, else detection.
  const detection = new DetectionService(log);
  const machine = new MachineResolver(log, detection);
  context.subscriptions.push(detection, machine);
  registerStatusBar(context, log, detection);
  // Analysis runs in a worker thread (bundled beside this file), so typing never waits for it.
  const worker = new AnalysisWorkerClient(path.join(__dirname, 'analysisWorker.js'), ANALYSIS_DEADLINE_MS, (m) => log.warn(`analysis worker: ${m}`));
  context.subscriptions.push({ dispose: () => worker.dispose() });
  // The worker loads the catalogue registerKnowledge keeps in global storage, whenever it changes.
  const catalogueDir = context.globalStorageUri.fsPath;
  const analyze = (request: AnalysisRequest) => worker.analyze({ ...request, catalogue: { dir: catalogueDir, fetchedAt: catalogueStatus()?.fetchedAt ?? null } });
  const diagnostics = registerDiagnostics(context, log, machine, analyze);
  registerCodeActions(context, log, diagnostics);
  registerHover(context, log, machine, hoverAt);
  registerReport(context, log, machine, analyze);
  registerCreateCondaEnv(context, log, machine);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

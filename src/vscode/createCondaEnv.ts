// aiEnvDoctor.createCondaEnv: give the project its own conda env with the right PyTorch build.
// Plan in src/core/createEnv, processes in src/system/condaRunner; this file is the UI: quick picks
// with defaults, the fix diff, the plan shown before anything runs, a cancellable progress notification,
// all output in the log. Drivable without UI: pass an options object (tests, other commands).
import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { Machine } from '../core/machine';
import { defaultsFor } from '../core/createEnv/defaults';
import type { TargetState } from '../core/createEnv/existing';
import * as M from '../core/createEnv/messages';
import { envNameProblem } from '../core/createEnv/names';
import { buildPlan } from '../core/createEnv/plan';
import { renderCommand, renderPlan } from '../core/createEnv/render';
import type { EnvTarget, ExistingAction, Plan } from '../core/createEnv/types';
import { findConda } from '../system/condaLocator';
import { pythonInPrefix, runPlan, targetState, type CondaTool, type PlanRunResult } from '../system/condaRunner';
import { checkTorchIn, loadProject, writePrefixGitignore } from '../system/createEnvProject';
import { detectMachine } from '../system/detect';
import { readSettings } from './config';
import {
  CANCEL_COMMAND, INTERNAL_COMMAND, sanitizeOptions, type CreateCondaEnvOptions, type CreateCondaEnvResult,
} from './createCondaEnvOptions';
import {
  askName, askUnknown, FixPreviewProvider, headless, offerFixes, pickExisting, pickFolder, pickPython, pickSourceFile,
  pickTarget, selectInterpreter,
} from './createCondaEnvPrompts';
import type { CurrentMachine } from './currentMachine';
import { tr } from './translate';

export { CANCEL_COMMAND, INTERNAL_COMMAND, type CreateCondaEnvOptions, type CreateCondaEnvResult } from './createCondaEnvOptions';

const t = (m: M.Msg): string => tr(m.l10n);

async function currentMachine(machines: CurrentMachine, folder: string, log: vscode.LogOutputChannel): Promise<Machine | null> {
  const s = readSettings(vscode.Uri.file(folder));
  // A fresh probe first (the cached one may be the no-process first paint, or old): the env is built for
  // this GPU. Bounded by the probe timeout; the refresh command belongs to the status bar.
  try {
    await Promise.race([
      vscode.commands.executeCommand(Commands.refresh),
      new Promise((resolve) => setTimeout(resolve, s.probeTimeoutSeconds * 1000 + 2000)),
    ]);
  } catch (e) {
    log.warn(`create-env: refresh failed: ${(e as Error).message}`);
  }
  const known = machines.machineFor(vscode.Uri.file(folder));
  if (known) return known;
  try {
    return (await detectMachine({ timeoutMs: s.probeTimeoutSeconds * 1000, nvidiaSmiPath: s.nvidiaSmiPath || undefined, gpuOnly: true })).machine;
  } catch (e) {
    log.warn(`create-env: detection failed: ${(e as Error).message}`);
    return null;
  }
}

function logResult(log: vscode.LogOutputChannel, r: PlanRunResult): void {
  if (r.ok) log.info(`create-env: done; env at ${r.prefix ?? '?'}`);
  else log.error(`create-env: ${r.cancelled ? 'cancelled' : r.timedOut ? 'timed out' : 'failed'} at ${r.failedStep?.id ?? '?'}; `
    + `${r.errorLines.join(' | ')}; left behind: ${r.leftBehind} ${r.prefix ?? ''}`);
}

export class CreateCondaEnvCommand implements vscode.Disposable {
  private running: AbortController | null = null;
  private readonly previews = new FixPreviewProvider();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly log: vscode.LogOutputChannel, private readonly machines: CurrentMachine) {
    this.disposables.push(
      this.previews,
      vscode.workspace.registerTextDocumentContentProvider(FixPreviewProvider.scheme, this.previews),
      // The public command (menus, palette, command links) never skips a question that guards a destructive step.
      vscode.commands.registerCommand(Commands.createCondaEnv, (o?: unknown) => this.run(sanitizeOptions(o, false))),
      vscode.commands.registerCommand(INTERNAL_COMMAND, (o?: unknown) => this.run(sanitizeOptions(o, true))),
      vscode.commands.registerCommand(CANCEL_COMMAND, () => this.running?.abort()),
    );
  }

  dispose(): void {
    this.running?.abort();
    for (const d of this.disposables) d.dispose();
  }

  async run(o: CreateCondaEnvOptions): Promise<CreateCondaEnvResult> {
    const log = this.log;
    // A workspace must not be able to choose the conda executable or the commands that run.
    if (!vscode.workspace.isTrusted) {
      const message = vscode.l10n.t('Creating a conda environment runs programs, so it needs a trusted workspace.');
      const manage = vscode.l10n.t('Manage Workspace Trust');
      void vscode.window.showErrorMessage(message, manage).then((a) => {
        if (a === manage) void vscode.commands.executeCommand('workbench.trust.manage');
      });
      return { status: 'refused', reason: 'untrusted', message };
    }
    if (this.running) {
      const message = vscode.l10n.t('An environment is already being created.');
      void vscode.window.showWarningMessage(message);
      return { status: 'refused', reason: 'busy', message };
    }
    const dir = await pickFolder(o);
    if (!dir) {
      const message = vscode.l10n.t('Open a folder to create an environment for it.');
      void vscode.window.showErrorMessage(message);
      return { status: 'refused', reason: 'no-folder', message };
    }
    const settings = readSettings(vscode.Uri.file(dir));
    const tool = await findConda({ setting: settings.condaPath || undefined, env: process.env, platform: process.platform });
    if (!tool) {
      const message = t(M.noConda());
      const how = vscode.l10n.t('How to install Miniconda');
      void vscode.window.showErrorMessage(message, how).then((a) => {
        if (a === how) void vscode.env.openExternal(vscode.Uri.parse(M.MINICONDA_URL));
      });
      return { status: 'refused', reason: 'no-conda', message };
    }
    log.info(`create-env: ${tool.flavor} at ${tool.path}; folder ${dir}`);

    const machine = await currentMachine(this.machines, dir, log);
    let project = loadProject(dir);
    const file = await pickSourceFile(project, o);
    if (file === null) return { status: 'aborted', reason: 'user' };
    if (file) project = loadProject(dir, file);

    const fixed = await offerFixes(project, machine, o, this.previews, log);
    if (fixed === 'cancel') return { status: 'aborted', reason: 'user' };
    if (fixed === 'applied') project = loadProject(dir, file);

    const defaults = defaultsFor(project, machine);
    let target = await pickTarget(dir, defaults.name, o);
    if (!target) {
      return o.name !== undefined
        ? { status: 'refused', reason: 'bad-name', message: vscode.l10n.t(envNameProblem(o.name) ?? '', o.name) }
        : { status: 'aborted', reason: 'user' };
    }
    const python = project.source.kind === 'environment' ? defaults.python.python : await pickPython(defaults, o);
    if (!python) return { status: 'aborted', reason: 'user' };

    const found = await this.checkTarget(tool, target, dir, defaults.name, project.source.kind === 'environment', o);
    if ('status' in found) return found;
    ({ target } = found);
    const { state, existing, prune } = found;

    const plan = buildPlan({ tool, project, target, python, existing, state: state.state === 'blocked' ? 'unknown' : state.state, prune,
      recommendation: defaults.recommendation });
    const shown = renderPlan(plan, process.platform);
    log.info(`create-env plan:\n${shown}`);
    if (!o.yes) {
      const runLabel = vscode.l10n.t('Run');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('Create the conda environment with these commands?'),
        { modal: true, detail: shown }, runLabel);
      if (answer !== runLabel) return { status: 'aborted', reason: 'user', plan: plan.steps.map((s) => s.argv) };
    }
    return this.execute(plan, dir, machine, o, state.candidates);
  }

  /** Asks what is at the target until it is known (or the user stops); answers what to do about it. */
  private async checkTarget(tool: CondaTool, first: EnvTarget, dir: string, defaultName: string, fromYml: boolean, o: CreateCondaEnvOptions):
    Promise<CreateCondaEnvResult | { target: EnvTarget; state: TargetState; existing: ExistingAction | null; prune: boolean }> {
    let target = first;
    for (;;) {
      const state = await this.withCancel(o, (signal) => targetState(tool, target, { projectDir: dir, signal }));
      if (state === null) return { status: 'cancelled', reason: 'user' };
      if (state.state === 'free') return { target, state, existing: null, prune: false };
      let next: 'retry' | 'rename' | null;
      if (state.state === 'blocked') {
        const message = t(state.why);
        void vscode.window.showErrorMessage(message);
        return { status: 'refused', reason: 'blocked', message };
      }
      if (state.state === 'unknown') {
        this.log.warn(`create-env: ${M.unknownRefusal(target, state.why).message}`);
        next = await askUnknown(target, state.why, o);
        if (!next) return { status: 'refused', reason: 'unknown', message: t(M.unknownRefusal(target, state.why)) };
      } else {
        const choice = await pickExisting(target, state.prefix, fromYml, o);
        if (choice && choice !== 'rename') return { target, state, existing: choice.action, prune: choice.prune };
        if (!choice) {
          const message = t(M.alreadyExists(target, state.prefix));
          if (headless(o) || o.existing === 'fail') void vscode.window.showWarningMessage(message);
          return { status: 'refused', reason: 'exists', message, prefix: state.prefix };
        }
        next = 'rename';
      }
      if (next === 'rename') {
        const renamed = await askName(`${target.kind === 'name' ? target.name : defaultName}-2`);
        if (!renamed) return { status: 'aborted', reason: 'user' };
        target = renamed;
      }
    }
  }

  /** Runs a query cancellable by the cancel command, the caller's signal and a progress notification. */
  private async withCancel<T>(o: CreateCondaEnvOptions, work: (signal: AbortSignal) => Promise<T>): Promise<T | null> {
    const ac = new AbortController();
    this.running = ac;
    const onOuterAbort = () => ac.abort();
    o.signal?.addEventListener('abort', onOuterAbort, { once: true });
    if (o.signal?.aborted) ac.abort();
    try {
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking the conda environments') },
        () => work(ac.signal));
      return ac.signal.aborted ? null : r;
    } finally {
      this.running = null;
      o.signal?.removeEventListener('abort', onOuterAbort);
    }
  }

  private async execute(plan: Plan, dir: string, machine: Machine | null, o: CreateCondaEnvOptions, candidates: readonly string[]): Promise<CreateCondaEnvResult> {
    const log = this.log;
    const ac = new AbortController();
    this.running = ac;
    const onOuterAbort = () => ac.abort();
    o.signal?.addEventListener('abort', onOuterAbort, { once: true });
    if (o.signal?.aborted) ac.abort();
    let result: PlanRunResult;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating conda environment'), cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => ac.abort());
          return runPlan(plan, {
            candidates,
            signal: ac.signal,
            onStep: (s, i, n) => {
              progress.report({ message: `[${i + 1}/${n}] ${tr(s.l10n)}` });
              log.info(`create-env step ${i + 1}/${n}: ${renderCommand(s.argv, process.platform)}`);
            },
            onLine: (line, stream) => {
              if (stream === 'stderr') log.warn(line);
              else log.info(line);
            },
          });
        });
    } finally {
      this.running = null;
      o.signal?.removeEventListener('abort', onOuterAbort);
    }
    logResult(log, result);
    const argvs = plan.steps.map((s) => s.argv);
    const showLog = vscode.l10n.t('Show log');
    const left = M.leftBehindText(result.leftBehind, result.prefix, plan.tool.flavor, plan.target);
    if (!result.ok) {
      const step = result.failedStep ? tr(result.failedStep.l10n) : '';
      const lines = result.problem ? [t(result.problem)] : result.errorLines;
      const head = result.cancelled ? t(M.cancelledText(step)) : result.timedOut ? t(M.timedOutText(step)) : t(M.failedText(step, lines));
      const message = left ? `${head} ${t(left)}` : head;
      const retry = vscode.l10n.t('Retry');
      const actions = result.cancelled ? [showLog] : [showLog, retry];
      const shown = result.cancelled ? vscode.window.showWarningMessage(message, ...actions) : vscode.window.showErrorMessage(message, ...actions);
      void shown.then((a) => {
        if (a === showLog) log.show();
        if (a === retry) {
          void vscode.commands.executeCommand(INTERNAL_COMMAND, { ...o, yes: false, signal: undefined })
            .then(undefined, (e: unknown) => log.error(`create-env: retry failed: ${String(e)}`));
        }
      });
      return {
        status: result.cancelled ? 'cancelled' : 'failed', plan: argvs, prefix: result.prefix, errorLines: result.errorLines,
        leftBehind: result.leftBehind, message,
      };
    }
    const prefix = result.prefix;
    let torch: CreateCondaEnvResult['torch'] = null;
    let interpreterSelected = false;
    if (prefix) {
      if (plan.target.kind === 'prefix') writePrefixGitignore(prefix, dir);
      if (o.selectInterpreter !== false) interpreterSelected = await selectInterpreter(pythonInPrefix(prefix), dir, log);
      const installed = await checkTorchIn(prefix, machine, { timeoutMs: readSettings().probeTimeoutSeconds * 1000 * 6 });
      torch = { version: installed.version, cudaAvailable: installed.cudaAvailable, error: installed.error };
      log.info(`create-env: torch in the new env: ${installed.version ?? installed.error ?? '-'}, cuda available: ${String(installed.cudaAvailable)}`);
    }
    const message = `${t(M.createdText(plan.target, prefix))} ${t(M.torchText(torch))}`;
    const warn = torch?.version && torch.cudaAvailable === false && machine?.gpu.vendor === 'nvidia';
    void (warn ? vscode.window.showWarningMessage(message, showLog) : vscode.window.showInformationMessage(message, showLog)).then((a) => {
      if (a === showLog) log.show();
    });
    return { status: 'created', plan: argvs, prefix, torch, interpreterSelected, message, leftBehind: null, errorLines: [] };
  }
}

export function registerCreateCondaEnv(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, machines: CurrentMachine): CreateCondaEnvCommand {
  const cmd = new CreateCondaEnvCommand(log, machines);
  context.subscriptions.push(cmd);
  return cmd;
}

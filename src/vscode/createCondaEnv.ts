// aiEnvDoctor.createCondaEnv: give the project its own conda env with the right PyTorch build.
// Plan in src/core/createEnv, processes in src/system/condaRunner; this file is the UI: quick picks
// with defaults, the fix diff, the plan shown before anything runs, a cancellable progress notification,
// all output in the log. Drivable without UI: pass an options object (tests, other commands).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PythonExtension } from '@vscode/python-extension';
import { Commands } from '../constants';
import type { Machine } from '../core/machine';
import { defaultsFor } from '../core/createEnv/defaults';
import * as M from '../core/createEnv/messages';
import { envNameProblem } from '../core/createEnv/names';
import { buildPlan } from '../core/createEnv/plan';
import { renderCommand, renderPlan } from '../core/createEnv/render';
import type { EnvTarget, ExistingAction, Plan, ProjectModel } from '../core/createEnv/types';
import { findConda } from '../system/condaLocator';
import { existingEnv, pythonInPrefix, runPlan, type PlanRunResult } from '../system/condaRunner';
import { checkTorchIn, loadProject, previewFixes, writePrefixGitignore } from '../system/createEnvProject';
import { readSettings } from './config';
import { logRejection } from './log';
import type { MachineResolver } from './machineResolver';
import { tr } from './translate';

/** Options for headless use (tests, other extensions); every field skips the matching question. */
export interface CreateCondaEnvOptions {
  /** Project folder (absolute path); default: the only workspace folder, else a pick. */
  folder?: string;
  /** Env name, or a prefix folder (absolute, or relative to the project folder, e.g. ".conda"). */
  name?: string;
  prefix?: string;
  /** Python version "3.12" (ignored for environment.yml). */
  python?: string;
  /** Driving file (requirements*.txt / environment.yml / pyproject.toml), absolute or relative to the folder. */
  file?: string;
  /** Skip the confirmation of the plan (and every other question that has a safe default). */
  yes?: boolean;
  /** Apply the rules' torch fixes first (true), or leave the file as it is (false). Unset: ask. */
  fixFirst?: boolean;
  /** What to do when the env already exists. Unset: ask (headless: stop, never delete silently). */
  existing?: ExistingAction | 'fail';
  /** Select the new env as the Python interpreter (default true). */
  selectInterpreter?: boolean;
  /** Cancels the run (in-process callers); the cancel command does the same for others. */
  signal?: AbortSignal;
}

export interface CreateCondaEnvResult {
  status: 'created' | 'failed' | 'cancelled' | 'refused' | 'aborted';
  /** Why it was refused / aborted: untrusted, no-folder, no-conda, exists, user. */
  reason?: string;
  plan?: string[][];
  prefix?: string | null;
  errorLines?: string[];
  leftBehind?: 'none' | 'partial' | null;
  torch?: { version: string | null; cudaAvailable: boolean | null; error: string | null } | null;
  interpreterSelected?: boolean;
  message?: string;
}

/** Not in the manifest on purpose: cancels the create-env run in progress (used by tests). */
export const CANCEL_COMMAND = 'aiEnvDoctor.createCondaEnv.cancel';

type Msg = M.Msg;
const t = (m: Msg): string => tr(m.l10n);

function headless(o: CreateCondaEnvOptions): boolean {
  return o.yes === true;
}

async function pickFolder(o: CreateCondaEnvOptions): Promise<string | null> {
  if (o.folder) return o.folder;
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 0) return null;
  if (folders.length === 1 || headless(o)) return folders[0].uri.fsPath;
  const pick = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Folder to create the environment for') });
  return pick?.uri.fsPath ?? null;
}

async function pickSourceFile(project: ProjectModel, o: CreateCondaEnvOptions): Promise<string | undefined | null> {
  if (o.file) return path.resolve(project.dir, o.file);
  if (headless(o) || project.source.kind === 'environment' || project.requirementsFiles.length < 2) return undefined;
  const items = project.requirementsFiles.map((f) => ({ label: path.basename(f), file: f }));
  const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Requirements file to install') });
  return pick ? pick.file : null;
}

async function pickTarget(dir: string, defaultName: string, o: CreateCondaEnvOptions): Promise<EnvTarget | null> {
  if (o.prefix !== undefined) return { kind: 'prefix', path: path.resolve(dir, o.prefix) };
  if (o.name !== undefined) return envNameProblem(o.name) ? null : { kind: 'name', name: o.name };
  if (headless(o)) return { kind: 'name', name: defaultName };
  const named = { label: `$(tag) ${vscode.l10n.t('Named environment')}`, description: defaultName, where: 'name' as const };
  const local = { label: `$(folder) ${vscode.l10n.t('Prefix in this folder')}`, description: './.conda', where: 'prefix' as const };
  const pick = await vscode.window.showQuickPick([named, local], { placeHolder: vscode.l10n.t('Where should the environment live?') });
  if (!pick) return null;
  if (pick.where === 'prefix') return { kind: 'prefix', path: path.join(dir, '.conda') };
  return askName(defaultName);
}

async function askName(value: string): Promise<EnvTarget | null> {
  const name = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('Environment name'),
    value,
    validateInput: (v) => {
      const p = envNameProblem(v.trim());
      return p ? vscode.l10n.t(p, v.trim()) : null;
    },
  });
  return name === undefined ? null : { kind: 'name', name: name.trim() };
}

async function pickPython(defaults: ReturnType<typeof defaultsFor>, o: CreateCondaEnvOptions): Promise<string | null> {
  if (o.python) return o.python;
  const d = defaults.python;
  if (headless(o)) return d.python;
  const list = d.candidates.length ? d.candidates : [d.python];
  const items = list.map((v) => ({
    label: `Python ${v}`,
    version: v,
    description: v === d.python ? vscode.l10n.t('recommended') : undefined,
    detail: v === d.python && defaults.torch ? vscode.l10n.t('newest version torch {0} supports and the project allows', defaults.torch) : undefined,
  }));
  items.sort((a, b) => (a.version === d.python ? -1 : b.version === d.python ? 1 : 0));
  const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Python version for the environment') });
  return pick?.version ?? null;
}

async function pickExisting(target: EnvTarget, prefix: string, o: CreateCondaEnvOptions): Promise<ExistingAction | 'rename' | null> {
  if (o.existing) return o.existing === 'fail' ? null : o.existing;
  if (headless(o)) return null;
  const update = { label: vscode.l10n.t('Update it'), value: 'update' as const, detail: vscode.l10n.t('Install what the project needs into the existing environment') };
  const recreate = { label: vscode.l10n.t('Delete and create it again'), value: 'recreate' as const, detail: prefix };
  const rename = { label: vscode.l10n.t('Use another name'), value: 'rename' as const };
  const items = target.kind === 'name' ? [update, recreate, rename] : [update, recreate];
  const pick = await vscode.window.showQuickPick(items, { placeHolder: t(M.alreadyExists(target, prefix)) });
  return pick?.value ?? null;
}

/** Shows the fixed text beside the file; applied as an undoable WorkspaceEdit only with consent. */
async function offerFixes(
  project: ProjectModel, machine: Machine | null, o: CreateCondaEnvOptions, previews: FixPreviewProvider, log: vscode.LogOutputChannel,
): Promise<'applied' | 'skipped' | 'cancel'> {
  const preview = previewFixes(project, machine);
  if (!preview) return 'skipped';
  if (o.fixFirst === false) return 'skipped';
  if (o.fixFirst === undefined && headless(o)) return 'skipped';
  const uri = vscode.Uri.file(preview.file);
  if (o.fixFirst === undefined) {
    const fixedUri = previews.set(preview.file, preview.fixed);
    await vscode.commands.executeCommand('vscode.diff', uri, fixedUri,
      vscode.l10n.t('{0}: torch lines fixed for this machine', path.basename(preview.file)));
    const apply = vscode.l10n.t('Apply fixes');
    const skip = vscode.l10n.t('Keep the file as it is');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('The torch lines of {0} will not work on this machine ({1}). Fix them first?', path.basename(preview.file), preview.codes.join(', ')),
      { modal: true }, apply, skip);
    if (answer === undefined) return 'cancel';
    if (answer === skip) return 'skipped';
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.getText() !== preview.original) {
    log.warn(`create-env: ${preview.file} changed since the preview; fixes not applied`);
    return 'skipped';
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), preview.fixed);
  await vscode.workspace.applyEdit(edit);
  await doc.save();
  log.info(`create-env: fixed ${preview.file} (${preview.codes.join(', ')})`);
  return 'applied';
}

/** Read-only documents holding the fixed text, for vscode.diff. */
class FixPreviewProvider implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'ai-env-doctor-fix';
  private readonly texts = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  set(file: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: FixPreviewProvider.scheme, path: file });
    this.texts.set(uri.toString(), text);
    this.emitter.fire(uri);
    return uri;
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

async function selectInterpreter(pythonPath: string, folder: string, log: vscode.LogOutputChannel): Promise<boolean> {
  if (!vscode.extensions.getExtension('ms-python.python')) return false;
  try {
    const api = await PythonExtension.api();
    await api.environments.updateActiveEnvironmentPath(pythonPath, vscode.Uri.file(folder));
    return true;
  } catch (e) {
    log.warn(`create-env: could not select ${pythonPath} as the interpreter: ${(e as Error).message}`);
    return false;
  }
}

async function currentMachine(machines: MachineResolver, folder: string): Promise<Machine | null> {
  // A fresh detection (the cached one may be the no-process first paint, or old): the env is built for this GPU.
  return machines.fresh(vscode.Uri.file(folder));
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

  constructor(private readonly log: vscode.LogOutputChannel, private readonly machines: MachineResolver) {
    this.disposables.push(
      this.previews,
      vscode.workspace.registerTextDocumentContentProvider(FixPreviewProvider.scheme, this.previews),
      vscode.commands.registerCommand(Commands.createCondaEnv, (o?: unknown) => this.run(sanitize(o))),
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
      logRejection(log, 'trust prompt', vscode.window.showErrorMessage(message, manage).then((a) =>
        a === manage ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
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
      logRejection(log, 'Miniconda link', vscode.window.showErrorMessage(message, how).then((a) =>
        a === how ? vscode.env.openExternal(vscode.Uri.parse(M.MINICONDA_URL)) : undefined));
      return { status: 'refused', reason: 'no-conda', message };
    }
    log.info(`create-env: ${tool.flavor} at ${tool.path}; folder ${dir}`);

    const machine = await currentMachine(this.machines, dir);
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

    let existing: ExistingAction | null = null;
    for (;;) {
      const prefix = await existingEnv(tool, target, {});
      if (!prefix) break;
      const choice = await pickExisting(target, prefix, o);
      if (choice === 'rename') {
        const next = await askName(`${target.kind === 'name' ? target.name : defaults.name}-2`);
        if (!next) return { status: 'aborted', reason: 'user' };
        target = next;
        continue;
      }
      if (!choice) {
        const message = t(M.alreadyExists(target, prefix));
        if (headless(o) || o.existing === 'fail') void vscode.window.showWarningMessage(message);
        return { status: 'refused', reason: 'exists', message, prefix };
      }
      existing = choice;
      break;
    }

    const plan = buildPlan({ tool, project, target, python, existing, recommendation: defaults.recommendation });
    const shown = renderPlan(plan, process.platform);
    log.info(`create-env plan:\n${shown}`);
    if (!o.yes) {
      const runLabel = vscode.l10n.t('Run');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('Create the conda environment with these commands?'),
        { modal: true, detail: shown }, runLabel);
      if (answer !== runLabel) return { status: 'aborted', reason: 'user', plan: plan.steps.map((s) => s.argv) };
    }
    return this.execute(plan, dir, machine, o);
  }

  private async execute(plan: Plan, dir: string, machine: Machine | null, o: CreateCondaEnvOptions): Promise<CreateCondaEnvResult> {
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
      const head = result.cancelled ? t(M.cancelledText(step)) : result.timedOut ? t(M.timedOutText(step)) : t(M.failedText(step, result.errorLines));
      const message = left ? `${head} ${t(left)}` : head;
      const retry = vscode.l10n.t('Retry');
      const actions = result.cancelled ? [showLog] : [showLog, retry];
      const shown = result.cancelled ? vscode.window.showWarningMessage(message, ...actions) : vscode.window.showErrorMessage(message, ...actions);
      logRejection(log, 'create-env retry', shown.then((a) => {
        if (a === showLog) log.show();
        return a === retry ? vscode.commands.executeCommand(Commands.createCondaEnv, { ...o, yes: false, signal: undefined }) : undefined;
      }));
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

/** Only known fields of the right type pass (the command can be invoked with anything). */
function sanitize(o: unknown): CreateCondaEnvOptions {
  if (!o || typeof o !== 'object' || o instanceof vscode.Uri) {
    return o instanceof vscode.Uri ? { folder: o.fsPath } : {};
  }
  const r = o as Record<string, unknown>;
  const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : undefined);
  const bool = (k: string) => (typeof r[k] === 'boolean' ? (r[k] as boolean) : undefined);
  const existing = str('existing');
  return {
    folder: str('folder'), name: str('name'), prefix: str('prefix'), python: str('python'), file: str('file'),
    yes: bool('yes'), fixFirst: bool('fixFirst'), selectInterpreter: bool('selectInterpreter'),
    existing: existing === 'update' || existing === 'recreate' || existing === 'fail' ? existing : undefined,
    signal: r.signal instanceof AbortSignal ? r.signal : undefined,
  };
}

export function registerCreateCondaEnv(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, machines: MachineResolver): CreateCondaEnvCommand {
  const cmd = new CreateCondaEnvCommand(log, machines);
  context.subscriptions.push(cmd);
  return cmd;
}

// The questions of "Create conda env": folder, file, where the env lives, Python, what to do with an env
// that is there (or may be), and the torch fixes shown as a diff and applied only with consent. Each skips
// its question when the options answer it (src/vscode/createCondaEnvOptions.ts).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PythonExtension } from '@vscode/python-extension';
import type { Machine } from '../core/machine';
import type { defaultsFor } from '../core/createEnv/defaults';
import * as M from '../core/createEnv/messages';
import { envNameProblem } from '../core/createEnv/names';
import type { EnvTarget, ExistingAction, ProjectModel } from '../core/createEnv/types';
import { fixesWritable, previewFixes } from '../system/createEnvProject';
import type { CreateCondaEnvOptions } from './createCondaEnvOptions';
import { tr } from './translate';

const t = (m: M.Msg): string => tr(m.l10n);

export function headless(o: CreateCondaEnvOptions): boolean {
  return o.yes === true;
}

export async function pickFolder(o: CreateCondaEnvOptions): Promise<string | null> {
  if (o.folder) return o.folder;
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 0) return null;
  if (folders.length === 1 || headless(o)) return folders[0].uri.fsPath;
  const pick = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Folder to create the environment for') });
  return pick?.uri.fsPath ?? null;
}

export async function pickSourceFile(project: ProjectModel, o: CreateCondaEnvOptions): Promise<string | undefined | null> {
  if (o.file) return path.resolve(project.dir, o.file);
  if (headless(o) || project.source.kind === 'environment' || project.requirementsFiles.length < 2) return undefined;
  const items = project.requirementsFiles.map((f) => ({ label: path.basename(f), file: f }));
  const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Requirements file to install') });
  return pick ? pick.file : null;
}

export async function pickTarget(dir: string, defaultName: string, o: CreateCondaEnvOptions): Promise<EnvTarget | null> {
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

export async function askName(value: string): Promise<EnvTarget | null> {
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

export async function pickPython(defaults: ReturnType<typeof defaultsFor>, o: CreateCondaEnvOptions): Promise<string | null> {
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

export type ExistingChoice = { action: ExistingAction; prune: boolean } | 'rename' | null;

/** What to do with the env found at the target; pruning is its own, plainly destructive choice. */
export async function pickExisting(target: EnvTarget, prefix: string, fromYml: boolean, o: CreateCondaEnvOptions): Promise<ExistingChoice> {
  if (o.existing) return o.existing === 'fail' ? null : { action: o.existing, prune: o.prune === true };
  if (headless(o)) return null;
  const update = { label: vscode.l10n.t('Update it'), value: { action: 'update' as const, prune: false },
    detail: vscode.l10n.t('Install what the project needs into the existing environment; nothing is uninstalled') };
  const prune = { label: vscode.l10n.t('Update it and uninstall what the file does not list'), value: { action: 'update' as const, prune: true },
    detail: vscode.l10n.t('conda env update --prune: uninstalls every package in {0} that the file does not name', prefix) };
  const recreate = { label: vscode.l10n.t('Delete and create it again'), value: { action: 'recreate' as const, prune: false }, detail: prefix };
  const rename = { label: vscode.l10n.t('Use another name'), value: 'rename' as const };
  const items: { label: string; value: ExistingChoice; detail?: string }[] = [update];
  if (fromYml) items.push(prune);
  items.push(recreate);
  if (target.kind === 'name') items.push(rename);
  const pick = await vscode.window.showQuickPick(items, { placeHolder: t(M.alreadyExists(target, prefix)) });
  return pick?.value ?? null;
}

/** conda could not say whether the target exists: check again, pick another name, or stop. Never "go ahead". */
export async function askUnknown(target: EnvTarget, why: M.Msg, o: CreateCondaEnvOptions): Promise<'retry' | 'rename' | null> {
  if (headless(o)) return null;
  const retry = vscode.l10n.t('Check again');
  const rename = vscode.l10n.t('Use another name');
  const buttons = target.kind === 'name' ? [retry, rename] : [retry];
  const answer = await vscode.window.showWarningMessage(t(M.unknownRefusal(target, why)), { modal: true }, ...buttons);
  return answer === retry ? 'retry' : answer === rename ? 'rename' : null;
}

/** Shows the fixed text beside the file; applied as an undoable WorkspaceEdit only with consent. */
export async function offerFixes(
  project: ProjectModel, machine: Machine | null, o: CreateCondaEnvOptions, previews: FixPreviewProvider, log: vscode.LogOutputChannel,
): Promise<'applied' | 'skipped' | 'cancel'> {
  const preview = previewFixes(project, machine);
  if (!preview) return 'skipped';
  if (o.fixFirst === false) return 'skipped';
  if (o.fixFirst === undefined && headless(o)) return 'skipped';
  if (fixesWritable(preview) !== 'ok') {
    // Replacing the text of a file that is not plain UTF-8 would re-encode the parts the fix does not touch.
    log.warn(`create-env: ${preview.file} is not plain UTF-8 with LF or CRLF line ends; its torch lines were not fixed`);
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not plain UTF-8 (or has old Mac line ends), so its torch lines were not fixed; fix them by hand.', path.basename(preview.file)));
    return 'skipped';
  }
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
export class FixPreviewProvider implements vscode.TextDocumentContentProvider {
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

export async function selectInterpreter(pythonPath: string, folder: string, log: vscode.LogOutputChannel): Promise<boolean> {
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


// Workspace trust: a workspace can name executables (conda, nvidia-smi, python) in its settings; in an
// untrusted workspace only the user's own (global) value counts. File diagnostics never need trust.
import * as vscode from 'vscode';
import { Settings } from '../constants';

export type ExecutableSetting = typeof Settings.condaPath | typeof Settings.nvidiaSmiPath | typeof Settings.pythonPath;

export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/**
 * The executable path a setting names, honouring trust: trusted → the effective value; untrusted → the
 * user-level value only (a workspace or folder value is ignored). '' when unset.
 */
export function executablePath(key: ExecutableSetting, scope?: vscode.ConfigurationScope): string {
  const config = vscode.workspace.getConfiguration(undefined, scope);
  if (isTrusted()) return (config.get<string>(key) ?? '').trim();
  const inspected = config.inspect<string>(key);
  return (inspected?.globalValue ?? '').trim();
}

/** Calls `listener` once when the user grants trust (re-read executable settings, probe again). */
export function onDidGrantTrust(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(listener);
}

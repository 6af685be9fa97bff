// Typed settings: one snapshot per resource (the target profile and the unpinned toggle are
// resource-scoped, so a folder can describe its own GPU server), plus a change event narrowed to ours.
import * as vscode from 'vscode';
import { clampProbeTimeoutSeconds } from '../core/probeTimeout';
import { Settings } from '../constants';
import type { Machine } from '../core/machine';
import { MachineFlagError, machineFromFlags } from '../core/machineProfile';
import { executablePath } from './trust';
import { parseTargetSetting, type TargetFlags } from './free/targetProfile';

export interface SettingsSnapshot {
  /** The target profile, or null when unset (then the detected machine is used). */
  target: TargetFlags | null;
  /** Problems found in aiEnvDoctor.target (English, for the log). */
  targetProblems: string[];
  /** Executable paths, '' when unset; workspace values ignored in untrusted workspaces. */
  condaPath: string;
  nvidiaSmiPath: string;
  pythonPath: string;
  refreshIntervalSeconds: number;
  probeTimeoutSeconds: number;
  unpinnedRequirements: boolean;
  statusBarEnabled: boolean;
}

function num(v: unknown, fallback: number, min: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.max(min, v) : fallback;
}

/** Read every setting for `scope` (a document URI or folder; undefined → window level). */
export function readSettings(scope?: vscode.ConfigurationScope): SettingsSnapshot {
  const c = vscode.workspace.getConfiguration(undefined, scope);
  const target = parseTargetSetting(c.get<unknown>(Settings.target));
  return {
    target: target.flags,
    targetProblems: target.problems,
    condaPath: executablePath(Settings.condaPath, scope),
    nvidiaSmiPath: executablePath(Settings.nvidiaSmiPath, scope),
    pythonPath: executablePath(Settings.pythonPath, scope),
    refreshIntervalSeconds: num(c.get(Settings.refreshIntervalSeconds), 0, 0),
    probeTimeoutSeconds: clampProbeTimeoutSeconds(num(c.get(Settings.probeTimeoutSeconds), 10, 1)),
    unpinnedRequirements: c.get<boolean>(Settings.unpinnedRequirements) !== false,
    statusBarEnabled: c.get<boolean>(Settings.statusBarEnabled) !== false,
  };
}

/**
 * The target profile as a Machine, laid over `base` (what was detected; null → an empty Linux machine).
 * null when no profile is set; an English error (for the log) when a value cannot describe a machine.
 */
export function targetMachine(settings: SettingsSnapshot, base: Machine | null): { machine: Machine | null; error: string | null } {
  if (!settings.target) return { machine: null, error: null };
  try {
    return { machine: { ...machineFromFlags(settings.target, base), source: 'target' }, error: null };
  } catch (e) {
    if (e instanceof MachineFlagError) return { machine: null, error: `aiEnvDoctor.target ignored: ${e.message}` };
    throw e;
  }
}

/** Fires when any aiEnvDoctor.* setting changes (in any scope). */
export function onDidChangeSettings(
  listener: (e: vscode.ConfigurationChangeEvent) => void,
  thisArgs?: unknown,
  disposables?: vscode.Disposable[],
): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration(
    (e) => {
      if (e.affectsConfiguration(Settings.section)) listener(e);
    },
    thisArgs,
    disposables,
  );
}

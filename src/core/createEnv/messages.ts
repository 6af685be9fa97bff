// Messages shared by the CLI and the editor (English text + template for vscode.l10n.t), so both say
// the same thing about the same outcome.
import { msg } from '../l10n';
import type { EnvTarget } from './types';

export type Msg = ReturnType<typeof msg>;

export const MINICONDA_URL = 'https://www.anaconda.com/docs/getting-started/miniconda/install';

export function noConda(): Msg {
  return msg('No conda, mamba or micromamba was found (setting aiEnvDoctor.condaPath, CONDA_EXE, PATH, usual install folders). Install Miniconda to create environments.');
}

export function targetText(t: EnvTarget): string {
  return t.kind === 'name' ? t.name : t.path;
}

export function alreadyExists(t: EnvTarget, prefix: string): Msg {
  return msg('An environment "{0}" already exists at {1}.', targetText(t), prefix);
}

/** How to remove what is left, as a command line (display only). */
export function removeHint(flavor: string, t: EnvTarget): string {
  const micro = flavor === 'micromamba';
  const sel = t.kind === 'name' ? `${micro ? '-n' : '--name'} ${t.name}` : `${micro ? '-p' : '--prefix'} "${t.path}"`;
  return micro ? `micromamba env remove -y ${sel}` : `${flavor} remove --all --yes ${sel}`;
}

/** What a failed run left; nothing is said when it could not be looked at (null). */
export function leftBehindText(left: 'none' | 'partial' | 'existing' | null, prefix: string | null, flavor: string, t: EnvTarget): Msg | null {
  if (left === 'partial' && prefix) {
    return msg('A partial environment is left at {0}. Remove it with: {1}', prefix, removeHint(flavor, t));
  }
  if (left === 'existing') {
    return msg('The existing environment {0} is still there; the failed step may have changed part of it.', targetText(t));
  }
  if (left === 'none') return msg('No environment was left behind.');
  return null;
}

export function noEnvAfterRun(where: string): Msg {
  return msg('conda reported success, but no environment (conda-meta) is at {0}.', where);
}

export function unknownRefusal(t: EnvTarget, why: Msg): Msg {
  return msg('Could not tell whether the environment "{0}" already exists ({1}). Nothing was run: creating it now could replace an existing environment.', targetText(t), why);
}

export function failedText(stepTitle: string, errorLines: readonly string[]): Msg {
  return msg('Creating the environment failed at "{0}": {1}', stepTitle, errorLines.join(' | ') || 'no error output');
}

export function cancelledText(stepTitle: string): Msg {
  return msg('Cancelled during "{0}"; the running process was stopped.', stepTitle);
}

export function timedOutText(stepTitle: string): Msg {
  return msg('"{0}" ran past its time limit and was stopped.', stepTitle);
}

export function createdText(t: EnvTarget, prefix: string | null): Msg {
  return msg('Environment "{0}" is ready at {1}.', targetText(t), prefix ?? targetText(t));
}

/** What the torch check in the new env says. */
export function torchText(torch: { version: string | null; cudaAvailable: boolean | null; error: string | null } | null): Msg {
  if (!torch || torch.error === 'not-installed' || (torch.version === null && !torch.error)) {
    return msg('torch is not installed in the new environment.');
  }
  if (torch.error) return msg('Could not check torch in the new environment: {0}', torch.error);
  if (torch.cudaAvailable) return msg('torch {0}: torch.cuda.is_available() is True.', torch.version ?? '?');
  return msg('torch {0}: torch.cuda.is_available() is False.', torch.version ?? '?');
}

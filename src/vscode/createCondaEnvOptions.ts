// The options of "Create conda env" and who may pass which. The public command can be invoked by anything
// that can run a command, a command link in Markdown included, so it takes only what cannot destroy or
// change anything without a question (folder, name, Python, file). Skipping questions, replacing or
// updating an env, a prefix folder and applying fixes unasked are for in-process callers only, through
// INTERNAL_COMMAND, which is registered but not contributed in package.json. No vscode import: plain data.
import type { ExistingAction } from '../core/createEnv/types';

/** Registered, not contributed: reachable from this extension's code and its tests, never from a link. */
export const INTERNAL_COMMAND = 'aiEnvDoctor._createCondaEnvInternal';
/** Not in the manifest on purpose: cancels the create-env run in progress (used by tests). */
export const CANCEL_COMMAND = 'aiEnvDoctor.createCondaEnv.cancel';

/** Options for headless use (tests, other commands); every field skips the matching question. */
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
  /** With existing "update" from environment.yml: also uninstall what the file does not list. */
  prune?: boolean;
  /** Select the new env as the Python interpreter (default true). */
  selectInterpreter?: boolean;
  /** Cancels the run (in-process callers); the cancel command does the same for others. */
  signal?: AbortSignal;
}

export interface CreateCondaEnvResult {
  status: 'created' | 'failed' | 'cancelled' | 'refused' | 'aborted';
  /** Why it was refused / aborted: untrusted, busy, no-folder, no-conda, exists, unknown, blocked, bad-name, user. */
  reason?: string;
  plan?: string[][];
  prefix?: string | null;
  errorLines?: string[];
  leftBehind?: 'none' | 'partial' | 'existing' | null;
  torch?: { version: string | null; cudaAvailable: boolean | null; error: string | null } | null;
  interpreterSelected?: boolean;
  message?: string;
}

function isUriLike(o: object): o is { scheme: string; fsPath: string } {
  const u = o as { scheme?: unknown; fsPath?: unknown };
  return typeof u.scheme === 'string' && typeof u.fsPath === 'string';
}

/**
 * Only known fields of the right type pass. `trusted` (in-process callers) keeps everything; otherwise
 * only the fields that still lead to every question a destructive step needs.
 */
export function sanitizeOptions(o: unknown, trusted: boolean): CreateCondaEnvOptions {
  if (!o || typeof o !== 'object') return {};
  if (isUriLike(o)) return o.scheme === 'file' ? { folder: o.fsPath } : {};
  const r = o as Record<string, unknown>;
  const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : undefined);
  const bool = (k: string) => (typeof r[k] === 'boolean' ? (r[k] as boolean) : undefined);
  const existing = str('existing');
  const safe: CreateCondaEnvOptions = {
    folder: str('folder'), name: str('name'), python: str('python'), file: str('file'),
    selectInterpreter: bool('selectInterpreter'),
    // Declining is always safe; stopping at an existing env too.
    fixFirst: bool('fixFirst') === false ? false : undefined,
    existing: existing === 'fail' ? 'fail' : undefined,
  };
  if (!trusted) return safe;
  return {
    ...safe,
    prefix: str('prefix'), yes: bool('yes'), fixFirst: bool('fixFirst'), prune: bool('prune'),
    existing: existing === 'update' || existing === 'recreate' || existing === 'fail' ? existing : undefined,
    signal: r.signal instanceof AbortSignal ? r.signal : undefined,
  };
}

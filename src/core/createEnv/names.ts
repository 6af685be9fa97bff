// Env names: what we accept ([A-Za-z0-9._-]+, safe in a path and in a shell on every OS; stricter than
// conda, which only refuses "/", " ", ":" and "#") and the default derived from a yml name or a folder name.

export const ENV_NAME_PATTERN = /^[A-Za-z0-9._-]+$/;

/** Names conda reserves or that would address something else. */
const RESERVED = new Set(['base', 'root', '.', '..']);

export function isValidEnvName(name: string): boolean {
  return ENV_NAME_PATTERN.test(name) && !RESERVED.has(name.toLowerCase()) && name.length <= 100;
}

/**
 * Why a name is refused, as a message template (null when valid). {0} is the name.
 */
export function envNameProblem(name: string): string | null {
  if (name === '') return 'Enter a name for the environment.';
  if (RESERVED.has(name.toLowerCase())) return '"{0}" is reserved by conda; choose another name.';
  if (!ENV_NAME_PATTERN.test(name)) return 'Use only letters, digits, ".", "_" and "-" (no spaces): "{0}".';
  if (name.length > 100) return 'The name is too long.';
  return null;
}

/**
 * The default name: the environment.yml `name:` when it is valid, else the folder name with every
 * run of other characters replaced by "-" (non-ASCII folder names become "-"-joined ASCII parts), else "env".
 */
export function defaultEnvName(ymlName: string | null, folderName: string): string {
  if (ymlName && isValidEnvName(ymlName.trim())) return ymlName.trim();
  const cleaned = folderName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  if (cleaned && isValidEnvName(cleaned)) return cleaned;
  return 'env';
}

// Which documents the extension analyses, decided from the file name and language id alone (no editor
// API, so it is unit-tested). Mirrors the manifest's pip-requirements filenames/filenamePatterns.
import * as path from 'node:path';

export type AnalyzedKind = 'requirements' | 'environment' | 'pyproject';

/** Schemes whose documents are analysed (a git: or output: document is not the user's file). */
export const ANALYZED_SCHEMES: readonly string[] = ['file', 'untitled'];

// The same names core's documentKind (src/core/analyze.ts) accepts, so the CLI and the editor agree.
const REQUIREMENTS_NAME = /^.*(?:req|constraint).*\.(?:txt|in)$/i;
const ENVIRONMENT_NAME = /^(?:.*(?:environment|conda).*|env.*)\.ya?ml$/i;
const PYPROJECT_NAME = /^(?:pyproject.*|pixi)\.toml$/i;

export function kindForDocument(fileName: string, languageId: string): AnalyzedKind | null {
  if (languageId === 'pip-requirements') return 'requirements';
  const base = path.basename(fileName.replace(/\\/g, '/'));
  if (ENVIRONMENT_NAME.test(base)) return 'environment';
  if (PYPROJECT_NAME.test(base)) return 'pyproject';
  // A requirements file the user opened as plain text (no language contribution took it) still counts;
  // one deliberately switched to another language does not.
  const inRequirementsDir = /(?:^|[\\/])req[^\\/]*[\\/](?:[^\\/]+[\\/])*[^\\/]+\.(?:txt|in)$/i.test(fileName);
  if (languageId === 'plaintext' && (REQUIREMENTS_NAME.test(base) || inRequirementsDir)) return 'requirements';
  return null;
}

/** Glob for workspace.findFiles: every file kindForDocument can accept by name. */
export const ANALYZED_GLOB =
  '**/{*requirements*.txt,*requirements*.in,*constraints*.txt,requirements/**/*.txt,requirements/**/*.in,*environment*.yml,*environment*.yaml,env*.yml,env*.yaml,*conda*.yml,*conda*.yaml,pyproject.toml,pixi.toml}';

/** Folders never worth scanning for a report. */
export const EXCLUDED_GLOB = '**/{node_modules,.git,.venv,venv,.tox,.nox,site-packages,__pycache__,dist,build,.mypy_cache}/**';

/** Kind of a file found on disk (no language id known): as if opened as plain text. */
export function kindForPath(fileName: string): AnalyzedKind | null {
  return kindForDocument(fileName, 'plaintext');
}

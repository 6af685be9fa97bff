// Which files are analysed, and as what: one table, from which the CLI's folder search, the editor's
// document filter, selector and report search, and the manifest's activation events are all derived
// (tests hold package.json and the globs to this table). Decided from the path and language id alone.
import { LANGUAGE_ID } from '../constants';
import type { DocumentKind } from './rules/model';

export type { DocumentKind } from './rules/model';
/** The editor's name for a document's kind. */
export type AnalyzedKind = DocumentKind;

export interface DocumentType {
  kind: DocumentKind;
  /** Base-name test (case-insensitive). */
  name: RegExp;
  /** Files below a folder whose name passes `folder` count too, when their extension is one of `extensions`. */
  folder?: { name: RegExp; extensions: readonly string[] };
  /** The same names as `name` and `folder`, as globs relative to any folder (lower case; tests keep them equal). */
  globs: readonly string[];
  /** Documents in this editor language are of this kind whatever their name. */
  languageId?: string;
  /** Only a document in this language is taken by its name (one the user switched to another language is not). */
  nameNeedsLanguage?: string;
}

export const REQUIREMENTS_LANGUAGE = LANGUAGE_ID;

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  {
    kind: 'environment',
    name: /^(?:.*(?:environment|conda).*|env.*)\.ya?ml$/i,
    globs: ['*environment*.yml', '*environment*.yaml', '*conda*.yml', '*conda*.yaml', 'env*.yml', 'env*.yaml'],
  },
  {
    kind: 'pyproject',
    name: /^(?:pyproject.*|pixi)\.toml$/i,
    globs: ['pyproject*.toml', 'pixi.toml'],
  },
  {
    kind: 'requirements',
    name: /^.*(?:req|constraint).*\.(?:txt|in)$/i,
    // requirements/base.txt, reqs/gpu/cu121.txt: any .txt/.in below a folder named req*
    folder: { name: /^req/i, extensions: ['.txt', '.in'] },
    globs: ['*req*.txt', '*req*.in', '*constraint*.txt', '*constraint*.in', 'req*/**/*.txt', 'req*/**/*.in'],
    languageId: REQUIREMENTS_LANGUAGE,
    // A requirements file the user opened as plain text (no language contribution took it) still counts.
    nameNeedsLanguage: 'plaintext',
  },
];

/**
 * The names the manifest gives the pip-requirements language (package.json `filenames` and
 * `filenamePatterns`): narrower than what is analysed, so that e.g. `frequency.txt` keeps its language.
 */
export const REQUIREMENTS_LANGUAGE_FILES = {
  filenames: ['requirements.txt', 'requirements.in', 'constraints.txt'],
  filenamePatterns: ['*requirements*.txt', '*requirements*.in', '*constraints*.txt', '**/requirements/*.txt', '**/requirements/*.in'],
} as const;

/** Folders never searched: dependencies, VCS data, virtual environments, caches, build output. */
export const EXCLUDED_FOLDERS: readonly string[] = [
  'node_modules', '.git', '.hg', '.svn', '.venv', 'venv', '.env', 'env', '.tox', '.nox', '__pycache__',
  'site-packages', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'dist', 'build', '.pixi', '.conda',
  '.idea', '.vscode-test', '.eggs', '*.egg-info',
];

/** Schemes whose documents are analysed (a git: or output: document is not the user's file). */
export const ANALYZED_SCHEMES: readonly string[] = ['file', 'untitled'];

const EXCLUDED_NAMES = new Set(EXCLUDED_FOLDERS.filter((f) => !f.startsWith('*')));
const EXCLUDED_SUFFIXES = EXCLUDED_FOLDERS.filter((f) => f.startsWith('*')).map((f) => f.slice(1));

/** True for a folder (by its name) that the search for project files skips. */
export function isExcludedFolder(name: string): boolean {
  return EXCLUDED_NAMES.has(name) || EXCLUDED_SUFFIXES.some((s) => name.endsWith(s));
}

function segments(fileName: string): string[] {
  return fileName.split(/[\\/]/);
}

function nameMatches(t: DocumentType, fileName: string): boolean {
  const parts = segments(fileName);
  const base = parts[parts.length - 1] ?? fileName;
  if (t.name.test(base)) return true;
  const folder = t.folder;
  if (!folder) return false;
  const lower = base.toLowerCase();
  return folder.extensions.some((e) => lower.endsWith(e)) && parts.slice(0, -1).some((d) => folder.name.test(d));
}

/** Kind of a document from its file name (or untitled path) and editor language id; null when not analysed. */
export function kindForDocument(fileName: string, languageId: string): DocumentKind | null {
  const byLanguage = DOCUMENT_TYPES.find((t) => t.languageId === languageId);
  if (byLanguage) return byLanguage.kind;
  for (const t of DOCUMENT_TYPES) {
    if (t.nameNeedsLanguage && t.nameNeedsLanguage !== languageId) continue;
    if (nameMatches(t, fileName)) return t.kind;
  }
  return null;
}

/** Kind of a file by its path alone (on disk, no language id known); null for anything else. */
export function kindForPath(fileName: string): DocumentKind | null {
  for (const t of DOCUMENT_TYPES) if (nameMatches(t, fileName)) return t.kind;
  return null;
}

/** Every glob of the table, each relative to any folder (`**` prefixed). */
export const ANALYZED_GLOBS: readonly string[] = DOCUMENT_TYPES.flatMap((t) => t.globs.map((g) => `**/${g}`));

/** One glob for workspace.findFiles: every file kindForPath can accept by name. */
export const ANALYZED_GLOB = `**/{${DOCUMENT_TYPES.flatMap((t) => t.globs).join(',')}}`;

/** Exclude glob for workspace.findFiles: the excluded folders, at any depth. */
export const EXCLUDED_GLOB = `**/{${EXCLUDED_FOLDERS.join(',')}}/**`;

/** The manifest's `workspaceContains:` activation events: a workspace holding any analysed file activates. */
export const WORKSPACE_ACTIVATION_EVENTS: readonly string[] = [
  `onLanguage:${REQUIREMENTS_LANGUAGE}`,
  ...ANALYZED_GLOBS.map((g) => `workspaceContains:${g}`),
];

/** Document filters (vscode.DocumentFilter's shape) for the editor's providers: the same documents kindForDocument takes. */
export interface DocumentFilterSpec {
  language?: string;
  scheme: string;
  pattern?: string;
}

export function documentSelector(): DocumentFilterSpec[] {
  const out: DocumentFilterSpec[] = [];
  for (const t of DOCUMENT_TYPES) {
    if (t.languageId) for (const scheme of ANALYZED_SCHEMES) out.push({ language: t.languageId, scheme });
    const pattern = `**/{${t.globs.join(',')}}`;
    out.push(t.nameNeedsLanguage ? { scheme: 'file', language: t.nameNeedsLanguage, pattern } : { scheme: 'file', pattern });
  }
  return out;
}

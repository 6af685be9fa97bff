// The manifest's activation events and language contribution against the table of analysed files
// (core/documents.ts): a workspace holding any file the extension analyses activates it, whatever its
// name or depth (conda.yaml, env.yml, pixi.toml, a nested pyproject.toml), and every name the manifest
// gives the pip-requirements language is one the table analyses as requirements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DOCUMENT_TYPES, kindForPath, REQUIREMENTS_LANGUAGE, REQUIREMENTS_LANGUAGE_FILES, WORKSPACE_ACTIVATION_EVENTS,
} from '../../../src/core/documents';
import { corpusDir, repoRoot } from '../../paths';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { languages: { id: string; filenames?: string[]; filenamePatterns?: string[] }[] };
};
const workspaceGlobs = pkg.activationEvents.filter((e) => e.startsWith('workspaceContains:')).map((e) => e.slice('workspaceContains:'.length));
const activates = (rel: string) => workspaceGlobs.some((g) => path.matchesGlob(rel.toLowerCase(), g));

/** Workspace-relative names the table accepts: the corpus's project files, and the ones that used to be missed. */
function acceptedNames(): string[] {
  const names: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else names.push(path.relative(corpusDir, path.join(d, e.name)).split(path.sep).join('/'));
    }
  };
  walk(corpusDir);
  names.push('conda.yaml', 'env.yml', 'environment-dev.yml', 'pixi.toml', 'backend/pyproject.toml', 'req-dev.txt', 'reqs/base.txt', 'a/b/constraint.in');
  return names.filter((n) => kindForPath(n) !== null);
}

test('the activation events are the ones derived from the table', () => {
  assert.deepEqual(pkg.activationEvents, [...WORKSPACE_ACTIVATION_EVENTS]);
  assert.ok(pkg.activationEvents.includes(`onLanguage:${REQUIREMENTS_LANGUAGE}`));
});

test('a workspace holding any one file the table accepts activates the extension (workspaceContains)', () => {
  const names = acceptedNames();
  assert.ok(names.length > 50, `only ${names.length} names`);
  for (const n of names) assert.ok(activates(n), `${n} (${kindForPath(n)}) activates nothing`);
  for (const t of DOCUMENT_TYPES) assert.ok(names.some((n) => kindForPath(n) === t.kind), t.kind);
});

test('files the extension does not analyse do not activate it', () => {
  for (const n of ['README.md', 'notes.txt', 'Cargo.toml', '.github/workflows/ci.yml', 'docker-compose.yml', 'docs/index.in']) {
    assert.equal(kindForPath(n), null, n);
    assert.equal(activates(n), false, n);
  }
});

test('the pip-requirements language claims only names the table analyses as requirements', () => {
  const lang = pkg.contributes.languages.find((l) => l.id === REQUIREMENTS_LANGUAGE);
  assert.ok(lang, 'no pip-requirements language contribution');
  assert.deepEqual(lang.filenames, [...REQUIREMENTS_LANGUAGE_FILES.filenames]);
  assert.deepEqual(lang.filenamePatterns, [...REQUIREMENTS_LANGUAGE_FILES.filenamePatterns]);
  for (const n of lang.filenames ?? []) assert.equal(kindForPath(`p/${n}`), 'requirements', n);
  const claimed = acceptedNames().concat(['p/notes.txt', 'p/requirements/README.md', 'p/x/dev-requirements.in']);
  let seen = 0;
  for (const n of claimed) {
    // VS Code matches a filenamePattern without a slash against the base name, one with a slash against the path
    const base = n.split('/').pop() ?? n;
    const byPattern = (lang.filenamePatterns ?? []).some((g) => path.matchesGlob(g.includes('/') ? `/w/${n}` : base, g));
    if (!byPattern) continue;
    seen++;
    assert.equal(kindForPath(n), 'requirements', n);
  }
  assert.ok(seen > 10, `only ${seen} names matched a filenamePattern`);
});

// The one table of analysed files (core/documents.ts): the name tests, and the globs, exclusions and
// selector derived from it agree with each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusPath } from '../../paths';
import {
  ANALYZED_GLOB, DOCUMENT_TYPES, documentSelector, EXCLUDED_FOLDERS, EXCLUDED_GLOB, isExcludedFolder, kindForDocument, kindForPath,
} from '../../../src/core/documents';

test('pip-requirements language id is analysed whatever the file name', () => {
  assert.equal(kindForDocument('/p/deps.lock', 'pip-requirements'), 'requirements');
  assert.equal(kindForDocument('Untitled-1', 'pip-requirements'), 'requirements');
});

test('environment files by name', () => {
  for (const n of ['environment.yml', 'environment.yaml', 'environment-wsl2.yaml', 'build-environment.yaml', 'conda.yaml', 'conda-extras.yml', 'C:\\proj\\Environment.YML']) {
    assert.equal(kindForDocument(n, 'yaml'), 'environment', n);
  }
  for (const n of ['docker-compose.yml', '.github/workflows/ci.yml', 'mkdocs.yaml']) assert.equal(kindForDocument(n, 'yaml'), null, n);
  assert.equal(kindForDocument('/p/env.yml', 'yaml'), 'environment');
  assert.equal(kindForDocument('/p/env/SE3nv.yml', 'yaml'), null);
});

// Names to hold the globs to the name tests: the corpus's files, and names built from the usual parts.
function sampleNames(): string[] {
  const corpus = corpusPath();
  const names: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else names.push(path.join(d, e.name).replace(corpus, 'p').split(path.sep).join('/'));
    }
  };
  walk(corpus);
  const stems = ['requirements', 'req', 'reqs', 'constraints', 'constraint', 'environment', 'env', 'conda', 'pyproject', 'pixi', 'notes', 'frequency', 'Cargo', 'docker-compose', 'mkdocs'];
  for (const folder of ['', 'requirements/', 'reqs/gpu/', 'docs/', 'env/']) {
    for (const prefix of ['', 'dev-']) {
      for (const stem of stems) {
        for (const suffix of ['', '-dev', '.lock']) {
          for (const ext of ['.txt', '.in', '.yml', '.yaml', '.toml', '.md']) names.push(`p/${folder}${prefix}${stem}${suffix}${ext}`);
        }
      }
    }
  }
  return names;
}

const matchesGlob = (p: string, g: string): boolean => path.matchesGlob(p, g);

test('the globs accept exactly the names the name tests accept (per kind; globs are lower case)', () => {
  let accepted = 0;
  for (const n of sampleNames()) {
    const lower = n.toLowerCase();
    const byGlob = DOCUMENT_TYPES.filter((t) => t.globs.some((g) => matchesGlob(lower, `**/${g}`))).map((t) => t.kind);
    const kind = kindForPath(n);
    // a name two kinds' globs take goes to the first kind of the table, as kindForPath does
    assert.equal(byGlob[0] ?? null, kind, n);
    assert.equal(matchesGlob(lower, ANALYZED_GLOB), kind !== null, n);
    if (kind) accepted++;
  }
  assert.ok(accepted > 300, `only ${accepted} names accepted`);
});

test("the report's search finds what check finds: req-dev.txt, reqs/base.txt, conda.yaml, a nested pyproject.toml", () => {
  for (const n of ['p/req-dev.txt', 'p/reqs/base.txt', 'p/conda.yaml', 'p/env.yml', 'p/environment-dev.yml', 'p/pixi.toml', 'p/sub/pyproject.toml', 'p/constraint.txt']) {
    assert.ok(kindForPath(n), n);
    assert.ok(matchesGlob(n, ANALYZED_GLOB), n);
  }
});

test("excluded folders: the editor's exclude glob and the CLI's folder test are the same list", () => {
  for (const folder of [...EXCLUDED_FOLDERS.map((f) => f.replace('*', 'pkg')), 'src', 'requirements', 'envs', 'environment', 'dist-info', 'builder']) {
    assert.equal(matchesGlob(`p/${folder}/requirements.txt`, EXCLUDED_GLOB), isExcludedFolder(folder), folder);
  }
  assert.equal(isExcludedFolder('torch.egg-info'), true);
  assert.equal(isExcludedFolder('node_modules'), true);
  assert.equal(isExcludedFolder('project'), false);
});

test('the selector takes the documents kindForDocument takes', () => {
  const selector = documentSelector();
  const takes = (fileName: string, languageId: string, scheme: string) =>
    selector.some((f) => f.scheme === scheme && (!f.language || f.language === languageId) && (!f.pattern || matchesGlob(fileName.toLowerCase(), f.pattern)));
  for (const n of sampleNames()) {
    for (const languageId of ['plaintext', 'pip-requirements', 'yaml', 'toml', 'python']) {
      assert.equal(takes(`/w/${n}`, languageId, 'file'), kindForDocument(`/w/${n}`, languageId) !== null, `${n} ${languageId}`);
    }
  }
  assert.equal(takes('Untitled-1', 'pip-requirements', 'untitled'), true);
  assert.equal(takes('Untitled-1', 'plaintext', 'untitled'), false);
});

test('pyproject.toml and pixi.toml', () => {
  assert.equal(kindForDocument('/p/pyproject.toml', 'toml'), 'pyproject');
  assert.equal(kindForDocument('/p/pixi.toml', 'toml'), 'pyproject');
  assert.equal(kindForDocument('/p/Cargo.toml', 'toml'), null);
});

test('requirements names opened as plain text count; other languages do not', () => {
  assert.equal(kindForDocument('/p/requirements-dev.txt', 'plaintext'), 'requirements');
  assert.equal(kindForDocument('/p/requirements/base.txt', 'plaintext'), 'requirements');
  assert.equal(kindForDocument('/p/constraints.txt', 'plaintext'), 'requirements');
  assert.equal(kindForDocument('/p/notes.txt', 'plaintext'), null);
  assert.equal(kindForDocument('/p/requirements.txt', 'python'), null);
  assert.equal(kindForPath('/p/requirements_versions.txt'), 'requirements');
  assert.equal(kindForPath('/p/README.md'), null);
  assert.equal(kindForPath('/p/requirements/pytorch/base.txt'), 'requirements');
  assert.equal(kindForPath('/p/docs/notes.in'), null);
});

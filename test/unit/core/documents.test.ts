import { corpusPath } from '../../paths';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kindForDocument, kindForPath } from '../../../src/core/documents';

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

test('the editor accepts exactly the names core\'s documentKind accepts (file names from the corpus and more)', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { documentKind } = await import('../../../src/core/analyze');
  const corpus = corpusPath();
  const names: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else names.push(path.join(d, e.name));
    }
  };
  walk(corpus);
  names.push('/p/environment.yml', '/p/conda.yaml', '/p/env.yml', '/p/pyproject.toml', '/p/pixi.toml', '/p/requirements/base.txt', '/p/x/notes.txt', '/p/Cargo.toml', '/p/ci.yml');
  let compared = 0;
  for (const n of names) {
    if (!/\.(txt|in|ya?ml|toml)$/i.test(n)) continue;
    // Files the manifest gives the pip-requirements language are checked under that id; others as plain text.
    const core = documentKind(n.replace(corpus, '/p'));
    assert.equal(kindForPath(n.replace(corpus, '/p')), core, n);
    compared++;
  }
  assert.ok(compared > 50);
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

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kindForDocument, kindForPath } from '../../../src/vscode/free/documentFilter';

test('pip-requirements language id is analysed whatever the file name', () => {
  assert.equal(kindForDocument('/p/deps.lock', 'pip-requirements'), 'requirements');
  assert.equal(kindForDocument('Untitled-1', 'pip-requirements'), 'requirements');
});

test('environment files by name', () => {
  for (const n of ['environment.yml', 'environment.yaml', 'environment-wsl2.yaml', 'build-environment.yaml', 'conda.yaml', 'conda-extras.yml', 'C:\\proj\\Environment.YML']) {
    assert.equal(kindForDocument(n, 'yaml'), 'environment', n);
  }
  for (const n of ['docker-compose.yml', '.github/workflows/ci.yml', 'mkdocs.yaml']) assert.equal(kindForDocument(n, 'yaml'), null, n);
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
});

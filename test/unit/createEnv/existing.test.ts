import { corpusPath } from '../../paths';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findExisting } from '../../../src/core/createEnv/existing';
import { parseCondaEnvList } from '../../../src/core/conda/output';

const corpus = corpusPath('conda');
const envsOf = (f: string) => parseCondaEnvList(fs.readFileSync(path.join(corpus, f), 'utf8'))?.envs ?? [];

test('names match <envs dir>/<name> in real env lists (Windows, macOS)', () => {
  const win = envsOf('01-env-list-json-windows.json');
  assert.equal(findExisting({ kind: 'name', name: 'test_project' }, win), 'C:\\Miniconda3\\envs\\test_project');
  assert.equal(findExisting({ kind: 'name', name: 'Miniconda3' }, win), null, 'the root prefix is not a named env');
  assert.equal(findExisting({ kind: 'name', name: 'TEST_PROJECT' }, win, true), 'C:\\Miniconda3\\envs\\test_project');
  const mac = envsOf('05-env-list-json-macos-no-root.json');
  assert.equal(findExisting({ kind: 'name', name: 'custom-env-2' }, mac), '/Users/user/anaconda/envs/custom-env-2');
  assert.equal(findExisting({ kind: 'name', name: 'custom-env' }, mac), null);
  assert.equal(findExisting({ kind: 'name', name: 'x' }, envsOf('04-env-list-json-empty.json')), null);
});

test('prefixes match by path, trailing separators ignored', () => {
  const py2 = envsOf('03-env-list-json-py2-trailing-spaces.json');
  const p = '/usr/local/Cellar/python/2.7.12/Frameworks/Python.framework/Versions/2.7/envs/ipy';
  assert.equal(findExisting({ kind: 'prefix', path: p + '/' }, py2), p);
  assert.equal(findExisting({ kind: 'prefix', path: '/elsewhere/ipy' }, py2), null);
});

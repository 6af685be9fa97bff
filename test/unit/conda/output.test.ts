// conda's machine-readable outputs: every file in test/corpus/conda/, plus hand-made variants.
import { corpusPath } from '../../paths';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseCondaEnvList, parseCondaEnvListText, parseCondaInfo } from '../../../src/core/conda/output';

const dir = corpusPath('conda');
const read = (f: string): string => readFileSync(path.join(dir, f), 'utf8');

test('every corpus file is handled (json env lists, text env list, text-instead-of-json info)', () => {
  const files = readdirSync(dir).sort();
  assert.equal(files.length, 6);
  for (const f of files) {
    const t = read(f);
    assert.doesNotThrow(() => parseCondaEnvList(t), f);
    assert.doesNotThrow(() => parseCondaInfo(t), f);
    assert.doesNotThrow(() => parseCondaEnvListText(t), f);
  }
});

test('01 Windows env list JSON', () => {
  assert.deepEqual(parseCondaEnvList(read('01-env-list-json-windows.json')), {
    envs: ['C:\\Miniconda3', 'C:\\Miniconda3\\envs\\my-first-env', 'C:\\Miniconda3\\envs\\test_project'],
  });
  assert.equal(parseCondaInfo(read('01-env-list-json-windows.json')), null, 'an env list is not conda info');
});

test('02 plain `conda env list` text: names, prefixes, the active marker', () => {
  const t = read('02-env-list-text-windows.txt');
  assert.deepEqual(parseCondaEnvListText(t), [
    { name: 'base', prefix: 'C:\\Miniconda3', active: true },
    { name: 'my-first-env', prefix: 'C:\\Miniconda3\\envs\\my-first-env', active: false },
    { name: 'test_project', prefix: 'C:\\Miniconda3\\envs\\test_project', active: false },
  ]);
  // The JSON entry point falls back to the text form.
  assert.deepEqual(parseCondaEnvList(t)?.envs, ['C:\\Miniconda3', 'C:\\Miniconda3\\envs\\my-first-env', 'C:\\Miniconda3\\envs\\test_project']);
});

test('03 Python 2 json.dumps trailing spaces; base env missing from the list', () => {
  const r = parseCondaEnvList(read('03-env-list-json-py2-trailing-spaces.json'));
  assert.equal(r?.envs.length, 3);
  assert.equal(r?.envs[2], '/usr/local/Cellar/python/2.7.12/Frameworks/Python.framework/Versions/2.7/envs/microbots');
});

test('04 empty list and 05 macOS list without root', () => {
  assert.deepEqual(parseCondaEnvList(read('04-env-list-json-empty.json')), { envs: [] });
  assert.deepEqual(parseCondaEnvList(read('05-env-list-json-macos-no-root.json')), {
    envs: ['/Users/user/anaconda/envs/custom-env-1', '/Users/user/anaconda/envs/custom-env-2'],
  });
});

test('06 conda 23.7.0 printed text for `conda info --json`: best-effort parse incl. __cuda', () => {
  const t = read('06-info-text-linux-cuda-virtual-pkg-truncated.txt');
  const info = parseCondaInfo(t);
  assert.ok(info);
  assert.equal(info.condaVersion, '23.7.0');
  assert.equal(info.pythonVersion, '3.11.4');
  assert.equal(info.rootPrefix, '/home/fssv5/miniconda3');
  assert.equal(info.platform, 'linux-64');
  assert.equal(info.activePrefixName, null, '"None" means no active env');
  assert.equal(info.cuda, '12.0');
  assert.deepEqual(info.virtualPackages.map((p) => p.name), ['__archspec', '__cuda', '__glibc', '__linux', '__unix']);
  assert.equal(parseCondaEnvList(t), null, 'conda info text is not an env list');
});

test('conda info --json as conda prints it (with a warning line before the JSON)', () => {
  const json = JSON.stringify({
    active_prefix: '/opt/conda/envs/py_comfy', active_prefix_name: 'py_comfy', root_prefix: '/opt/conda',
    envs: ['/opt/conda', '/opt/conda/envs/py_comfy'], conda_version: '24.9.2', python_version: '3.12.7.final.0',
    platform: 'linux-64', virtual_pkgs: [['__archspec', '1', 'zen3'], ['__cuda', '12.4', '0'], ['__glibc', '2.35', '0']],
  }, null, 2);
  const info = parseCondaInfo('==> WARNING: A newer version of conda exists. <==\n' + json);
  assert.deepEqual(info, {
    activePrefix: '/opt/conda/envs/py_comfy', activePrefixName: 'py_comfy', rootPrefix: '/opt/conda',
    envs: ['/opt/conda', '/opt/conda/envs/py_comfy'], condaVersion: '24.9.2', pythonVersion: '3.12.7', platform: 'linux-64',
    virtualPackages: [{ name: '__archspec', version: '1', build: 'zen3' }, { name: '__cuda', version: '12.4', build: '0' },
      { name: '__glibc', version: '2.35', build: '0' }],
    cuda: '12.4',
    mambaVersion: null,
  });
  const noCuda = parseCondaInfo(JSON.stringify({ conda_version: '4.2.0', root_prefix: '/r', virtual_pkgs: [] }));
  assert.equal(noCuda?.cuda, null);
  assert.equal(noCuda?.activePrefix, null);
});

test('micromamba-style keys ("base environment", "env location", string virtual packages) are understood', () => {
  const info = parseCondaInfo(JSON.stringify({
    'base environment': '/home/u/micromamba', 'env location': '/home/u/micromamba/envs/ml', environment: 'ml (active)',
    'micromamba version': '1.5.8', platform: 'linux-64', 'virtual packages': ['__unix=0=0', '__glibc=2.35=0', '__cuda=12.4=0'],
  }));
  assert.ok(info);
  assert.deepEqual([info.rootPrefix, info.activePrefix, info.activePrefixName, info.mambaVersion, info.condaVersion, info.cuda],
    ['/home/u/micromamba', '/home/u/micromamba/envs/ml', 'ml', '1.5.8', null, '12.4']);
  const none = parseCondaInfo(JSON.stringify({ 'base environment': '/m', 'env location': '-', environment: 'None (not found)' }));
  assert.deepEqual([none?.activePrefix, none?.activePrefixName], [null, null]);
});

test('unusable input gives null, never a throw', () => {
  for (const t of ['', 'garbage', '{', '[]', '{"envs": 3}', 'null', '{"x": 1}']) {
    assert.equal(parseCondaInfo(t), null, t);
  }
  assert.equal(parseCondaEnvList('{"envs": 3}'), null);
  assert.equal(parseCondaEnvList(''), null);
  fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => {
    parseCondaInfo(s);
    parseCondaEnvList(s);
  }), { numRuns: 500 });
});

test('env list text: prefix-only rows and paths with spaces', () => {
  const t = '# conda environments:\n#\nbase                  *  /home/u/miniforge3\nml                       /home/u/miniforge3/envs/ml\n                         /data/other env\nwin                      C:\\Program Files\\envs\\win\n';
  assert.deepEqual(parseCondaEnvListText(t), [
    { name: 'base', prefix: '/home/u/miniforge3', active: true },
    { name: 'ml', prefix: '/home/u/miniforge3/envs/ml', active: false },
    { name: null, prefix: '/data/other env', active: false },
    { name: 'win', prefix: 'C:\\Program Files\\envs\\win', active: false },
  ]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { envFromInterpreter, resolveActiveEnv } from '../../../src/system/activeEnv';
import { prefixOf } from '../../../src/system/envPaths';
import { fakeBin, fakeEnv, tmp } from './fakeTools';

const posix = process.platform !== 'win32';

test('an activated conda env comes from CONDA_PREFIX / CONDA_DEFAULT_ENV without a process', async () => {
  const e = await resolveActiveEnv({ env: { CONDA_PREFIX: '/opt/conda/envs/py_comfy', CONDA_DEFAULT_ENV: 'py_comfy' }, platform: 'linux', timeoutMs: 1000 });
  assert.deepEqual(e, {
    name: 'py_comfy', prefix: '/opt/conda/envs/py_comfy', python: null, pythonPath: '/opt/conda/envs/py_comfy/bin/python',
    source: 'conda-env-vars', kind: 'conda',
  });
  const w = await resolveActiveEnv({ env: { CONDA_PREFIX: 'C:\\mc\\envs\\ml' }, platform: 'win32', timeoutMs: 1000 });
  assert.equal(w?.pythonPath, 'C:\\mc\\envs\\ml\\python.exe');
  assert.equal(w?.name, 'ml');
});

test('the selected interpreter wins and is classified (conda env, base, venv)', () => {
  const root = tmp();
  mkdirSync(path.join(root, 'conda-meta'));
  mkdirSync(path.join(root, 'envs', 'py_comfy', 'conda-meta'), { recursive: true });
  mkdirSync(path.join(root, 'proj', '.venv'), { recursive: true });
  writeFileSync(path.join(root, 'proj', '.venv', 'pyvenv.cfg'), 'home = /usr/bin\n');
  const env = envFromInterpreter(path.join(root, 'envs', 'py_comfy', 'bin', 'python'), 'python-extension', 'linux');
  assert.deepEqual([env.name, env.kind, env.source], ['py_comfy', 'conda', 'python-extension']);
  assert.equal(envFromInterpreter(path.join(root, 'bin', 'python'), 'setting', 'linux').name, 'base');
  const venv = envFromInterpreter(path.join(root, 'proj', '.venv', 'bin', 'python'), 'setting', 'linux');
  assert.deepEqual([venv.name, venv.kind], ['.venv', 'venv']);
  assert.equal(envFromInterpreter('/usr/bin/python3', 'setting', 'linux').kind, 'unknown');
  assert.equal(prefixOf('C:\\mc\\envs\\ml\\python.exe', 'win32'), 'C:\\mc\\envs\\ml');
  assert.equal(prefixOf('C:\\proj\\.venv\\Scripts\\python.exe', 'win32'), 'C:\\proj\\.venv');
});

test('not activated: `conda info --json` (base), through the fake conda', { skip: !posix }, async () => {
  const root = tmp();
  const e = await resolveActiveEnv({
    env: fakeEnv({ FAKE_CONDA_ROOT: root, CONDA_EXE: path.join(fakeBin, 'conda') }), platform: 'linux', timeoutMs: 20_000,
  });
  assert.equal(e?.source, 'conda-info');
  assert.equal(e?.name, 'base');
  assert.equal(e?.prefix, root);
  assert.equal(e?.pythonPath, path.join(root, 'bin', 'python'));
});

test('no conda, no env: python on PATH', { skip: !posix }, async () => {
  const bin = path.join(tmp(), 'bin');
  mkdirSync(bin);
  const e = await resolveActiveEnv({ env: { PATH: fakeBin.replace(/bin$/, 'none') + path.delimiter + fakeBin, HOME: tmp(), CONDA_EXE: '' }, platform: 'linux', timeoutMs: 20_000, condaPath: '/nonexistent/conda' });
  // condaPath names a missing tool → no conda; the fake python3 on PATH is used.
  assert.equal(e?.source, 'path');
  assert.equal(e?.pythonPath, path.join(fakeBin, 'python3'));
});

test('a hanging conda is killed at the timeout; detection goes on to python on PATH', { skip: !posix }, async () => {
  const dir = tmp();
  const conda = path.join(dir, 'conda');
  writeFileSync(conda, '#!/bin/sh\nexec sleep 600\n');
  (await import('node:fs')).chmodSync(conda, 0o755);
  const e = await resolveActiveEnv({
    env: { PATH: `${fakeBin}${path.delimiter}/usr/bin${path.delimiter}/bin`, HOME: tmp() }, condaPath: conda, platform: 'linux', timeoutMs: 300,
  });
  assert.equal(e?.source, 'path');
});

test('conda printing garbage or failing is not an env', { skip: !posix }, async () => {
  const dir = tmp();
  const conda = path.join(dir, 'conda');
  writeFileSync(conda, '#!/bin/sh\necho "CondaError: something broke" >&2\necho "{not json"\nexit 1\n');
  (await import('node:fs')).chmodSync(conda, 0o755);
  const e = await resolveActiveEnv({ env: { PATH: dir, HOME: tmp() }, condaPath: conda, platform: 'linux', timeoutMs: 10_000 });
  assert.equal(e, null);
});

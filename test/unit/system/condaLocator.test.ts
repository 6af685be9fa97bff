import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findConda, flavorOf, knownCondaLocations } from '../../../src/system/condaLocator';
import { tmp } from './fakeTools';

const posix = process.platform !== 'win32';

function tool(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const f = path.join(dir, name);
  writeFileSync(f, '#!/bin/sh\n');
  chmodSync(f, 0o755);
  return f;
}

test('setting first, then CONDA_EXE, then PATH (conda, mamba, micromamba), then install folders', { skip: !posix }, async () => {
  const root = tmp();
  const setting = tool(path.join(root, 'custom'), 'conda');
  const condaExe = tool(path.join(root, 'exe', 'bin'), 'conda');
  const pathDir = path.join(root, 'pathbin');
  const micromamba = tool(pathDir, 'micromamba');
  const home = path.join(root, 'home');
  const installed = tool(path.join(home, 'miniforge3', 'bin'), 'conda');
  const env = { PATH: pathDir, CONDA_EXE: condaExe };
  assert.deepEqual(await findConda({ setting, env, platform: 'linux', home }), { path: setting, flavor: 'conda' });
  assert.deepEqual(await findConda({ env, platform: 'linux', home }), { path: condaExe, flavor: 'conda' });
  assert.deepEqual(await findConda({ env: { PATH: pathDir }, platform: 'linux', home }), { path: micromamba, flavor: 'micromamba' });
  assert.deepEqual(await findConda({ env: { PATH: path.join(root, 'none') }, platform: 'linux', home }), { path: installed, flavor: 'conda' });
  assert.equal(await findConda({ setting: path.join(root, 'missing'), env, platform: 'linux', home }), null);
});

test('flavors and Windows locations', () => {
  assert.equal(flavorOf('/x/mamba'), 'mamba');
  assert.equal(flavorOf('C:\\x\\micromamba.exe'), 'micromamba');
  assert.equal(flavorOf('C:\\x\\conda.bat'), 'conda');
  const win = knownCondaLocations('win32', 'C:\\Users\\me', { LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' });
  assert.ok(win.includes('C:\\Users\\me\\miniconda3\\Scripts\\conda.exe'));
  assert.ok(knownCondaLocations('linux', '/home/me', {}).includes('/opt/conda/bin/conda'));
});

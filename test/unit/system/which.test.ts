// Executable lookup: PATH order, PATHEXT, and no relative PATH entries (they point into whatever the
// working folder is, e.g. a project's bin/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { searchPath, which } from '../../../src/system/which';
import { tmp } from './fakeTools';

const posix = process.platform !== 'win32';

test('relative and empty PATH entries are skipped', () => {
  assert.deepEqual(searchPath({ PATH: 'bin:.::/usr/bin:node_modules/.bin:/opt/x' }, 'linux'), ['/usr/bin', '/opt/x']);
  assert.deepEqual(
    searchPath({ Path: 'bin;.;"C:\\Program Files\\NVIDIA";C:\\Windows\\System32;\\tools;\\\\server\\share;C:rel' }, 'win32'),
    ['C:\\Program Files\\NVIDIA', 'C:\\Windows\\System32', '\\\\server\\share'],
  );
});

test('a project bin/ on a relative PATH entry is not found, the absolute one is', { skip: !posix }, async () => {
  const project = tmp();
  const sys = tmp();
  for (const d of [path.join(project, 'bin'), sys]) {
    mkdirSync(d, { recursive: true });
    writeFileSync(path.join(d, 'nvidia-smi'), '#!/bin/sh\n');
    chmodSync(path.join(d, 'nvidia-smi'), 0o755);
  }
  const cwd = process.cwd();
  process.chdir(project);
  try {
    assert.equal(await which('nvidia-smi', { PATH: `bin:${sys}` }, 'linux'), path.join(sys, 'nvidia-smi'));
    assert.equal(await which('nvidia-smi', { PATH: 'bin:.' }, 'linux'), null);
  } finally {
    process.chdir(cwd);
  }
});

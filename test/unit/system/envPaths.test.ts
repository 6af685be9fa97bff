// One definition of "the interpreter inside an env prefix" (used to be two: activeEnv's interpreterIn
// with the platform's path rules, condaRunner's pythonInPrefix with the host's). The platform's rules win.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prefixOf, pythonInPrefix } from '../../../src/system/envPaths';
import { pythonInPrefix as fromCondaRunner } from '../../../src/system/condaRunner';

test('the interpreter in a prefix follows the target platform, whatever the host', () => {
  assert.equal(pythonInPrefix('C:\\mc\\envs\\ml', 'win32'), 'C:\\mc\\envs\\ml\\python.exe');
  assert.equal(pythonInPrefix('/opt/conda/envs/ml', 'linux'), '/opt/conda/envs/ml/bin/python');
  assert.equal(pythonInPrefix('/opt/conda/envs/ml', 'darwin'), '/opt/conda/envs/ml/bin/python');
  assert.equal(fromCondaRunner, pythonInPrefix, 'create-env uses the same function');
});

test('prefixOf inverts pythonInPrefix', () => {
  for (const [prefix, platform] of [['C:\\mc\\envs\\ml', 'win32'], ['/home/u/miniforge3/envs/x', 'linux']] as const) {
    assert.equal(prefixOf(pythonInPrefix(prefix, platform), platform), prefix);
  }
});

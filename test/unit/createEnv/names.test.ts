import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultEnvName, envNameProblem, isValidEnvName } from '../../../src/core/createEnv/names';

test('valid names are [A-Za-z0-9._-]+ and not reserved', () => {
  for (const ok of ['proj', 'my-env_1.2', 'A']) assert.equal(isValidEnvName(ok), true, ok);
  for (const bad of ['', 'a b', 'a/b', 'x;y', '$(id)', '项目', 'base', 'root', '..', 'a:b', 'a#b']) {
    assert.equal(isValidEnvName(bad), false, bad);
    assert.notEqual(envNameProblem(bad), null, bad);
  }
  assert.equal(envNameProblem('ok-name'), null);
});

test('default: the yml name when valid, else the folder name made safe', () => {
  assert.equal(defaultEnvName('ldm', 'stable-diffusion'), 'ldm');
  assert.equal(defaultEnvName('bad name', 'proj'), 'proj');
  assert.equal(defaultEnvName(null, 'My Project (v2)'), 'My-Project-v2');
  assert.equal(defaultEnvName(null, 'café'), 'cafe');
  assert.equal(defaultEnvName(null, '项目'), 'env');
  assert.equal(defaultEnvName(null, '.hidden'), 'hidden');
});

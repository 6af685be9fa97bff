import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lastErrorLines } from '../../../src/core/createEnv/errors';

test('conda solver error block, with its indented package list', () => {
  const out = 'Channels:\n - defaults\nSolving environment: failed\n\nPackagesNotFoundError: The following packages are not available from current channels:\n\n  - python=2.5\n\nCurrent channels:\n\n  - https://repo.anaconda.com/pkgs/main/linux-64\n';
  assert.deepEqual(lastErrorLines(out), [
    'PackagesNotFoundError: The following packages are not available from current channels:', '  - python=2.5']);
});

test('pip errors inside conda env create are quoted with the wrapper', () => {
  const out = "Installing pip dependencies: ...working... Ran pip subprocess with arguments:\n['x']\nPip subprocess output:\n\n" +
    'Pip subprocess error:\nERROR: Could not find a version that satisfies the requirement torch==9.9 (from versions: none)\n' +
    'ERROR: No matching distribution found for torch==9.9\n\nfailed\n\nCondaEnvException: Pip failed\n\n';
  assert.deepEqual(lastErrorLines(out), [
    'ERROR: Could not find a version that satisfies the requirement torch==9.9 (from versions: none)',
    'ERROR: No matching distribution found for torch==9.9',
    'CondaEnvException: Pip failed',
  ]);
});

test('conda run failure keeps pip lines first; \\r progress lines split', () => {
  const out = 'Collecting torch\r  10%\r 100%\nERROR: No matching distribution found for torch\n\nERROR conda.cli.main_run:execute(125): `conda run python -m pip install` failed. (See above for error)\n';
  assert.deepEqual(lastErrorLines(out), ['ERROR: No matching distribution found for torch']);
  assert.deepEqual(lastErrorLines('x\nERROR conda.cli.main_run:execute(125): `conda run python` failed. (See above for error)\n'),
    ['ERROR conda.cli.main_run:execute(125): `conda run python` failed. (See above for error)'], 'alone, it is all there is');
});

test('conda errors with a follow-up line; no error line → last lines', () => {
  assert.deepEqual(lastErrorLines('\nEnvironmentNameNotFound: Could not find conda environment: x\nYou can list all discoverable environments with `conda info --envs`.\n\n'),
    ['EnvironmentNameNotFound: Could not find conda environment: x', 'You can list all discoverable environments with `conda info --envs`.']);
  assert.deepEqual(lastErrorLines('a\n\nb\nc\nd\n'), ['b', 'c', 'd']);
  assert.deepEqual(lastErrorLines('CondaValueError: prefix already exists: /x\n'), ['CondaValueError: prefix already exists: /x']);
  assert.deepEqual(lastErrorLines('critical libmamba Could not solve for environment specs\n'), ['critical libmamba Could not solve for environment specs']);
});

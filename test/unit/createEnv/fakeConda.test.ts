// The conda stand-in itself: conda's error texts and exit codes for the cases the feature meets, and
// micromamba's argument forms (the same script, called through a link named micromamba).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPlan } from '../../../src/core/createEnv/plan';
import { runPlan } from '../../../src/system/condaRunner';
import { parseCondaEnvList, parseCondaInfo } from '../../../src/core/conda/output';

const FAKE = path.resolve(__dirname, '..', '..', 'fixtures', 'bin', 'conda');

function sandbox() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aied-fake-'));
  const env = { ...process.env, FAKE_CONDA_ROOT: path.join(tmp, 'root'), FAKE_CONDA_LOG: path.join(tmp, 'log') };
  const conda = (args: string[], exe = FAKE) => spawnSync(exe, args, { env, cwd: tmp, encoding: 'utf8' });
  return { tmp, env, conda };
}

test('info --json and env list --json parse with the real-output parsers', () => {
  const s = sandbox();
  const info = parseCondaInfo(s.conda(['info', '--json']).stdout);
  assert.equal(info?.rootPrefix, path.join(s.tmp, 'root'));
  assert.equal(info?.condaVersion, '24.9.2');
  assert.deepEqual(parseCondaEnvList(s.conda(['env', 'list', '--json']).stdout), { envs: [path.join(s.tmp, 'root')] });
});

test('conda error texts and exit codes', () => {
  const s = sandbox();
  const bad = s.conda(['create', '--yes', '--name', 'a b', 'python=3.12']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^CondaValueError: Invalid environment name: 'a b'$/m);
  const missing = s.conda(['run', '--name', 'nope', 'python', '-V']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /^EnvironmentNameNotFound: Could not find conda environment: nope$/m);
  const upd = s.conda(['env', 'update', '--file', 'environment.yml', '--name', 'nope']);
  assert.match(upd.stderr, /^EnvironmentFileNotFound: '.*environment\.yml' file not found$/m);
  fs.writeFileSync(path.join(s.tmp, 'environment.yml'), 'name: y\ndependencies:\n  - python=3.11\n');
  assert.match(s.conda(['env', 'update', '--file', 'environment.yml', '--name', 'nope']).stderr, /EnvironmentNameNotFound/);
  assert.equal(s.conda(['env', 'create', '--file', 'environment.yml']).status, 0);
  const again = s.conda(['env', 'create', '--file', 'environment.yml']);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /^CondaValueError: prefix already exists: .*envs[/\\]y$/m);
  const unsolvable = s.conda(['create', '--yes', '--name', 'old', 'python=2.5']);
  assert.match(unsolvable.stderr, /^PackagesNotFoundError: The following packages are not available from current channels:\n\n {2}- python=2\.5$/m);
  assert.equal(s.conda(['frobnicate']).status, 2);
  const noAll = s.conda(['remove', '--yes', '--name', 'y']);
  assert.match(noAll.stderr, /CondaValueError: no package names supplied/);
  assert.equal(s.conda(['remove', '--yes', '--all', '--name', 'y']).status, 0);
  assert.deepEqual(parseCondaEnvList(s.conda(['env', 'list', '--json']).stdout)?.envs, [path.join(s.tmp, 'root')]);
  const log = fs.readFileSync(s.env.FAKE_CONDA_LOG, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { argv: string[] });
  assert.deepEqual(log[0].argv, ['create', '--yes', '--name', 'a b', 'python=3.12'], 'every invocation recorded');
});

test('a micromamba plan runs through the stand-in called as micromamba', { skip: process.platform === 'win32' }, async () => {
  const s = sandbox();
  const bin = path.join(s.tmp, 'bin');
  fs.mkdirSync(bin);
  const micro = path.join(bin, 'micromamba');
  fs.symlinkSync(FAKE, micro);
  assert.equal(execFileSync(micro, ['--version'], { env: s.env, encoding: 'utf8' }).trim(), '2.0.5');
  const dir = path.join(s.tmp, 'proj');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'requirements.txt'), 'torch==2.5.1\n');
  fs.writeFileSync(path.join(dir, 'environment.yml'), 'name: m\ndependencies:\n  - python=3.11\n');
  const project = (source: Parameters<typeof buildPlan>[0]['project']['source']) => ({
    dir, folderName: 'proj', source, requirementsFiles: [], requiresPython: null, pythonVersionFile: null, envPythonSpec: null, torchPin: null });
  const tool = { path: micro, flavor: 'micromamba' as const };
  const req = buildPlan({ tool, target: { kind: 'name', name: 'm' }, python: '3.12', existing: null, recommendation: null,
    project: project({ kind: 'requirements', file: path.join(dir, 'requirements.txt'), hasTorch: true, torchIndex: null }) });
  const r1 = await runPlan(req, { env: s.env });
  assert.equal(r1.ok, true, r1.errorLines.join('\n'));
  for (const existing of ['update', 'recreate'] as const) {
    const yml = buildPlan({ tool, target: { kind: 'name', name: 'm' }, python: '3.12', existing, recommendation: null,
      project: project({ kind: 'environment', file: path.join(dir, 'environment.yml'), envName: 'm', hasPip: false }) });
    const r = await runPlan(yml, { env: s.env });
    assert.equal(r.ok, true, `${existing}: ${r.errorLines.join('\n')}`);
  }
  const tools = fs.readFileSync(s.env.FAKE_CONDA_LOG, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { tool: string }).tool);
  assert.ok(tools.includes('micromamba'));
});

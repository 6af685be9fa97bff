// ai-env-doctor create-env against the conda stand-in (first on PATH): dry-run output, exit codes,
// the same steps and messages when it runs, failures quoting conda/pip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { BIN, fakeCondaProject } from './fakeCondaProject';

const CONDA = path.join(BIN, 'conda');

function setup(files?: Record<string, string>, dirName = 'proj') {
  return fakeCondaProject(files, { dirName });
}

const GPU = ['--no-detect', '--driver', '550.54.14', '--gpu', 'NVIDIA GeForce RTX 4090', '--platform', 'linux'];

test('--dry-run prints the plan, one command per line, runs nothing, exits 0', async () => {
  const s = setup();
  const code = await main(['create-env', 'proj', '--dry-run', ...GPU], s.io);
  assert.equal(code, 0, s.err.join('\n'));
  const lines = s.out.join('\n').split('\n');
  assert.equal(lines[0], `${CONDA} create --yes --name proj python=3.12`);
  assert.match(lines[1], new RegExp(`^${CONDA.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} run --no-capture-output --name proj python -m pip install -r requirements.txt --extra-index-url https://download\\.pytorch\\.org/whl/cu\\d+$`));
  assert.equal(lines.length, 2);
  assert.deepEqual(s.calls().map((c) => c.argv.join(' ')).sort(), ['env list --json', 'info --json'], 'only the existence check ran');
});

test('--prefix and --python; hostile folder names quoted for display only', async () => {
  const s = setup(undefined, `a b; $(id) 'q' 项目`);
  const code = await main(['create-env', s.dir, '--prefix', path.join(s.dir, '.conda'), '--python', '3.11', '--dry-run', '--no-detect'], s.io);
  assert.equal(code, 0, s.err.join('\n'));
  const quoted = `'${path.join(s.dir, '.conda').replace(/'/g, `'\\''`)}'`;
  assert.equal(s.out.join('\n').split('\n')[0], `${CONDA} create --yes --prefix ${quoted} python=3.11`);
});

test('usage errors exit 2', async () => {
  const s = setup();
  assert.equal(await main(['create-env', 'proj', '--name', 'a', '--prefix', 'b', '--dry-run'], s.io), 2);
  assert.equal(await main(['create-env', 'proj', '--name', 'bad name', '--dry-run'], s.io), 2);
  assert.equal(await main(['create-env', 'proj', '--python', 'three', '--dry-run'], s.io), 2);
  assert.equal(await main(['create-env', 'nope', '--dry-run'], s.io), 2);
  assert.equal(await main(['create-env', 'proj', '--bogus'], s.io), 2);
});

test('runs the plan with --yes: same steps, env created, torch checked', async () => {
  const s = setup();
  const code = await main(['create-env', 'proj', '--yes', '--name', 'demo', ...GPU], s.io);
  assert.equal(code, 0, s.err.join('\n'));
  const conda = s.calls().filter((c) => c.tool === 'conda').map((c) => c.argv);
  assert.deepEqual(conda[2], ['create', '--yes', '--name', 'demo', 'python=3.12']);
  assert.deepEqual(conda[3].slice(0, 4), ['run', '--no-capture-output', '--name', 'demo']);
  assert.ok(s.err.some((l) => l.startsWith('[1/2] Create demo with Python 3.12')));
  assert.ok(s.err.some((l) => l.startsWith('Environment "demo" is ready at ')));
  assert.ok(s.err.some((l) => /^torch 2\.5\.1\+cu\d+: torch\.cuda\.is_available\(\) is False\.$/.test(l)), s.err.join('\n'));
  assert.ok(s.out.some((l) => l.startsWith('Successfully installed torch')));
  // Again: the env exists now → refuse without --update/--recreate (never delete silently).
  const again = await main(['create-env', 'proj', '--yes', '--name', 'demo', '--no-detect'], s.io);
  assert.equal(again, 1);
  assert.match(s.err.at(-1) ?? '', /already exists.*--update, --recreate/);
  assert.equal(await main(['create-env', 'proj', '--yes', '--name', 'demo', '--no-detect', '--recreate'], s.io), 0);
  assert.ok(s.calls().some((c) => c.argv.join(' ') === 'remove --yes --all --name demo'));
});

test('failure quotes pip\'s own lines and reports the partial env; exit 1', async () => {
  const s = setup();
  s.env.FAKE_CONDA_FAIL = 'pip';
  const code = await main(['create-env', 'proj', '--yes', '--no-detect'], s.io);
  assert.equal(code, 1);
  const text = s.err.join('\n');
  assert.match(text, /failed at "Install requirements\.txt with pip"/);
  assert.match(text, / {2}ERROR: No matching distribution found for torch==2\.5\.1/);
  assert.match(text, /A partial environment is left at .*envs[/\\]proj\. Remove it with: conda remove --all --yes --name proj/);
});

test('no terminal and no --yes → exit 2; no conda → exit 1 with the Miniconda link', async () => {
  const s = setup();
  if (!process.stdin.isTTY) assert.equal(await main(['create-env', 'proj', '--no-detect'], s.io), 2);
  const bare = setup();
  bare.io.env = { ...bare.env, PATH: path.dirname(process.execPath), HOME: bare.tmp, USERPROFILE: bare.tmp };
  assert.equal(await main(['create-env', 'proj', '--yes', '--no-detect'], bare.io), 1);
  assert.match(bare.err.join('\n'), /No conda, mamba or micromamba was found[\s\S]*https:\/\/www\.anaconda\.com\/docs\/getting-started\/miniconda\/install/);
});

test('environment.yml: env create --file with the yml name', async () => {
  const s = setup({ 'environment.yml': 'name: ldm\nchannels:\n  - defaults\ndependencies:\n  - python=3.10\n  - pip\n' });
  assert.equal(await main(['create-env', 'proj', '--dry-run', '--no-detect'], s.io), 0);
  assert.equal(s.out.join('\n'), `${CONDA} env create --file environment.yml --name ldm`);
});

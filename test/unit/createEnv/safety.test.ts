// create-env never destroys what it was not told to: an env conda knows but the check did not see, an env
// behind a failing or slow query, the project or home folder as a --prefix, a folder of other files, the
// packages an update would prune, the bytes of a file it fixes. Driven through the CLI against the conda
// stand-in (test/fixtures/bin/conda), which removes an existing env when told `create --yes`, as conda does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { fakeCondaProject } from './fakeCondaProject';

function setup(files?: Record<string, string | Buffer>) {
  const p = fakeCondaProject(files, { prefix: 'aied-safe-' });
  const mutating = () => p.calls().filter((c) => c.tool === 'conda' && !['info', 'env list'].some((q) => c.argv.join(' ').startsWith(q)));
  return { ...p, mutating };
}

/** A finished env (conda-meta/ plus a file of the user's) the test checks is still there afterwards. */
function userEnv(prefix: string): () => boolean {
  fs.mkdirSync(path.join(prefix, 'conda-meta'), { recursive: true });
  fs.writeFileSync(path.join(prefix, 'conda-meta', 'history'), '# cmd: conda create\n');
  fs.writeFileSync(path.join(prefix, 'precious.txt'), 'my work\n');
  return () => fs.existsSync(path.join(prefix, 'precious.txt'));
}

const NO_DETECT = ['--no-detect'];

test('an env in an envs dir not named "envs" is found: refused, never replaced', async () => {
  const s = setup();
  const other = path.join(s.tmp, 'conda-environments');
  s.env.FAKE_CONDA_ENVS_DIRS = other;
  const intact = userEnv(path.join(other, 'demo'));
  const code = await main(['create-env', 'proj', '--yes', '--name', 'demo', ...NO_DETECT], s.io);
  assert.equal(code, 1);
  assert.match(s.err.join('\n'), /already exists at .*conda-environments[/\\]demo/);
  assert.ok(intact(), 'the existing env was removed');
  assert.deepEqual(s.mutating(), []);
});

for (const fail of ['envlist', 'info']) {
  test(`a failing ${fail} query: "could not tell", nothing runs, the env survives`, async () => {
    const s = setup();
    const intact = userEnv(path.join(s.tmp, 'root', 'envs', 'demo'));
    s.env.FAKE_CONDA_FAIL = fail;
    const code = await main(['create-env', 'proj', '--yes', '--name', 'demo', ...NO_DETECT], s.io);
    assert.equal(code, 1);
    // Whichever answer conda still gives (the list, or the envs dirs looked at on disk) finds it. Never "free".
    assert.match(s.err.join('\n'), /"demo" already exists at/);
    assert.ok(intact());
    assert.equal(await main(['create-env', 'proj', '--yes', '--name', 'other', ...NO_DETECT], s.io), 1);
    assert.match(s.err.join('\n'), /Could not tell whether the environment "other" already exists \(.*(env list|info) --json.*\)\. Nothing was run/);
    assert.deepEqual(s.mutating(), []);
    // The dry run says the same instead of showing a plan.
    assert.equal(await main(['create-env', 'proj', '--dry-run', '--name', 'other', ...NO_DETECT], s.io), 1);
    assert.deepEqual(s.out, []);
  });
}

test('--prefix that is, or contains, the project folder is refused, --recreate included', async () => {
  const s = setup();
  fs.mkdirSync(path.join(s.dir, 'conda-meta')); // even when the project looks like an env
  for (const args of [['--prefix', '.'], ['--prefix', '.', '--recreate'], ['--prefix', s.tmp], ['--prefix', '..']]) {
    s.err.length = 0;
    const code = await main(['create-env', s.dir, '--yes', ...args, ...NO_DETECT], { ...s.io, cwd: s.dir });
    assert.equal(code, 1, args.join(' '));
    assert.match(s.err.join('\n'), /cannot hold the environment: it is, or contains, the project folder/, args.join(' '));
  }
  assert.ok(fs.existsSync(path.join(s.dir, 'requirements.txt')));
  assert.deepEqual(s.mutating(), []);
});

test('--prefix that is, or contains, the home folder is refused (dry run)', async () => {
  const s = setup();
  for (const p of [os.homedir(), path.dirname(os.homedir())]) {
    s.err.length = 0;
    assert.equal(await main(['create-env', 'proj', '--dry-run', '--prefix', p, ...NO_DETECT], s.io), 1, p);
    assert.match(s.err.join('\n'), /it is, or contains, (your home folder|the project folder)/);
  }
  assert.deepEqual(s.out, []);
});

test('--prefix on a folder of other files is refused; an empty folder or a new one is fine', async () => {
  const s = setup();
  const full = path.join(s.tmp, 'data');
  fs.mkdirSync(full);
  fs.writeFileSync(path.join(full, 'results.csv'), '1,2\n');
  assert.equal(await main(['create-env', 'proj', '--yes', '--prefix', full, ...NO_DETECT], s.io), 1);
  assert.match(s.err.join('\n'), /a folder with other files in it, not a conda environment/);
  assert.ok(fs.existsSync(path.join(full, 'results.csv')));
  assert.deepEqual(s.mutating(), []);
  const empty = path.join(s.tmp, 'empty');
  fs.mkdirSync(empty);
  assert.equal(await main(['create-env', 'proj', '--dry-run', '--prefix', empty, ...NO_DETECT], s.io), 0);
  assert.match(s.out.join('\n'), /create --yes --prefix .*empty python=/);
});

test('--update is a plain update; --prune only when asked, and only with --update', async () => {
  const s = setup({ 'environment.yml': 'name: demo\ndependencies:\n  - python=3.11\n' });
  userEnv(path.join(s.tmp, 'root', 'envs', 'demo'));
  assert.equal(await main(['create-env', 'proj', '--dry-run', '--update', ...NO_DETECT], s.io), 0);
  assert.match(s.out.at(-1) ?? '', /env update --file environment\.yml --name demo$/);
  assert.equal(await main(['create-env', 'proj', '--dry-run', '--update', '--prune', ...NO_DETECT], s.io), 0);
  assert.match(s.out.at(-1) ?? '', /env update --file environment\.yml --name demo --prune$/);
  assert.equal(await main(['create-env', 'proj', '--dry-run', '--prune', ...NO_DETECT], s.io), 2);
  assert.equal(await main(['create-env', 'proj', '--yes', '--update', ...NO_DETECT], s.io), 0, s.err.join('\n'));
  assert.deepEqual(s.mutating().map((c) => c.argv), [['env', 'update', '--file', 'environment.yml', '--name', 'demo']]);
});

test('conda exits 0 but makes no env: a failure that says so, never "ready"', async () => {
  const s = setup();
  s.env.FAKE_CONDA_FAIL = 'noop';
  const code = await main(['create-env', 'proj', '--yes', '--name', 'ghost', ...NO_DETECT], s.io);
  assert.equal(code, 1);
  const text = s.err.join('\n');
  assert.doesNotMatch(text, /is ready/);
  assert.match(text, /failed at "Create ghost with Python 3\.12"/);
  assert.match(text, /conda reported success, but no environment \(conda-meta\) is at .*ghost/);
  assert.match(text, /No environment was left behind\./);
  assert.equal(s.mutating().filter((c) => c.argv[0] === 'run').length, 0, 'pip does not run into a missing env');
});

test('--fix leaves a Latin-1 file byte for byte and says why; a UTF-8 file is fixed', async () => {
  const text = 'torch==2.5.1+cu121\n--extra-index-url https://download.pytorch.org/whl/cu121\n# caf\u00e9 \u00e0 la cr\u00e8me\n';
  const gpu = ['--no-detect', '--driver', '470.57.02', '--gpu', 'Tesla T4', '--platform', 'linux'];
  const latin1 = Buffer.from(text, 'latin1');
  const s = setup({ 'requirements.txt': latin1 });
  const code = await main(['create-env', 'proj', '--yes', '--fix', '--name', 'x', ...gpu], s.io);
  assert.ok(fs.readFileSync(path.join(s.dir, 'requirements.txt')).equals(latin1), 'the file changed');
  assert.equal(code, 1, s.err.join('\n'));
  assert.match(s.err.join('\n'), /not plain UTF-8 .*not fixed/);
  assert.deepEqual(s.mutating(), []);
  const u = setup({ 'requirements.txt': text });
  await main(['create-env', 'proj', '--dry-run', '--fix', '--name', 'x', ...gpu], u.io);
  assert.match(u.err.join('\n'), /--fix would change/, 'this machine needs a fix for the file (else the test proves nothing)');
});

test('fixes are written only over plain UTF-8 (LF/CRLF) files; every other encoding is left byte for byte', async () => {
  const { fixesWritable, writeFixes } = await import('../../../src/system/createEnvProject');
  const { readTextFile } = await import('../../../src/system/fileReader');
  const text = 'torch==2.5.1+cu121\n# caf\u00e9 \u4e2d\n';
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  const cases: [string, Buffer, 'ok' | 'not-utf8'][] = [
    ['utf8', Buffer.from(text, 'utf8'), 'ok'],
    ['utf8 crlf', Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8'), 'ok'],
    ['latin1', Buffer.from('torch==2.5.1+cu121\n# caf\u00e9\n', 'latin1'), 'not-utf8'],
    ['utf8 bom', Buffer.concat([bom, Buffer.from(text, 'utf8')]), 'not-utf8'],
    ['utf16le bom', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'not-utf8'],
    ['lone cr', Buffer.from(text.replace(/\n/g, '\r'), 'utf8'), 'not-utf8'],
  ];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aied-enc-'));
  for (const [name, bytes, want] of cases) {
    const file = path.join(tmp, `${name}.txt`);
    fs.writeFileSync(file, bytes);
    const original = readTextFile(file) ?? '';
    const preview = { file, original, fixed: original.replace('cu121', 'cu118'), codes: ['x'] };
    assert.equal(fixesWritable(preview), want, name);
    const r = writeFixes(preview);
    if (want === 'ok') assert.equal(fs.readFileSync(file, 'utf8'), preview.fixed, name);
    else {
      assert.equal(r, 'not-utf8', name);
      assert.ok(fs.readFileSync(file).equals(bytes), `${name} changed`);
    }
  }
  const file = path.join(tmp, 'moved.txt');
  fs.writeFileSync(file, text);
  const preview = { file, original: text, fixed: text.replace('cu121', 'cu118'), codes: ['x'] };
  fs.writeFileSync(file, `${text}numpy\n`);
  assert.equal(writeFixes(preview), 'changed');
});

// The runner against the conda stand-in (test/fixtures/bin/conda): exact argv received, streaming,
// failure reporting with conda's/pip's own lines, cancellation killing the process tree, partial envs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPlan } from '../../../src/core/createEnv/plan';
import type { EnvTarget, ProjectSource } from '../../../src/core/createEnv/types';
import { condaFacts, runPlan, targetState, LineSplitter } from '../../../src/system/condaRunner';

const FAKE = path.resolve(__dirname, '..', '..', 'fixtures', 'bin', 'conda');
const tool = { path: FAKE, flavor: 'conda' as const };

function sandbox(dirName = 'proj') {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aied-run-'));
  const root = path.join(tmp, 'root');
  const dir = path.join(tmp, dirName);
  fs.mkdirSync(dir, { recursive: true });
  const log = path.join(tmp, 'calls.jsonl');
  const env = { ...process.env, FAKE_CONDA_ROOT: root, FAKE_CONDA_LOG: log };
  const calls = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { tool: string; argv: string[]; cwd: string }) : []);
  return { tmp, root, dir, env, calls };
}

function reqPlan(dir: string, target: EnvTarget, existing: 'update' | 'recreate' | null = null) {
  fs.writeFileSync(path.join(dir, 'requirements.txt'), 'torch==2.5.1\nnumpy\n');
  const source: ProjectSource = { kind: 'requirements', file: path.join(dir, 'requirements.txt'), hasTorch: true, torchIndex: null };
  return buildPlan({ tool, target, python: '3.12', existing, state: existing ? 'exists' : 'free',
    project: { dir, folderName: path.basename(dir), source, requirementsFiles: [], requiresPython: null, pythonVersionFile: null, envPythonSpec: null, torchPin: '2.5.1' },
    recommendation: { variant: 'cu124', indexUrl: 'https://download.pytorch.org/whl/cu124' } });
}

test('runs each step with the exact argv, streams lines, finds the new env', async () => {
  const s = sandbox();
  const plan = reqPlan(s.dir, { kind: 'name', name: 'proj' });
  const lines: string[] = [];
  const steps: string[] = [];
  const r = await runPlan(plan, { env: s.env, onLine: (l) => lines.push(l), onStep: (st) => steps.push(st.id) });
  assert.equal(r.ok, true, r.errorLines.join('\n'));
  assert.deepEqual(steps, ['create', 'pip-install']);
  const conda = s.calls().filter((c) => c.tool === 'conda');
  const queries = ['info --json', 'env list --json'];
  assert.deepEqual(conda.map((c) => c.argv).filter((a) => !queries.includes(a.join(' '))), plan.steps.map((st) => st.argv.slice(1)));
  assert.deepEqual(conda.map((c) => c.argv.join(' ')).filter((a) => queries.includes(a)).sort(), queries.slice().reverse(), 'asked once where the env landed');
  assert.ok(conda.filter((c) => !queries.includes(c.argv.join(' '))).every((c) => fs.realpathSync(c.cwd) === fs.realpathSync(s.dir)));
  const py = s.calls().find((c) => c.tool === 'python');
  assert.deepEqual(py?.argv, ['-m', 'pip', 'install', '-r', 'requirements.txt', '--extra-index-url', 'https://download.pytorch.org/whl/cu124']);
  assert.ok(lines.includes('Looking in indexes: https://pypi.org/simple, https://download.pytorch.org/whl/cu124'));
  assert.equal(r.prefix, path.join(s.root, 'envs', 'proj'));
  const state = await targetState(tool, { kind: 'name', name: 'proj' }, { env: s.env, projectDir: s.dir });
  assert.deepEqual(state, { state: 'exists', prefix: path.join(s.root, 'envs', 'proj'), candidates: [path.join(s.root, 'envs', 'proj'), path.join(s.root, 'envs', 'proj')] });
  assert.deepEqual((await condaFacts(tool, { env: s.env })).listed, [s.root, path.join(s.root, 'envs', 'proj')]);
});

test('paths with spaces, quotes, ;, $() and non-ASCII reach conda unchanged', async () => {
  const s = sandbox(`my "proj"; echo $(id) 'x' 项目`);
  const prefix = path.join(s.dir, '.conda');
  const plan = reqPlan(s.dir, { kind: 'prefix', path: prefix });
  const r = await runPlan(plan, { env: s.env });
  assert.equal(r.ok, true, r.errorLines.join('\n'));
  const create = s.calls().find((c) => c.argv[0] === 'create');
  assert.deepEqual(create?.argv, ['create', '--yes', '--prefix', prefix, 'python=3.12']);
  assert.ok(fs.existsSync(path.join(prefix, 'conda-meta')));
  assert.equal(r.prefix, prefix);
  assert.equal((await targetState(tool, { kind: 'prefix', path: prefix }, { env: s.env, projectDir: s.dir })).state, 'exists');
});

test('failure quotes pip\'s own error lines and reports the env left behind', async () => {
  const s = sandbox();
  const plan = reqPlan(s.dir, { kind: 'name', name: 'proj' });
  const r = await runPlan(plan, { env: { ...s.env, FAKE_CONDA_FAIL: 'pip' } });
  assert.equal(r.ok, false);
  assert.equal(r.failedStep?.id, 'pip-install');
  assert.equal(r.errorLines[0], 'ERROR: Could not find a version that satisfies the requirement torch==2.5.1 (from versions: none)');
  assert.equal(r.leftBehind, 'partial');
  assert.equal(r.prefix, path.join(s.root, 'envs', 'proj'));
});

test('solver failure: PackagesNotFoundError quoted, nothing left behind', async () => {
  const s = sandbox();
  const plan = reqPlan(s.dir, { kind: 'name', name: 'proj' });
  plan.steps[0].argv[plan.steps[0].argv.length - 1] = 'python=2.5';
  const r = await runPlan(plan, { env: s.env });
  assert.equal(r.failedStep?.id, 'create');
  assert.deepEqual(r.errorLines, ['PackagesNotFoundError: The following packages are not available from current channels:', '  - python=2.5']);
  assert.equal(r.leftBehind, 'none');
  assert.equal(r.prefix, null);
  assert.equal(s.calls().filter((c) => c.argv[0] === 'run').length, 0, 'later steps do not run');
});

test('env create on an existing env fails with conda\'s message; missing tool is reported', async () => {
  const s = sandbox();
  fs.writeFileSync(path.join(s.dir, 'environment.yml'), 'name: demo\ndependencies:\n  - python=3.11\n');
  const source: ProjectSource = { kind: 'environment', file: path.join(s.dir, 'environment.yml'), envName: 'demo', hasPip: false };
  const mk = (t: typeof tool) => buildPlan({ tool: t, target: { kind: 'name', name: 'demo' }, python: '3.12', state: 'free', existing: null, recommendation: null,
    project: { dir: s.dir, folderName: 'proj', source, requirementsFiles: [], requiresPython: null, pythonVersionFile: null, envPythonSpec: null, torchPin: null } });
  assert.equal((await runPlan(mk(tool), { env: s.env })).ok, true);
  const again = await runPlan(mk(tool), { env: s.env });
  assert.deepEqual(again.errorLines, [`CondaValueError: prefix already exists: ${path.join(s.root, 'envs', 'demo')}`]);
  const missing = await runPlan(mk({ path: path.join(s.tmp, 'no-such-conda'), flavor: 'conda' }), { env: s.env });
  assert.equal(missing.ok, false);
  assert.equal(missing.outcomes[0].result.error, 'not-found');
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('cancel kills the stand-in and its child, and says what is left', { skip: process.platform === 'win32' }, async () => {
  const s = sandbox();
  const pidfile = path.join(s.tmp, 'pids');
  const plan = reqPlan(s.dir, { kind: 'name', name: 'proj' });
  const ac = new AbortController();
  const { candidates } = await targetState(tool, plan.target, { env: s.env, projectDir: s.dir });
  const done = runPlan(plan, { env: { ...s.env, FAKE_CONDA_SLEEP: '60', FAKE_CONDA_PIDFILE: pidfile }, signal: ac.signal, candidates });
  // Wait (bounded) until the stand-in is sleeping, i.e. its pids are written.
  for (let i = 0; i < 200 && !(fs.existsSync(pidfile) && fs.readFileSync(pidfile, 'utf8').trim().split('\n').length >= 2); i++) {
    await new Promise((res) => setTimeout(res, 50));
  }
  const pids = fs.readFileSync(pidfile, 'utf8').trim().split('\n').map(Number);
  assert.equal(pids.length, 2);
  ac.abort();
  const r = await done;
  assert.equal(r.cancelled, true);
  assert.equal(r.failedStep?.id, 'create');
  assert.equal(r.leftBehind, 'partial', 'the stand-in had made the prefix before sleeping');
  assert.equal(r.prefix, path.join(s.root, 'envs', 'proj'));
  for (let i = 0; i < 100 && pids.some(alive); i++) await new Promise((res) => setTimeout(res, 50));
  assert.deepEqual(pids.filter(alive), [], 'conda and its child are gone');
});

test('LineSplitter: \\n, \\r\\n, \\r redraws, chunk boundaries', () => {
  const got: string[] = [];
  const ls = new LineSplitter((l) => got.push(l));
  ls.push('a\r');
  ls.push('\nb 10%\rb 100%\nc');
  ls.push('d\r\n');
  ls.push('tail');
  ls.flush();
  assert.deepEqual(got, ['a', 'b 10%', 'b 100%', 'cd', 'tail']);
});

test('a step past its time limit is stopped and reported as timed out', { skip: process.platform === 'win32' }, async () => {
  const s = sandbox();
  const plan = reqPlan(s.dir, { kind: 'name', name: 'slow' });
  const r = await runPlan(plan, { env: { ...s.env, FAKE_CONDA_SLEEP: '60' }, timeoutMs: 1500 });
  assert.equal(r.ok, false);
  assert.equal(r.timedOut, true);
  assert.equal(r.cancelled, false);
  assert.equal(r.failedStep?.id, 'create');
  assert.equal(s.calls().filter((c) => c.argv[0] === 'run').length, 0);
});

async function pidsFrom(file: string, n: number): Promise<number[]> {
  for (let i = 0; i < 400 && !(fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim().split('\n').length >= n); i++) {
    await new Promise((res) => setTimeout(res, 50));
  }
  return fs.readFileSync(file, 'utf8').trim().split('\n').map(Number);
}

async function gone(pids: number[]): Promise<number[]> {
  for (let i = 0; i < 200 && pids.some(alive); i++) await new Promise((res) => setTimeout(res, 50));
  return pids.filter(alive);
}

test('what a failed run left is looked at on disk: a partial env is reported even when conda cannot be asked', async () => {
  const s = sandbox();
  const plan = reqPlan(s.dir, { kind: 'name', name: 'proj' });
  const { candidates } = await targetState(tool, plan.target, { env: s.env, projectDir: s.dir });
  const r = await runPlan(plan, { env: { ...s.env, FAKE_CONDA_FAIL: 'pip,info,envlist' }, candidates });
  assert.equal(r.failedStep?.id, 'pip-install');
  assert.equal(r.leftBehind, 'partial');
  assert.equal(r.prefix, path.join(s.root, 'envs', 'proj'));
});

test('after a cancel no conda query runs (the answer comes from disk at once)', { skip: process.platform === 'win32' }, async () => {
  const s = sandbox();
  const pidfile = path.join(s.tmp, 'pids');
  const plan = reqPlan(s.dir, { kind: 'name', name: 'proj' });
  const { candidates } = await targetState(tool, plan.target, { env: s.env, projectDir: s.dir });
  const before = s.calls().length;
  const ac = new AbortController();
  const env = { ...s.env, FAKE_CONDA_SLEEP: '60', FAKE_CONDA_QUERY_SLEEP: '60', FAKE_CONDA_PIDFILE: pidfile };
  const done = runPlan(plan, { env, signal: ac.signal, candidates });
  const pids = await pidsFrom(pidfile, 2);
  ac.abort();
  const r = await done;
  assert.equal(r.cancelled, true);
  assert.equal(r.leftBehind, 'partial');
  assert.deepEqual(s.calls().slice(before).map((c) => c.argv[0]), ['create'], 'only the cancelled step ran');
  assert.deepEqual(await gone(pids), []);
});

test('the existence check stops on cancel and at its one deadline, and kills the queries it started', { skip: process.platform === 'win32' }, async () => {
  for (const how of ['cancel', 'deadline'] as const) {
    const s = sandbox();
    const pidfile = path.join(s.tmp, 'pids');
    const env = { ...s.env, FAKE_CONDA_QUERY_SLEEP: '60', FAKE_CONDA_PIDFILE: pidfile };
    const ac = new AbortController();
    const check = targetState(tool, { kind: 'name', name: 'x' }, { env, projectDir: s.dir, signal: ac.signal,
      timeoutMs: how === 'deadline' ? 1500 : 120_000 });
    const pids = await pidsFrom(pidfile, 4); // info and env list, each with its sleeping child
    if (how === 'cancel') ac.abort();
    const state = await check;
    assert.equal(state.state, 'unknown', how);
    assert.match(state.state === 'unknown' ? state.why.message : '', how === 'cancel' ? /cancelled/ : /timeout/);
    assert.deepEqual(await gone(pids), [], how);
  }
});

test('a failed update says the existing env is still there (never "partial, remove it")', async () => {
  const s = sandbox();
  const created = await runPlan(reqPlan(s.dir, { kind: 'name', name: 'proj' }), { env: s.env });
  assert.equal(created.ok, true, created.errorLines.join('\n'));
  const r = await runPlan(reqPlan(s.dir, { kind: 'name', name: 'proj' }, 'update'), { env: { ...s.env, FAKE_CONDA_FAIL: 'pip' } });
  assert.equal(r.failedStep?.id, 'pip-install');
  assert.equal(r.leftBehind, 'existing');
  assert.ok(fs.existsSync(path.join(s.root, 'envs', 'proj', 'conda-meta')));
});

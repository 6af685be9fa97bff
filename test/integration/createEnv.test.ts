// "Create conda env" end to end in the real extension host against the conda stand-in (test/fixtures/bin/conda,
// first on PATH; FAKE_CONDA_ROOT in the run folder): the plan runs exactly as shown, the env exists afterwards,
// and cancel kills the running step. Driven through the internal command's headless options (every question
// answered); the public command, which command links can reach, keeps every question.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { mutatingCalls } from './condaLog';
import { activateExtension, waitFor, workspaceRoot } from './helpers';

interface Result {
  status: string;
  reason?: string;
  plan?: string[][];
  prefix?: string | null;
  leftBehind?: string | null;
  torch?: { version: string | null; cudaAvailable: boolean | null } | null;
}

const CREATE = 'aiEnvDoctor._createCondaEnvInternal';
const PUBLIC = 'aiEnvDoctor.createCondaEnv';
const CANCEL = 'aiEnvDoctor.createCondaEnv.cancel';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

suite('create conda env', function () {
  suiteSetup(async function () {
    if (!process.env.FAKE_CONDA_ROOT) this.skip(); // needs the stand-in's root (set by test/e2e/run.mjs)
    await activateExtension();
  });

  test('creates the env from requirements.txt: the plan runs exactly as shown, with the index for this GPU', async () => {
    const before = mutatingCalls().length;
    const folder = workspaceRoot().fsPath;
    const r = (await vscode.commands.executeCommand(CREATE, {
      folder, name: 'e2e_env', python: '3.11', yes: true, fixFirst: false, selectInterpreter: false,
    })) as Result;
    assert.strictEqual(r.status, 'created', JSON.stringify(r));
    assert.ok(r.plan && r.plan.length >= 2, `plan: ${JSON.stringify(r.plan)}`);
    const calls = mutatingCalls().slice(before).map((c) => c.argv);
    // every step of the plan ran, in order, with exactly its arguments (the executable aside); after it only
    // the installed-torch check (`conda run ... python -c <probe>`)
    const ran = calls.slice(0, r.plan.length);
    assert.deepStrictEqual(ran, r.plan.map((argv) => argv.slice(1)));
    for (const extra of calls.slice(r.plan.length)) {
      assert.ok(extra[0] === 'run' && extra.includes('-c'), `unexpected conda call after the plan: ${JSON.stringify(extra)}`);
    }
    assert.deepStrictEqual(ran[0].slice(0, 1), ['create']);
    assert.ok(ran[0].includes('e2e_env') && ran[0].includes('python=3.11'), JSON.stringify(ran[0]));
    const install = ran.find((a) => a.includes('install'));
    assert.ok(install, 'no pip install step');
    assert.ok(install.includes('requirements.txt') || install.some((a) => a.endsWith('requirements.txt')), JSON.stringify(install));
    // RTX 4090 + driver 550.54.14 and torch==2.5.1: the cu124 wheels, from the command line or (as in this
    // fixture) from the requirements file's own --extra-index-url, which is already right for this machine
    const cu124 = 'https://download.pytorch.org/whl/cu124';
    const reqText = fs.readFileSync(path.join(folder, 'requirements.txt'), 'utf8');
    assert.ok(install.includes(cu124) || reqText.includes(`--extra-index-url ${cu124}`), JSON.stringify(install));
    assert.ok(!install.some((a) => /whl\/(cpu|cu1[0-9]{2})$/.test(a) && a !== cu124), `a wrong index: ${JSON.stringify(install)}`);
    const prefix = path.join(process.env.FAKE_CONDA_ROOT as string, 'envs', 'e2e_env');
    assert.ok(fs.existsSync(path.join(prefix, 'conda-meta')), `${prefix} was not created`);
    // the installed-torch check ran in the new env and reports the build pip installed there
    assert.strictEqual(r.torch?.version, '2.5.1+cu124', JSON.stringify(r.torch));
    assert.strictEqual(typeof r.torch?.cudaAvailable, 'boolean', JSON.stringify(r.torch));
  });

  test('an existing env is never replaced silently', async () => {
    const before = mutatingCalls().length;
    const r = (await vscode.commands.executeCommand(CREATE, {
      folder: workspaceRoot().fsPath, name: 'e2e_env', python: '3.11', yes: true, fixFirst: false, existing: 'fail',
      selectInterpreter: false,
    })) as Result;
    assert.strictEqual(r.status, 'refused', JSON.stringify(r));
    assert.strictEqual(r.reason, 'exists');
    assert.deepStrictEqual(mutatingCalls().slice(before), []);
  });

  test('the public command ignores yes/existing/prefix: the existing env is not replaced, a question is asked instead', async () => {
    const before = mutatingCalls().length;
    const prefix = path.join(process.env.FAKE_CONDA_ROOT as string, 'envs', 'e2e_env');
    const marker = path.join(prefix, 'conda-meta', 'history');
    assert.ok(fs.existsSync(marker), 'the env from the first test');
    let settled = false;
    const running = Promise.resolve(vscode.commands.executeCommand(PUBLIC, {
      folder: workspaceRoot().fsPath, name: 'e2e_env', python: '3.11', yes: true, existing: 'recreate', fixFirst: false,
      selectInterpreter: false,
    })).then((r) => { settled = true; return r as Result; });
    // The questions it asks are quick picks (what to do with the existing env): dismiss them until it gives up.
    await waitFor(() => {
      if (!settled) void vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return settled;
    }, (done) => done, { timeoutMs: 30_000, what: 'the public command to stop at its question' });
    const r = await running;
    assert.notStrictEqual(r.status, 'created', JSON.stringify(r));
    assert.strictEqual(r.reason, 'exists', JSON.stringify(r));
    assert.deepStrictEqual(mutatingCalls().slice(before), []);
    assert.ok(fs.existsSync(marker), 'the env was replaced');
  });

  test('when conda cannot say whether the env exists, nothing runs (headless: refused)', async () => {
    const before = mutatingCalls().length;
    process.env.FAKE_CONDA_FAIL = 'info';
    try {
      const r = (await vscode.commands.executeCommand(CREATE, {
        folder: workspaceRoot().fsPath, name: 'e2e_unknown', python: '3.11', yes: true, fixFirst: false, selectInterpreter: false,
      })) as Result;
      assert.strictEqual(r.status, 'refused', JSON.stringify(r));
      assert.strictEqual(r.reason, 'unknown', JSON.stringify(r));
      assert.deepStrictEqual(mutatingCalls().slice(before), []);
    } finally {
      delete process.env.FAKE_CONDA_FAIL;
    }
  });

  test('cancel kills the running step and reports what is left behind', async () => {
    const pidFile = path.join(process.env.AIENV_RUN_DIR ?? process.env.FAKE_CONDA_ROOT!, 'conda-pids.txt');
    process.env.FAKE_CONDA_SLEEP = '60';
    process.env.FAKE_CONDA_PIDFILE = pidFile;
    try {
      const running = Promise.resolve(
        vscode.commands.executeCommand(CREATE, {
          folder: workspaceRoot().fsPath, name: 'e2e_cancel', python: '3.11', yes: true, fixFirst: false,
          selectInterpreter: false,
        }),
      ) as Promise<Result>;
      const pids = await waitFor(
        () => (fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number) : []),
        (p) => p.length >= 2,
        { timeoutMs: 20_000, what: 'the stand-in to start sleeping' },
      );
      assert.ok(pids.every(alive));
      await vscode.commands.executeCommand(CANCEL);
      const r = await running;
      assert.strictEqual(r.status, 'cancelled', JSON.stringify(r));
      assert.ok(r.leftBehind === 'none' || r.leftBehind === 'partial', `leftBehind: ${r.leftBehind}`);
      await waitFor(() => pids.filter(alive), (live) => live.length === 0, { timeoutMs: 15_000, what: 'the conda process tree to die' });
    } finally {
      delete process.env.FAKE_CONDA_SLEEP;
      delete process.env.FAKE_CONDA_PIDFILE;
    }
  });
});

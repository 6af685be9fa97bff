/* global clearTimeout, process, setTimeout */
// Headless Debian chromium driven by playwright-core (flags from test/e2e/HARNESS.md), one persistent profile
// per session inside the run folder, with the XDG dirs there too (nothing written to ~).
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM, xdgEnv } from './setup.mjs';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch(runDir, opts = {}) {
  const profile = path.join(runDir, 'chromium');
  fs.mkdirSync(profile, { recursive: true });
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: opts.viewport ?? { width: 1400, height: 900 },
    env: { ...process.env, ...xdgEnv(path.join(runDir, 'xdg-chromium')) },
    locale: opts.locale,
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  return { ctx, page };
}

/** Formats a console call forwarded by the workbench (mocha prints through %s/%d templates). */
export function formatLog(args) {
  const list = [].concat(args ?? []);
  if (typeof list[0] === 'string' && /%[sdifoOj]/.test(list[0])) return util.format(...list);
  return list.map((a) => (typeof a === 'string' ? a : util.inspect(a))).join(' ');
}

/**
 * Loads `url` (a workbench with an extensionTestsPath payload) and resolves with the code the workbench
 * passes to window.codeAutomationExit when run() settles: 0 pass, 1 fail; 2 when nothing came back within
 * timeoutMs (driver-side timeout: a missing flag or a wrong authority only ever shows up this way).
 */
export async function runSuites(page, url, { timeoutMs, onLog }) {
  let done;
  const exited = new Promise((r) => (done = r));
  await page.exposeFunction('codeAutomationLog', (type, args) => onLog(type, formatLog(args)));
  await page.exposeFunction('codeAutomationExit', (code) => done(Number(code)));
  await page.goto(url, { timeout: 120_000 }); // the workbench page can take long to load on a busy 2-core machine
  let timer;
  const timeout = new Promise((r) => (timer = setTimeout(() => r(2), timeoutMs)));
  const code = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  return code;
}

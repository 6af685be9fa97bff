/* global console, document, process, setTimeout */
// The UI as a user meets it: the built extension installed into code-server's extensions folder (as a VSIX
// install would lay it out; no smoke-test driver, so notifications show), a workspace with a broken
// requirements.txt, and playwright-core clicking through the workbench: open the file from the Explorer,
// wait for the squiggle, open the Problems panel, Ctrl+. on the squiggle and pick the preferred fix (its
// title from `ai-env-doctor check --json` on the same machine), save and check the text on disk, read the
// status bar item and its tooltip, run commands from the palette (refresh; create conda env through its
// quick picks against the conda stand-in). Screenshots into test-results/e2e/ui/; with --update-media the
// curated set is copied into media/ for the README.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launch } from './browser.mjs';
import { readTooltip, statusItem } from './bridge.mjs';
import { startServer, workbenchUrl } from './server.mjs';
import { ROOT } from './setup.mjs';

const MEDIA = { squiggles: 'squiggles.png', 'quick-fix': 'quick-fix.png', 'status-bar': 'status-bar.png', 'create-env': 'create-env.png' };
const EXT_FILES = ['package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'dist', 'syntaxes', 'l10n', 'media', 'data', 'LICENSE', 'README.md', 'CHANGELOG.md'];

function installExtension(extensionsDir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const dir = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of EXT_FILES) {
    const src = path.join(ROOT, f);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(dir, f), { recursive: true, filter: (s) => !s.endsWith('.map') });
  }
}

function preferredFixTitle(file, env) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', '--json', file], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  const j = JSON.parse(r.stdout);
  for (const f of j.files) {
    for (const x of f.findings) {
      const fix = x.fixes.find((y) => y.preferred);
      if (x.severity === 'error' && fix) return { code: x.code, title: fix.title };
    }
  }
  throw new Error(`check --json found no error with a preferred fix in ${file}: ${r.stdout.slice(0, 500)} ${r.stderr}`);
}

export async function runUi({ runDir, results, updateMedia, sessionEnv }) {
  fs.mkdirSync(runDir, { recursive: true });
  const shots = path.join(results, 'ui');
  fs.mkdirSync(shots, { recursive: true });
  const ws = path.join(runDir, 'workspaces', 'ui');
  fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'workspaces', 'ui'), ws, { recursive: true });
  const env = { ...sessionEnv({ suites: [] }, runDir), FAKE_CONDA_SLEEP: '3' };
  const extensionsDir = path.join(runDir, 'extensions');
  installExtension(extensionsDir);
  const server = await startServer({
    runDir,
    env,
    extensionsDir,
    userSettings: {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'editor.hover.delay': 300,
    },
  });
  const log = [];
  const step = (s) => {
    log.push(s);
    console.log(`  [ui] ${s}`);
  };
  let browser;
  let code = 1;
  const shot = async (name) => page().screenshot({ path: path.join(shots, `${name}.png`) });
  const page = () => browser.page;
  try {
    browser = await launch(runDir);
    const p = page();
    p.setDefaultTimeout(30_000);
    await p.goto(workbenchUrl(server, ws), { timeout: 120_000 });
    await p.locator('.monaco-workbench').waitFor();
    step('workbench loaded');
    const item = await statusItem(p);
    await p.locator('#workbench\\.parts\\.statusbar').getByText(/RTX 4090/).waitFor();
    step(`status bar: ${(await item.innerText()).trim()}`);

    // open from the Explorer; the squiggle appears
    await p.locator('.explorer-folders-view .monaco-list-row').getByText('requirements.txt', { exact: true }).click();
    await p.locator('.tabs-container .tab').getByText('requirements.txt').waitFor();
    const squiggle = p.locator('.monaco-editor .squiggly-error').first();
    await squiggle.waitFor();
    step('squiggle shown');
    const box = await squiggle.boundingBox();
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await p.mouse.move(cx, cy - 4);
    await p.locator('.monaco-hover').filter({ hasText: 'torch-index-unknown' }).first().waitFor();
    await shot('squiggles');

    // the Problems panel lists it
    await p.mouse.move(700, 120);
    await p.keyboard.press('Control+Shift+M');
    await p.locator('.markers-panel').getByText(/cu122/).first().waitFor();
    await p.locator('.markers-panel').getByText(/torch-index-unknown/).first().waitFor();
    step('Problems panel lists torch-index-unknown');
    await shot('problems');

    // Ctrl+. on the squiggle, pick the preferred fix
    const file = path.join(ws, 'requirements.txt');
    const want = preferredFixTitle(file, env);
    step(`preferred fix per the CLI: ${want.title}`);
    const menu = p.locator('.action-widget').filter({ hasText: want.title }).first();
    const row = menu.locator('.monaco-list-row').filter({ hasText: want.title }).first();
    for (let attempt = 1; ; attempt++) {
      // caret on the squiggle, pointer away (so no hover covers it), then Ctrl+.
      await p.mouse.click(cx, cy - 4);
      await p.mouse.move(700, 460);
      await p.keyboard.press('Escape');
      await p.keyboard.press('Control+.');
      try {
        await row.waitFor({ timeout: 5_000 });
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
    await row.hover();
    await shot('quick-fix');
    await row.click();
    await p.keyboard.press('Control+S');
    const fixed = await (async () => {
      const end = Date.now() + 15_000;
      for (;;) {
        const t = fs.readFileSync(file, 'utf8');
        if (!t.includes('cu122') || Date.now() > end) return t;
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    if (!/^--extra-index-url https:\/\/download\.pytorch\.org\/whl\/cu121$/m.test(fixed) || fixed.includes('cu122')) {
      throw new Error(`after the quick fix the file reads:\n${fixed}`);
    }
    if (!fixed.includes('# a ComfyUI-like project\n') || !fixed.includes('numpy==1.26.4\n')) throw new Error('the fix touched other lines');
    await p.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'detached' });
    step('quick fix applied: cu122 → cu121, squiggle gone');

    // the status bar tooltip
    const tip = await readTooltip(p, item);
    if (!/NVIDIA GeForce RTX 4090/.test(tip) || !/550\.54\.14/.test(tip)) throw new Error(`tooltip: ${tip}`);
    await shot('status-bar');
    step('status bar tooltip lists the GPUs and the driver');
    await p.mouse.move(700, 120);

    // commands from the palette
    const palette = async (title) => {
      await p.keyboard.press('F1');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor();
      await p.keyboard.type(title);
      await p.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().waitFor();
      await p.keyboard.press('Enter');
      // the palette is gone once its entry is (the command may open its own quick pick at once)
      await p.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().waitFor({ state: 'hidden' });
    };
    await palette('AI Env Doctor: Refresh machine detection');
    await p.locator('#workbench\\.parts\\.statusbar').getByText(/RTX 4090/).waitFor();
    step('palette: refresh ran');

    await palette('AI Env Doctor: Create conda env for this project');
    // answer each question with its default until the progress notification shows
    const progress = p.locator('.notifications-toasts .notification-toast').filter({ hasText: /conda|pip|env/i }).first();
    const end = Date.now() + 60_000;
    let answered = 0;
    const dialog = p.locator('.monaco-dialog-box');
    const quickInput = p.locator('.quick-input-widget');
    while (!(await progress.isVisible().catch(() => false))) {
      if (Date.now() > end) throw new Error(`create-env: no progress notification within 60 s (${answered} answers)`);
      if (await dialog.isVisible().catch(() => false)) {
        // the plan, shown before anything runs: confirm with "Run" (Cancel comes first on Linux)
        await shot('create-env-plan');
        await dialog.locator('.dialog-buttons .monaco-button').filter({ hasText: /^Run$/ }).click();
        answered++;
        await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
      } else if (
        (await quickInput.isVisible().catch(() => false)) &&
        // only when the question has the keyboard: an Enter must never land in the editor
        (await p.evaluate(() => !!document.activeElement?.closest('.quick-input-widget')))
      ) {
        const title = (await quickInput.innerText().catch(() => '')).slice(0, 200);
        await p.keyboard.press('Enter');
        answered++;
        // wait for this question to go (or be replaced) before looking again
        const t0 = Date.now();
        while (Date.now() - t0 < 5000 && (await quickInput.isVisible().catch(() => false)) &&
          (await quickInput.innerText().catch(() => '')).slice(0, 200) === title) {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    await p.locator('.notifications-toasts .monaco-progress-container.active, .notifications-toasts .monaco-progress-container.infinite')
      .first()
      .waitFor({ timeout: 5_000 })
      .catch(() => {});
    // let the toast finish sliding in (its position stops changing) before the picture
    let lastY = -1;
    for (let i = 0; i < 25; i++) {
      const b = await progress.boundingBox().catch(() => null);
      if (b && Math.abs(b.y - lastY) < 0.5) break;
      lastY = b ? b.y : -1;
      await new Promise((r) => setTimeout(r, 150));
    }
    await shot('create-env');
    step(`create-env progress shown after ${answered} answers`);
    const condaLog = env.FAKE_CONDA_LOG;
    const created = () => fs.existsSync(condaLog) && fs.readFileSync(condaLog, 'utf8').split('\n').some((l) => l.includes('"create"'));
    const until = Date.now() + 60_000;
    while (!created()) {
      if (Date.now() > until) throw new Error('create-env: conda create never ran');
      await new Promise((r) => setTimeout(r, 300));
    }
    step('conda create ran (stand-in log)');
    if (fs.readFileSync(file, 'utf8') !== fixed) throw new Error('the create-env questions changed requirements.txt');
    code = 0;
  } catch (e) {
    console.error(`  [ui] FAILED: ${e.message}`);
    if (browser) await shot('ui-failure').catch(() => {});
  } finally {
    await browser?.ctx.close().catch(() => {});
    await server.stop();
    fs.copyFileSync(server.logFile, path.join(results, 'ui.server.log'));
  }
  if (code === 0 && updateMedia) {
    for (const [name, out] of Object.entries(MEDIA)) fs.copyFileSync(path.join(shots, `${name}.png`), path.join(ROOT, 'media', out));
    console.log(`  [ui] media/ updated: ${Object.values(MEDIA).join(', ')}`);
  }
  return code;
}

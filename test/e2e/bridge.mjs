/* global setTimeout */
// Driver side of the UI bridge (see test/integration/helpers.ts): a suite inside the extension host logs
// "@@AIENV_UI@@<id>" after writing <runDir>/ui/<id>.request.json; we act on the real workbench DOM and write
// <id>.response.json. Everything waits with a deadline.
import fs from 'node:fs';
import path from 'node:path';

export const MARKER = '@@AIENV_UI@@';
const STATUS_ITEM = '#workbench\\.parts\\.statusbar .statusbar-item[id*="aiEnvDoctor"]';

async function until(fn, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn().catch((e) => ({ done: false, error: String(e) }));
    if (last.done) return last;
    if (Date.now() > end) {
      const err = new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last)}`);
      err.last = last;
      throw err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function statusItem(page) {
  const item = page.locator(STATUS_ITEM).first();
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  return item;
}

async function itemState(page) {
  const item = page.locator(STATUS_ITEM).first();
  const text = ((await item.innerText({ timeout: 2000 })) || '').replace(/\s+/g, ' ').trim();
  const cls = (await item.getAttribute('class')) || '';
  const icons = await item.locator('.codicon').evaluateAll((els) => els.map((e) => e.className));
  const spinning = icons.some((c) => /codicon-loading/.test(c));
  return { text, warning: /warning-kind/.test(cls), spinning, icons, cls };
}

export async function readTooltip(page, item) {
  await page.mouse.move(10, 10);
  await item.hover();
  const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: /\S/ }).last();
  await hover.waitFor({ state: 'visible', timeout: 10_000 });
  return (await hover.innerText()).trim();
}

async function handle(page, req, shotDir) {
  if (req.op === 'screenshot') {
    await page.screenshot({ path: path.join(shotDir, `${req.name}.png`) });
    return { ok: true };
  }
  if (req.op === 'keys') {
    for (const k of req.keys) {
      if (req.whenQuickInput) {
        await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: req.timeoutMs ?? 20_000 });
      }
      await page.keyboard.press(k);
    }
    return { ok: true };
  }
  if (req.op === 'statusbar') {
    const timeoutMs = req.timeoutMs ?? 20_000;
    const item = await statusItem(page);
    const re = req.match ? new RegExp(req.match) : null;
    const state = await until(
      async () => {
        const s = await itemState(page);
        const done = (!re || re.test(s.text)) && (req.warning === undefined || s.warning === req.warning);
        return { ...s, done };
      },
      timeoutMs,
      `status bar ${req.match ?? ''} warning=${req.warning}`,
    );
    let tooltip;
    if (req.tooltip) {
      const tre = new RegExp(req.tooltip);
      const t = await until(
        async () => {
          const text = await readTooltip(page, item);
          return { tooltip: text, done: tre.test(text) };
        },
        timeoutMs,
        `status bar tooltip ${req.tooltip}`,
      );
      tooltip = t.tooltip;
    }
    if (req.screenshot) await page.screenshot({ path: path.join(shotDir, `${req.screenshot}.png`) });
    if (req.tooltip) await page.mouse.move(700, 400);
    return { ok: true, text: state.text, warning: state.warning, tooltip };
  }
  return { ok: false, error: `unknown op ${req.op}` };
}

/** Serves one bridge request (never throws: errors go back to the suite, which fails with them). */
export async function serve(page, runDir, id, shotDir) {
  const dir = path.join(runDir, 'ui');
  let res;
  try {
    const req = JSON.parse(fs.readFileSync(path.join(dir, `${id}.request.json`), 'utf8'));
    res = await handle(page, req, shotDir);
  } catch (e) {
    res = { ok: false, error: String(e.message || e), ...(e.last ?? {}) };
    await page.screenshot({ path: path.join(shotDir, `bridge-fail-${id}.png`) }).catch(() => {});
  }
  fs.writeFileSync(path.join(dir, `${id}.response.json.tmp`), JSON.stringify(res));
  fs.renameSync(path.join(dir, `${id}.response.json.tmp`), path.join(dir, `${id}.response.json`));
}

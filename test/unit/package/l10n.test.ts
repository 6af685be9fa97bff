// Every user-visible template has a Simplified Chinese translation: the literals passed to
// vscode.l10n.t(...) in the editor layer and to msg(...) in core (core's messages are translated by the
// editor through the same bundle), plus the bundles themselves are valid and keep placeholders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const zh: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));

function sources(dir: string): string[] {
  return (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(root, dir, f));
}

/** String literals (no interpolation) passed as the first argument of `call(`. */
function templates(files: string[], call: RegExp): { text: string; file: string }[] {
  const out: { text: string; file: string }[] = [];
  const lit = String.raw`'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|\`((?:[^\`\\$]|\\.)*)\``;
  const re = new RegExp(call.source + String.raw`\(\s*(?:` + lit + ')', 'g');
  for (const file of files) {
    const src = fs.readFileSync(file, 'utf8');
    for (const m of src.matchAll(re)) {
      const raw = m[1] ?? m[2] ?? m[3];
      // Unescape the few escapes that appear in messages.
      const text = raw.replace(/\\(['"`\\])/g, '$1').replace(/\\n/g, '\n');
      out.push({ text, file: path.relative(root, file) });
    }
  }
  return out;
}

test('every vscode.l10n.t template in src/ has a zh-cn translation', () => {
  const found = templates([...sources('src/vscode'), path.join(root, 'src/extension.ts')], /\bl10n\.t/);
  const missing = found.filter((t) => typeof zh[t.text] !== 'string').map((t) => `${t.file}: ${JSON.stringify(t.text)}`);
  assert.deepEqual(missing, []);
});

test('every msg() template in src/core has a zh-cn translation', () => {
  const found = templates(sources('src/core'), /(?<![\w.])msg/);
  const missing = found.filter((t) => typeof zh[t.text] !== 'string').map((t) => `${t.file}: ${JSON.stringify(t.text)}`);
  assert.deepEqual(missing, []);
});

test('zh-cn translations keep every {n} placeholder of their template', () => {
  for (const [en, cn] of Object.entries(zh)) {
    const want = [...en.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();
    const got = [...cn.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual([...new Set(got)], [...new Set(want)], `placeholders of ${JSON.stringify(en)}`);
    assert.notEqual(cn.trim(), '', `empty translation of ${JSON.stringify(en)}`);
  }
});

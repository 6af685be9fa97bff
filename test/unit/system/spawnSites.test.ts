// Every process the product starts goes through the one helper (src/system/exec.ts), which sets a
// working folder (a neutral one unless the caller names one), a timeout and the tree kill. The only
// other spawn is the Windows tree kill itself (src/system/processTree.ts), in System32.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const src = path.resolve(__dirname, '..', '..', '..', 'src');
const ALLOWED = new Set(['system/exec.ts', 'system/processTree.ts']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

test('only the process helper imports child_process', () => {
  const importers = files(src)
    .filter((f) => /['"](node:)?child_process['"]/.test(readFileSync(f, 'utf8')))
    .map((f) => path.relative(src, f).split(path.sep).join('/'));
  assert.deepEqual(importers.filter((f) => !ALLOWED.has(f)), []);
  assert.ok(importers.includes('system/exec.ts'));
});

test('every spawn in the helper passes a working folder', () => {
  for (const rel of ALLOWED) {
    const text = readFileSync(path.join(src, rel), 'utf8');
    const calls = [...text.matchAll(/\b(spawn|spawnSync|execFile|execFileSync|execSync|fork)\(/g)];
    assert.ok(calls.length > 0, rel);
    for (const c of calls) {
      // The options object of the call: up to the call's closing line.
      const rest = text.slice(c.index, text.indexOf(';', c.index));
      assert.match(rest, /\bcwd\b|\.\.\.base\b/, `${rel}: ${rest.slice(0, 80)}`);
    }
    if (rel === 'system/exec.ts') assert.match(text, /cwd: options\.cwd \?\? neutralDir\(\)/);
  }
});

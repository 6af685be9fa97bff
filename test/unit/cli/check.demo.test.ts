// npm run demo (scripts/demo.mjs): runs `check` over examples/ for each named machine profile and shows
// findings with their preferred fix as before/after lines, without changing the files; exits 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliPath, repoRoot } from './cliHarness';

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) out[f] = fs.readFileSync(p, 'utf8');
  }
  return out;
}

test('the demo checks examples/ for every profile, shows fixes as before/after, and leaves the files alone', () => {
  const examples = path.join(repoRoot, 'examples');
  const before = snapshot(examples);
  assert.ok(Object.keys(before).length > 0, 'examples/ is empty');
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'demo.mjs')], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, AED_CLI: cliPath(), NO_COLOR: '1' },
    timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const sections = r.stdout.split(/^━━ /m).slice(1);
  const names = ['RTX 4090 · Windows · driver 551.78', 'GTX 1080 · Linux · driver 580.65.06', 'RTX 5090 · Linux · driver 575.57.08', 'MacBook (no NVIDIA)'];
  for (const n of names) assert.ok(sections.some((s) => s.startsWith(n)), `profile ${n} missing`);
  // Meaningful: the GPU profiles find errors or warnings, and at least one fix is shown as a diff.
  for (const s of sections.filter((x) => !x.startsWith('MacBook'))) {
    assert.match(s, / (error|warning) +[a-z-]+ /, s.split('\n')[0]);
  }
  assert.match(r.stdout, /fix: .+\n\s+- .+\n(\s+- .+\n)*\s+\+ /);
  assert.match(r.stdout, / error +(driver-too-old|gpu-arch-unsupported) /);
  assert.deepEqual(snapshot(examples), before, 'the demo must not change examples/');
});

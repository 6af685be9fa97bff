// scripts/test/unit.mjs, the runner behind `npm run test:unit` / `test:slow`, on the fixtures in
// test/fixtures/runner: bundled tests see their source locations; a skip is named once outside CI and
// fails the run under CI=true; the last lines are node's TAP summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../../paths';

function runner(files: string[], ci: boolean): { code: number | null; out: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: ci ? 'true' : '' };
  delete env.NODE_TEST_CONTEXT; // this file itself runs under node --test; the runner is a fresh one
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'test', 'unit.mjs'), ...files], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

function summary(out: string): Record<string, number> {
  const tail = out.trimEnd().split('\n').slice(-8);
  assert.match(tail[tail.length - 1], /^# duration_ms [\d.]+$/, 'the last line is the TAP summary');
  return Object.fromEntries(tail.map((l) => /^# (\w+) ([\d.]+)$/.exec(l)).filter((m) => m !== null).map((m) => [m[1], Number(m[2])]));
}

test('bundled tests see the __dirname, __filename and import.meta.url of their source', () => {
  const r = runner(['test/fixtures/runner/location.test.ts'], false);
  assert.equal(r.code, 0, r.out);
  assert.deepEqual([summary(r.out).pass, summary(r.out).fail], [1, 0]);
});

test('outside CI a skip passes and its reason is listed once, with what to install', () => {
  const r = runner(['test/fixtures/runner/skip.test.ts'], false);
  assert.equal(r.code, 0, r.out);
  const s = summary(r.out);
  assert.deepEqual([s.pass, s.fail, s.skipped], [1, 0, 1]);
  const listed = r.out.split('\n').filter((l) => l.startsWith('  fixture-tool not found (install fixture-tool)'));
  assert.equal(listed.length, 1, r.out);
});

test('under CI=true a skip fails the run and says what is missing', () => {
  const r = runner(['test/fixtures/runner/skip.test.ts'], true);
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /Under CI=true nothing may be skipped/);
  assert.match(r.out, /fixture-tool not found \(install fixture-tool\)/);
  assert.equal(summary(r.out).fail, 1);
});

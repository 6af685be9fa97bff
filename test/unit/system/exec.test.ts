import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, realpathSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { exec, MAX_TIMER_MS, timerMs } from '../../../src/system/exec';
import { allGone, killQuietly, running } from './processTable';
import { tmp } from './fakeTools';

const node = process.execPath;

test('runs with an argument array and captures output', async () => {
  const r = await exec(node, ['-e', 'process.stdout.write(process.argv[1])', 'a b;$(x) "q" é'], { timeoutMs: 10000 });
  assert.equal(r.ok, true);
  assert.equal(r.stdout, 'a b;$(x) "q" é');
});

test('reports a non-zero exit without throwing', async () => {
  const r = await exec(node, ['-e', 'console.error("bad"); process.exit(3)'], { timeoutMs: 10000 });
  assert.equal(r.ok, false);
  assert.equal(r.code, 3);
  assert.equal(r.error, null);
  assert.match(r.stderr, /bad/);
});

test('a missing binary is not-found', async () => {
  const r = await exec('/nonexistent/definitely-not-here', [], { timeoutMs: 10000 });
  assert.equal(r.error, 'not-found');
});

test('a hanging process is killed at the timeout, grandchildren too', async () => {
  const script = 'require("child_process").spawn(process.execPath, ["-e", "setInterval(()=>{}, 1000)"], {stdio: "ignore"}); setInterval(() => {}, 1000)';
  const r = await exec(node, ['-e', script], { timeoutMs: 300 });
  assert.equal(r.error, 'timeout');
  assert.equal(r.ok, false);
});

test('cancellation kills the process', async () => {
  const ac = new AbortController();
  const p = exec(node, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 20000, signal: ac.signal });
  setTimeout(() => ac.abort(), 100);
  const r = await p;
  assert.equal(r.error, 'cancelled');
});

test('streams output chunks', async () => {
  const chunks: string[] = [];
  await exec(node, ['-e', 'console.log("one"); console.log("two")'], { timeoutMs: 10000, onStdout: (c) => chunks.push(c) });
  assert.match(chunks.join(''), /one\ntwo/);
});

/** A shell script in a temp folder that records the pid of the background job it starts. */
function script(body: string): { file: string; pidFile: string } {
  const dir = tmp();
  const file = path.join(dir, 'tool.sh');
  const pidFile = path.join(dir, 'pid');
  writeFileSync(file, `#!/bin/sh\n${body.replaceAll('PIDFILE', pidFile)}\n`);
  chmodSync(file, 0o755);
  return { file, pidFile };
}

test('a timeout holds when a grandchild keeps the pipes open; the grandchild is ended', { timeout: 60_000 }, async () => {
  const s = script('(sleep 600) &\necho $! > PIDFILE\nsleep 600');
  const r = await exec(s.file, [], { timeoutMs: 300, killGraceMs: 200 });
  const pid = Number(readFileSync(s.pidFile, 'utf8'));
  assert.equal(r.error, 'timeout');
  assert.ok(await allGone([pid]), `grandchild ${pid} still running`);
});

test('a child that exits while its background job holds the pipes settles with its own outcome', { timeout: 60_000 }, async () => {
  const s = script('(sleep 600) &\necho $! > PIDFILE\necho done');
  const r = await exec(s.file, [], { timeoutMs: 120_000 });
  const pid = Number(readFileSync(s.pidFile, 'utf8'));
  assert.equal(r.error, null);
  assert.equal(r.ok, true);
  assert.equal(r.stdout.trim(), 'done');
  assert.ok(await allGone([pid]), `background job ${pid} still running`);
});

test('a child that ignores SIGTERM is killed after the grace period, its group too', { timeout: 60_000 }, async () => {
  const s = script("trap '' TERM\n(trap '' TERM; sleep 600) &\necho $! > PIDFILE\nwhile :; do sleep 1; done");
  const r = await exec(s.file, [], { timeoutMs: 300, killGraceMs: 200 });
  const pid = Number(readFileSync(s.pidFile, 'utf8'));
  assert.equal(r.error, 'timeout');
  assert.ok(await allGone([pid]));
});

test('the call settles even when a process outside the group holds the pipes', { timeout: 60_000 }, async () => {
  // A new session (setsid) puts the holder out of reach of the group signal.
  const holder = 'const c = require("child_process").spawn("sleep", ["600"], { detached: true, stdio: "inherit" }); c.unref(); console.log(c.pid)';
  const r = await exec(node, ['-e', holder], { timeoutMs: 120_000 });
  const pid = Number(r.stdout.trim());
  try {
    assert.equal(r.ok, true);
    assert.ok(pid > 0);
  } finally {
    killQuietly([pid]);
  }
});

test('cancelling ends the tree and answers cancelled', { timeout: 60_000 }, async () => {
  const s = script('(sleep 600) &\necho $! > PIDFILE\nsleep 600');
  const ac = new AbortController();
  const p = exec(s.file, [], { timeoutMs: 120_000, signal: ac.signal, killGraceMs: 200 });
  const { readWhenThere } = await import('./processTable');
  const pid = Number(await readWhenThere(s.pidFile));
  assert.ok(running(pid));
  ac.abort();
  const r = await p;
  assert.equal(r.error, 'cancelled');
  assert.ok(await allGone([pid]));
});

test('children start in an empty neutral folder, never the caller\'s working folder', async () => {
  const r = await exec(node, ['-e', 'const fs=require("fs");process.stdout.write(JSON.stringify([process.cwd(), fs.readdirSync(".")]))'], { timeoutMs: 10000 });
  const [cwd, entries] = JSON.parse(r.stdout) as [string, string[]];
  assert.notEqual(realpathSync(cwd), realpathSync(process.cwd()));
  assert.deepEqual(entries, []);
  const named = tmp();
  const r2 = await exec(node, ['-e', 'process.stdout.write(process.cwd())'], { timeoutMs: 10000, cwd: named });
  assert.equal(realpathSync(r2.stdout), realpathSync(named));
});

test('huge or odd timeouts do not overflow Node\'s timer', async () => {
  assert.equal(timerMs(1e12), MAX_TIMER_MS);
  assert.equal(timerMs(Infinity), MAX_TIMER_MS);
  assert.equal(timerMs(Number.NaN), MAX_TIMER_MS);
  assert.equal(timerMs(0), 1);
  const r = await exec(node, ['-e', 'setTimeout(() => console.log("slept"), 200)'], { timeoutMs: 1e12 });
  assert.equal(r.error, null);
  assert.equal(r.stdout.trim(), 'slept');
});

test('a shared deadline ends a call before its own timeout', { timeout: 60_000 }, async () => {
  const r = await exec(node, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 120_000, deadline: Date.now() + 200, killGraceMs: 100 });
  assert.equal(r.error, 'timeout');
});

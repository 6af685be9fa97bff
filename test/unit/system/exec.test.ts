import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exec, quoteForCmd } from '../../../src/system/exec';

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

test('cmd.exe quoting keeps metacharacters inside quotes', () => {
  assert.equal(quoteForCmd('plain'), 'plain');
  assert.equal(quoteForCmd('a b'), '"a b"');
  assert.equal(quoteForCmd('x&y'), '"x&y"');
  assert.equal(quoteForCmd(''), '""');
});

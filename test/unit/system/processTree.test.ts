// The registry of live children and the Windows tree-kill commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exec } from '../../../src/system/exec';
import { liveChildren, windowsKillCommands } from '../../../src/system/processTree';

test('a running child is registered, and unregistered once its call has settled', async () => {
  const p = exec(process.execPath, ['-e', 'setTimeout(() => {}, 300)'], { timeoutMs: 10_000 });
  const during = liveChildren().map((c) => c.pid);
  assert.equal(during.length, 1);
  const r = await p;
  assert.equal(r.ok, true);
  assert.deepEqual(liveChildren(), []);
});

test('Windows: taskkill by its System32 path ends the tree; orphans of an exited child are found by parent id', () => {
  const env = { SystemRoot: 'D:\\Win' };
  const running = windowsKillCommands(4242, false, env);
  assert.deepEqual(running, [['D:\\Win\\System32\\taskkill.exe', ['/pid', '4242', '/T', '/F']]]);
  const exited = windowsKillCommands(4242, true, env);
  assert.equal(exited.length, 2);
  assert.equal(exited[1][0], 'D:\\Win\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  assert.match(exited[1][1].join(' '), /ParentProcessId=4242/);
  assert.match(exited[1][1].join(' '), /D:\\Win\\System32\\taskkill\.exe/);
  // Without SystemRoot: the default Windows folder, never a bare "taskkill" looked up on PATH.
  assert.equal(windowsKillCommands(1, false, {})[0][0], 'C:\\Windows\\System32\\taskkill.exe');
});

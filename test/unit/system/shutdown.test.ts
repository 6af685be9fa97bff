// The CLI ends its children when it is told to stop: `detect` with a hanging nvidia-smi and a hanging
// Python (each with a background job of its own), then SIGINT/SIGTERM/SIGHUP to the CLI. Afterwards
// every one of those processes is gone from the process table (checked by pid).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { cliPath } from '../cli/cliHarness';
import { allGone, killQuietly, readWhenThere, running } from './processTable';
import { tmp } from './fakeTools';

const posix = process.platform !== 'win32';

/** A tool that records its pid and its background job's pid, then hangs (optionally deaf to SIGTERM/SIGINT). */
function hangingTool(dir: string, name: string, deaf: boolean): void {
  const trap = deaf ? "trap '' TERM INT\n" : '';
  writeFileSync(path.join(dir, name), `#!/bin/sh\n${trap}(${trap}sleep 600) &\necho $! > "${dir}/${name}.job"\necho $$ > "${dir}/${name}.pid"\nwhile :; do sleep 1; done\n`);
  chmodSync(path.join(dir, name), 0o755);
}

async function stopCli(signal: NodeJS.Signals, deaf = false): Promise<void> {
  const bin = tmp();
  hangingTool(bin, 'nvidia-smi', deaf);
  hangingTool(bin, 'python', deaf);
  const cli = spawn(process.execPath, [cliPath(), 'detect', '--json', '--timeout', '600', '--python', path.join(bin, 'python')], {
    cwd: bin, env: { PATH: `${bin}:/usr/bin:/bin`, HOME: bin }, stdio: 'ignore',
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => cli.on('exit', (code, sig) => resolve({ code, signal: sig })));
  const pids: number[] = [];
  try {
    for (const f of ['nvidia-smi.pid', 'nvidia-smi.job', 'python.pid', 'python.job']) pids.push(Number(await readWhenThere(path.join(bin, f))));
    assert.ok(pids.every(running), 'the probes are running');
    cli.kill(signal);
    const r = await exited;
    assert.ok(await allGone(pids), `left running: ${pids.filter(running).join(', ')}`);
    assert.equal(r.code, 128 + constants.signals[signal], `exit ${JSON.stringify(r)}`);
  } finally {
    cli.kill('SIGKILL');
    killQuietly(pids);
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  test(`${signal} to the CLI ends every probe and its background jobs`, { skip: !posix, timeout: 90_000 }, () => stopCli(signal));
}

test('children deaf to SIGTERM/SIGINT are killed after the grace period', { skip: !posix, timeout: 90_000 }, () => stopCli('SIGTERM', true));

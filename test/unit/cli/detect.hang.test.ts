// `detect --timeout 2` with an nvidia-smi wrapper whose background job keeps the pipes open (and a
// Python whose helper does the same): the command ends, says "timeout", and leaves nothing running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempProject } from './cliHarness';
import { allGone, killQuietly } from '../system/processTable';

const posix = process.platform !== 'win32';

test('detect --timeout 2 returns although grandchildren hold the pipes; they are gone afterwards', { skip: !posix, timeout: 120_000 }, async () => {
  const dir = tempProject({});
  const tool = (name: string, tail: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, `#!/bin/sh\n(sleep 600) &\necho $! > "${dir}/${name}.job"\n${tail}\n`);
    chmodSync(f, 0o755);
  };
  tool('nvidia-smi', 'exec sleep 600');
  tool('python', 'echo started');
  const r = runCli(['detect', '--json', '--timeout', '2', '--nvidia-smi', path.join(dir, 'nvidia-smi'), '--python', path.join(dir, 'python')], dir, {
    PATH: '/usr/bin:/bin',
  });
  const jobs = ['nvidia-smi.job', 'python.job'].map((f) => Number(readFileSync(path.join(dir, f), 'utf8')));
  try {
    assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}`);
    const j = JSON.parse(r.stdout) as { gpu: { error: string | null }; torch: { error: string | null } | null };
    assert.equal(j.gpu.error, 'timeout');
    assert.equal(j.torch?.error, 'unparsed', 'python exited; its output had no probe answer');
    assert.ok(await allGone(jobs), 'background jobs ended');
  } finally {
    killQuietly(jobs);
  }
});

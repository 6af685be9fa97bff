// --timeout on every command that probes, clamped to 1..600 s: a huge value must not overflow Node's
// timer (which would make every probe time out after 1 ms).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/args';
import { clampProbeTimeoutSeconds, parseTimeoutFlag } from '../../../src/core/probeTimeout';
import { fakeEnv, tmp } from '../system/fakeTools';

const posix = process.platform !== 'win32';

async function cli(argv: string[], env: NodeJS.ProcessEnv = fakeEnv()): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => { out += t + '\n'; }, err: (t) => { err += t + '\n'; }, cwd: tmp(), env };
  const code = await main(argv, io);
  return { code, out, err };
}

test('the bounds: 1 to 600 seconds', () => {
  assert.equal(clampProbeTimeoutSeconds(0.01), 1);
  assert.equal(clampProbeTimeoutSeconds(1e12), 600);
  assert.equal(clampProbeTimeoutSeconds(Infinity), 600);
  assert.equal(clampProbeTimeoutSeconds(Number.NaN), 1);
  assert.equal(parseTimeoutFlag('1e12'), 600_000);
  assert.equal(parseTimeoutFlag('2.5'), 2500);
  for (const bad of ['', '0', '-3', 'ten', 'NaN']) assert.equal(parseTimeoutFlag(bad), null, bad);
});

test('detect --timeout 1e12 still waits for nvidia-smi', { skip: !posix }, async () => {
  const r = await cli(['detect', '--json', '--no-env', '--timeout', '1e12']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as { gpu: { error: string | null; gpus: unknown[] } };
  assert.equal(j.gpu.error, null);
  assert.equal(j.gpu.gpus.length, 2);
});

for (const argv of [['check'], ['create-env', '--dry-run']]) {
  test(`${argv[0]} accepts --timeout and rejects a bad one`, async () => {
    const bad = await cli([...argv, '--timeout', 'soon']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--timeout must be a positive number/);
  });
}

test('check --timeout 1e12 detects the machine (no 1 ms timeouts)', { skip: !posix }, async () => {
  const dir = tmp();
  const { writeFileSync } = await import('node:fs');
  writeFileSync(`${dir}/requirements.txt`, 'torch==2.5.1\n');
  const r = await cli(['check', dir, '--json', '--timeout', '1e12']);
  assert.ok(r.code === 0 || r.code === 1, r.err);
  const j = JSON.parse(r.out) as { machine: { gpu: { driver: string | null } | null } };
  assert.equal(j.machine.gpu?.driver, '550.54.14');
});

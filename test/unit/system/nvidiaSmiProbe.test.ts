// The nvidia-smi probe against the fake nvidia-smi: one process per refresh, timeouts, failures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { locateNvidiaSmi, newProbeState, probeNvidiaSmi, windowsCandidates } from '../../../src/system/nvidiaSmiProbe';
import { spawnCounter } from '../../../src/system/exec';
import { fakeEnv, fakeNvidiaSmi, tmp } from './fakeTools';

const posix = process.platform !== 'win32';

test('ok: one query, every GPU with compute capability', { skip: !posix }, async () => {
  const log = path.join(tmp(), 'calls');
  const before = spawnCounter.count;
  const r = await probeNvidiaSmi(fakeNvidiaSmi, { timeoutMs: 10_000, env: fakeEnv({ FAKE_NVIDIA_SMI_LOG: log }) });
  assert.equal(spawnCounter.count - before, 1);
  assert.equal(r.error, null);
  assert.equal(r.driver, '550.54.14');
  assert.deepEqual(r.gpus.map((g) => [g.name, g.computeCapability, g.memoryTotalMiB]), [
    ['NVIDIA GeForce RTX 4090', '8.9', 24564], ['NVIDIA GeForce RTX 3090', '8.6', 24576],
  ]);
  const calls = readFileSync(log, 'utf8').trim().split('\n');
  assert.deepEqual(calls, ['--query-gpu=index,name,driver_version,memory.total,memory.used,utilization.gpu,compute_cap --format=csv,noheader,nounits']);
});

test('a driver that rejects compute_cap: retried once without it, then remembered', { skip: !posix }, async () => {
  const log = path.join(tmp(), 'calls');
  const env = fakeEnv({ FAKE_NVIDIA_SMI_MODE: 'no-compute-cap', FAKE_NVIDIA_SMI_LOG: log });
  const state = newProbeState();
  const r1 = await probeNvidiaSmi(fakeNvidiaSmi, { timeoutMs: 10_000, env, state });
  assert.equal(r1.error, null);
  assert.equal(r1.gpus.length, 2);
  assert.equal(r1.gpus[0].computeCapability, null);
  const before = spawnCounter.count;
  const r2 = await probeNvidiaSmi(fakeNvidiaSmi, { timeoutMs: 10_000, env, state });
  assert.equal(spawnCounter.count - before, 1, 'the second refresh spawns once');
  assert.equal(r2.gpus.length, 2);
  assert.equal(readFileSync(log, 'utf8').trim().split('\n').length, 3);
});

test('hang: killed at the timeout and reported as timeout', { skip: !posix }, async () => {
  const r = await probeNvidiaSmi(fakeNvidiaSmi, { timeoutMs: 300, env: fakeEnv({ FAKE_NVIDIA_SMI_MODE: 'hang' }) });
  assert.equal(r.error, 'timeout');
  assert.equal(r.gpus.length, 0);
});

test('cancellation ends the probe', { skip: !posix }, async () => {
  const ac = new AbortController();
  const p = probeNvidiaSmi(fakeNvidiaSmi, { timeoutMs: 60_000, signal: ac.signal, env: fakeEnv({ FAKE_NVIDIA_SMI_MODE: 'hang' }) });
  setTimeout(() => ac.abort(), 50);
  const r = await p;
  assert.equal(r.error, 'timeout');
  assert.equal(r.errorDetail, 'cancelled');
});

test('garbage output is unparsed, never an empty "no GPU" machine', { skip: !posix }, async () => {
  const r = await probeNvidiaSmi(fakeNvidiaSmi, { timeoutMs: 10_000, env: fakeEnv({ FAKE_NVIDIA_SMI_MODE: 'garbage' }) });
  assert.equal(r.error, 'unparsed');
});

test('non-zero exits are classified by their message', { skip: !posix }, async () => {
  const kinds: [string, string][] = [['fail', 'no-driver'], ['mismatch', 'driver-library-mismatch'], ['no-devices', 'no-devices'], ['exit-silent', 'unparsed']];
  for (const [mode, error] of kinds) {
    const r = await probeNvidiaSmi(fakeNvidiaSmi, { timeoutMs: 10_000, env: fakeEnv({ FAKE_NVIDIA_SMI_MODE: mode }) });
    assert.equal(r.error, error, mode);
  }
});

test('a missing binary is not-installed', async () => {
  const r = await probeNvidiaSmi(path.join(tmp(), 'nvidia-smi'), { timeoutMs: 10_000, env: fakeEnv() });
  assert.equal(r.error, 'not-installed');
});

test('slow first call still answers within the timeout', { skip: !posix }, async () => {
  const dir = tmp();
  const env = fakeEnv({ FAKE_NVIDIA_SMI_MODE: 'slow', FAKE_NVIDIA_SMI_STATE: path.join(dir, 'warm'), FAKE_NVIDIA_SMI_DELAY: '1' });
  const r1 = await probeNvidiaSmi(fakeNvidiaSmi, { timeoutMs: 20_000, env });
  assert.equal(r1.error, null);
  const r2 = await probeNvidiaSmi(fakeNvidiaSmi, { timeoutMs: 20_000, env });
  assert.equal(r2.gpus.length, 2);
});

test('saved output through FAKE_NVIDIA_SMI_OUTPUT (a CSV with header) parses the same way', { skip: !posix }, async () => {
  const f = path.join(tmp(), 'out.csv');
  writeFileSync(f, '0, NVIDIA H100 80GB HBM3, 590.48.01, 81559, 11125, 100, 9.0\n');
  const r = await probeNvidiaSmi(fakeNvidiaSmi, { timeoutMs: 10_000, env: fakeEnv({ FAKE_NVIDIA_SMI_OUTPUT: f }) });
  assert.deepEqual([r.driver, r.gpus[0].name, r.gpus[0].computeCapability], ['590.48.01', 'NVIDIA H100 80GB HBM3', '9.0']);
});

test('locate: setting, then PATH, then nothing', { skip: !posix }, async () => {
  assert.equal(await locateNvidiaSmi({ setting: fakeNvidiaSmi, env: {}, platform: 'linux' }), fakeNvidiaSmi);
  assert.equal(await locateNvidiaSmi({ setting: '/nope/nvidia-smi', env: fakeEnv(), platform: 'linux' }), null);
  assert.equal(await locateNvidiaSmi({ env: fakeEnv(), platform: 'linux' }), fakeNvidiaSmi);
  const empty = tmp();
  const found = await locateNvidiaSmi({ env: { PATH: empty }, platform: 'darwin' });
  assert.equal(found, null);
  const other = path.join(tmp(), 'bin');
  mkdirSync(other);
  writeFileSync(path.join(other, 'nvidia-smi'), '#!/bin/sh\n');
  chmodSync(path.join(other, 'nvidia-smi'), 0o755);
  assert.equal(await locateNvidiaSmi({ env: { PATH: `${empty}${path.delimiter}${other}` }, platform: 'linux' }), path.join(other, 'nvidia-smi'));
});

test('Windows candidates: System32 then NVSMI', () => {
  assert.deepEqual(windowsCandidates({ SystemRoot: 'D:\\Win', ProgramW6432: 'D:\\PF' }), [
    'D:\\Win\\System32\\nvidia-smi.exe', 'D:\\PF\\NVIDIA Corporation\\NVSMI\\nvidia-smi.exe',
  ]);
});

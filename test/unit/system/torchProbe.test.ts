// The torch probe against the fake python (and the real one when it exists), and the judgement of
// whether that torch can use the GPU.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { probeTorch, runTorchProbe } from '../../../src/system/torchProbe';
import { archListCovers } from '../../../src/core/gpu/torchCheck';
import type { GpuReport } from '../../../src/core/machine';
import { fakeEnv, fakePython } from './fakeTools';

const posix = process.platform !== 'win32';

function nvidia(cc: string): GpuReport {
  return {
    vendor: 'nvidia', driver: '550.54.14', cuda: '12.4', error: null,
    gpus: [{ index: 0, name: 'GPU', computeCapability: cc, memoryTotalMiB: 1, memoryUsedMiB: 0, utilizationPercent: 0 }],
  };
}
const none: GpuReport = { vendor: 'none', driver: null, cuda: null, gpus: [], error: null };

test('CUDA build that covers the GPU', { skip: !posix }, async () => {
  const t = await probeTorch(fakePython, nvidia('8.9'), { timeoutMs: 10_000, env: fakeEnv() });
  assert.equal(t.version, '2.5.1+cu124');
  assert.equal(t.cuda, '12.4');
  assert.equal(t.cudaAvailable, true);
  assert.equal(t.cpuBuildOnGpuMachine, false);
  assert.equal(t.missingArch, null, 'sm_86 SASS runs on 8.9');
  assert.equal(t.error, null);
});

test('CUDA build without kernels for an RTX 50 (sm_120)', { skip: !posix }, async () => {
  const t = await probeTorch(fakePython, nvidia('12.0'), { timeoutMs: 10_000, env: fakeEnv() });
  assert.equal(t.missingArch, 'sm_120');
});

test('old arch list on an Ampere GPU', { skip: !posix }, async () => {
  const t = await probeTorch(fakePython, nvidia('8.6'), { timeoutMs: 10_000, env: fakeEnv({ FAKE_PYTHON_MODE: 'old-arch' }) });
  assert.equal(t.missingArch, 'sm_86');
});

test('CPU build on a GPU machine is flagged; on a machine without GPU it is not', { skip: !posix }, async () => {
  const env = fakeEnv({ FAKE_PYTHON_MODE: 'cpu' });
  assert.equal((await probeTorch(fakePython, nvidia('8.9'), { timeoutMs: 10_000, env })).cpuBuildOnGpuMachine, true);
  assert.equal((await probeTorch(fakePython, none, { timeoutMs: 10_000, env })).cpuBuildOnGpuMachine, false);
});

test('no torch, import error, hang, garbage, failure, missing python', { skip: !posix }, async () => {
  const run = (mode: string, timeoutMs = 10_000) => probeTorch(fakePython, nvidia('8.9'), { timeoutMs, env: fakeEnv({ FAKE_PYTHON_MODE: mode }) });
  assert.equal((await run('no-torch')).error, 'not-installed');
  assert.match((await run('import-error')).error ?? '', /^import-error: OSError/);
  assert.equal((await run('hang', 300)).error, 'timeout');
  assert.equal((await run('garbage')).error, 'unparsed');
  assert.match((await run('fail')).error ?? '', /python exited with 2/);
  const missing = await probeTorch('/nonexistent/python', nvidia('8.9'), { timeoutMs: 10_000 });
  assert.equal(missing.error, 'no-python');
});

test('the probe script runs on a real Python when one is installed', { skip: !existsSync('/usr/bin/python3') && 'no /usr/bin/python3' }, async () => {
  const r = await runTorchProbe('/usr/bin/python3', { timeoutMs: 20_000 });
  assert.equal(r.error, null);
  assert.match(r.raw?.python ?? '', /^3\.\d+\.\d+$/);
  assert.ok((r.raw?.sitePackages.length ?? 0) > 0, 'site-packages folders reported (cache signature)');
  // torch may or may not be installed there; either answer is well-formed.
  assert.ok(r.raw?.version !== null || r.raw?.error !== null);
});

test('arch coverage rule: same-major SASS at or below, or PTX at or below', () => {
  assert.equal(archListCovers(['sm_80', 'sm_86', 'sm_90'], '8.9'), true);
  assert.equal(archListCovers(['sm_80', 'sm_90'], '8.6'), true);
  assert.equal(archListCovers(['sm_90'], '8.9'), false);
  assert.equal(archListCovers(['sm_90', 'compute_90'], '12.0'), true);
  assert.equal(archListCovers(['sm_90', 'sm_100'], '12.0'), false);
  assert.equal(archListCovers(['sm_100'], '10.3'), true);
  assert.equal(archListCovers(['sm_90a'], '9.0'), true);
});

test('the probe script itself drops the working folder from sys.path (even when run inside a project)', { skip: !posix || !existsSync('/usr/bin/python3') }, async () => {
  const { mkdtempSync, writeFileSync, readdirSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = (await import('node:path')).default;
  const { exec } = await import('../../../src/system/exec');
  const { torchProbeArgs } = await import('../../../src/system/torchProbe');
  const { parseTorchProbeOutput } = await import('../../../src/core/gpu/torchCheck');
  const dir = mkdtempSync(path.join(tmpdir(), 'aed-trap-'));
  for (const m of ['json', 'torch']) writeFileSync(path.join(dir, `${m}.py`), `open(${JSON.stringify(path.join(dir, `ran-${m}`))}, 'w')\n`);
  // No PYTHONSAFEPATH and the project as working folder: only the script's first statement protects.
  const r = await exec('/usr/bin/python3', torchProbeArgs(), { timeoutMs: 60_000, cwd: dir, env: { PATH: '/usr/bin:/bin' } });
  assert.ok(parseTorchProbeOutput(r.stdout), r.stdout + r.stderr);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('ran-')), []);
});

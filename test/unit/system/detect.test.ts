// detectMachine / firstPaint end to end with the fake tools on PATH.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { detectGpu, detectMachine, firstPaint } from '../../../src/system/detect';
import { spawnCounter } from '../../../src/system/exec';
import { recommend, recommendationGap } from '../../../src/core/knowledge/recommend';
import { fakeEnv, fakeNvidiaSmi, fakePython, tmp } from './fakeTools';

const posix = process.platform !== 'win32';

test('one refresh: one nvidia-smi + one python, GPU/env/torch filled in', { skip: !posix }, async () => {
  const before = spawnCounter.count;
  const d = await detectMachine({ timeoutMs: 10_000, env: fakeEnv(), pythonPath: fakePython, platform: 'linux' });
  assert.equal(spawnCounter.count - before, 2);
  assert.equal(d.machine.gpu.vendor, 'nvidia');
  assert.equal(d.machine.gpu.driver, '550.54.14');
  assert.equal(d.machine.gpu.cuda, '12.4', 'from the driver table: --query-gpu prints no CUDA version');
  assert.equal(d.machine.gpu.gpus.length, 2);
  assert.equal(d.machine.python, '3.11');
  assert.equal(d.env?.python, '3.11.9');
  assert.equal(d.torch?.version, '2.5.1+cu124');
  assert.equal(d.torch?.missingArch, null);
});

test('nvidia-smi hangs: the detection still finishes, GPU says timeout, torch is still read', { skip: !posix }, async () => {
  const d = await detectMachine({ timeoutMs: 2000, env: fakeEnv({ FAKE_NVIDIA_SMI_MODE: 'hang' }), pythonPath: fakePython, platform: 'linux' });
  assert.equal(d.machine.gpu.error, 'timeout');
  assert.equal(d.torch?.version, '2.5.1+cu124');
});

test('CPU torch on the GPU machine is flagged', { skip: !posix }, async () => {
  const d = await detectMachine({ timeoutMs: 10_000, env: fakeEnv({ FAKE_PYTHON_MODE: 'cpu' }), pythonPath: fakePython, platform: 'linux' });
  assert.equal(d.torch?.cpuBuildOnGpuMachine, true);
});

test('no nvidia-smi anywhere: not-installed, no process spawned for the GPU', { skip: !posix }, async () => {
  const before = spawnCounter.count;
  const noDriver = [path.join(tmp(), 'none')];
  const g = await detectGpu({ timeoutMs: 10_000, env: { PATH: tmp() }, platform: 'linux', driverVersionFiles: noDriver });
  assert.equal(spawnCounter.count - before, 0);
  assert.equal(g.vendor, 'none');
  assert.equal(g.error, 'not-installed');
});

test('a loaded driver without nvidia-smi (slim container) is still reported', { skip: !posix }, async () => {
  const f = path.join(tmp(), 'version');
  writeFileSync(f, '535.104.12\n');
  const g = await detectGpu({ timeoutMs: 10_000, env: { PATH: tmp() }, platform: 'linux', driverVersionFiles: [f] });
  assert.deepEqual([g.vendor, g.driver, g.cuda, g.error], ['nvidia', '535.104.12', '12.2', 'not-installed']);
});

test('nvidia-smi setting that points nowhere is not-installed', { skip: !posix }, async () => {
  const g = await detectGpu({ timeoutMs: 10_000, env: fakeEnv(), nvidiaSmiPath: '/nonexistent/nvidia-smi', platform: 'linux' });
  assert.equal(g.error, 'not-installed');
});

test('the nvidia-smi setting wins over PATH', { skip: !posix }, async () => {
  const g = await detectGpu({ timeoutMs: 10_000, env: { PATH: tmp() }, nvidiaSmiPath: fakeNvidiaSmi, platform: 'linux' });
  assert.equal(g.gpus.length, 2);
});

test('saved output instead of running nvidia-smi', async () => {
  const before = spawnCounter.count;
  const d = await detectMachine({ timeoutMs: 10_000, nvidiaSmiOutput: 'No devices were found\n', gpuOnly: true, platform: 'linux' });
  assert.equal(spawnCounter.count - before, 0);
  assert.equal(d.machine.gpu.error, 'no-devices');
  assert.equal(d.env, null);
});

test('macOS: Apple silicon (MPS) or Intel, no process', async () => {
  const before = spawnCounter.count;
  assert.equal((await detectGpu({ timeoutMs: 1000, platform: 'darwin', arch: 'arm64', env: {} })).vendor, 'apple');
  const intel = await detectGpu({ timeoutMs: 1000, platform: 'darwin', arch: 'x64', env: {} });
  assert.deepEqual([intel.vendor, intel.appleSilicon], ['none', false]);
  assert.equal(spawnCounter.count - before, 0);
});

test('first paint reads the driver from /sys or /proc without a process', async () => {
  const dir = tmp();
  const sys = path.join(dir, 'version');
  const proc = path.join(dir, 'proc-version');
  writeFileSync(proc, 'NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.14  Thu Feb 22 01:44:30 UTC 2024\nGCC version:  gcc version 12.2.0\n');
  const before = spawnCounter.count;
  const d = await firstPaint({
    platform: 'linux', env: { CONDA_PREFIX: '/opt/conda/envs/py_comfy', CONDA_DEFAULT_ENV: 'py_comfy' },
    driverVersionFiles: [sys, proc],
  });
  assert.equal(spawnCounter.count - before, 0);
  assert.equal(d.machine.gpu.driver, '550.54.14');
  assert.equal(d.machine.gpu.cuda, '12.4');
  assert.equal(d.env?.name, 'py_comfy');
  writeFileSync(sys, '535.104.12\n');
  assert.equal((await firstPaint({ platform: 'linux', env: {}, driverVersionFiles: [sys, proc] })).machine.gpu.driver, '535.104.12');
  assert.equal((await firstPaint({ platform: 'linux', env: {}, driverVersionFiles: [path.join(dir, 'none')] })).machine.gpu.vendor, 'none');
});

test('torch probe cache: reused while the interpreter is unchanged, forced or invalidated otherwise', { skip: !posix }, async () => {
  const { newTorchProbeCache } = await import('../../../src/system/torchProbe');
  const { copyFileSync, chmodSync, utimesSync } = await import('node:fs');
  const dir = tmp();
  const py = path.join(dir, 'python');
  copyFileSync(fakePython, py);
  chmodSync(py, 0o755);
  const torchCache = newTorchProbeCache();
  const opts = { timeoutMs: 10_000, env: fakeEnv(), pythonPath: py, platform: 'linux' as const, torchCache };
  let before = spawnCounter.count;
  await detectMachine(opts);
  assert.equal(spawnCounter.count - before, 2);
  before = spawnCounter.count;
  const cached = await detectMachine(opts);
  assert.equal(spawnCounter.count - before, 1, 'only nvidia-smi');
  assert.equal(cached.torch?.version, '2.5.1+cu124');
  before = spawnCounter.count;
  await detectMachine({ ...opts, forceTorchProbe: true });
  assert.equal(spawnCounter.count - before, 2);
  before = spawnCounter.count;
  await detectMachine({ ...opts, env: fakeEnv({ FAKE_NVIDIA_SMI_MODE: 'fail' }) });
  assert.equal(spawnCounter.count - before, 2, 'the driver state changed: nvidia-smi, then torch probed again');
  before = spawnCounter.count;
  await detectMachine(opts);
  assert.equal(spawnCounter.count - before, 2, 'and again when it changes back');
  utimesSync(py, new Date(), new Date(Date.now() + 5000));
  before = spawnCounter.count;
  await detectMachine(opts);
  assert.equal(spawnCounter.count - before, 2, 'a changed interpreter is probed again');
});

// nvidia-smi timing out or printing garbage says nothing about the GPU: no CPU build may be recommended
// (create-env would build a CPU env on a GPU machine); the loaded driver's version is used when readable.
{
  const noDriverFile = [path.join(tmp(), 'none')];
  const driverFile = (): string[] => {
    const f = path.join(tmp(), 'version');
    writeFileSync(f, 'NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.14  Thu Feb 22 01:44:30 UTC 2024\nGCC version:  gcc version 12.3.0\n');
    return [f];
  };
  for (const mode of ['hang', 'garbage', 'mismatch'] as const) {
    test(`nvidia-smi ${mode}, no driver file: GPU unknown, no recommendation, a reason`, { skip: !posix }, async () => {
      const d = await detectMachine({
        timeoutMs: 1500, env: fakeEnv({ FAKE_NVIDIA_SMI_MODE: mode }), gpuOnly: true, platform: 'linux', driverVersionFiles: noDriverFile,
      });
      assert.equal(d.machine.gpu.driver, null);
      assert.equal(recommend(d.machine), null, 'no recommendation (never the CPU build)');
      const gap = recommendationGap(d.machine);
      assert.ok(gap, 'a reason is given');
      assert.match(gap.message, mode === 'hang' ? /did not answer in time/ : mode === 'garbage' ? /not recognised/ : /mismatch/);
    });
  }
  for (const mode of ['hang', 'garbage'] as const) {
    test(`nvidia-smi ${mode} with a readable driver version file: the driver comes from the file`, { skip: !posix }, async () => {
      const d = await detectMachine({
        timeoutMs: 1500, env: fakeEnv({ FAKE_NVIDIA_SMI_MODE: mode }), gpuOnly: true, platform: 'linux', driverVersionFiles: driverFile(),
      });
      assert.equal(d.machine.gpu.driver, '550.54.14');
      assert.equal(d.machine.gpu.cuda, '12.4');
      const rec = recommend(d.machine);
      assert.ok(rec && rec.variant !== 'cpu', `a CUDA build, not ${rec?.variant}`);
    });
  }
}

test('one deadline for the whole detection: a hanging nvidia-smi and a hanging python end together', { skip: !posix, timeout: 60_000 }, async () => {
  const d = await detectMachine({
    timeoutMs: 1000, env: fakeEnv({ FAKE_NVIDIA_SMI_MODE: 'hang', FAKE_PYTHON_MODE: 'hang' }), pythonPath: fakePython, platform: 'linux',
    driverVersionFiles: [path.join(tmp(), 'none')],
  });
  assert.equal(d.machine.gpu.error, 'timeout');
  assert.equal(d.torch?.error, 'timeout');
});

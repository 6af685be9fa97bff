// detectMachine: GPU (NVIDIA via one nvidia-smi query, else AMD via ROCm tools, Apple silicon from the
// platform), the active env and its torch. nvidia-smi and the env's Python run in parallel, each with
// a timeout and the caller's AbortSignal. firstPaint() answers from files only (no process).
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import { envFromInterpreter, resolveActiveEnv } from './activeEnv';
import { probeAmd } from './amdProbe';
import { readDriverVersionFast } from './driverVersionFile';
import { locateNvidiaSmi, newProbeState, probeNvidiaSmi, type NvidiaSmiProbeState } from './nvidiaSmiProbe';
import { runTorchProbeCached, torchFromRun, type TorchProbeCache, type TorchProbeRun } from './torchProbe';
import { enrichGpuReport } from '../core/gpu/enrich';
import { parseNvidiaSmiOutput } from '../core/gpu/nvidiaSmi';
import type { ActiveEnv, Detection } from '../core/detection';
import { noGpu, type GpuReport, type Machine, type Platform } from '../core/machine';

export interface DetectOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  nvidiaSmiPath?: string;
  pythonPath?: string;
  /** Who chose pythonPath (the Python extension's selection or our setting). */
  pythonSource?: 'python-extension' | 'setting';
  condaPath?: string;
  env?: NodeJS.ProcessEnv;
  /** Saved nvidia-smi output to parse instead of running nvidia-smi (CLI --nvidia-smi-output). */
  nvidiaSmiOutput?: string;
  /** Skip the env + torch part (GPU only). */
  gpuOnly?: boolean;
  platform?: NodeJS.Platform;
  arch?: string;
  /** Kept across refreshes by the caller (remembers drivers that reject compute_cap). */
  probeState?: NvidiaSmiProbeState;
  /** Reuse the last torch probe when the interpreter and its site-packages did not change. */
  torchCache?: TorchProbeCache;
  /** Ignore torchCache (explicit refresh, interpreter change). */
  forceTorchProbe?: boolean;
  /** Driver version files for the no-process path (tests). */
  driverVersionFiles?: readonly string[];
  /** Absolute end (Date.now() ms) of the whole detection; default now + timeoutMs. */
  deadline?: number;
}

export function toPlatform(p: NodeJS.Platform): Platform {
  return p === 'win32' ? 'win32' : p === 'darwin' ? 'darwin' : 'linux';
}

/** WSL: Linux userland, Windows driver (its version numbers follow the Windows table). */
export function isWsl(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  if (platform !== 'linux') return false;
  if (env.WSL_DISTRO_NAME || env.WSL_INTEROP) return true;
  return /microsoft/i.test(os.release()) || existsSync('/usr/lib/wsl/lib');
}

function driverPlatform(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Platform {
  return isWsl(env, platform) ? 'win32' : toPlatform(platform);
}

function appleReport(arch: string): GpuReport {
  return arch === 'arm64'
    ? { vendor: 'apple', driver: null, cuda: null, gpus: [], error: null, appleSilicon: true }
    : { ...noGpu(), appleSilicon: false };
}

export async function detectGpu(opts: DetectOptions): Promise<GpuReport> {
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  const arch = opts.arch ?? process.arch;
  const deadline = opts.deadline ?? Date.now() + opts.timeoutMs;
  const tablePlatform = driverPlatform(env, platform);
  if (opts.nvidiaSmiOutput !== undefined) {
    return enrichGpuReport(parseNvidiaSmiOutput(opts.nvidiaSmiOutput), tablePlatform);
  }
  if (platform === 'darwin') return appleReport(arch);
  // ROCm's tools run alongside nvidia-smi (no process without a tool), under the same deadline.
  const amdAbort = new AbortController();
  const onAbort = () => amdAbort.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const amdP = probeAmd({ env, platform, timeoutMs: opts.timeoutMs, deadline, signal: amdAbort.signal });
  try {
    const smi = await locateNvidiaSmi({ setting: opts.nvidiaSmiPath, env, platform });
    if (smi) {
      const report = await probeNvidiaSmi(smi, {
        timeoutMs: opts.timeoutMs, deadline, signal: opts.signal, env, state: opts.probeState,
      });
      if (report.error === null) return enrichGpuReport(report, tablePlatform);
      if (report.error === 'timeout' || report.error === 'unparsed' || report.error === 'driver-library-mismatch') {
        // No answer about the GPUs: the loaded driver's version still tells which CUDA builds run.
        const amd = report.error === 'driver-library-mismatch' ? null : await amdP;
        if (amd) return amd;
        const driver = report.driver ?? await readDriverVersionFast(opts.driverVersionFiles, platform);
        return enrichGpuReport({ ...report, driver }, tablePlatform);
      }
      // nvidia-smi is there but finds no NVIDIA GPU/driver: maybe an AMD machine with leftovers.
      return (await amdP) ?? enrichGpuReport(report, tablePlatform);
    }
    const amd = await amdP;
    if (amd) return amd;
  } finally {
    // Ends the ROCm probe where its answer is no longer needed (a no-op once it has finished).
    amdAbort.abort();
    opts.signal?.removeEventListener('abort', onAbort);
  }
  // A loaded NVIDIA driver without nvidia-smi (a slim container): the driver is still worth reporting.
  const driver = await readDriverVersionFast(opts.driverVersionFiles, platform);
  if (driver) {
    return enrichGpuReport({ vendor: 'nvidia', driver, cuda: null, gpus: [], error: 'not-installed', errorDetail: 'nvidia-smi not found' }, tablePlatform);
  }
  return { ...noGpu(), error: 'not-installed', errorDetail: 'nvidia-smi not found' };
}

function majorMinor(v: string | null): string | null {
  const m = v ? /^(\d+)\.(\d+)/.exec(v) : null;
  return m ? `${m[1]}.${m[2]}` : null;
}

export async function detectMachine(opts: DetectOptions): Promise<Detection> {
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  const state = opts.probeState ?? newProbeState();
  // One deadline for the whole detection: the probes run in parallel and none may outlast it.
  const deadline = opts.deadline ?? Date.now() + opts.timeoutMs;
  const gpuP = detectGpu({ ...opts, probeState: state, deadline });
  const envP: Promise<{ active: ActiveEnv | null; run: (TorchProbeRun & { cached: boolean }) | null }> = opts.gpuOnly
    ? Promise.resolve({ active: null, run: null })
    : (async () => {
      const active = await resolveActiveEnv({
        pythonPath: opts.pythonPath, pythonSource: opts.pythonSource, condaPath: opts.condaPath,
        env, platform, timeoutMs: opts.timeoutMs, deadline, signal: opts.signal,
      });
      if (!active?.pythonPath) return { active, run: null };
      const run = await runTorchProbeCached(active.pythonPath, {
        timeoutMs: opts.timeoutMs, deadline, signal: opts.signal, env, cache: opts.torchCache, force: opts.forceTorchProbe,
      });
      return { active, run };
    })();
  const [gpu, probed] = await Promise.all([gpuP, envP]);
  const { active } = probed;
  let run = probed.run;
  // torch.cuda.is_available() depends on the driver: a cached answer from another driver state is redone.
  const gpuKey = `${gpu.vendor}|${gpu.driver ?? ''}|${gpu.error ?? ''}|${gpu.gpus.length}`;
  if (opts.torchCache?.entry && run && active?.pythonPath) {
    const entry = opts.torchCache.entry;
    if (run.cached && entry.gpuKey !== undefined && entry.gpuKey !== gpuKey) {
      run = await runTorchProbeCached(active.pythonPath, {
        timeoutMs: opts.timeoutMs, deadline, signal: opts.signal, env, cache: opts.torchCache, force: true,
      });
    }
    if (opts.torchCache.entry) opts.torchCache.entry.gpuKey = gpuKey;
  }
  let envOut = active;
  if (envOut && run?.raw) {
    envOut = { ...envOut, python: run.raw.python ?? envOut.python };
    if (!envOut.prefix && run.raw.prefix && envOut.kind !== 'unknown') envOut.prefix = run.raw.prefix;
  }
  const machine: Machine = {
    platform: toPlatform(platform),
    arch: opts.arch ?? process.arch,
    gpu,
    python: majorMinor(envOut?.python ?? null),
    source: 'detected',
  };
  return { machine, env: envOut, torch: run ? torchFromRun(run, gpu) : null };
}

/**
 * What can be known without starting a process: the NVIDIA driver version from /sys or /proc (Linux),
 * Apple silicon from the platform, the env from CONDA_PREFIX. GPU names/memory come with the first refresh.
 */
export async function firstPaint(opts: Pick<DetectOptions, 'env' | 'platform' | 'arch' | 'driverVersionFiles' | 'pythonPath' | 'pythonSource'>): Promise<Detection> {
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  const arch = opts.arch ?? process.arch;
  let gpu: GpuReport = noGpu();
  if (platform === 'darwin') gpu = appleReport(arch);
  else {
    const driver = await readDriverVersionFast(opts.driverVersionFiles, platform);
    if (driver) gpu = enrichGpuReport({ vendor: 'nvidia', driver, cuda: null, gpus: [], error: null }, driverPlatform(env, platform));
  }
  let active: ActiveEnv | null = null;
  if (opts.pythonPath) {
    active = envFromInterpreter(opts.pythonPath, opts.pythonSource ?? 'setting', platform);
  } else if (env.CONDA_PREFIX) {
    active = {
      name: env.CONDA_DEFAULT_ENV || null, prefix: env.CONDA_PREFIX, python: null, pythonPath: null,
      source: 'conda-env-vars', kind: 'conda',
    };
  }
  return {
    machine: { platform: toPlatform(platform), arch, gpu, python: null, source: 'detected' },
    env: active,
    torch: null,
  };
}

// A machine from explicit values: CLI flags (--driver, --gpu, --compute-cap, --platform, --python) or
// the aiEnvDoctor.target settings profile, laid over a detected machine (or nothing). GPU names map
// to compute capabilities and drivers to their highest CUDA through the knowledge base.
import { noGpu, type GpuInfo, type Machine, type Platform } from './machine';
import { maxCudaForDriver } from './knowledge/cuda';
import { computeCapabilityForName } from './knowledge/gpus';

export interface MachineFlags {
  driver?: string | null;
  gpu?: string | null;
  computeCap?: string | null;
  platform?: string | null;
  python?: string | null;
}

/** Thrown for a value that cannot describe a machine; the message says which and why. */
export class MachineFlagError extends Error {}

const PLATFORM_ALIASES: Record<string, Platform> = {
  linux: 'linux', win32: 'win32', windows: 'win32', win: 'win32', darwin: 'darwin', macos: 'darwin', mac: 'darwin', osx: 'darwin',
};

export function parsePlatform(s: string): Platform | null {
  return PLATFORM_ALIASES[s.trim().toLowerCase()] ?? null;
}

function blank(v: string | null | undefined): v is null | undefined {
  return v === undefined || v === null || v.trim() === '';
}

function gpuEntry(name: string, cc: string | null, index: number): GpuInfo {
  return { index, name, computeCapability: cc, memoryTotalMiB: null, memoryUsedMiB: null, utilizationPercent: null };
}

/**
 * Apply flags over `base` (or an empty Linux machine). Throws MachineFlagError for malformed values
 * (driver "abc", compute capability "8", platform "beos", python "three").
 */
export function machineFromFlags(flags: MachineFlags, base?: Machine | null): Machine {
  let platform: Platform = base?.platform ?? 'linux';
  if (!blank(flags.platform)) {
    const p = parsePlatform(flags.platform);
    if (!p) throw new MachineFlagError(`unknown platform "${flags.platform}" (expected linux, win32 or darwin)`);
    platform = p;
  }
  const gpu = base ? { ...base.gpu, gpus: base.gpu.gpus.map((g) => ({ ...g })) } : noGpu();
  const any = [flags.driver, flags.gpu, flags.computeCap, flags.platform, flags.python].some((v) => !blank(v));

  if (!blank(flags.computeCap) && !/^\d+\.\d+$/.test(flags.computeCap.trim())) {
    throw new MachineFlagError(`compute capability must look like 8.9, not "${flags.computeCap}"`);
  }
  if (!blank(flags.driver) && !/^\d+(\.\d+){0,3}$/.test(flags.driver.trim())) {
    throw new MachineFlagError(`driver version must look like 550.54.15, not "${flags.driver}"`);
  }
  if (!blank(flags.python) && !/^\d+\.\d+(\.\d+)?$/.test(flags.python.trim())) {
    throw new MachineFlagError(`Python version must look like 3.11, not "${flags.python}"`);
  }

  if (!blank(flags.gpu)) {
    const name = flags.gpu.trim();
    const cc = blank(flags.computeCap) ? computeCapabilityForName(name) : flags.computeCap.trim();
    gpu.vendor = 'nvidia';
    gpu.gpus = [gpuEntry(name, cc, 0)];
    gpu.error = null;
  } else if (!blank(flags.computeCap)) {
    const cc = flags.computeCap.trim();
    gpu.vendor = 'nvidia';
    gpu.gpus = gpu.gpus.length && base?.gpu.vendor === 'nvidia'
      ? gpu.gpus.map((g) => ({ ...g, computeCapability: cc }))
      : [gpuEntry('NVIDIA GPU', cc, 0)];
    gpu.error = null;
  }
  if (!blank(flags.driver)) {
    gpu.vendor = 'nvidia';
    gpu.driver = flags.driver.trim();
    gpu.cuda = maxCudaForDriver(gpu.driver, platform);
    gpu.error = null;
  } else if (gpu.driver && platform !== base?.platform) {
    gpu.cuda = maxCudaForDriver(gpu.driver, platform);
  }
  if (platform === 'darwin' && gpu.vendor === 'nvidia' && blank(flags.gpu) && blank(flags.driver) && blank(flags.computeCap)) {
    // A macOS target has no NVIDIA driver: keep nothing of a detected NVIDIA GPU.
    Object.assign(gpu, noGpu());
  }
  const python = blank(flags.python) ? (base?.python ?? null) : flags.python.trim().split('.').slice(0, 2).join('.');
  return {
    platform,
    arch: base?.arch ?? null,
    gpu,
    python,
    source: any ? (base?.source === 'target' ? 'target' : 'flags') : (base?.source ?? 'none'),
  };
}

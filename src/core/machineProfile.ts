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

// Platform names as people write them; the canonical value is Node's process.platform.
const PLATFORM_ALIASES: Record<string, Platform> = {
  linux: 'linux', win32: 'win32', windows: 'win32', win: 'win32', darwin: 'darwin', macos: 'darwin', mac: 'darwin', osx: 'darwin',
};

export function parsePlatform(s: string): Platform | null {
  return PLATFORM_ALIASES[s.trim().toLowerCase()] ?? null;
}

function blank(v: string | null | undefined): v is null | undefined {
  return v === undefined || v === null || v.trim() === '';
}

/** The machine values a flag or the target setting can give. */
export type MachineField = keyof MachineFlags;

/**
 * One validator for a machine value, shared by the CLI flags and the aiEnvDoctor.target setting: the
 * canonical value, or why it cannot describe a machine. A driver needs at least major.minor ("550"
 * alone cannot be compared with floors such as 550.54.14); platforms accept the usual aliases.
 */
export function checkMachineValue(field: MachineField, raw: string): { value: string } | { error: string } {
  const v = raw.trim();
  switch (field) {
    case 'platform': {
      const p = parsePlatform(v);
      return p ? { value: p } : { error: `unknown platform "${raw}" (expected linux, win32 or darwin; windows, win, macos, mac and osx are accepted)` };
    }
    case 'driver':
      return /^\d+(\.\d+){1,3}$/.test(v) ? { value: v } : { error: `driver version must look like 550.54.15 (at least major.minor), not "${raw}"` };
    case 'computeCap':
      return /^\d+\.\d+$/.test(v) ? { value: v } : { error: `compute capability must look like 8.9, not "${raw}"` };
    case 'python':
      return /^\d+\.\d+(\.\d+)?$/.test(v) ? { value: v } : { error: `Python version must look like 3.11, not "${raw}"` };
    case 'gpu':
      return v ? { value: v } : { error: 'GPU name is empty' };
  }
}

/** The canonical value of a flag that is set (throws MachineFlagError for a malformed one). */
function checked(field: MachineField, raw: string): string {
  const r = checkMachineValue(field, raw);
  if ('error' in r) throw new MachineFlagError(r.error);
  return r.value;
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
  if (!blank(flags.platform)) platform = checked('platform', flags.platform) as Platform;
  const gpu = base ? { ...base.gpu, gpus: base.gpu.gpus.map((g) => ({ ...g })) } : noGpu();
  const any = [flags.driver, flags.gpu, flags.computeCap, flags.platform, flags.python].some((v) => !blank(v));

  for (const field of ['computeCap', 'driver', 'python'] as const) {
    const v = flags[field];
    if (!blank(v)) checked(field, v);
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

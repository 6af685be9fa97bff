// What the torch probe printed, and whether that torch can use this machine's GPU: a CPU-only build on
// an NVIDIA machine ("Torch not compiled with CUDA enabled"), or an arch list with neither SASS for the
// GPU's major (same major, minor ≤ GPU's) nor PTX at or below its capability.
import type { InstalledTorch } from '../detection';
import type { GpuReport } from '../machine';

/** The probe prints one line: MARKER + JSON. Everything else (warnings) is ignored. */
export const TORCH_PROBE_MARKER = '@@AI_ENV_DOCTOR@@';

/** What the probe printed, before the GPU is known: judgement fields still unset. */
export type TorchProbeRaw = InstalledTorch & Required<Pick<InstalledTorch, 'python' | 'executable' | 'prefix' | 'sitePackages'>>;

const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const b = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

export function parseTorchProbeOutput(stdout: string): TorchProbeRaw | null {
  const line = stdout.split(/\r?\n/).find((l) => l.startsWith(TORCH_PROBE_MARKER));
  if (!line) return null;
  let o: Record<string, unknown>;
  try {
    const v: unknown = JSON.parse(line.slice(TORCH_PROBE_MARKER.length));
    if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
    o = v as Record<string, unknown>;
  } catch {
    return null;
  }
  return {
    python: s(o.python),
    executable: s(o.executable),
    prefix: s(o.prefix),
    version: s(o.version),
    cuda: s(o.cuda),
    hip: s(o.hip),
    cudaAvailable: b(o.cudaAvailable),
    mpsAvailable: b(o.mpsAvailable),
    archList: Array.isArray(o.archList) ? o.archList.filter((a): a is string => typeof a === 'string') : [],
    deviceCount: typeof o.deviceCount === 'number' ? o.deviceCount : null,
    error: s(o.version) !== null ? null : (s(o.torchError) ?? 'not-installed'),
    sitePackages: Array.isArray(o.sitePackages) ? o.sitePackages.filter((a): a is string => typeof a === 'string') : [],
    cpuBuildOnGpuMachine: false,
    missingArch: null,
  };
}

/** "sm_86" → [8, 6]; "sm_120" → [12, 0]; "compute_90a" → [9, 0]. */
export function archCapability(arch: string): { kind: 'sm' | 'compute'; major: number; minor: number } | null {
  const m = /^(sm|compute)_(\d+)(\d)[a-z]?$/.exec(arch.trim());
  return m ? { kind: m[1] as 'sm' | 'compute', major: Number(m[2]), minor: Number(m[3]) } : null;
}

/** True when an arch list can run on a GPU of compute capability cc ("8.9"). */
export function archListCovers(archList: readonly string[], cc: string): boolean {
  const m = /^(\d+)\.(\d+)$/.exec(cc);
  if (!m) return true;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return archList.some((a) => {
    const c = archCapability(a);
    if (!c) return false;
    if (c.kind === 'sm') return c.major === major && c.minor <= minor;
    return c.major < major || (c.major === major && c.minor <= minor);
  });
}

export function assessTorch(raw: InstalledTorch, gpu: GpuReport): InstalledTorch {
  const nvidia = gpu.vendor === 'nvidia' && gpu.gpus.length > 0;
  const installed = raw.version !== null;
  const cpuBuild = installed && raw.cuda === null && raw.hip === null;
  let missingArch: string | null = null;
  if (installed && nvidia && raw.cuda !== null && raw.archList.length > 0) {
    for (const g of gpu.gpus) {
      if (g.computeCapability && !archListCovers(raw.archList, g.computeCapability)) {
        missingArch = `sm_${g.computeCapability.replace('.', '')}`;
        break;
      }
    }
  }
  return {
    ...raw,
    cudaAvailable: installed ? raw.cudaAvailable : null,
    mpsAvailable: installed ? raw.mpsAvailable : null,
    cpuBuildOnGpuMachine: cpuBuild && nvidia,
    missingArch,
  };
}

/** A torch probe that did not run to the end. */
export function failedTorch(error: string): InstalledTorch {
  return {
    version: null, cuda: null, hip: null, cudaAvailable: null, mpsAvailable: null, archList: [], deviceCount: null,
    error, cpuBuildOnGpuMachine: false, missingArch: null,
  };
}

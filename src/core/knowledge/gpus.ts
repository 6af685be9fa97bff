// GPU model name → compute capability, from data/gpus.json (built from the shared reference by
// scripts/data/build-cuda.mjs). Used only when nvidia-smi could not report compute_cap itself.
import data from '../../../data/gpus.json';

export interface GpuModel {
  name: string;
  pattern: string;
  cc: string;
  sm: string;
  arch: string;
  sources: string[];
  verified: boolean;
  note?: string;
}

export const GPU_MODELS: readonly GpuModel[] = data.models as GpuModel[];
export const GPU_ARCHITECTURES: readonly { cc: string; arch: string }[] = data.architectures;
export const GPU_DATA_AS_OF: string | null = data.asOf;

const compiled = GPU_MODELS.map((m) => ({ model: m, re: new RegExp(m.pattern, 'i') }));

/** The model entry whose pattern matches an nvidia-smi GPU name (first match wins), or null. */
export function gpuModelForName(name: string): GpuModel | null {
  for (const { model, re } of compiled) if (re.test(name)) return model;
  return null;
}

/** "8.9" for "NVIDIA GeForce RTX 4090"; null when no pattern matches. */
export function computeCapabilityForName(name: string): string | null {
  return gpuModelForName(name)?.cc ?? null;
}

/** Architecture name for a compute capability ("8.9" → "Ada Lovelace"), or null. */
export function architectureForCc(cc: string): string | null {
  return GPU_ARCHITECTURES.find((a) => a.cc === cc)?.arch ?? null;
}

/** "8.9" → "sm_89"; "10.0" → "sm_100". */
export function smForCc(cc: string): string | null {
  const m = /^(\d+)\.(\d+)$/.exec(cc.trim());
  return m ? `sm_${m[1]}${m[2]}` : null;
}

export interface DriverBranchRule {
  ccMin: string;
  ccMax: string;
  arch: string;
  /** The newest driver branch that still supports these GPUs ("580"). */
  lastBranch: string | null;
  /** The oldest driver branch that supports them ("570" for Blackwell). */
  minBranch: string | null;
  sources: string[];
  verified: boolean;
  note?: string;
}

export const DRIVER_BRANCHES: readonly DriverBranchRule[] = data.driverBranches as DriverBranchRule[];
const ROCM_GFX: Readonly<Record<string, string[]>> = data.rocmGfx.targets;

function ccNum(cc: string): number | null {
  const m = /^(\d+)\.(\d+)$/.exec(cc.trim());
  return m ? Number(m[1]) * 10 + Number(m[2]) : null;
}

/** The driver-branch rule for a compute capability, or null when the data has none. */
export function driverBranchRule(cc: string): DriverBranchRule | null {
  const n = ccNum(cc);
  if (n === null) return null;
  return DRIVER_BRANCHES.find((r) => {
    const lo = ccNum(r.ccMin);
    const hi = ccNum(r.ccMax);
    return lo !== null && hi !== null && n >= lo && n <= hi;
  }) ?? null;
}

/**
 * Can a driver of this version drive a GPU of this compute capability at all? 'too-old': below the
 * architecture's first branch (an RTX 5090 on R550); 'too-new': past its last branch (Kepler on R535).
 */
export function driverGpuPair(driver: string, cc: string): { fit: 'ok' | 'too-old' | 'too-new' | 'unknown'; rule: DriverBranchRule | null } {
  const rule = driverBranchRule(cc);
  const branch = Number.parseInt(driver, 10);
  if (!rule || !Number.isFinite(branch)) return { fit: 'unknown', rule };
  if (rule.minBranch && branch < Number(rule.minBranch)) return { fit: 'too-old', rule };
  if (rule.lastBranch && branch > Number(rule.lastBranch)) return { fit: 'too-new', rule };
  return { fit: 'ok', rule };
}

/** gfx targets a ROCm variant ships kernels for ("rocm6.4" → [...]); null when the data has no list. */
export function rocmGfxTargets(variant: string): string[] | null {
  return ROCM_GFX[variant] ?? null;
}

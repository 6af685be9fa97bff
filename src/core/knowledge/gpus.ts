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

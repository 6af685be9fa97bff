// Packages coupled to torch (data/sources/companions.json, each pair with its source): the triton a
// torch release pins on Linux, the torch an xformers release requires, and the CUDA major of the
// nvidia-*-cuNN / cuda-toolkit wheels. A release missing from the table is unknown (null), never guessed.
import data from '../../../data/sources/companions.json';

const TRITON: Readonly<Record<string, { triton: string }>> = data.triton.pins;
const XFORMERS: Readonly<Record<string, { torch: string }>> = data.xformers.pins;

/** The triton version torch `version` (no local label) requires on Linux, or null when not known. */
export function tritonFor(torchVersion: string): string | null {
  return TRITON[torchVersion.split('+')[0]]?.triton ?? null;
}

/** The torch release xformers `version` requires, or null when not known. */
export function torchForXformers(version: string): string | null {
  return XFORMERS[version]?.torch ?? null;
}

/**
 * The CUDA major a companion wheel is built for: from its name (`nvidia-nccl-cu12` → 12) or, for
 * cuda-toolkit, from its exact version (`13.0.2` → 13); null for anything else.
 */
export function companionCudaMajor(name: string, exactVersion: string | null): number | null {
  const m = /^nvidia-[a-z0-9-]+-cu(\d+)$/.exec(name);
  if (m) return Number(m[1]);
  if (name === 'cuda-toolkit' && exactVersion) {
    const v = /^(\d+)\./.exec(exactVersion);
    return v ? Number(v[1]) : null;
  }
  return null;
}

/** CUDA major of a torch variant (`cu126` → 12, `cu130` → 13), null for cpu/rocm/xpu. */
export function variantCudaMajor(variant: string | null): number | null {
  const m = /^cu(\d+)(\d)$/.exec(variant ?? '');
  return m ? Number(m[1]) : null;
}

// Which GPU architectures a torch wheel ships kernels for, and whether a GPU can run them.
// SASS built for X.y runs on X.z with z >= y (same major only); PTX for X.Y can be JIT-compiled by
// the driver for any GPU with capability >= X.Y (if the driver is as new as the wheel's toolkit).
import type { Machine, Platform } from '../machine';
import data from '../../../data/torch.json';
import { compareVersions } from './cuda';
import { releaseLine } from './torch';

export interface ArchEntry {
  torch: string;
  torchFrom: string;
  torchTo: string;
  variant: string;
  platforms: string[];
  /** Compute capabilities with SASS ("8.6"). */
  sass: string[];
  /** PTX targets, or null when unknown/conflicting (see ptxStatus). */
  ptx: string[] | null;
  ptxStatus: string;
  verified: boolean;
  note?: string;
  sources: string[];
}

export const ARCH_ENTRIES: readonly ArchEntry[] = data.arches as ArchEntry[];

/** Platform key used in the arch table: linux-x86_64, linux-aarch64, windows. */
export function archPlatformKey(platform: Platform, arch?: string | null): string | null {
  if (platform === 'win32') return 'windows';
  if (platform === 'linux') return arch === 'arm64' || arch === 'aarch64' ? 'linux-aarch64' : 'linux-x86_64';
  return null;
}

export interface KernelList {
  entry: ArchEntry;
  /** True when the list is for another platform (Linux x86_64 used for Windows: no Windows list known). */
  approximate: boolean;
  /** Set when the data has no list for this release line: the list was inferred from this entry's line ("2.14"). */
  inferredFrom?: string;
}

function cudaMajorOf(variant: string): number | null {
  const m = /^cu(\d{2})\d$/.exec(variant);
  return m ? Number(m[1]) : null;
}

/**
 * A release line the data has no kernel list for (a release newer than the data, or one read from the
 * wheel index): take the newest earlier list of the same variant, or for a CUDA 13 variant never seen
 * before the newest CUDA 13 list (every cu13x build so far starts at sm_75). Marked as inferred.
 */
function inferredKernels(line: string, variant: string, key: string): KernelList | null {
  const earlier = ARCH_ENTRIES.filter((e) => e.platforms.includes(key) && compareVersions(e.torchTo, line) < 0);
  const newest = (list: ArchEntry[]) => list.reduce<ArchEntry | null>((acc, e) => (!acc || compareVersions(e.torchTo, acc.torchTo) > 0 ? e : acc), null);
  const same = newest(earlier.filter((e) => e.variant === variant));
  const major = cudaMajorOf(variant);
  const entry = same ?? (major !== null && major >= 13 ? newest(earlier.filter((e) => cudaMajorOf(e.variant) === major)) : null);
  return entry ? { entry, approximate: false, inferredFrom: entry.torchTo } : null;
}

/** The kernel list for a torch version + CUDA variant on a platform (inferred when the data has none), or null when unknown. */
export function kernelsFor(torchVersion: string, variant: string, platform: Platform, arch?: string | null): KernelList | null {
  const line = releaseLine(torchVersion);
  const key = archPlatformKey(platform, arch) ?? 'linux-x86_64';
  const matches = ARCH_ENTRIES.filter((e) => e.variant === variant
    && compareVersions(line, e.torchFrom) >= 0 && compareVersions(line, e.torchTo) <= 0);
  const exact = matches.find((e) => e.platforms.includes(key));
  if (exact) return { entry: exact, approximate: false };
  if (key === 'windows') {
    const linux = matches.find((e) => e.platforms.includes('linux-x86_64'));
    if (linux) return { entry: linux, approximate: true };
  }
  if (matches.length) return null;
  return inferredKernels(line, variant, key) ?? (key === 'windows' ? inferredKernels(line, variant, 'linux-x86_64') : null);
}

export type KernelSupport = 'sass' | 'ptx' | 'none' | 'unknown';

/**
 * True when a CUDA toolkit cannot compile for a compute capability at all (neither SASS nor PTX), so
 * a build made with it has no kernel the GPU can run natively. Facts of NVIDIA's CUDA toolkit release
 * notes: sm_90 (Hopper) first appears in CUDA 11.8, sm_100/sm_120 (Blackwell) in CUDA 12.8; no CUDA
 * 10.x/11.x toolkit targets them (https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/, "CUDA
 * Toolkit Major Component Versions" and the per-release "New Features" notes). Used for torch releases
 * older than the kernel data (1.x builds).
 * PyTorch 1.x CUDA 11 builds carry at most compute_37 PTX, and for them PyTorch itself warns that an
 * sm_90 / sm_120 GPU "is not compatible with the current PyTorch installation" (its arch-list check;
 * public reports of that warning for H100 NVL and RTX 5080/5090 with "sm_37 … sm_86 compute_37").
 */
export function toolkitCannotTarget(cuda: string, cc: string): boolean {
  const c = parseCc(cuda);
  const g = parseCc(cc);
  if (!c || !g || c[0] > 11) return false;
  if (g[0] >= 10) return true;
  return g[0] === 9 && (c[0] < 11 || c[1] < 8);
}

function parseCc(cc: string): [number, number] | null {
  const m = /^(\d+)\.(\d+)$/.exec(cc.trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** Can a GPU of compute capability `cc` run this kernel list? */
export function kernelSupport(cc: string, list: ArchEntry): KernelSupport {
  const g = parseCc(cc);
  if (!g) return 'unknown';
  for (const s of list.sass) {
    const k = parseCc(s);
    if (k && k[0] === g[0] && g[1] >= k[1]) return 'sass';
  }
  if (list.ptx === null) {
    // PTX in torch builds comes from "+PTX" on one of the listed architectures (TORCH_CUDA_ARCH_LIST),
    // and PTX only JITs forward: a GPU older than every listed target cannot be served by it.
    const older = list.sass.every((s) => {
      const k = parseCc(s);
      return k !== null && (g[0] < k[0] || (g[0] === k[0] && g[1] < k[1]));
    });
    return older ? 'none' : 'unknown';
  }
  for (const p of list.ptx) {
    const k = parseCc(p);
    if (k && (g[0] > k[0] || (g[0] === k[0] && g[1] >= k[1]))) return 'ptx';
  }
  return 'none';
}

/** The kernel a GPU actually runs: the highest SASS of its major at or below its minor, else the PTX. */
export function servingTarget(cc: string, list: ArchEntry): string | null {
  const g = parseCc(cc);
  if (!g) return null;
  let best: [number, number] | null = null;
  for (const s of list.sass) {
    const k = parseCc(s);
    if (k && k[0] === g[0] && g[1] >= k[1] && (!best || k[1] > best[1])) best = k;
  }
  if (best) return `sm_${best[0]}${best[1]}`;
  for (const p of list.ptx ?? []) {
    const k = parseCc(p);
    if (k && (g[0] > k[0] || (g[0] === k[0] && g[1] >= k[1]))) return `compute_${k[0]}${k[1]}`;
  }
  return null;
}

/** Compute capability of the machine's first NVIDIA GPU, when known. */
export function machineCc(machine: Machine): string | null {
  if (machine.gpu.vendor !== 'nvidia') return null;
  for (const g of machine.gpu.gpus) if (g.computeCapability) return g.computeCapability;
  return null;
}

/** Lowest and highest compute capability across the machine's NVIDIA GPUs (a multi-GPU box must serve all). */
export function machineCcs(machine: Machine): string[] {
  if (machine.gpu.vendor !== 'nvidia') return [];
  const s = new Set<string>();
  for (const g of machine.gpu.gpus) if (g.computeCapability) s.add(g.computeCapability);
  return [...s];
}

/** "8.9" → "sm_89". */
export function smName(cc: string): string {
  return `sm_${cc.replace('.', '')}`;
}

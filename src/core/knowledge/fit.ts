// How a torch version + wheel variant fits a machine: the driver floor under NVIDIA's minor-version
// compatibility, the full toolkit's driver, and whether the GPU has kernels in the wheel.
import type { Machine } from '../machine';
import { compareVersions, cudaDriverFloor } from './cuda';
import { kernelsFor, kernelSupport, machineCcs, toolkitCannotTarget, type KernelList, type KernelSupport } from './arches';
import { torchRelease } from './torch';
import { compareCudaVariants, variantCuda, variantKind } from './variants';

export type DriverFit = 'ok' | 'below-toolkit' | 'too-old' | 'unknown' | 'n/a';

export interface VariantFit {
  variant: string;
  /** CUDA major.minor of the variant, null for cpu/rocm/xpu. */
  cuda: string | null;
  /** Lowest driver under minor-version compatibility. */
  driverFloor: string | null;
  /** Driver of the full toolkit (needed for PTX JIT and the full feature set). */
  toolkitDriver: string | null;
  driver: DriverFit;
  /** Worst kernel support across the machine's GPUs ('n/a' without an NVIDIA GPU of known capability). */
  kernels: KernelSupport | 'n/a';
  /** The GPU compute capability that decided `kernels`. */
  cc: string | null;
  kernelList: KernelList | null;
  /** true: runs; false: will not run on this GPU/driver; null: the data cannot say. */
  runs: boolean | null;
}

export function hasNvidiaGpu(machine: Machine | null): boolean {
  return !!machine && machine.gpu.vendor === 'nvidia' && (machine.gpu.gpus.length > 0 || machine.gpu.driver !== null);
}

const KERNEL_RANK: Record<KernelSupport, number> = { none: 0, unknown: 1, ptx: 2, sass: 3 };

export function variantFit(torchVersion: string | null, variant: string, machine: Machine): VariantFit {
  const cuda = variantCuda(variant);
  const fit: VariantFit = {
    variant, cuda, driverFloor: null, toolkitDriver: null, driver: 'n/a', kernels: 'n/a', cc: null, kernelList: null, runs: null,
  };
  if (cuda === null || machine.platform === 'darwin') return fit;
  const floors = cudaDriverFloor(cuda, machine.platform);
  fit.driverFloor = floors.minorCompat;
  fit.toolkitDriver = floors.toolkit;
  const driver = machine.gpu.driver;
  if (!driver || !floors.minorCompat) fit.driver = 'unknown';
  else if (compareVersions(driver, floors.minorCompat) < 0) fit.driver = 'too-old';
  else if (floors.toolkit && compareVersions(driver, floors.toolkit) < 0) fit.driver = 'below-toolkit';
  else fit.driver = 'ok';

  const ccs = machineCcs(machine);
  if (ccs.length && torchVersion) {
    const list = kernelsFor(torchVersion, variant, machine.platform, machine.arch);
    fit.kernelList = list;
    if (!list) {
      // No kernel data (a release older than it): the toolkit's own limits still rule out new GPUs.
      const lacking = ccs.find((cc) => toolkitCannotTarget(cuda, cc));
      fit.kernels = lacking ? 'none' : 'unknown';
      fit.cc = lacking ?? ccs[0];
    } else {
      let worst: KernelSupport = 'sass';
      let worstCc = ccs[0];
      for (const cc of ccs) {
        const k = kernelSupport(cc, list.entry);
        if (KERNEL_RANK[k] < KERNEL_RANK[worst]) { worst = k; worstCc = cc; }
      }
      fit.kernels = worst;
      fit.cc = worstCc;
    }
  } else if (ccs.length) {
    fit.kernels = 'unknown';
    fit.cc = ccs[0];
  }

  if (fit.driver === 'too-old' || fit.kernels === 'none') fit.runs = false;
  // PTX-only: the driver must JIT, which needs the wheel's full toolkit driver.
  else if (fit.kernels === 'ptx' && fit.driver === 'below-toolkit') fit.runs = false;
  else if ((fit.driver === 'ok' || fit.driver === 'below-toolkit') && (fit.kernels === 'sass' || fit.kernels === 'ptx')) fit.runs = true;
  else fit.runs = null;
  return fit;
}

/**
 * Best CUDA variant of a torch version for this machine: the newest published variant whose driver
 * floor the machine meets and whose kernels the GPU can run. Variants whose kernels the data cannot
 * judge rank after proven ones. Null when no CUDA variant of that version can run, when the version
 * is unknown, or when the driver is unknown (GPU known from `nvidia-smi -L` or a profile without a
 * driver): the driver floor decides between variants, so kernels alone cannot pick one honestly.
 */
export function bestVariant(torchVersion: string, machine: Machine): VariantFit | null {
  const r = torchRelease(torchVersion);
  if (!r || !r.variants) return null;
  const fits = r.variants.filter((v) => variantKind(v) === 'cuda')
    .sort((a, b) => compareCudaVariants(b, a))
    .map((v) => variantFit(r.torch, v, machine))
    .filter((f) => f.driver !== 'unknown');
  return fits.find((f) => f.runs === true) ?? fits.find((f) => f.runs === null) ?? null;
}

/**
 * CUDA variants of a torch version whose kernels this machine's GPU can run (or that the data
 * cannot judge), newest first, with their driver floors, whatever the driver: for saying what the
 * choice depends on when the driver is unknown.
 */
export function kernelFits(torchVersion: string, machine: Machine): VariantFit[] {
  const r = torchRelease(torchVersion);
  if (!r || !r.variants) return [];
  return r.variants.filter((v) => variantKind(v) === 'cuda')
    .sort((a, b) => compareCudaVariants(b, a))
    .map((v) => variantFit(r.torch, v, machine))
    .filter((f) => f.kernels !== 'none');
}

/** An NVIDIA GPU is known (name or profile) but its driver is not: driver-dependent answers are unknown. */
export function driverUnknown(machine: Machine | null): boolean {
  return !!machine && hasNvidiaGpu(machine) && machine.platform !== 'darwin' && !machine.gpu.driver;
}

/** Nearest published variant to a nonexistent one (by CUDA version; ties go to the older CUDA). */
export function nearestVariant(wanted: string, candidates: readonly string[]): string | null {
  const w = variantCuda(wanted);
  const cuda = candidates.filter((c) => variantKind(c) === 'cuda');
  if (w === null || !cuda.length) return null;
  const num = (v: string) => {
    const [a, b] = (variantCuda(v) as string).split('.').map(Number);
    return a * 10 + b;
  };
  const wn = (() => { const [a, b] = w.split('.').map(Number); return a * 10 + b; })();
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of cuda) {
    const d = Math.abs(num(c) - wn);
    if (d < bestD || (d === bestD && best !== null && num(c) < num(best))) { best = c; bestD = d; }
  }
  return best;
}

/**
 * PyPI's plain Linux wheel of a release whose CUDA build the data does not name (2.15.0): the CUDA
 * variants it can be (the candidates, else every CUDA variant), when every one of them lacks kernels
 * for this GPU, so whichever it is cannot run. Null when it may run or cannot be judged.
 */
export function pypiBuildsWithoutKernels(torchVersion: string, machine: Machine): string[] | null {
  const r = torchRelease(torchVersion);
  if (!r || r.pypiDefault || machine.platform !== 'linux' || !hasNvidiaGpu(machine)) return null;
  const cuda = (r.variants ?? []).filter((v) => variantKind(v) === 'cuda');
  const options = r.pypiDefaultCandidates.length ? r.pypiDefaultCandidates : cuda;
  if (!options.length) return null;
  return options.every((v) => variantFit(r.torch, v, machine).kernels === 'none') ? options : null;
}

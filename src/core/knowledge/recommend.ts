// What to install on a machine: torch version, variant, index URL, paired torchvision/torchaudio and
// the pip command, with the reason in words. Used by hovers, `detect`, create-env and the fixes.
import type { Machine } from '../machine';
import { msg, type Localizable, type MsgArg } from '../l10n';
import { CUDA_DATA_AS_OF, compareVersions } from './cuda';
import { machineCcs, smName } from './arches';
import { bestVariant, driverUnknown, hasNvidiaGpu, kernelFits, variantFit, type VariantFit } from './fit';
import { driverGpuPair, rocmGfxTargets } from './gpus';
import { pythonSupport, releasesNewestFirst, torchRelease, TORCH_DATA_AS_OF, type TorchRelease } from './torch';
import { indexUrlFor, variantKind } from './variants';
import { gpuUnknown, gpuUnknownReason } from '../gpu/unknown';

export interface Recommendation {
  variant: string;
  indexUrl: string;
  torch: string;
  torchvision: string | null;
  torchaudio: string | null;
  command: string;
  reason: string;
  /** The reason's template and arguments, so the editor can show it in the display language. */
  reasonL10n?: Localizable;
}

/** The newest "as of" month behind the knowledge base (torch data and CUDA tables). */
export const KNOWLEDGE_AS_OF: string = compareVersions(TORCH_DATA_AS_OF.replace('-', '.'), CUDA_DATA_AS_OF.replace('-', '.')) >= 0
  ? TORCH_DATA_AS_OF : CUDA_DATA_AS_OF;

function command(r: TorchRelease, indexUrl: string | null): string {
  const pkgs = [`torch==${r.torch}`];
  if (r.torchvision) pkgs.push(`torchvision==${r.torchvision}`);
  if (r.torchaudio) pkgs.push(`torchaudio==${r.torchaudio}`);
  return `pip install ${pkgs.join(' ')}${indexUrl ? ` --index-url ${indexUrl}` : ''}`;
}

function build(r: TorchRelease, variant: string, indexUrl: string, reason: { message: string; l10n: Localizable }): Recommendation {
  return {
    variant,
    indexUrl,
    torch: r.torch,
    torchvision: r.torchvision,
    torchaudio: r.torchaudio,
    command: command(r, indexUrl.startsWith('https://pypi.org') ? null : indexUrl),
    reason: reason.message,
    reasonL10n: reason.l10n,
  };
}

function cudaReason(r: TorchRelease, fit: VariantFit, machine: Machine): { message: string; l10n: Localizable } {
  const driver = fit.driverFloor && machine.gpu.driver ? msg('driver {0} meets its floor ≥ {1}', machine.gpu.driver, fit.driverFloor) : null;
  const kernels = fit.cc && (fit.kernels === 'sass' || fit.kernels === 'ptx')
    ? msg('its kernels run on {0} ({1})', smName(fit.cc), fit.kernels === 'sass' ? 'SASS' : 'PTX') : null;
  const detail: MsgArg = driver && kernels ? msg(': {0}; {1}', driver, kernels) : driver || kernels ? msg(': {0}', (driver ?? kernels) as MsgArg) : '';
  return msg('{0} is the newest CUDA variant of torch {1} that runs here{2}', fit.variant, r.torch, detail);
}

/** Releases to consider, verified records first; without a pinned version only those with wheels for the machine's Python. */
function candidates(torchVersion?: string, python?: string | null): TorchRelease[] {
  if (torchVersion) {
    const r = torchRelease(torchVersion);
    return r ? [r] : [];
  }
  const fitsPython = (r: TorchRelease) => {
    if (!python) return true;
    const s = pythonSupport(r.torch, python);
    return s !== 'too-old' && s !== 'too-new';
  };
  const all = releasesNewestFirst().filter((r) => r.variants !== null && fitsPython(r));
  return [...all.filter((r) => r.verified), ...all.filter((r) => !r.verified)];
}

/** An NVIDIA GPU whose driver cannot drive it at all (an RTX 5090 on R550): no build can run. */
function impossiblePair(machine: Machine): { cc: string; need: string } | null {
  if (!machine.gpu.driver) return null;
  for (const cc of machineCcs(machine)) {
    const p = driverGpuPair(machine.gpu.driver, cc);
    if (p.fit === 'too-old' && p.rule?.minBranch) return { cc, need: `R${p.rule.minBranch}+` };
    if (p.fit === 'too-new' && p.rule?.lastBranch) return { cc, need: `≤ R${p.rule.lastBranch}` };
  }
  return null;
}

/** The newest ROCm variant of a release whose gfx list holds every gfx target of the machine's AMD GPU. */
function rocmFor(r: TorchRelease, machine: Machine): string | null {
  const gfx = machine.gpu.amdGfx ?? [];
  if (!gfx.length) return null;
  const rocm = (r.variants ?? []).filter((v) => variantKind(v) === 'rocm').reverse();
  return rocm.find((v) => {
    const list = rocmGfxTargets(v);
    return list !== null && gfx.every((g) => list.includes(g));
  }) ?? null;
}

function cpuBuild(r: TorchRelease, reason: { message: string; l10n: Localizable }): Recommendation {
  return build(r, 'cpu', indexUrlFor('cpu'), reason);
}

/** Every CUDA build of the newest releases needs a newer driver (or lacks kernels): offer the CPU build, saying what each needs. */
function noCudaBuild(machine: Machine, list: TorchRelease[]): Recommendation | null {
  const r = list.find((x) => x.variants?.includes('cpu'));
  if (!r || !machine.gpu.driver) return null;
  const fits = (r.variants ?? []).filter((v) => variantKind(v) === 'cuda').map((v) => variantFit(r.torch, v, machine));
  const floors = fits.filter((f) => f.driverFloor).map((f) => `${f.variant} ≥ ${f.driverFloor}`).join(', ');
  if (fits.length && fits.every((f) => f.driver === 'too-old')) {
    return cpuBuild(r, msg('driver {0} is older than every CUDA build of torch {1} needs ({2}): the CPU build runs; update the driver to use the GPU', machine.gpu.driver, r.torch, floors));
  }
  return cpuBuild(r, msg('no CUDA build of torch {0} runs on this GPU and driver {1} ({2}): the CPU build runs', r.torch, machine.gpu.driver, floors));
}

/**
 * Recommendation for a machine, for a given torch version or (without one) the newest release the
 * data knows well (verified records first) that has a variant able to run here. Null when nothing
 * in the data fits (say "unknown" rather than guess), and null when an NVIDIA GPU is known but its
 * driver is not: which CUDA variant runs depends on the driver (cu130+ need ≥ 580, cu12x ≥ 525.60.13
 * on Linux), so no variant can be said to run here; recommendationGap() says why.
 */
export function recommend(machine: Machine, torchVersion?: string): Recommendation | null {
  if (driverUnknown(machine) || gpuUnknown(machine.gpu)) return null;
  const nvidia = hasNvidiaGpu(machine) && machine.platform !== 'darwin';
  if (nvidia && impossiblePair(machine)) return null;
  const list = candidates(torchVersion, machine.python);
  for (const r of list) {
    const variants = r.variants ?? [];
    if (nvidia) {
      const fit = bestVariant(r.torch, machine);
      if (!fit) continue;
      const reason = fit.cc === null
        ? msg('{0} is the newest CUDA variant of torch {1} whose driver floor is met and covers the newest GPU architectures; whether it has kernels for this GPU is unknown (its compute capability is not known: pass --compute-cap or set it in the aiEnvDoctor.target setting)', fit.variant, r.torch)
        : cudaReason(r, fit, machine);
      return build(r, fit.variant, indexUrlFor(fit.variant), reason);
    }
    if (machine.platform === 'darwin') {
      return build(r, 'cpu', 'https://pypi.org/simple',
        msg('macOS wheels on PyPI are the CPU/MPS build; there are no CUDA wheels for macOS'));
    }
    if (machine.gpu.vendor === 'amd') {
      if (machine.platform === 'win32') {
        if (variants.includes('cpu')) return cpuBuild(r, msg('there are no ROCm wheels for Windows: the CPU build'));
        continue;
      }
      const v = rocmFor(r, machine);
      if (v) return build(r, v, indexUrlFor(v), msg('{0} is the newest ROCm variant of torch {1} with kernels for {2}', v, r.torch, (machine.gpu.amdGfx ?? []).join(', ')));
      if (!(machine.gpu.amdGfx ?? []).length) continue;
    }
    if (variants.includes('cpu')) {
      const why = machine.gpu.vendor === 'amd'
        ? msg('no ROCm build in the data lists this GPU\'s gfx target ({0}): the CPU build', (machine.gpu.amdGfx ?? []).join(', '))
        : msg('no NVIDIA GPU: the CPU build avoids downloading CUDA libraries');
      return cpuBuild(r, why);
    }
  }
  if (nvidia) return noCudaBuild(machine, list);
  if (machine.gpu.vendor === 'amd') {
    const r = list.find((x) => x.variants?.includes('cpu'));
    if (r) return cpuBuild(r, msg('the AMD GPU\'s gfx target is not known, and a ROCm build runs only when its gfx list holds it: the CPU build'));
  }
  return null;
}

/**
 * Why recommend() has no answer for this machine, when the reason is the unknown NVIDIA driver:
 * "unknown: NVIDIA driver not detected", with the variants whose kernels the GPU can run and the
 * driver each needs (facts from the data, no choice made). Null when the driver is known, or
 * there is no NVIDIA GPU.
 */
export function recommendationGap(machine: Machine, torchVersion?: string): { message: string; l10n: Localizable } | null {
  if (gpuUnknown(machine.gpu)) return gpuUnknownReason(machine.gpu);
  const pair = hasNvidiaGpu(machine) && machine.platform !== 'darwin' ? impossiblePair(machine) : null;
  if (pair) {
    return msg('driver {0} cannot drive a GPU of compute capability {1}: it needs driver branch {2}. Check nvidia-smi (the driver or the GPU name is wrong).', machine.gpu.driver ?? '?', pair.cc, pair.need);
  }
  if (!driverUnknown(machine)) return null;
  for (const r of candidates(torchVersion, machine.python)) {
    const fits = kernelFits(r.torch, machine).filter((f) => f.driverFloor && f.cc && (f.kernels === 'sass' || f.kernels === 'ptx'));
    if (!fits.length) continue;
    const list = fits.map((f) => `${f.variant} (driver ≥ ${f.driverFloor})`).join(', ');
    return msg('unknown: NVIDIA driver not detected, and the CUDA variant depends on it. torch {0} has kernels for {1} in {2}; run nvidia-smi to see the driver.',
      r.torch, smName(fits[0].cc as string), list);
  }
  return msg('unknown: NVIDIA driver not detected, and the CUDA variant depends on it; run nvidia-smi to see the driver.');
}

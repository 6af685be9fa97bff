// What to install on a machine: torch version, variant, index URL, paired torchvision/torchaudio and
// the pip command, with the reason in words. Used by hovers, `detect`, create-env and the fixes.
import type { Machine } from '../machine';
import { msg, type Localizable, type MsgArg } from '../l10n';
import { CUDA_DATA_AS_OF, compareVersions } from './cuda';
import { smName } from './arches';
import { bestVariant, driverUnknown, hasNvidiaGpu, kernelFits, type VariantFit } from './fit';
import { releasesNewestFirst, torchRelease, TORCH_DATA_AS_OF, type TorchRelease } from './torch';
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

function candidates(torchVersion?: string): TorchRelease[] {
  if (torchVersion) {
    const r = torchRelease(torchVersion);
    return r ? [r] : [];
  }
  const all = releasesNewestFirst().filter((r) => r.variants !== null);
  return [...all.filter((r) => r.verified), ...all.filter((r) => !r.verified)];
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
  for (const r of candidates(torchVersion)) {
    const variants = r.variants ?? [];
    if (hasNvidiaGpu(machine) && machine.platform !== 'darwin') {
      const fit = bestVariant(r.torch, machine);
      if (!fit) continue;
      return build(r, fit.variant, indexUrlFor(fit.variant), cudaReason(r, fit, machine));
    }
    if (machine.platform === 'darwin') {
      return build(r, 'cpu', 'https://pypi.org/simple',
        msg('macOS wheels on PyPI are the CPU/MPS build; there are no CUDA wheels for macOS'));
    }
    if (machine.gpu.vendor === 'amd') {
      const rocm = variants.filter((v) => variantKind(v) === 'rocm');
      const v = rocm[rocm.length - 1];
      if (v) return build(r, v, indexUrlFor(v), msg('{0} is the newest ROCm variant of torch {1}', v, r.torch));
    }
    if (variants.includes('cpu')) {
      return build(r, 'cpu', indexUrlFor('cpu'), msg('no NVIDIA GPU: the CPU build avoids downloading CUDA libraries'));
    }
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
  if (!driverUnknown(machine)) return null;
  for (const r of candidates(torchVersion)) {
    const fits = kernelFits(r.torch, machine).filter((f) => f.driverFloor && f.cc && (f.kernels === 'sass' || f.kernels === 'ptx'));
    if (!fits.length) continue;
    const list = fits.map((f) => `${f.variant} (driver ≥ ${f.driverFloor})`).join(', ');
    return msg('unknown: NVIDIA driver not detected, and the CUDA variant depends on it. torch {0} has kernels for {1} in {2}; run nvidia-smi to see the driver.',
      r.torch, smName(fits[0].cc as string), list);
  }
  return msg('unknown: NVIDIA driver not detected, and the CUDA variant depends on it; run nvidia-smi to see the driver.');
}

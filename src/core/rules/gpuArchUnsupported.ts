// gpu-arch-unsupported: the chosen torch version + variant ships no kernel the GPU can run (e.g. an
// RTX 50xx, sm_120, before torch 2.7 / cu128; Pascal or Maxwell on cu128+ builds). Names what works.
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { msg, type MsgArg } from '../l10n';
import type { Machine } from '../machine';
import { kernelsFor, kernelSupport, smName } from '../knowledge/arches';
import { bestVariant, hasNvidiaGpu, variantFit } from '../knowledge/fit';
import { TORCH_RELEASES } from '../knowledge/torch';
import { compareCudaVariants, variantKind } from '../knowledge/variants';
import { compareVersions } from '../knowledge/cuda';
import { judgeOutcome } from './outcome';
import { at, gpuLabel, machineFix, variantSite, type RuleContext, type RuleModule } from './context';

/** The first torch version with kernels for `cc`, and the variants (from then on) that have them. */
export function whatRuns(cc: string, machine: Machine): { from: string; variants: string[]; orNewer: boolean } | null {
  const releases = [...TORCH_RELEASES].sort((a, b) => compareVersions(a.torch, b.torch));
  let from: string | null = null;
  const working = new Set<string>();
  const seen = new Set<string>();
  for (const r of releases) {
    for (const v of r.variants ?? []) {
      if (variantKind(v) !== 'cuda') continue;
      const list = kernelsFor(r.torch, v, machine.platform, machine.arch);
      if (!list) continue;
      if (from) seen.add(v);
      const k = kernelSupport(cc, list.entry);
      if (k === 'sass' || k === 'ptx') {
        if (!from) from = r.torch;
        working.add(v);
        seen.add(v);
      }
    }
  }
  if (!from) return null;
  const variants = [...working].sort(compareCudaVariants);
  const lowest = variants[0];
  const orNewer = [...seen].filter((v) => compareCudaVariants(v, lowest) >= 0).every((v) => working.has(v));
  return { from, variants, orNewer };
}

export function gpuArchUnsupported(ctx: RuleContext): Finding[] {
  const line = lineGpuArch(ctx);
  const { machine } = ctx;
  if (line.length || !machine || !hasNvidiaGpu(machine)) return line;
  return judgeOutcome(ctx, machine, Codes.gpuArchUnsupported, (f) => f.kernels === 'none' && f.cc !== null, (j, every, f, c) => (every
    ? msg('No build of {0} that this file allows here has kernels for {1} ({2}).', j.pkg.name, gpuLabel(machine), smName(f.cc ?? '?'))
    : msg('The installer would pick {0} {1} ({2}), which ships no kernels for {3}.', j.pkg.name, c.version, c.variant ?? '?', gpuLabel(machine))));
}

function lineGpuArch(ctx: RuleContext): Finding[] {
  const { machine, res } = ctx;
  if (!machine || !hasNvidiaGpu(machine) || !res.variant || !res.version || variantKind(res.variant) !== 'cuda') return [];
  const fit = variantFit(res.version, res.variant, machine);
  const site = variantSite(ctx);
  if (!site || !fit.cc) return [];
  const ptxNoJit = fit.kernels === 'ptx' && fit.driver === 'below-toolkit';
  if (fit.kernels !== 'none' && !ptxNoJit) return [];
  const best = bestVariant(res.version, machine);
  let works: MsgArg;
  if (best && best.variant !== res.variant) {
    works = msg('use the {0} wheels of torch {1}', best.variant, res.version);
  } else {
    const w = whatRuns(fit.cc, machine);
    works = !w ? msg('no torch wheel in the data has kernels for it')
      : w.orNewer ? msg('it needs torch ≥ {0} with {1} or newer ({2})', w.from, w.variants[0], w.variants.join(', '))
        : msg('it needs torch ≥ {0} with one of {1}', w.from, w.variants.join(', '));
  }
  const why = ptxNoJit
    ? msg('only PTX for it, and driver {0} is below the CUDA {1} toolkit driver (≥ {2}) needed to JIT it', machine.gpu.driver ?? '?', fit.cuda ?? '?', fit.toolkitDriver ?? '?')
    : msg('no kernels for {0}', smName(fit.cc));
  const fix = machineFix(ctx);
  return [at(Codes.gpuArchUnsupported, 'error',
    msg('torch {0}+{1} ships {2}, so it cannot run on {3}: {4}.', res.version, res.variant, why, gpuLabel(machine), works),
    site, fix ? [fix] : [])];
}

export const gpuArchUnsupportedRule: RuleModule = {
  code: Codes.gpuArchUnsupported,
  kind: 'environment',
  description: 'The selected torch build ships no kernels this GPU can run.',
  check: gpuArchUnsupported,
};

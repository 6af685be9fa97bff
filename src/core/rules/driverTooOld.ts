// driver-too-old: the chosen CUDA variant needs a newer NVIDIA driver than the machine has, even
// under minor-version compatibility (11.x ≥ 450.80.02, 12.x ≥ 525.60.13, 13.x ≥ 580 on Linux).
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { msg } from '../l10n';
import { compareVersions, maxCudaForDriver } from '../knowledge/cuda';
import { hasNvidiaGpu, variantFit } from '../knowledge/fit';
import { variantKind } from '../knowledge/variants';
import { judgeOutcome } from './outcome';
import { at, machineFix, machineTarget, variantSite, type RuleContext, type RuleModule } from './context';

/** For an unpinned or ranged torch, the version the installer would pick (from the outcome) when it is this variant's build. */
function pickedVersion(ctx: RuleContext, variant: string): string | null {
  if (ctx.res.pinned) return null;
  for (const env of ctx.outcome ?? []) {
    const c = env.packages.find((p) => p.name === 'torch' || p.name === 'pytorch')?.chosen;
    if (c?.variant === variant) return c.version;
  }
  return null;
}

export function driverTooOld(ctx: RuleContext): Finding[] {
  const { machine, res, model } = ctx;
  if (!machine || !hasNvidiaGpu(machine) || !machine.gpu.driver || machine.platform === 'darwin') return [];
  const out: Finding[] = [];
  if (res.variant && variantKind(res.variant) === 'cuda') {
    const fit = variantFit(res.version, res.variant, machine);
    const site = variantSite(ctx);
    if (fit.driver === 'too-old' && site) {
      const target = machineTarget(ctx);
      const fix = machineFix(ctx);
      const use = target ? `${target.variant}${target.release ? ` (torch ${target.release.torch})` : ''}` : null;
      const picked = pickedVersion(ctx, res.variant);
      out.push(at(Codes.driverTooOld, 'error',
        picked
          ? msg('The installer would pick torch {0}: {1} wheels (CUDA {2}) need NVIDIA driver ≥ {3} even under minor-version compatibility; this machine has {4}.{5}',
            picked, res.variant, fit.cuda ?? '?', fit.driverFloor ?? '?', machine.gpu.driver, use ? msg(' Use {0}.', use) : '')
          : use
          ? msg('{0} wheels (CUDA {1}) need NVIDIA driver ≥ {2} even under minor-version compatibility; this machine has {3}. Use {4}.',
            res.variant, fit.cuda ?? '?', fit.driverFloor ?? '?', machine.gpu.driver, use)
          : msg('{0} wheels (CUDA {1}) need NVIDIA driver ≥ {2} even under minor-version compatibility; this machine has {3}.',
            res.variant, fit.cuda ?? '?', fit.driverFloor ?? '?', machine.gpu.driver),
        site, fix ? [fix] : []));
    }
  }
  if (!out.length) {
    for (const x of judgeOutcome(ctx, machine, Codes.driverTooOld, (f) => f.driver === 'too-old', (j, every, f, c) => (every
      ? msg('Every build of {0} that this file allows here needs NVIDIA driver ≥ {1} (CUDA {2}); this machine has {3}.', j.pkg.name, f.driverFloor ?? '?', f.cuda ?? '?', machine.gpu.driver ?? '?')
      : msg('The installer would pick {0} {1} ({2}), which needs NVIDIA driver ≥ {3}; this machine has {4}.', j.pkg.name, c.version, c.variant ?? '?', f.driverFloor ?? '?', machine.gpu.driver ?? '?')))) out.push(x);
  }
  // pixi: [system-requirements] cuda = "12.0" needs a driver that supports that CUDA.
  const maxCuda = maxCudaForDriver(machine.gpu.driver, machine.platform);
  for (const c of model.pyproject?.pixi?.cuda ?? []) {
    if (maxCuda && compareVersions(c.value, maxCuda) > 0) {
      out.push(at(Codes.driverTooOld, 'error',
        msg('pixi requires CUDA {0}, but driver {1} supports CUDA ≤ {2}.', c.value, machine.gpu.driver, maxCuda), { span: c.span }));
    }
  }
  return out;
}

export const driverTooOldRule: RuleModule = {
  code: Codes.driverTooOld,
  kind: 'environment',
  description: 'The selected CUDA build needs a newer NVIDIA driver than the machine has.',
  check: driverTooOld,
};

// driver-below-toolkit (information): the driver meets the minor-version-compatibility floor of the
// chosen variant but not its full toolkit's driver. Wheels run through their SASS kernels; what is
// lost is PTX JIT (a GPU newer than the wheel's kernel list would not run) and newest-driver APIs.
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { msg } from '../l10n';
import { smName } from '../knowledge/arches';
import { hasNvidiaGpu, variantFit } from '../knowledge/fit';
import { variantKind } from '../knowledge/variants';
import { at, variantSite, type RuleContext, type RuleModule } from './context';

export function driverBelowToolkit(ctx: RuleContext): Finding[] {
  const { machine, res } = ctx;
  if (!machine || !hasNvidiaGpu(machine) || !machine.gpu.driver || !res.variant || variantKind(res.variant) !== 'cuda') return [];
  const fit = variantFit(res.version, res.variant, machine);
  const site = variantSite(ctx);
  // PTX-only GPUs cannot run at all below the toolkit driver: gpu-arch-unsupported reports that.
  // Confirmed native kernels = the common, working case: nothing to say.
  if (fit.driver !== 'below-toolkit' || (fit.kernels !== 'unknown' && fit.kernels !== 'n/a') || !site) return [];
  const tail = msg('a GPU newer than the wheel\'s kernel list will not run{0}.',
    fit.cc ? msg(' (this one, {0}, could not be checked against the wheel)', smName(fit.cc)) : '');
  return [at(Codes.driverBelowToolkit, 'information',
    msg('Driver {0} runs {1} wheels under CUDA minor-version compatibility (floor ≥ {2}) but is below the CUDA {3} toolkit driver (≥ {4}): PTX JIT is unavailable; {5}',
      machine.gpu.driver, res.variant, fit.driverFloor ?? '?', fit.cuda ?? '?', fit.toolkitDriver ?? '?', tail),
    site)];
}

export const driverBelowToolkitRule: RuleModule = {
  code: Codes.driverBelowToolkit,
  kind: 'advisory',
  description: 'The driver runs the CUDA build only under minor-version compatibility (no PTX JIT).',
  check: driverBelowToolkit,
};

// cpu-only-torch: an NVIDIA GPU is present but the file installs a CPU build (plain `torch` from PyPI
// on Windows, a /whl/cpu index, a +cpu pin, conda cpuonly).
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { msg } from '../l10n';
import { hasNvidiaGpu } from '../knowledge/fit';
import { at, gpuLabel, machineFix, variantSite, type RuleContext, type RuleModule } from './context';

export function cpuOnlyTorch(ctx: RuleContext): Finding[] {
  const { machine, res } = ctx;
  if (!machine || !hasNvidiaGpu(machine) || machine.platform === 'darwin' || res.variant !== 'cpu') return [];
  const site = variantSite(ctx);
  if (!site) return [];
  const gpu = gpuLabel(machine);
  const text = res.via === 'pypi'
    ? msg('On Windows, torch from PyPI is the CPU-only build, but this machine has {0}: install torch from a PyTorch CUDA index.', gpu)
    : res.via === 'index' ? msg('The /whl/cpu index installs the CPU-only build of torch, but this machine has {0}.', gpu)
      : res.via === 'local' ? msg('torch {0}+cpu is the CPU-only build, but this machine has {1}.', res.version ?? '?', gpu)
        : msg('cpuonly installs the CPU-only build of pytorch, but this machine has {0}.', gpu);
  const fix = machineFix(ctx);
  return [at(Codes.cpuOnlyTorch, 'warning', text, site, fix ? [fix] : [])];
}

export const cpuOnlyTorchRule: RuleModule = {
  code: Codes.cpuOnlyTorch,
  kind: 'environment',
  description: 'An NVIDIA GPU is present but the file installs a CPU-only torch.',
  check: cpuOnlyTorch,
};

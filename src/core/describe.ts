// Machine facts in words, one way for every surface that shows them: the status bar and its tooltip,
// the report and `ai-env-doctor detect`. Each surface lays the facts out (Markdown, plain text) and
// translates them; what a GPU error means, what an env is called and what torch was built for is said
// here once. A new accelerator adds its words here.
import type { ActiveEnv, Detection, InstalledTorch } from './detection';
import { msg, type Localizable } from './l10n';
import type { GpuError, GpuInfo } from './machine';

/** English plus its template (core's msg() shape); surfaces translate it or print the English. */
export interface Words {
  message: string;
  l10n: Localizable;
}

const GPU_PROBLEMS: Record<GpuError, () => Words> = {
  'not-installed': () => msg('nvidia-smi not found (no NVIDIA driver installed, or not on PATH)'),
  'no-driver': () => msg('NVIDIA driver not loaded (nvidia-smi cannot communicate with it)'),
  'driver-library-mismatch': () => msg('driver/library version mismatch: reboot after a driver update'),
  'no-devices': () => msg('no NVIDIA devices found'),
  timeout: () => msg('nvidia-smi timed out (killed)'),
  unparsed: () => msg('nvidia-smi output not recognised'),
};

/** What a GPU probe error means, in a sentence (an error this version does not know: its code). */
export function gpuProblem(error: GpuError | string): Words {
  return (GPU_PROBLEMS as Record<string, (() => Words) | undefined>)[error]?.() ?? { message: error, l10n: { template: error, args: [] } };
}

/** The env's short name: its name, else its folder's name, else "Python 3.x"; null when nothing is known. */
export function envLabel(env: ActiveEnv | null): string | null {
  if (!env) return null;
  if (env.name) return env.name;
  if (env.prefix) return env.prefix.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || env.prefix;
  return env.python ? `Python ${env.python}` : null;
}

/** What an installed torch was built for: "CUDA 12.4", "ROCm 6.2" or "CPU". */
export function torchBuild(t: InstalledTorch): string {
  return t.cuda ? `CUDA ${t.cuda}` : t.hip ? `ROCm ${t.hip}` : 'CPU';
}

/** A GPU's compute capability in words. */
export function computeCapability(gpu: GpuInfo): Words {
  return gpu.computeCapability ? msg('compute {0}', gpu.computeCapability) : msg('compute capability unknown');
}

/** The driver and the highest CUDA it supports. */
export function driverFact(driver: string, cuda: string | null): Words {
  return cuda ? msg('Driver {0}: supports CUDA up to {1}', driver, cuda) : msg('Driver {0}', driver);
}

/** Why this torch cannot use this machine's GPU, one sentence per reason (empty when it can or nothing is known). */
export function torchProblems(d: Detection): Words[] {
  const t = d.torch;
  if (!t?.version) return [];
  const out: Words[] = [];
  if (t.cpuBuildOnGpuMachine) out.push(msg('CPU-only torch on a machine with an NVIDIA GPU ("Torch not compiled with CUDA enabled")'));
  if (t.missingArch) out.push(msg('This torch has no kernels for {0} (arch list: {1})', t.missingArch, t.archList.join(' ')));
  return out;
}

// What one detection run found: the machine (GPU, driver, platform, Python), the active environment
// and the torch installed in it. Produced by src/system/detect.ts, consumed by the status bar, the CLI
// (`ai-env-doctor detect`) and the rules.
import type { Machine } from './machine';

export interface ActiveEnv {
  /** Env name ("py_comfy", "base"), or the folder name of a venv; null when unknown. */
  name: string | null;
  /** Env prefix (folder), or null when only an interpreter is known. */
  prefix: string | null;
  /** Python version of the env's interpreter ("3.11.9"), when known. */
  python: string | null;
  /** Interpreter path used for the torch probe, when known. */
  pythonPath: string | null;
  /** Where the env came from. */
  source: 'python-extension' | 'setting' | 'conda-env-vars' | 'conda-info' | 'virtual-env' | 'path';
  kind: 'conda' | 'venv' | 'system' | 'unknown';
}

/**
 * The torch in an env: what the probe printed (src/system/torchProbe.ts) and, once assessTorch() has
 * seen the GPU, whether it can use it. One type from the probe's output to the status bar.
 */
export interface InstalledTorch {
  /** The interpreter's version ("3.11.9"), sys.executable and sys.prefix, when the probe ran. */
  python?: string | null;
  executable?: string | null;
  prefix?: string | null;
  /** site-packages folders of the interpreter (their mtimes tell whether packages changed since). */
  sitePackages?: string[];
  /** torch.__version__ ("2.5.1+cu124"); null when torch is not installed. */
  version: string | null;
  /** torch.version.cuda ("12.4"); null for CPU/ROCm/MPS builds. */
  cuda: string | null;
  /** torch.version.hip for ROCm builds. */
  hip: string | null;
  /** torch.cuda.is_available(). */
  cudaAvailable: boolean | null;
  /** torch.backends.mps.is_available() (macOS). */
  mpsAvailable: boolean | null;
  /** torch.cuda.get_arch_list() ("sm_80", "compute_90"). */
  archList: string[];
  /** torch.cuda.device_count(), when CUDA is available. */
  deviceCount: number | null;
  /** Why the probe failed: "not-installed", "timeout", "no-python", "import-error: ...", "unparsed". */
  error: string | null;
  /** A CPU-only torch ("Torch not compiled with CUDA enabled") while an NVIDIA GPU is present. */
  cpuBuildOnGpuMachine: boolean;
  /** The GPU's sm_XY when neither its SASS nor a usable PTX is in archList; null when fine/unknown. */
  missingArch: string | null;
}

export interface Detection {
  machine: Machine;
  env: ActiveEnv | null;
  torch: InstalledTorch | null;
}

/** True when the installed torch cannot use this machine's NVIDIA GPU (status bar warning). */
export function torchCannotUseGpu(d: Detection): boolean {
  const t = d.torch;
  if (!t || t.version === null) return false;
  if (d.machine.gpu.vendor !== 'nvidia' || d.machine.gpu.gpus.length === 0) return false;
  return t.cpuBuildOnGpuMachine || t.missingArch !== null || t.cudaAvailable === false;
}

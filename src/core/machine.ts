// The machine a project is judged against: detected (src/system), a target profile from settings,
// or CLI flags. Unknown values are null, never guessed.

export type Platform = 'linux' | 'win32' | 'darwin';

export interface GpuInfo {
  index: number | null;
  /** Exactly as nvidia-smi printed it (a truncated "NVIDIA GeForce ..." stays truncated). */
  name: string;
  /** "8.9" style; null when neither nvidia-smi nor the knowledge base knows it. */
  computeCapability: string | null;
  memoryTotalMiB: number | null;
  memoryUsedMiB: number | null;
  utilizationPercent: number | null;
}

export type GpuError =
  | 'not-installed'
  | 'no-driver'
  | 'driver-library-mismatch'
  | 'no-devices'
  | 'timeout'
  | 'unparsed';

export interface GpuReport {
  vendor: 'nvidia' | 'amd' | 'apple' | 'none';
  /** NVIDIA kernel driver version, e.g. "535.104.12". */
  driver: string | null;
  /** Highest CUDA the driver supports, e.g. "12.2". */
  cuda: string | null;
  gpus: GpuInfo[];
  error: GpuError | null;
  /** Free text detail for an error (first line of the tool's message). */
  errorDetail?: string | null;
  /** AMD gfx target (e.g. "gfx1100") or Apple chip name, when relevant. */
  amdGfx?: string[];
  appleSilicon?: boolean;
}

export interface Machine {
  platform: Platform;
  /** Machine architecture as Node names it (x64, arm64), when known. */
  arch?: string | null;
  gpu: GpuReport;
  /** Python version of the active interpreter or the target ("3.11"), when known. */
  python: string | null;
  /** Where the machine came from, for messages: "detected", "target", "flags". */
  source: 'detected' | 'target' | 'flags' | 'none';
}

export function noGpu(): GpuReport {
  return { vendor: 'none', driver: null, cuda: null, gpus: [], error: null };
}

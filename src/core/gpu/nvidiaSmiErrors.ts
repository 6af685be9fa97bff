// nvidia-smi's failure messages (and the shell's "not found"), mapped to GpuReport error kinds.
import type { GpuError } from '../machine';

export interface SmiErrorMatch {
  error: GpuError;
  detail: string;
  nvmlLibraryVersion: string | null;
}

const PATTERNS: { re: RegExp; error: GpuError }[] = [
  { re: /Driver\/library version mismatch/i, error: 'driver-library-mismatch' },
  { re: /couldn'?t communicate with the NVIDIA driver/i, error: 'no-driver' },
  { re: /NVIDIA-SMI has failed/i, error: 'no-driver' },
  { re: /Driver Not Loaded/i, error: 'no-driver' },
  { re: /Failed to initialize NVML/i, error: 'no-driver' },
  { re: /No devices were found/i, error: 'no-devices' },
  { re: /nvidia-smi:\s*(?:command )?not found|is not recognized as an internal or external command|No such file or directory/i, error: 'not-installed' },
];

/** The first error message found in the text, or null. */
export function matchSmiError(text: string): SmiErrorMatch | null {
  for (const { re, error } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const line = text.slice(text.lastIndexOf('\n', m.index) + 1).split(/\r?\n/)[0].trim();
    const lib = /NVML library version:\s*([\d.]+)/i.exec(text);
    return { error, detail: line, nvmlLibraryVersion: lib ? lib[1] : null };
  }
  return null;
}

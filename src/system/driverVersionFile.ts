// The NVIDIA kernel driver version without starting a process (Linux): /sys/module/nvidia/version
// ("550.54.14") or /proc/driver/nvidia/version ("NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.14 ...").
// Used for the status bar's first paint; nvidia-smi fills in the rest.
import { promises as fs } from 'node:fs';
import { parseDriverVersionFile } from '../core/gpu/driverVersionFile';

export const DRIVER_VERSION_FILES = ['/sys/module/nvidia/version', '/proc/driver/nvidia/version'] as const;

export async function readDriverVersionFast(
  files: readonly string[] = DRIVER_VERSION_FILES,
  platform: NodeJS.Platform = process.platform,
): Promise<string | null> {
  if (platform !== 'linux') return null;
  for (const f of files) {
    try {
      const v = parseDriverVersionFile(await fs.readFile(f, 'utf8'));
      if (v) return v;
    } catch {
      /* not there: no driver loaded, or not Linux */
    }
  }
  return null;
}

// `nvidia-smi -L`: "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-...)"; indented "MIG ..." lines are
// instances of the GPU above, not GPUs.
import { emptyReport, type NvidiaSmiReport } from './nvidiaSmiReport';

const GPU_LINE = /^GPU\s+(\d+):\s+(.+?)\s+\(UUID:\s*([^)]+)\)\s*$/;

export function looksLikeList(text: string): boolean {
  return text.split(/\r?\n/).some((l) => GPU_LINE.test(l.trim()));
}

export function parseList(text: string): NvidiaSmiReport {
  const r = emptyReport('list');
  let started = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const m = GPU_LINE.exec(line);
    if (m && !/^\s/.test(raw)) {
      started = true;
      r.gpus.push({
        index: Number.parseInt(m[1], 10), name: m[2], computeCapability: null,
        memoryTotalMiB: null, memoryUsedMiB: null, utilizationPercent: null, uuid: m[3].trim(),
      });
    } else if (!started && line !== '') {
      r.leadingNoise.push(line);
    }
  }
  return r;
}

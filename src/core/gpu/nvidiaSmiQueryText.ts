// `nvidia-smi -q` text: "Key : value" lines nested by indentation, one "GPU <bus id>" block per GPU.
// Only the GPU-level "FB Memory Usage" counts (not BAR1, not a MIG device's own memory).
import { emptyReport, mib, percent, intOrNull, versionOrNull, type NvidiaGpu, type NvidiaSmiReport } from './nvidiaSmiReport';

export function looksLikeQText(text: string): boolean {
  return /=+\s*NVSMI LOG\s*=+/.test(text) || (/^\s*Driver Version\s+:/m.test(text) && /^\s*Product Name\s+:/m.test(text));
}

function indentOf(raw: string): number {
  let n = 0;
  for (const ch of raw) {
    if (ch === ' ') n++;
    else if (ch === '\t') n += 4;
    else break;
  }
  return n;
}

export function parseQText(text: string): NvidiaSmiReport {
  const r = emptyReport('q-text');
  const lines = text.split(/\r?\n/);
  let gpu: NvidiaGpu | null = null;
  let gpuIndent = -1;
  // Section headers (lines without " : ") by indentation, inside the current GPU block.
  let stack: { indent: number; name: string }[] = [];
  let started = false;

  for (const raw of lines) {
    if (raw.trim() === '') continue;
    const indent = indentOf(raw);
    const line = raw.trim();
    if (!started) {
      if (/=+\s*NVSMI LOG\s*=+/.test(line) || /^(Timestamp|Driver Version)\s+:/.test(line)) started = true;
      else {
        r.leadingNoise.push(line);
        continue;
      }
    }
    const gpuHeader = /^GPU\s+([0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-9A-Fa-f])$/.exec(line);
    if (gpuHeader) {
      gpu = {
        index: r.gpus.length, name: '', computeCapability: null, memoryTotalMiB: null, memoryUsedMiB: null,
        utilizationPercent: null, busId: gpuHeader[1], driverModel: null,
      };
      r.gpus.push(gpu);
      gpuIndent = indent;
      stack = [];
      continue;
    }
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    const kv = /^(.+?)\s+:\s?(.*)$/.exec(line);
    if (!kv) {
      stack.push({ indent, name: line });
      continue;
    }
    const key = kv[1].trim();
    const value = kv[2].trim();
    if (!gpu || indent <= gpuIndent) {
      if (key === 'Driver Version') r.driver = versionOrNull(value);
      else if (key === 'CUDA Version') {
        r.cuda = versionOrNull(value);
        r.cudaRaw = r.cuda === null ? value : null;
      }
      continue;
    }
    const path = stack.map((s) => s.name);
    const parent = path.length === 1 ? path[0] : null; // a direct child section of the GPU block
    if (path.length === 0) {
      if (key === 'Product Name') gpu.name = value;
      else if (key === 'Minor Number' && intOrNull(value) !== null) gpu.index = intOrNull(value);
      else if (key === 'GPU UUID') gpu.uuid = value;
    } else if (parent === 'FB Memory Usage') {
      if (key === 'Total') gpu.memoryTotalMiB = mib(value);
      else if (key === 'Used') gpu.memoryUsedMiB = mib(value);
    } else if (parent === 'Driver Model' && key === 'Current') {
      gpu.driverModel = value === 'N/A' ? null : value;
    } else if (parent === 'Utilization' && key.toLowerCase() === 'gpu' && percent(value) !== null) {
      gpu.utilizationPercent = percent(value); // "GPU" in newer drivers, "Gpu" in older ones
    }
  }
  r.gpus = r.gpus.filter((g) => g.name !== '');
  if (r.driver === null && r.gpus.length === 0) r.error = 'unparsed';
  return r;
}

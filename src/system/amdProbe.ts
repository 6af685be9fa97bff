// AMD GPUs through ROCm's tools: rocminfo (gfx target + marketing name), else rocm-smi --showproductname.
import { exec } from './exec';
import { which } from './which';
import { amdReport, parseRocminfo, parseRocmSmi } from '../core/gpu/rocm';
import type { GpuReport } from '../core/machine';

export interface AmdProbeOptions {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  timeoutMs: number;
  deadline?: number;
  signal?: AbortSignal;
}

/** null when no ROCm tool is installed or none reports a GPU (no process is spawned without a tool). */
export async function probeAmd(opts: AmdProbeOptions): Promise<GpuReport | null> {
  if (opts.platform === 'darwin') return null;
  const rocminfo = await which('rocminfo', opts.env, opts.platform);
  if (rocminfo) {
    const r = await exec(rocminfo, [], { timeoutMs: opts.timeoutMs, deadline: opts.deadline, signal: opts.signal, env: opts.env });
    if (r.ok) {
      const gpus = parseRocminfo(r.stdout);
      if (gpus.length) return amdReport(gpus);
    }
  }
  const rocmSmi = await which('rocm-smi', opts.env, opts.platform);
  if (rocmSmi) {
    const r = await exec(rocmSmi, ['--showproductname', '--json'], { timeoutMs: opts.timeoutMs, deadline: opts.deadline, signal: opts.signal, env: opts.env });
    const gpus = parseRocmSmi(r.stdout);
    if (gpus.length) return amdReport(gpus);
  }
  return null;
}

// nvidia-smi: where it is, and one query per refresh (--query-gpu CSV, noheader, nounits). Drivers
// older than ~510 reject the compute_cap field; then the query is repeated once without it and the
// answer remembered for this executable, so later refreshes still spawn a single process.
import * as path from 'node:path';
import { exec } from './exec';
import { firstExisting, isExecutable, which } from './which';
import { parseNvidiaSmiOutput, parseQueryCsv, PROBE_FIELDS, PROBE_FIELDS_NO_CC, type NvidiaSmiReport } from '../core/gpu/nvidiaSmi';
import { emptyReport } from '../core/gpu/nvidiaSmiReport';

export interface LocateOptions {
  setting?: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
}

/** Windows install locations: System32 (DCH drivers) and the old NVSMI folder. */
export function windowsCandidates(env: NodeJS.ProcessEnv): string[] {
  const sysRoot = env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows';
  const pf = env.ProgramW6432 ?? env.ProgramFiles ?? 'C:\\Program Files';
  return [
    path.win32.join(sysRoot, 'System32', 'nvidia-smi.exe'),
    path.win32.join(pf, 'NVIDIA Corporation', 'NVSMI', 'nvidia-smi.exe'),
  ];
}

/** Setting → PATH → WSL's /usr/lib/wsl/lib/nvidia-smi → the usual Windows folders. */
export async function locateNvidiaSmi(opts: LocateOptions): Promise<string | null> {
  if (opts.setting && opts.setting.trim()) {
    const s = opts.setting.trim();
    return (await isExecutable(s, opts.platform)) ? s : null;
  }
  const onPath = await which('nvidia-smi', opts.env, opts.platform);
  if (onPath) return onPath;
  if (opts.platform === 'linux') return firstExisting(['/usr/lib/wsl/lib/nvidia-smi'], opts.platform);
  if (opts.platform === 'win32') return firstExisting(windowsCandidates(opts.env), opts.platform);
  return null;
}

/** What the probe learned about an executable across refreshes (pass the same object each time). */
export interface NvidiaSmiProbeState {
  noComputeCap: Set<string>;
}

export function newProbeState(): NvidiaSmiProbeState {
  return { noComputeCap: new Set() };
}

export interface ProbeOptions {
  timeoutMs: number;
  /** Absolute end (Date.now() ms) shared with the other probes of one detection. */
  deadline?: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  state?: NvidiaSmiProbeState;
}

function queryArgs(fields: readonly string[]): string[] {
  return [`--query-gpu=${fields.join(',')}`, '--format=csv,noheader,nounits'];
}

function rejectedField(text: string): boolean {
  return /compute_cap/i.test(text) && /(not a valid field|invalid|unknown)/i.test(text);
}

/** Run the query once (twice only the first time an old driver rejects compute_cap). */
export async function probeNvidiaSmi(file: string, opts: ProbeOptions): Promise<NvidiaSmiReport> {
  const state = opts.state ?? newProbeState();
  let fields: readonly string[] = state.noComputeCap.has(file) ? PROBE_FIELDS_NO_CC : PROBE_FIELDS;
  for (let attempt = 0; attempt < 2; attempt++) {
    const r = await exec(file, queryArgs(fields), {
      timeoutMs: opts.timeoutMs, deadline: opts.deadline, signal: opts.signal, env: opts.env, maxBuffer: 1024 * 1024,
    });
    if (r.error === 'not-found') return withError('not-installed', r.errorMessage ?? 'nvidia-smi not found');
    if (r.error === 'timeout') return withError('timeout', `nvidia-smi did not answer within ${opts.timeoutMs} ms`);
    if (r.error === 'cancelled') return withError('timeout', 'cancelled');
    if (r.error === 'spawn-failed') return withError('not-installed', r.errorMessage ?? 'could not start nvidia-smi');
    const out = `${r.stdout}\n${r.stderr}`;
    if (!r.ok && fields === PROBE_FIELDS && rejectedField(out)) {
      state.noComputeCap.add(file);
      fields = PROBE_FIELDS_NO_CC;
      continue;
    }
    if (r.ok) {
      const parsed = parseQueryCsv(r.stdout, fields);
      if (parsed.error === null && parsed.gpus.length > 0) return parsed;
    }
    // A failure message (no driver, mismatch, no devices) or something unexpected: classify the text.
    const classified = parseNvidiaSmiOutput(out);
    if (classified.error !== null) return classified;
    if (classified.gpus.length > 0) return classified;
    return withError('unparsed', firstLine(out));
  }
  return withError('unparsed', 'nvidia-smi rejected the query');
}

function firstLine(s: string): string {
  return s.trim().split(/\r?\n/)[0]?.slice(0, 300) ?? '';
}

function withError(error: NonNullable<NvidiaSmiReport['error']>, detail: string): NvidiaSmiReport {
  const r = emptyReport('error');
  r.error = error;
  r.errorDetail = detail;
  return r;
}

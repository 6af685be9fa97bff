// What the nvidia-smi parsers return: a GpuReport (src/core/machine.ts) plus what the output said
// about itself (its form, the tool version, processes). Values are as printed; nothing is guessed here
// (src/core/gpu/enrich.ts fills max CUDA and compute capability from the knowledge base).
import type { GpuInfo, GpuReport } from '../machine';

export type NvidiaSmiFormat = 'table' | 'csv' | 'q-text' | 'q-xml' | 'list' | 'version' | 'error' | 'unknown';

export interface NvidiaGpu extends GpuInfo {
  /** "WDDM" / "TCC" / "MCDM" on Windows, when shown. */
  driverModel?: string | null;
  busId?: string | null;
  uuid?: string | null;
}

export interface NvidiaProcess {
  pid: number;
  name: string;
  usedMiB: number | null;
  gpuName?: string | null;
}

export interface NvidiaSmiReport extends GpuReport {
  gpus: NvidiaGpu[];
  format: NvidiaSmiFormat;
  /** nvidia-smi's own version when printed and different from the driver (containers, WSL). */
  smiVersion: string | null;
  /** The CUDA field as printed when it is not a version ("ERR!"). */
  cudaRaw: string | null;
  /** The output ends early (a pasted fragment): GPU rows or sections are missing. */
  truncated: boolean;
  processes: NvidiaProcess[];
  /** "NVML library version: 570.124" in a driver/library mismatch (user-space library, not the driver). */
  nvmlLibraryVersion: string | null;
  /** Lines before the output proper (a shell prompt, the command) that were skipped. */
  leadingNoise: string[];
}

export function emptyReport(format: NvidiaSmiFormat): NvidiaSmiReport {
  return {
    vendor: 'nvidia', driver: null, cuda: null, gpus: [], error: null, errorDetail: null,
    format, smiVersion: null, cudaRaw: null, truncated: false, processes: [], nvmlLibraryVersion: null,
    leadingNoise: [],
  };
}

/** A version-looking value ("535.104.12", "13.1"), else null ("ERR!", "N/A", "Deprecated ..."). */
export function versionOrNull(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const t = v.trim();
  return /^\d+(\.\d+)+$/.test(t) ? t : null;
}

/** "16376 MiB" / "16376MiB" / "16376" → 16376; "[N/A]", "N/A", "" → null. GiB values are converted. */
export function mib(v: string | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(MiB|GiB|KiB|MB|GB)?\s*$/i.exec(v);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'MiB').toLowerCase();
  if (unit === 'gib' || unit === 'gb') return Math.round(n * 1024);
  if (unit === 'kib') return Math.round(n / 1024);
  return Math.round(n);
}

/** "95 %" / "95%" / "95" → 95; "N/A" → null. */
export function percent(v: string | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(v);
  return m ? Number(m[1]) : null;
}

export function intOrNull(v: string | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  return /^\s*\d+\s*$/.test(v) ? Number.parseInt(v, 10) : null;
}

// CUDA toolkit ↔ NVIDIA driver facts, from data/cuda-driver.json (built by scripts/data/build-cuda.mjs
// from NVIDIA's release-notes Table 3 and the minor-version-compatibility rules; see its "sources").
import type { Platform } from '../machine';
import data from '../../../data/cuda-driver.json';

export interface CudaToolkitRow {
  cuda: string;
  label: string;
  linux: string | null;
  windows: string | null;
  driverBranch: string | null;
  installerBundled: { linux: string | null; windows: string | null } | null;
  sources: string[];
  verified: boolean;
  note?: string;
}

export interface MinorCompatRow {
  cudaMajor: number;
  branchFloor: string | null;
  branchEndExclusive: string | null;
  linux: string | null;
  windows: string | null;
  sources: string[];
  verified: boolean;
  note: string;
}

/** Month of the newest reference material behind the table ("2026-11"). */
export const CUDA_DATA_AS_OF: string = data.asOf;
export const CUDA_TOOLKITS: readonly CudaToolkitRow[] = data.toolkits as CudaToolkitRow[];
export const CUDA_MINOR_COMPAT: readonly MinorCompatRow[] = data.minorCompat as MinorCompatRow[];
const BRANCH_BY_MINOR: Readonly<Record<string, string>> = data.driverBranchByMinor;

/** Numeric components of a dotted version ("535.104.12" → [535, 104, 12]); null when not a version. */
export function versionParts(v: string): number[] | null {
  const t = v.trim();
  if (!/^\d+(\.\d+)*$/.test(t)) return null;
  return t.split('.').map((p) => Number.parseInt(p, 10));
}

/** Compare two dotted numeric versions; missing components count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a) ?? [];
  const pb = versionParts(b) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** "12.4.1" / "12.4" / "cu124" / "124" → "12.4"; null when not recognisable. */
export function cudaMinor(cuda: string): string | null {
  const s = cuda.trim().toLowerCase();
  const cu = /^(?:cu)?(\d{2,3})$/.exec(s);
  if (cu) {
    const d = cu[1];
    // cu118 → 11.8, cu124 → 12.4, cu92 → 9.2, cu130 → 13.0
    return d.length === 2 ? `${d[0]}.${d[1]}` : `${d.slice(0, 2)}.${d.slice(2)}`;
  }
  const m = /^(\d+)\.(\d+)(?:\.\d+)*$/.exec(s);
  return m ? `${Number(m[1])}.${Number(m[2])}` : null;
}

function rowDriver(row: CudaToolkitRow, platform: Platform): string | null {
  const exact = platform === 'win32' ? row.windows : platform === 'linux' ? row.linux : null;
  if (exact) return exact;
  // NVIDIA lists no per-platform value (13.4+, and every 13.x row on Windows): the driver branch it
  // names for that toolkit minor is the floor.
  if (platform === 'darwin') return null;
  return row.driverBranch;
}

/**
 * Highest CUDA (major.minor) a driver supports, per NVIDIA's toolkit/driver table. Null for an
 * unparseable driver, for macOS, and for drivers older than every row. nvidia-smi's own banner
 * ("CUDA Version: X.Y") is better when available; this is the fallback (e.g. for --query-gpu).
 */
export function maxCudaForDriver(driver: string, platform: Platform): string | null {
  if (platform === 'darwin' || !versionParts(driver)) return null;
  let best: string | null = null;
  for (const row of CUDA_TOOLKITS) {
    const need = rowDriver(row, platform);
    if (!need || compareVersions(driver, need) < 0) continue;
    const minor = cudaMinor(row.cuda);
    if (minor && (best === null || compareVersions(minor, best) > 0)) best = minor;
  }
  // Branch rule for minors with no row value on this platform (e.g. 13.0–13.2 on Windows).
  for (const [minor, branch] of Object.entries(BRANCH_BY_MINOR)) {
    if (compareVersions(driver, branch) >= 0 && (best === null || compareVersions(minor, best) > 0)) {
      const hasExact = CUDA_TOOLKITS.some((r) => cudaMinor(r.cuda) === minor
        && (platform === 'win32' ? r.windows : r.linux));
      if (!hasExact) best = minor;
    }
  }
  return best;
}

/**
 * Minimum drivers for a CUDA version ("12.4", "12.4.1", "cu124"):
 * - minorCompat: the lowest driver on which an application built with that CUDA major runs under
 *   minor-version compatibility (11.x ≥ 450.80.02 / 452.39, 12.x ≥ 525.60.13 / 528.33, 13.x ≥ 580);
 *   for 10.x (no minor-version compatibility) the toolkit's own driver.
 * - toolkit: the driver NVIDIA lists for that toolkit (lowest patch release of the minor when only
 *   major.minor is given), or its driver branch where NVIDIA gives only that.
 */
export function cudaDriverFloor(cuda: string, platform: Platform): { minorCompat: string | null; toolkit: string | null } {
  if (platform === 'darwin') return { minorCompat: null, toolkit: null };
  const minor = cudaMinor(cuda);
  if (!minor) return { minorCompat: null, toolkit: null };
  const exact = /^\d+\.\d+\.\d+$/.test(cuda.trim()) ? cuda.trim() : null;
  const rows = CUDA_TOOLKITS.filter((r) => (exact ? r.cuda === exact : cudaMinor(r.cuda) === minor));
  const candidates = (rows.length ? rows : CUDA_TOOLKITS.filter((r) => cudaMinor(r.cuda) === minor))
    .map((r) => rowDriver(r, platform))
    .filter((d): d is string => d !== null);
  let toolkit: string | null = candidates.length
    ? candidates.reduce((a, b) => (compareVersions(a, b) <= 0 ? a : b))
    : null;
  if (toolkit === null && BRANCH_BY_MINOR[minor]) toolkit = BRANCH_BY_MINOR[minor];

  const major = Number.parseInt(minor.split('.')[0], 10);
  const compat = CUDA_MINOR_COMPAT.find((r) => r.cudaMajor === major);
  let minorCompat = compat ? (platform === 'win32' ? compat.windows : compat.linux) : null;
  if (minorCompat === null && compat && compat.branchFloor === null) minorCompat = toolkit;
  if (minorCompat !== null && toolkit !== null && compareVersions(toolkit, minorCompat) < 0) minorCompat = toolkit;
  return { minorCompat, toolkit };
}

// PyTorch release facts, from data/torch.json (built by scripts/data/build-torch.mjs from the shared
// reference; every record keeps its sources). What the data does not know is null: callers say
// "unknown" rather than guess.
import type { Platform } from '../machine';
import data from '../../../data/torch.json';
import { compareVersions } from './cuda';
import { mergeReleases } from './catalogue/merge';
import { readCatalogue } from './catalogue/model';

export interface PythonRange {
  min: string | null;
  max: string | null;
  freethreaded: string[];
  experimental: string[];
  note: string | null;
}

export interface TorchRelease {
  torch: string;
  torchvision: string | null;
  torchaudio: string | null;
  /** Other published pairings (2.0.0: conda's torchvision 0.15.0 / torchaudio 2.0.0). */
  alsoPairs: { torchvision: string | null; torchaudio: string | null } | null;
  python: PythonRange | null;
  /** Variants published on download.pytorch.org/whl/<variant>; null when unknown. */
  variants: string[] | null;
  variantsUnverified: string[];
  variantsOther: string[];
  variantsProposed: string[];
  /** CUDA variant of the plain PyPI wheel on Linux x86_64 (null: unknown). */
  pypiDefault: string | null;
  pypiDefaultCandidates: string[];
  conda: { channel: string; pytorchCuda: string[]; verified: boolean; note?: string } | null;
  released: string | null;
  stableBumpCommit: string | null;
  verified: boolean;
  note: string | null;
  sources: string[];
}

/** Month of the newest reference material behind the torch data ("2026-11"). */
export const TORCH_DATA_AS_OF: string = data.asOf;
/** A wheel-index snapshot bundled by `npm run data:update` (data/sources/wheel-index.json), when there is one. */
const bundledSnapshot = readCatalogue(JSON.stringify((data as { wheelIndex?: unknown }).wheelIndex ?? null));
/** The bundled releases, as built from data/sources (merged with the bundled wheel-index snapshot). */
export const BUNDLED_TORCH_RELEASES: readonly TorchRelease[] = bundledSnapshot
  ? mergeReleases(data.releases as TorchRelease[], bundledSnapshot)
  : data.releases as TorchRelease[];
const releases: TorchRelease[] = [...BUNDLED_TORCH_RELEASES];
/** The releases every query reads: the bundled ones, merged with a wheel catalogue when one is set (catalogue/overlay.ts). */
export const TORCH_RELEASES: readonly TorchRelease[] = releases;

/** Replace the releases the queries read (the catalogue overlay's one entry point). */
export function replaceTorchReleases(next: readonly TorchRelease[]): void {
  releases.splice(0, releases.length, ...next);
}
export const CONDA_CHANNEL = data.condaChannel;
export const TORCHAUDIO_END = data.torchaudioEnd;
export const TORCH_SOURCES: Record<string, { what: string; type: string }> = { ...data.sources };

export type TorchFamily = 'torch' | 'torchvision' | 'torchaudio';
export const TORCH_FAMILY: readonly TorchFamily[] = ['torch', 'torchvision', 'torchaudio'];

export function isTorchFamily(normalizedName: string | null | undefined): normalizedName is TorchFamily {
  return normalizedName === 'torch' || normalizedName === 'torchvision' || normalizedName === 'torchaudio';
}

/** "2.1.2+cu121" → { base: "2.1.2", local: "cu121" }; "2.1" → { base: "2.1", local: null }. */
export function splitLocal(version: string): { base: string; local: string | null } {
  const i = version.indexOf('+');
  return i < 0 ? { base: version.trim(), local: null } : { base: version.slice(0, i).trim(), local: version.slice(i + 1).trim().toLowerCase() };
}

/** Normalise "2.1" → "2.1.0" for lookups (PEP 440 treats them as equal). */
function normalizeTorchVersion(v: string): string {
  const parts = splitLocal(v).base.split('.');
  while (parts.length < 3) parts.push('0');
  return parts.join('.');
}

/** The release record for a torch version (local suffix ignored), or null when the data does not know it. */
export function torchRelease(version: string): TorchRelease | null {
  const v = normalizeTorchVersion(version);
  return TORCH_RELEASES.find((r) => r.torch === v) ?? null;
}

/** Newest torch version the data knows at all (it may have no variant data). */
export function newestKnownTorch(): string {
  return TORCH_RELEASES.reduce((a, r) => (compareVersions(r.torch, a) > 0 ? r.torch : a), '0');
}

/** True when a (final) torch version is newer than everything in the data. */
export function isNewerThanKnown(version: string): boolean {
  const v = splitLocal(version).base;
  return /^\d+(\.\d+)*$/.test(v) && compareVersions(v, newestKnownTorch()) > 0;
}

/**
 * True when a final torch version lies inside the data's range but is not one of its releases (a
 * patch release published after the data, like 2.14.1 was): as unknown as a newer one.
 */
export function isUnknownWithinKnown(version: string): boolean {
  const v = splitLocal(version).base;
  if (!/^\d+(\.\d+)*$/.test(v) || torchRelease(v) || isNewerThanKnown(v)) return false;
  const oldest = TORCH_RELEASES.reduce((a, r) => (compareVersions(r.torch, a) < 0 ? r.torch : a), newestKnownTorch());
  return compareVersions(v, oldest) > 0;
}

/** Releases, newest first. */
export function releasesNewestFirst(): TorchRelease[] {
  return [...TORCH_RELEASES].sort((a, b) => compareVersions(b.torch, a.torch));
}

/** Published variants for a torch version; null when unknown. */
export function variantsFor(version: string): string[] | null {
  return torchRelease(version)?.variants ?? null;
}

/** Every variant name ever seen in the data (published, unverified or other), for "was this ever real". */
export function allKnownVariants(): Set<string> {
  const s = new Set<string>();
  for (const r of TORCH_RELEASES) {
    for (const v of r.variants ?? []) s.add(v);
    for (const v of r.variantsUnverified) s.add(v);
    for (const v of r.variantsOther) s.add(v);
  }
  return s;
}

/**
 * Variant of the plain PyPI wheel for this version on this OS: Linux gets the CUDA build named in
 * the data, Windows and macOS the CPU build. Null when unknown (Linux, version not in the data).
 */
export function pypiDefaultVariant(version: string | null, platform: Platform): string | null {
  if (platform === 'win32' || platform === 'darwin') return 'cpu';
  if (!version) return null;
  return torchRelease(version)?.pypiDefault ?? null;
}

/** torchvision / torchaudio version paired with a torch version, or null when unknown. */
export function pairedVersion(pkg: 'torchvision' | 'torchaudio', torchVersion: string): string | null {
  const r = torchRelease(torchVersion);
  return r ? r[pkg] : null;
}

/** torch versions a torchvision / torchaudio version pairs with (empty when unknown). */
export function torchForPaired(pkg: 'torchvision' | 'torchaudio', version: string): string[] {
  const v = normalizeTorchVersion(version);
  return TORCH_RELEASES.filter((r) => r[pkg] !== null && normalizeTorchVersion(r[pkg] as string) === v).map((r) => r.torch);
}

/** Is a paired version right for torch? null when the data cannot say. */
export function pairs(pkg: 'torchvision' | 'torchaudio', version: string, torchVersion: string): boolean | null {
  const want = pairedVersion(pkg, torchVersion);
  if (!want) return null;
  const also = torchRelease(torchVersion)?.alsoPairs?.[pkg] ?? null;
  const v = normalizeTorchVersion(version);
  return normalizeTorchVersion(want) === v || (also !== null && normalizeTorchVersion(also) === v);
}

export type PythonSupport = 'supported' | 'experimental' | 'too-old' | 'too-new' | 'unknown';

/** Whether CPython "3.X" has torch wheels for this version. */
export function pythonSupport(torchVersion: string, python: string): PythonSupport {
  const r = torchRelease(torchVersion);
  const py = /^(\d+)\.(\d+)/.exec(python.trim());
  if (!r || !r.python || !py) return 'unknown';
  const p = `${py[1]}.${py[2]}`;
  const { min, max, experimental } = r.python;
  if (experimental.some((e) => e.replace(/t$/, '') === p)) return 'experimental';
  if (min && compareVersions(p, min) < 0) return 'too-old';
  if (max && compareVersions(p, max) > 0) return 'too-new';
  if (!min || !max) return 'unknown';
  return 'supported';
}

/** Newest release (prefer verified data) that publishes a variant, e.g. for pinning an unpinned torch. */
export function newestWithVariant(variant: string, opts: { verifiedOnly?: boolean } = {}): TorchRelease | null {
  for (const r of releasesNewestFirst()) {
    if (opts.verifiedOnly && !r.verified) continue;
    if (r.variants?.includes(variant)) return r;
  }
  return null;
}

/** The "2.1" release line of "2.1.2". */
export function releaseLine(version: string): string {
  return splitLocal(version).base.split('.').slice(0, 2).join('.');
}

/**
 * What an unpinned torchaudio resolves to beside a torch version, when it cannot work there: the last
 * torchaudio (2.11.0) no longer pins torch exactly and needs torch ≥ 2.11 (an undefined symbol at
 * import with older torch), so beside torch 2.10.x or older pip installs it and it breaks. Null when
 * it works or the data cannot say.
 */
export function unpinnedTorchaudioBreaks(torchVersion: string): { torchaudio: string; requires: string } | null {
  const last = TORCHAUDIO_END.lastRelease as string | null;
  const req = (TORCHAUDIO_END as { requiresTorch?: string | null }).requiresTorch ?? null;
  const m = req ? /^>=\s*([\d.]+)$/.exec(req) : null;
  const v = splitLocal(torchVersion).base;
  if (!last || !m || !/^\d+(\.\d+)*$/.test(v)) return null;
  return compareVersions(v, m[1]) < 0 ? { torchaudio: last, requires: req as string } : null;
}

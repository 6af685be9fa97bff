// What each source serves of the torch family, from the knowledge: PyPI's plain builds, a PyTorch
// index's +variant builds, the old torch_stable.html find-links page (frozen), a wheel file name.
import type { Platform } from '../machine';
import { compareVersions } from '../knowledge/cuda';
import { pythonSupport, releasesNewestFirst, type TorchFamily, type TorchRelease, pypiDefaultVariant } from '../knowledge/torch';
import { localVariant, variantKind, type PytorchIndex } from '../knowledge/variants';
import type { Candidate, Source } from './types';

export const PYPI: Source = { kind: 'pypi', url: 'https://pypi.org/simple' };

/**
 * torch_stable.html stopped being updated during the 2.4 cycle (pytorch/pytorch#136939; deprecated in
 * pytorch/test-infra#5296): its newest torch is 2.3.1.
 */
export const TORCH_STABLE_LAST = '2.3.1';

export interface Target {
  platform: Platform;
  /** platform.machine() value (x86_64, aarch64, AMD64, arm64). */
  machine: string;
  /** "3.11", or null when unknown (every Python the release supports then counts). */
  python: string | null;
}

function familyVersion(r: TorchRelease, pkg: TorchFamily): string | null {
  return pkg === 'torch' ? r.torch : r[pkg];
}

/** Whether a release ships wheels for the target's Python (unknown support counts as yes). */
export function pythonFits(r: TorchRelease, python: string | null): boolean {
  if (!python) return true;
  const s = pythonSupport(r.torch, python);
  return s !== 'too-old' && s !== 'too-new';
}

/** Plain PyPI builds of a family package: Linux gets the release's default CUDA build, the rest CPU. */
export function pypiCandidates(pkg: TorchFamily, t: Target): Candidate[] {
  const out: Candidate[] = [];
  for (const r of releasesNewestFirst()) {
    const v = familyVersion(r, pkg);
    if (!v || !pythonFits(r, t.python)) continue;
    out.push({ version: v, variant: pypiDefaultVariant(r.torch, t.platform), source: PYPI, torch: r.torch });
  }
  return out;
}

function variantServes(variant: string, t: Target): boolean {
  const kind = variantKind(variant);
  if (t.platform === 'darwin') return kind === 'cpu';
  if (t.platform === 'win32') return kind !== 'rocm';
  return true;
}

/** Builds a PyTorch index (or the torch_stable.html page) serves; null when its contents are unknown. */
export function pytorchIndexCandidates(pkg: TorchFamily, index: PytorchIndex, source: Source, t: Target): Candidate[] | null {
  if (index.channel !== 'stable') return null;
  const out: Candidate[] = [];
  for (const r of releasesNewestFirst()) {
    const v = familyVersion(r, pkg);
    if (!v || !pythonFits(r, t.python)) continue;
    if (index.allVariants && source.kind === 'find-links' && compareVersions(r.torch, TORCH_STABLE_LAST) > 0) continue;
    const variants = index.variant ? (r.variants ?? []).filter((x) => x === index.variant) : (r.variants ?? []);
    for (const variant of variants) {
      if (!variantServes(variant, t)) continue;
      // macOS wheels on the CPU index carry no local label.
      out.push({ version: t.platform === 'darwin' ? v : `${v}+${variant}`, variant, source, torch: r.torch });
    }
  }
  return out;
}

export interface WheelName {
  name: string;
  version: string;
  variant: string | null;
  /** CPython "3.11" from a cp311 tag, or null for py3 / abi3-only names. */
  python: string | null;
  /** linux / win32 / darwin from the platform tag, or null for "any". */
  platform: Platform | null;
  /** x86_64 / aarch64 / AMD64 / arm64 from the platform tag, when it names one. */
  machine: string | null;
}

/** `torch-2.9.0%2Bcu128-cp311-cp311-win_amd64.whl` → torch 2.9.0+cu128, CPython 3.11, Windows AMD64. */
export function parseWheelUrl(url: string): WheelName | null {
  const file = url.split(/[?#]/)[0].split('/').pop() ?? '';
  let name: string;
  try {
    name = decodeURIComponent(file);
  } catch {
    name = file;
  }
  const m = /^([A-Za-z0-9_.]+)-([^-]+)(?:-\d[^-]*)?-([^-]+)-([^-]+)-([^-]+)\.whl$/i.exec(name);
  if (!m) return null;
  const py = /^cp(\d)(\d+)$/.exec(m[3].split('.')[0]);
  const plat = m[5].toLowerCase();
  const platform: Platform | null = plat.startsWith('win') ? 'win32' : plat.startsWith('macosx') ? 'darwin' : /linux/.test(plat) ? 'linux' : null;
  const machine = /x86_64/.test(plat) ? 'x86_64' : /aarch64/.test(plat) ? 'aarch64' : /amd64/.test(plat) ? 'AMD64' : /arm64/.test(plat) ? (platform === 'win32' ? 'ARM64' : 'arm64') : null;
  return {
    name: m[1].toLowerCase().replace(/_/g, '-'), version: m[2], variant: localVariant(m[2]) ?? (platform === 'darwin' ? 'cpu' : null),
    python: py ? `${py[1]}.${py[2]}` : null, platform, machine,
  };
}

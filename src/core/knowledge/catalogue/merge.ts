// Merging a wheel catalogue into release records: the index is the authority on what exists
// (versions, variants, Python tags, pins); the bundled records keep what it cannot tell.
import { compareVersions } from '../cuda';
import type { TorchRelease } from '../torch';
import { compareCudaVariants, isVariantName, variantKind } from '../variants';
import { isFinalVersion, PLAIN, pythonOfWheels, type Catalogue } from './model';

/** Source key of records read from a wheel index (defined in data/sources/SOURCES.md). */
export const CATALOGUE_SOURCE_KEY = 'wheel-index';

function variantOrder(a: string, b: string): number {
  const rank = (v: string) => ({ cpu: 0, cuda: 1, rocm: 2, xpu: 3, other: 4 })[variantKind(v)];
  return rank(a) - rank(b) || (variantKind(a) === 'cuda' && variantKind(b) === 'cuda' ? compareCudaVariants(a, b) : a.localeCompare(b));
}

/** The newest version of `pkg` whose build pins torch exactly to `torch`. */
function pinnedPartner(cat: Catalogue, pkg: string, torch: string): string | null {
  let best: string | null = null;
  for (const [v, builds] of Object.entries(cat.packages[pkg] ?? {})) {
    if (!isFinalVersion(v)) continue;
    if (Object.values(builds).some((b) => b.torch === torch) && (!best || compareVersions(v, best) > 0)) best = v;
  }
  return best;
}

/** Releases after merging a catalogue into the bundled ones (pure). */
export function mergeReleases(bundled: readonly TorchRelease[], cat: Catalogue): TorchRelease[] {
  const byVersion = new Map(bundled.map((r) => [r.torch, { ...r }]));
  const day = cat.fetchedAt.slice(0, 10);
  for (const [version, builds] of Object.entries(cat.packages.torch ?? {})) {
    if (!isFinalVersion(version)) continue;
    const variants = Object.keys(builds).filter((v) => v !== PLAIN && isVariantName(v)).sort(variantOrder);
    const wheels = Object.values(builds).flatMap((b) => b.wheels);
    const known = byVersion.get(version);
    const torchvision = pinnedPartner(cat, 'torchvision', version);
    const torchaudio = pinnedPartner(cat, 'torchaudio', version);
    const pypi = cat.pypiDefaults[version] ?? null;
    if (known) {
      const merged = [...new Set([...(known.variants ?? []), ...variants])].sort(variantOrder);
      known.variants = merged.length ? merged : known.variants;
      known.variantsUnverified = known.variantsUnverified.filter((v) => !variants.includes(v));
      known.torchvision ??= torchvision;
      known.torchaudio ??= torchaudio;
      known.pypiDefault ??= pypi;
      if (!known.python) {
        const py = pythonOfWheels(wheels);
        known.python = { min: py.min, max: py.max, freethreaded: py.freethreaded, experimental: [], note: null };
      }
      if (variants.length || pypi) known.sources = [...new Set([...known.sources, CATALOGUE_SOURCE_KEY])];
      continue;
    }
    if (!variants.length && !pypi) continue;
    const py = pythonOfWheels(wheels);
    byVersion.set(version, {
      torch: version, torchvision, torchaudio, alsoPairs: null,
      python: { min: py.min, max: py.max, freethreaded: py.freethreaded, experimental: [], note: null },
      variants: variants.length ? variants : null, variantsUnverified: [], variantsOther: [], variantsProposed: [],
      pypiDefault: pypi, pypiDefaultCandidates: [], conda: null, released: null, stableBumpCommit: null,
      verified: true,
      note: `read from ${cat.indexUrl} on ${day}; kernel lists inferred`,
      sources: [CATALOGUE_SOURCE_KEY],
    });
  }
  return [...byVersion.values()].sort((a, b) => compareVersions(a.torch, b.torch));
}


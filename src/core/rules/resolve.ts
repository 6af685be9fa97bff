// What a project installs for torch on a machine: the torch version (pinned, or the newest the data
// knows that satisfies the specifier) and the wheel variant, and which line decides the variant.
import { satisfies } from '@renovatebot/pep440';
import type { Machine } from '../machine';
import { markerApplies } from '../resolve/environment';
import { compareVersions } from '../knowledge/cuda';
import { newestKnownTorch, pypiDefaultVariant, releasesNewestFirst, torchRelease } from '../knowledge/torch';
import { condaSpecVariant, localVariant } from '../knowledge/variants';
import type { CondaSpec } from '../conda/types';
import type { IndexRef, ProjectModel, TorchReq } from './model';

export interface Resolution {
  torch: TorchReq | null;
  /** Concrete torch version (base, no local label), or null when unknown. */
  version: string | null;
  pinned: boolean;
  variant: string | null;
  via: 'local' | 'index' | 'pypi' | 'conda' | null;
  index: IndexRef | null;
  conda: CondaSpec | null;
  /** The PyTorch indexes that pip/uv consults for torch (with a variant). */
  torchIndexes: IndexRef[];
}

/** The uv index torch comes from: its tool.uv.sources entry (matching the platform), else a non-explicit PyTorch index. */
function uvTorchIndex(model: ProjectModel, machine: Machine | null): IndexRef | null {
  const py = model.pyproject;
  if (!py) return null;
  const sources = py.uvSources.filter((s) => s.package === 'torch' && s.index);
  // uv takes the first source whose marker holds here; with none, torch comes from the default index.
  // A source tied to an extra or a group applies only when that one is installed, not by default.
  const fitting = sources.find((s) => !s.extra && !s.group && markerApplies(s.marker, machine));
  if (fitting) {
    const ix = model.indexes.find((i) => i.kind === 'uv-index' && i.uv?.name === fitting.index);
    if (ix) return ix;
  }
  return model.indexes.find((i) => i.kind === 'uv-index' && !i.uv?.explicit && i.parsed?.variant) ?? null;
}

/** Newest known release satisfying a PEP 440 specifier (and publishing `variant` when given). */
export function newestMatching(specifier: string, variant: string | null, opts: { verifiedFirst?: boolean } = {}): string | null {
  const all = releasesNewestFirst();
  const order = opts.verifiedFirst ? [...all.filter((r) => r.verified), ...all.filter((r) => !r.verified)] : all;
  for (const r of order) {
    if (variant && !(r.variants ?? []).includes(variant)) continue;
    if (!specifier || satisfiesSafe(r.torch, specifier)) return r.torch;
  }
  return null;
}

/** True when a known release newer than the newest one with `variant` (within the specifier) lacks it. */
export function staleFor(specifier: string, variant: string): boolean {
  const withV = newestMatching(specifier, variant);
  if (!withV) return true;
  return releasesNewestFirst().some((r) => compareVersions(r.torch, withV) > 0 && r.variants !== null
    && !r.variants.includes(variant) && (!specifier || satisfiesSafe(r.torch, specifier)));
}

export function satisfiesSafe(version: string, specifier: string): boolean {
  try {
    return satisfies(version, specifier);
  } catch {
    return false;
  }
}

export function resolveTorch(model: ProjectModel, machine: Machine | null): Resolution {
  const torch = model.torch.find((t) => t.pkg === 'torch') ?? null;
  const torchIndexes = model.kind === 'pyproject'
    ? [uvTorchIndex(model, machine)].filter((i): i is IndexRef => i !== null)
    : model.indexes.filter((i) => i.parsed && (i.parsed.variant || i.parsed.allVariants) && i.kind !== 'uv-index');
  const res: Resolution = {
    torch, version: null, pinned: false, variant: null, via: null, index: null, conda: null, torchIndexes,
  };
  // conda-installed torch (environment.yml dependencies) decides by its cuda spec.
  if (model.kind === 'environment' && model.condaTorch.some((d) => d.name === 'pytorch' || d.name === 'pytorch-gpu')) {
    const pt = model.condaTorch.find((d) => d.name === 'pytorch' || d.name === 'pytorch-gpu');
    const v = pt?.version ? /^(?:==?)?(\d+\.\d+(?:\.\d+)?)$/.exec(pt.version.trim()) : null;
    if (v) { res.version = torchRelease(v[1])?.torch ?? v[1]; res.pinned = true; }
    for (const d of model.condaTorch) {
      const cv = condaSpecVariant(d.name, d.version);
      if (cv) { res.variant = cv; res.via = 'conda'; res.conda = d; break; }
    }
    if (!torch) return res;
  }
  if (!torch) return res;
  const spec = torch.req.specifier;
  if (torch.exact) {
    res.pinned = true;
    res.version = torchRelease(torch.base as string)?.torch ?? torch.base;
    const lv = localVariant(torch.exact);
    if (lv) {
      res.variant = lv;
      res.via = 'local';
      res.index = torchIndexes.find((i) => i.parsed?.variant === lv || i.parsed?.allVariants) ?? null;
      return res;
    }
  }
  const primary = torchIndexes.find((i) => i.kind === 'index-url' && i.parsed?.variant)
    ?? torchIndexes.find((i) => i.parsed?.variant) ?? null;
  if (primary && primary.parsed?.variant) {
    const v = primary.parsed.variant;
    // Unpinned with --extra-index-url: a stale index (a newer known release dropped the variant) loses
    // to PyPI, whose newest torch pip then takes.
    const stale = !res.version && primary.kind === 'extra-index-url' && staleFor(spec, v);
    if (stale) res.version = newestMatching(spec, null);
    if (!res.version) res.version = newestMatching(spec, v) ?? (spec ? null : newestKnownTorch());
    const rel = res.version ? torchRelease(res.version) : null;
    // An --extra-index-url only wins when it serves the version (pip then prefers +cuXXX over the PyPI build).
    if (stale || (primary.kind === 'extra-index-url' && rel && rel.variants && !rel.variants.includes(v) && !res.pinned)) {
      // falls through to PyPI below
    } else {
      res.variant = v;
      res.via = 'index';
      res.index = primary;
      return res;
    }
  }
  if (!res.version) res.version = newestMatching(spec, null);
  const plat = machine?.platform ?? null;
  if (plat) {
    res.variant = pypiDefaultVariant(res.version, plat);
    res.via = res.variant ? 'pypi' : null;
  }
  return res;
}

/** True when the version is after everything the data knows (its variants are unknown). */
export function beyondData(version: string | null): boolean {
  return !!version && compareVersions(version, newestKnownTorch()) > 0;
}

// The rules' view of the resolution outcome: the torch builds each environment would install (or
// could, for a range) and how each fits the machine. Judged only where the line-level resolution
// did not already decide (ranges, unpinned torch, wheel URLs, conda and pixi packages).
import type { Machine } from '../machine';
import { msg } from '../l10n';
import { variantFit, type VariantFit } from '../knowledge/fit';
import { pairedVersion, pairs, torchForPaired, torchRelease } from '../knowledge/torch';
import { compareVersions } from '../knowledge/cuda';
import { variantKind } from '../knowledge/variants';
import type { Candidate, PackageOutcome } from '../resolve/index';
import type { Finding } from '../finding';
import { Codes, type Code } from '../../constants';
import { at, type RuleContext } from './context';

const TORCH_NAMES = new Set(['torch', 'pytorch', 'pytorch-gpu']);

export interface TorchJudgement {
  pkg: PackageOutcome;
  site: { span: { start: number; end: number }; file?: string };
  /** Fits of the candidates whose CUDA build the knowledge knows. */
  fits: { cand: Candidate; fit: VariantFit }[];
  /**
   * The build the installer picks: one fit, or for PyPI's plain wheel of a release whose CUDA build
   * the data does not name (2.15.0), one per build it can be (it fails only when every one fails).
   */
  chosen: { cand: Candidate; fit: VariantFit }[];
}

/** The builds a chosen candidate can be: its own variant, else PyPI's default candidates on Linux. */
function chosenOptions(c: Candidate, machine: Machine): Candidate[] {
  if (c.variant) return [c];
  if (c.source.kind !== 'pypi' || machine.platform !== 'linux') return [];
  const r = torchRelease(c.torch ?? base(c.version));
  return (r?.pypiDefault ? [] : r?.pypiDefaultCandidates ?? []).map((variant) => ({ ...c, variant }));
}

function base(v: string): string {
  return v.split('+')[0];
}

/** True when the line-level resolution already judged this torch (a pinned pip line with a variant). */
function judgedByLine(ctx: RuleContext, p: PackageOutcome): boolean {
  const { res } = ctx;
  if (!res.pinned || !res.variant || p.chosen?.source.kind === 'url') return false;
  return p.name === 'torch' ? !!res.torch && !res.torch.req.url : res.via === 'conda';
}

/** The torch packages of every judged environment, with the fit of each CUDA candidate. */
export function torchJudgements(ctx: RuleContext, machine: Machine): TorchJudgement[] {
  const out: TorchJudgement[] = [];
  const seen = new Set<string>();
  for (const env of ctx.outcome ?? []) {
    for (const p of env.packages) {
      if (!TORCH_NAMES.has(p.name) || !p.site || judgedByLine(ctx, p)) continue;
      const key = `${p.site.file ?? ''}:${p.site.span.start}:${p.chosen?.version ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const fitOf = (c: Candidate) => (c.variant && variantKind(c.variant) === 'cuda' ? { cand: c, fit: variantFit(c.torch ?? base(c.version), c.variant, machine) } : null);
      const fits = p.candidates.map(fitOf).filter((x): x is { cand: Candidate; fit: VariantFit } => x !== null);
      const chosen = p.chosen ? chosenOptions(p.chosen, machine).map(fitOf) : [];
      out.push({ pkg: p, site: p.site, fits, chosen: chosen.every((x) => x !== null) ? chosen as { cand: Candidate; fit: VariantFit }[] : [] });
    }
  }
  return out;
}

/** Of several builds the installer may take, the one asking least of the driver (what the message may claim of all). */
function lowestFloor(list: { cand: Candidate; fit: VariantFit }[]): { cand: Candidate; fit: VariantFit } {
  return list.reduce((a, x) => (x.fit.driverFloor && a.fit.driverFloor && compareVersions(x.fit.driverFloor, a.fit.driverFloor) < 0 ? x : a));
}

/** A finding for a torch outcome where `fails` holds for every known CUDA build, or for the one pip picks. */
export function judgeOutcome(
  ctx: RuleContext, machine: Machine, code: Code, fails: (f: VariantFit) => boolean,
  say: (j: TorchJudgement, every: boolean, f: VariantFit, c: Candidate) => { message: string },
): Finding[] {
  const out: Finding[] = [];
  for (const j of torchJudgements(ctx, machine)) {
    const every = j.fits.length > 0 && j.fits.length === j.pkg.candidates.filter((c) => c.variant !== null).length && j.fits.every((x) => fails(x.fit));
    const chosenFails = j.chosen.length > 0 && j.chosen.every((x) => fails(x.fit));
    const pick = chosenFails ? lowestFloor(j.chosen) : every ? j.fits[0] : null;
    if (!pick) continue;
    const cand = chosenFails && j.chosen.length > 1 ? { ...pick.cand, variant: j.chosen.map((x) => x.cand.variant).join(' / ') } : pick.cand;
    out.push(at(code, 'error', say(j, every && j.fits.length > 1, pick.fit, cand), j.site));
  }
  return out;
}

/** Companions the installer would put beside a torch they do not pair with. */
export function familyOutcomeMismatches(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const { res } = ctx;
  for (const env of ctx.outcome ?? []) {
    const torch = env.packages.find((p) => p.name === 'torch' || p.name === 'pytorch');
    if (!torch?.chosen) continue;
    const t = torch.chosen.torch ?? base(torch.chosen.version);
    for (const dep of env.packages) {
      if ((dep.name !== 'torchvision' && dep.name !== 'torchaudio') || !dep.chosen || !dep.site) continue;
      // Both pinned exactly: the line-level rule says it, with its fix.
      if (res.pinned && res.torch?.exact && dep.candidates.length === 1 && dep.chosen.source.kind !== 'url') continue;
      const v = base(dep.chosen.version);
      const ok = pairs(dep.name, v, t);
      // torch newer than the pairing data: torchvision still names the one torch it was built for.
      const built = dep.name === 'torchvision' ? torchForPaired(dep.name, v) : [];
      if (ok === true || (ok === null && (!built.length || built.some((x) => compareVersions(x, base(t)) === 0)))) continue;
      out.push(at(Codes.torchFamilyVersionMismatch, 'error',
        msg('The installer would put {0} {1} beside torch {2}, and they do not pair (torch {2} pairs with {0} {3}).', dep.name, v, base(t), pairedVersion(dep.name, t) ?? '?'),
        dep.site));
    }
  }
  return out;
}

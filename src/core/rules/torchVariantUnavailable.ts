// torch-variant-unavailable: the pinned torch version has no wheel for the chosen variant
// (torch==2.1.2 from /whl/cu124; torch==2.8.0+cu118).
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { msg } from '../l10n';
import { bestVariant, hasNvidiaGpu, nearestVariant } from '../knowledge/fit';
import { allKnownVariants, torchRelease } from '../knowledge/torch';
import { at, targetFix, variantSite, type RuleContext, type RuleModule } from './context';

export function torchVariantUnavailable(ctx: RuleContext): Finding[] {
  const { machine, res } = ctx;
  if (!res.pinned || !res.version || !res.variant || res.via === 'pypi') return [];
  const rel = torchRelease(res.version);
  if (!rel || !rel.variants) return [];
  if (rel.variants.includes(res.variant) || rel.variantsUnverified.includes(res.variant) || rel.variantsOther.includes(res.variant)) return [];
  if (!allKnownVariants().has(res.variant)) return []; // torch-index-unknown reports it
  const site = variantSite(ctx);
  if (!site) return [];
  const best = machine && hasNvidiaGpu(machine) ? bestVariant(rel.torch, machine)?.variant ?? null : null;
  const target = best ?? nearestVariant(res.variant, rel.variants) ?? null;
  const fix = target ? targetFix(ctx, { variant: target, release: null }, msg('Use the {0} wheels', target)) : null;
  return [at(Codes.torchVariantUnavailable, 'error',
    msg('torch {0} has no {1} wheels; published variants: {2}.', rel.torch, res.variant, rel.variants.join(', ')),
    site, fix ? [fix] : [])];
}

export const torchVariantUnavailableRule: RuleModule = {
  code: Codes.torchVariantUnavailable,
  kind: 'environment',
  description: 'The pinned torch version has no wheel for the chosen variant.',
  check: torchVariantUnavailable,
};

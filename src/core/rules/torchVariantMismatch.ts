// torch-variant-mismatch: torch-family packages pinned to different variants (torch +cu121 with
// torchvision +cu118), which mixes CUDA runtimes or fails to resolve.
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { fixTitle } from '../finding';
import { msg } from '../l10n';
import { at, type RuleContext, type RuleModule } from './context';
import { edit } from './edits';

export function torchVariantMismatch(ctx: RuleContext): Finding[] {
  const { model, res } = ctx;
  const want = res.variant;
  if (!want) return [];
  const out: Finding[] = [];
  for (const t of model.torch) {
    if (!t.local || t.local === want || !t.versionSpan || !t.base) continue;
    const next = `${t.base}+${want}`;
    out.push(at(Codes.torchVariantMismatch, 'error',
      msg('{0} is pinned to +{1} but torch resolves to {2}: torch-family packages must use the same variant.', t.pkg, t.local, want),
      { span: t.versionSpan, file: t.file },
      [{ ...fixTitle(msg('Use {0}=={1}', t.pkg, next)), preferred: true, edits: [edit(t.versionSpan, next, t.file)] }]));
  }
  return out;
}

export const torchVariantMismatchRule: RuleModule = {
  code: Codes.torchVariantMismatch,
  kind: 'environment',
  description: 'torch-family packages pinned to different variants.',
  check: torchVariantMismatch,
};

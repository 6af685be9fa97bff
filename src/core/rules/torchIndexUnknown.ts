// torch-index-unknown: an index URL names a variant PyTorch never published (e.g. /whl/cu122).
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { fixTitle } from '../finding';
import { msg } from '../l10n';
import { nearestVariant } from '../knowledge/fit';
import { allKnownVariants, variantsFor } from '../knowledge/torch';
import { variantKind } from '../knowledge/variants';
import { at, type RuleContext, type RuleModule } from './context';
import { rewriteIndex } from './edits';

export function torchIndexUnknown(ctx: RuleContext): Finding[] {
  const { model, res } = ctx;
  const known = allKnownVariants();
  const out: Finding[] = [];
  for (const ix of model.indexes) {
    const v = ix.parsed?.variant;
    if (!v || known.has(v)) continue;
    if (ix.parsed?.channel === 'nightly' && variantKind(v) !== 'other') continue; // nightlies move ahead of the data
    const pool = (res.pinned && res.version ? variantsFor(res.version) : null) ?? [...known];
    const near = nearestVariant(v, pool);
    const e = near ? rewriteIndex(ix, near) : null;
    out.push(at(Codes.torchIndexUnknown, 'error',
      near ? msg('PyTorch never published a {0} index; the nearest real variant is {1}.', v, near)
        : msg('PyTorch never published a {0} index.', v),
      { span: ix.urlSpan, file: ix.file },
      e ? [{ ...fixTitle(msg('Use the {0} index', near as string)), preferred: true, edits: [e] }] : []));
  }
  return out;
}

export const torchIndexUnknownRule: RuleModule = {
  code: Codes.torchIndexUnknown,
  kind: 'environment',
  description: 'A PyTorch index URL names a variant that was never published.',
  check: torchIndexUnknown,
};

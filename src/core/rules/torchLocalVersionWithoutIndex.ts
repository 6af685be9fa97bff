// torch-local-version-without-index: `torch==2.1.2+cu118` with no index that serves +cu118 wheels
// (PyPI never has local versions, so pip fails with "No matching distribution").
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { fixTitle } from '../finding';
import { msg } from '../l10n';
import { isVariantName } from '../knowledge/variants';
import { at, type RuleContext, type RuleModule } from './context';
import { allKnownVariants } from '../knowledge/torch';
import { insertIndexLine, rewriteIndex } from './edits';

export function torchLocalVersionWithoutIndex(ctx: RuleContext): Finding[] {
  const { model } = ctx;
  const indexes = model.indexes.filter((i) => i.parsed);
  if (indexes.some((i) => i.parsed?.allVariants)) return [];
  const lacking = model.torch.filter((t) => t.local && isVariantName(t.local)
    && !indexes.some((i) => i.parsed?.variant === t.local));
  if (!lacking.length) return [];
  const first = lacking[0];
  const variant = first.local as string;
  const names = lacking.map((t) => `${t.pkg}==${t.exact}`).join(', ');
  // An index naming a variant that was never published (cu122) is the line meant to serve the pin: rewrite it.
  const known = allKnownVariants();
  const broken = indexes.find((i) => i.parsed?.variant && !known.has(i.parsed.variant) && i.parsed.variantRange);
  const rewrite = broken ? rewriteIndex(broken, variant) : null;
  const ins = rewrite ? null : insertIndexLine(model, variant);
  const fix = rewrite
    ? { ...fixTitle(msg('Use the {0} index', variant)), preferred: true, edits: [rewrite] }
    : ins ? { ...fixTitle(msg('Add --extra-index-url https://download.pytorch.org/whl/{0}', variant)), preferred: true, edits: [ins] } : null;
  return [at(Codes.torchLocalVersionWithoutIndex, 'error',
    msg('{0}: +{1} wheels are only on https://download.pytorch.org/whl/{1}, and no index here serves them.', names, variant),
    { span: first.versionSpan ?? first.req.span, file: first.file },
    fix ? [fix] : [])];
}

export const torchLocalVersionWithoutIndexRule: RuleModule = {
  code: Codes.torchLocalVersionWithoutIndex,
  kind: 'environment',
  description: 'A +cuXXX/+cpu pin with no index that serves it.',
  check: torchLocalVersionWithoutIndex,
};

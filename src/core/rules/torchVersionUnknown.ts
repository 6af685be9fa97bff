// torch-version-unknown (information): the pinned torch version (pip pin, pyproject dependency or
// conda `pytorch=X`) is newer than the knowledge data, or known only by name (no variant data, as
// 2.15.0). Its variants, driver floors and GPU kernels are unknown, so the other rules cannot judge
// it and stay silent; this says so instead of passing it as fine. No fix: there is nothing to fix.
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { msg } from '../l10n';
import { KNOWLEDGE_AS_OF } from '../knowledge/recommend';
import { isNewerThanKnown, torchRelease } from '../knowledge/torch';
import type { Span } from '../text';
import { at, type RuleContext, type RuleModule } from './context';

function site(ctx: RuleContext): { span: Span; file?: string } | null {
  const { res, model } = ctx;
  if (res.torch?.exact) return { span: res.torch.req.span, file: res.torch.file };
  const pt = model.condaTorch.find((d) => d.name === 'pytorch' || d.name === 'pytorch-gpu');
  return pt ? { span: pt.span } : null;
}

export function torchVersionUnknown(ctx: RuleContext): Finding[] {
  const { res } = ctx;
  if (!res.pinned || !res.version) return [];
  const rel = torchRelease(res.version);
  const newer = !rel && isNewerThanKnown(res.version);
  const partial = rel !== null && rel.variants === null;
  if (!newer && !partial) return [];
  const where = site(ctx);
  if (!where) return [];
  return [at(Codes.torchVersionUnknown, 'information',
    newer
      ? msg('torch {0} is newer than this extension\'s knowledge (as of {1}); its wheel variants, driver needs and GPU kernels are unknown, so they are not checked.', res.version, KNOWLEDGE_AS_OF)
      : msg('torch {0} is in this extension\'s knowledge (as of {1}) by name only; its wheel variants, driver needs and GPU kernels are unknown, so they are not checked.', rel?.torch ?? res.version, KNOWLEDGE_AS_OF),
    where)];
}

export const torchVersionUnknownRule: RuleModule = {
  code: Codes.torchVersionUnknown,
  kind: 'advisory',
  description: 'The pinned torch version is newer than the knowledge data, so its variants are not checked.',
  check: torchVersionUnknown,
};

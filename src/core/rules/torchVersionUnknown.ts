// torch-version-unknown (information): the pinned torch version (pip pin, pyproject dependency or
// conda `pytorch=X`) is newer than the knowledge data, or known only by name (no variant data, as
// 2.15.0). Its variants, driver floors and GPU kernels are unknown, so the other rules cannot judge
// it and stay silent; this says so instead of passing it as fine. No fix: there is nothing to fix.
// The same holds for what the resolution outcome cannot tell: a torch build the knowledge does not
// know (an unknown conda channel, a wheel URL whose name says no build, no known build in range) or
// a release older than the kernel data whose fit on this GPU the toolkit facts do not decide.
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { msg } from '../l10n';
import { KNOWLEDGE_AS_OF } from '../knowledge/recommend';
import { isNewerThanKnown, isUnknownWithinKnown, torchRelease } from '../knowledge/torch';
import type { Span } from '../text';
import { hasNvidiaGpu, variantFit } from '../knowledge/fit';
import { variantKind } from '../knowledge/variants';
import type { PackageOutcome } from '../resolve/index';
import { at, gpuLabel, type RuleContext, type RuleModule } from './context';

function site(ctx: RuleContext): { span: Span; file?: string } | null {
  const { res, model } = ctx;
  if (res.torch?.exact) return { span: res.torch.req.span, file: res.torch.file };
  const pt = model.condaTorch.find((d) => d.name === 'pytorch' || d.name === 'pytorch-gpu');
  return pt ? { span: pt.span } : null;
}

const TORCH_NAMES = new Set(['torch', 'pytorch', 'pytorch-gpu']);

/** Why the knowledge cannot judge this torch outcome on the machine, or null when it can. */
function outcomeUnknown(ctx: RuleContext, p: PackageOutcome): { message: string } | null {
  if (p.unknown) return msg('What the installer would take for {0} here is not in this extension\'s knowledge (as of {1}), so it is not checked: {2}', p.name, KNOWLEDGE_AS_OF, p.why);
  const c = p.chosen;
  const { machine } = ctx;
  if (!c?.variant || !machine || !hasNvidiaGpu(machine) || machine.platform === 'darwin' || variantKind(c.variant) !== 'cuda') return null;
  const v = (c.torch ?? c.version).split('+')[0];
  if (torchRelease(v) || isNewerThanKnown(v) || isUnknownWithinKnown(v)) return null;
  if (variantFit(v, c.variant, machine).runs !== null) return null;
  return msg('torch {0} is older than this extension\'s knowledge (as of {1}): whether its {2} build has kernels for {3} is not in the data, so it is not checked.', v, KNOWLEDGE_AS_OF, c.variant, gpuLabel(machine));
}

function outcomeFindings(ctx: RuleContext, taken: readonly Finding[]): Finding[] {
  const out: Finding[] = [...taken];
  for (const env of ctx.outcome ?? []) {
    for (const p of env.packages) {
      if (!TORCH_NAMES.has(p.name) || !p.site) continue;
      const site = p.site;
      if (out.some((f) => (f.file ?? '') === (site.file ?? '') && f.span.start === site.span.start)) continue;
      const why = outcomeUnknown(ctx, p);
      if (why) out.push(at(Codes.torchVersionUnknown, 'information', why, site));
    }
  }
  return out;
}

export function torchVersionUnknown(ctx: RuleContext): Finding[] {
  return outcomeFindings(ctx, pinnedUnknown(ctx));
}

function pinnedUnknown(ctx: RuleContext): Finding[] {
  const { res } = ctx;
  if (!res.pinned || !res.version) return [];
  const rel = torchRelease(res.version);
  const newer = !rel && isNewerThanKnown(res.version);
  const partial = rel !== null && rel.variants === null;
  const between = !rel && !newer && isUnknownWithinKnown(res.version);
  if (!newer && !partial && !between) return [];
  const where = site(ctx);
  if (!where) return [];
  return [at(Codes.torchVersionUnknown, 'information',
    between
      ? msg('torch {0} is not in this extension\'s knowledge (as of {1}): a release published after it, or none at all; its wheel variants, driver needs and GPU kernels are unknown, so they are not checked.', res.version, KNOWLEDGE_AS_OF)
      : newer
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

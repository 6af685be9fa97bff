// torch-unpinned-with-extra-index: unpinned torch-family requirements with a PyTorch
// --extra-index-url. pip takes the highest version across all indexes, so as soon as PyPI has a
// torch newer than the index serves, pip silently installs the PyPI build (another CUDA, or CPU on
// Windows). Pinning keeps pip on the index's build.
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { fixTitle } from '../finding';
import { msg } from '../l10n';
import { newestWithVariant, torchRelease } from '../knowledge/torch';
import type { Fix } from '../finding';
import { hasNvidiaGpu } from '../knowledge/fit';
import { at, machineTarget, targetFix, type RuleContext, type RuleModule } from './context';
import { retargetEdits } from './edits';
import { newestMatching } from './resolve';

export function torchUnpinnedWithExtraIndex(ctx: RuleContext): Finding[] {
  const { model, res } = ctx;
  const torch = res.torch;
  if (!torch || torch.exact || model.kind === 'pyproject') return [];
  const ix = model.indexes.find((i) => i.kind === 'extra-index-url' && i.parsed?.variant);
  if (!ix || model.indexes.some((i) => i.kind === 'index-url' && i.parsed)) return [];
  const variant = ix.parsed?.variant as string;
  const spec = torch.req.specifier;
  // Capped ranges whose newest match is served by the index are safe: pip prefers +local there.
  const capped = torch.req.specifiers.some((s) => s.op === '<' || s.op === '<=' || s.op === '~=' || s.op === '==');
  if (capped && newestMatching(spec, null) !== null && newestMatching(spec, null) === newestMatching(spec, variant)) return [];
  const version = newestMatching(spec, variant, { verifiedFirst: true })
    ?? (spec ? null : newestWithVariant(variant)?.torch ?? null);
  const rel = version ? torchRelease(version) : null;
  let fix: Fix | null = null;
  if (ctx.machine && hasNvidiaGpu(ctx.machine) && ctx.machine.gpu.driver && ctx.machine.platform !== 'darwin') {
    // With a GPU and its driver known, pin to what runs here (the best variant for this machine), not just the
    // index's newest. Driver unknown: pin the index's own variant (below), the file's choice, not a guess.
    const t = machineTarget(ctx);
    if (t) fix = targetFix(ctx, { variant: t.variant, release: t.release ?? (rel && rel.variants?.includes(t.variant) ? rel : null) },
      msg('Pin torch {0} from the {1} index', t.release?.torch ?? rel?.torch ?? '?', t.variant));
  } else if (rel) {
    const edits = retargetEdits(model, [], { variant: null, release: rel });
    if (edits.length) fix = { ...fixTitle(msg('Pin torch {0} (newest with {1} wheels)', rel.torch, variant)), preferred: true, edits };
  }
  return [at(Codes.torchUnpinnedWithExtraIndex, 'warning',
    msg('torch is not pinned while {0} comes from --extra-index-url: pip takes the highest version across indexes and can silently install a PyPI build (another CUDA, or CPU on Windows).', variant),
    { span: torch.req.span, file: torch.file },
    fix ? [fix] : [])];
}

export const torchUnpinnedWithExtraIndexRule: RuleModule = {
  code: Codes.torchUnpinnedWithExtraIndex,
  kind: 'environment',
  description: 'Unpinned torch with --extra-index-url can resolve to a PyPI build.',
  check: torchUnpinnedWithExtraIndex,
};

// torch-family-version-mismatch: torchvision/torchaudio pinned to versions that do not pair with the
// pinned torch (each torchvision release is built against exactly one torch release).
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { fixTitle } from '../finding';
import { msg } from '../l10n';
import { pairedVersion, pairs, torchRelease } from '../knowledge/torch';
import { familyOutcomeMismatches } from './outcome';
import { at, type RuleContext, type RuleModule } from './context';
import { edit } from './edits';

export function torchFamilyVersionMismatch(ctx: RuleContext): Finding[] {
  const line = linePairs(ctx);
  const inside = (f: Finding) => line.some((l) => (l.file ?? '') === (f.file ?? '') && l.span.start >= f.span.start && l.span.end <= f.span.end);
  return [...line, ...familyOutcomeMismatches(ctx).filter((f) => !inside(f))];
}

function linePairs(ctx: RuleContext): Finding[] {
  const { model, res } = ctx;
  if (!res.pinned || !res.version || !res.torch?.exact) return [];
  const rel = torchRelease(res.version);
  if (!rel) return [];
  const out: Finding[] = [];
  for (const t of model.torch) {
    if (t.pkg === 'torch' || !t.base || !t.versionSpan) continue;
    const ok = pairs(t.pkg, t.base, rel.torch);
    if (ok !== false) continue;
    const want = pairedVersion(t.pkg, rel.torch) as string;
    const next = `${want}${t.local ? `+${t.local}` : ''}`;
    out.push(at(Codes.torchFamilyVersionMismatch, 'error',
      msg('{0} {1} does not pair with torch {2}; the matching version is {3}.', t.pkg, t.base, rel.torch, want),
      { span: t.versionSpan, file: t.file },
      [{ ...fixTitle(msg('Use {0}=={1}', t.pkg, next)), preferred: true, edits: [edit(t.versionSpan, next, t.file)] }]));
  }
  return out;
}

export const torchFamilyVersionMismatchRule: RuleModule = {
  code: Codes.torchFamilyVersionMismatch,
  kind: 'environment',
  description: 'torchvision/torchaudio versions that do not pair with torch.',
  check: torchFamilyVersionMismatch,
};

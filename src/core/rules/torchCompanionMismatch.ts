// torch-companion-mismatch: a package coupled to torch is pinned to a build that contradicts the torch
// that would be installed: triton (each Linux CUDA torch wheel pins one), xformers (each release
// requires one torch), nvidia-*-cuNN / cuda-toolkit (their CUDA major must be torch's).
import { Codes } from '../../constants';
import type { Finding, Fix } from '../finding';
import { fixTitle } from '../finding';
import { msg } from '../l10n';
import type { Requirement } from '../requirements/types';
import { companionCudaMajor, torchForXformers, tritonFor, variantCudaMajor } from '../knowledge/companions';
import { at, type RuleContext, type RuleModule } from './context';
import { edit, lineEndAfterBreak, lineStartAt } from './edits';

function exactPin(req: Requirement): { version: string; span: { start: number; end: number } } | null {
  if (req.specifiers.length !== 1) return null;
  const s = req.specifiers[0];
  return s.op === '==' && !s.version.includes('*') ? { version: s.version, span: s.span } : null;
}

/** The torch that would be installed: the outcome's choice, else the rules' pinned reading. */
function resolvedTorch(ctx: RuleContext): { version: string; variant: string | null } | null {
  const chosen = ctx.outcome?.[0]?.packages.find((p) => p.name === 'torch')?.chosen;
  if (chosen) return { version: chosen.version.split('+')[0], variant: chosen.variant };
  if (ctx.res.pinned && ctx.res.version) return { version: ctx.res.version.split('+')[0], variant: ctx.res.variant ?? null };
  return null;
}

/** Removing a requirement line (requirements files and environment.yml pip entries only). */
function removeLine(ctx: RuleContext, req: Requirement): Fix | null {
  const file = req.file === ctx.model.path ? undefined : req.file;
  const text = file ? ctx.model.set?.files.find((f) => f.file === file)?.text : ctx.model.text;
  if (!text || (ctx.model.kind !== 'requirements' && ctx.model.kind !== 'environment')) return null;
  const start = lineStartAt(text, req.span.start);
  const end = lineEndAfterBreak(text, req.span.end);
  const rest = text.slice(start, end).replace(text.slice(req.span.start, req.span.end), '').replace(/#.*$/s, '').trim();
  if (rest !== '' && rest !== '-') return null;
  return { ...fixTitle(msg('Remove {0} (torch installs the matching one)', req.normalizedName ?? '')), preferred: true, edits: [edit({ start, end }, '', file)] };
}

export function torchCompanionMismatch(ctx: RuleContext): Finding[] {
  const torch = resolvedTorch(ctx);
  if (!torch) return [];
  const out: Finding[] = [];
  const cudaMajor = variantCudaMajor(torch.variant);
  const linux = !ctx.machine || ctx.machine.platform === 'linux';
  for (const { name, req } of ctx.model.others) {
    const pin = exactPin(req);
    const site = { span: req.span, file: req.file === ctx.model.path ? undefined : req.file };
    if (name === 'triton' && pin && linux && cudaMajor !== null) {
      const want = tritonFor(torch.version);
      if (want && want !== pin.version) {
        out.push(at(Codes.torchCompanionMismatch, 'error',
          msg('triton=={0} contradicts torch {1}, which requires triton=={2} on Linux: pip cannot install both.', pin.version, torch.version, want),
          site, [{ ...fixTitle(msg('Use triton=={0}', want)), preferred: true, edits: [edit(pin.span, `==${want}`, site.file)] }]));
      }
    } else if (name === 'xformers' && pin) {
      const want = torchForXformers(pin.version);
      if (want && want !== torch.version) {
        out.push(at(Codes.torchCompanionMismatch, 'error',
          msg('xformers {0} requires torch {1}, but torch {2} would be installed.', pin.version, want, torch.version), site));
      }
    } else if (cudaMajor !== null) {
      const major = companionCudaMajor(name, pin?.version ?? null);
      if (major !== null && major !== cudaMajor) {
        const fix = removeLine(ctx, req);
        out.push(at(Codes.torchCompanionMismatch, 'error',
          msg('{0} is built for CUDA {1}, but torch {2} is a CUDA {3} build ({4}).', name, major, torch.version, cudaMajor, torch.variant ?? ''),
          site, fix ? [fix] : []));
      }
    }
  }
  return out;
}

export const torchCompanionMismatchRule: RuleModule = {
  code: Codes.torchCompanionMismatch,
  kind: 'environment',
  description: 'A package coupled to torch (triton, xformers, nvidia-*-cuNN, cuda-toolkit) contradicts the torch that would be installed.',
  check: torchCompanionMismatch,
};

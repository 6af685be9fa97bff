// Shared by the rules: the context they run in, where a variant is chosen in the file, and the fix
// that moves a project to the best variant for the machine.
import type { Code } from '../../constants';
import type { Finding, Fix, Severity } from '../finding';
import { finding, fixTitle } from '../finding';
import type { Localizable, MsgArg } from '../l10n';
import { msg } from '../l10n';
import type { Machine } from '../machine';
import type { Span } from '../text';
import { bestVariant } from '../knowledge/fit';
import { recommend } from '../knowledge/recommend';
import { releasesNewestFirst, torchRelease, type TorchRelease } from '../knowledge/torch';
import { appendUvIndex, edit, insertIndexLine, retargetEdits, sameEdits } from './edits';
import { variantCuda } from '../knowledge/variants';
import type { IndexRef, ProjectModel } from './model';
import type { EnvironmentOutcome } from '../resolve/types';
import { newestMatching, satisfiesSafe, type Resolution } from './resolve';
import { compareVersions } from '../knowledge/cuda';

export interface RuleContext {
  model: ProjectModel;
  machine: Machine | null;
  res: Resolution;
  /** What the installer would put in each environment of the file on this machine (null without a machine). */
  outcome?: EnvironmentOutcome[] | null;
}

export type Rule = (ctx: RuleContext) => Finding[];

/**
 * What a diagnostic code is: `syntax` (the parsers), `environment` (what would be installed does not
 * fit the machine or the file will not install as meant; its preferred fix changes the file), or
 * `advisory` (information: nothing to change in the file).
 */
export type RuleKind = 'syntax' | 'environment' | 'advisory';

export interface RuleMeta {
  code: Code;
  kind: RuleKind;
  /** One line for rule lists (SARIF rule metadata, docs). */
  description: string;
}

/** An environment rule: its metadata and its check. */
export interface RuleModule extends RuleMeta {
  check: Rule;
}

/** Where the variant is decided: the +local pin, the index URL, the conda spec, or the torch line. */
export function variantSite(ctx: RuleContext): { span: Span; file?: string } | null {
  const { res } = ctx;
  if (res.via === 'local' && res.torch?.versionSpan) return { span: res.torch.versionSpan, file: res.torch.file };
  if (res.via === 'index' && res.index) return { span: res.index.urlSpan, file: res.index.file };
  if (res.via === 'conda' && res.conda) return { span: res.conda.span };
  if (res.torch) return { span: res.torch.req.span, file: res.torch.file };
  return null;
}

export function at(code: Code, severity: Severity, text: { message: string; l10n?: Localizable }, site: { span: Span; file?: string }, fixes: Fix[] = []): Finding {
  const f = finding(code, severity, text, site.span, fixes);
  if (site.file) f.file = site.file;
  return f;
}

/** "NVIDIA GeForce RTX 4090 (compute capability 8.9)". */
export function gpuLabel(machine: Machine): MsgArg {
  const g = machine.gpu.gpus[0];
  if (!g) return msg('an NVIDIA GPU');
  return g.computeCapability ? msg('{0} (compute capability {1})', g.name, g.computeCapability) : g.name;
}

/** Indexes to rewrite when switching variant: the deciding PyTorch indexes that name a variant. */
function indexesToRewrite(ctx: RuleContext): IndexRef[] {
  const { res } = ctx;
  const out = res.torchIndexes.filter((i) => i.parsed?.variant && (i.parsed.variant === res.variant || i === res.index));
  if (res.index && !out.includes(res.index) && res.index.parsed?.variant) out.push(res.index);
  // A stale PyTorch index that lost to PyPI (unpinned torch) is the line to rewrite, not a second index.
  if (!out.length) for (const x of res.torchIndexes.filter((i) => i.parsed?.variant && !i.parsed.allVariants)) out.push(x);
  return out;
}

export interface Target {
  variant: string;
  release: TorchRelease | null;
}

/**
 * The best target for this machine: the best variant of the pinned torch version; when torch is
 * a range, the nearest release within it that runs here; otherwise the recommended release (pinned,
 * so pip keeps resolving there after a newer PyPI torch appears).
 */
export function machineTarget(ctx: RuleContext): Target | null {
  const { machine, res } = ctx;
  if (!machine) return null;
  if (res.pinned && res.version) {
    const best = bestVariant(res.version, machine);
    if (best) return { variant: best.variant, release: null };
  }
  const spec = res.torch?.req.specifier ?? '';
  if (!res.pinned && spec) {
    const r = nearestInRange(ctx, spec);
    if (r) return r;
  }
  const rec = recommend(machine);
  if (!rec) return null;
  return { variant: rec.variant, release: torchRelease(rec.torch) };
}

/**
 * Inside the project's own range, the smallest move that runs here: from the version the file means
 * (the newest its PyTorch index serves in range, else what resolves now), the same version on another
 * variant, then the nearest release upward, then the nearest downward, then the nearest above the range
 * (verified data before guesses).
 */
function nearestInRange(ctx: RuleContext, spec: string): Target | null {
  const { machine, res } = ctx;
  if (!machine) return null;
  const fileVariant = res.index?.parsed?.variant ?? res.torchIndexes.find((i) => i.parsed?.variant && !i.parsed.allVariants)?.parsed?.variant ?? null;
  const anchor = (fileVariant ? newestMatching(spec, fileVariant) : null) ?? res.version?.split('+')[0] ?? null;
  const inRange = releasesNewestFirst().filter((r) => satisfiesSafe(r.torch, spec)).reverse();
  const up = anchor ? inRange.filter((r) => compareVersions(r.torch, anchor) >= 0) : inRange;
  const down = anchor ? inRange.filter((r) => compareVersions(r.torch, anchor) < 0).reverse() : [];
  // Nothing in range runs: the nearest release above it that does (a widening, which verification offers
  // only as an alternative), not the newest release.
  const floor = anchor ?? inRange[inRange.length - 1]?.torch ?? null;
  const beyond = floor ? releasesNewestFirst().filter((r) => !satisfiesSafe(r.torch, spec) && compareVersions(r.torch, floor) > 0).reverse() : [];
  for (const group of [up, down, beyond]) {
    for (const r of [...group.filter((x) => x.verified), ...group.filter((x) => !x.verified)]) {
      const best = bestVariant(r.torch, machine);
      if (best && best.runs !== false) return { variant: best.variant, release: r };
    }
  }
  return null;
}

/** Edits moving the project to a variant (and optionally a torch release). */
export function targetFix(ctx: RuleContext, t: Target, title: { message: string; l10n?: Localizable }): Fix | null {
  const { model, res } = ctx;
  if (res.via === 'conda') return condaCudaFix(ctx, t, title);
  const rewrite = indexesToRewrite(ctx);
  const edits = retargetEdits(model, rewrite, { variant: t.variant, release: t.release });
  const served = rewrite.length > 0 || res.torchIndexes.some((i) => i.parsed?.allVariants);
  if (!served) {
    const ins = model.kind === 'pyproject' ? appendUvIndex(model, t.variant) : insertIndexLine(model, t.variant);
    if (ins) edits.unshift(ins);
    else if (model.torch.every((l) => !l.local)) return null;
  }
  const unique = sameEdits(edits);
  if (!unique.length) return null;
  return { ...fixTitle(title), preferred: true, edits: unique };
}

/** conda route: move pytorch-cuda / cudatoolkit to the target CUDA when that torch release offered it there. */
function condaCudaFix(ctx: RuleContext, t: Target, title: { message: string; l10n?: Localizable }): Fix | null {
  const { res } = ctx;
  const spec = res.conda;
  const cuda = variantCuda(t.variant);
  if (!spec || !cuda || t.release || !res.version) return null;
  const offered = torchRelease(res.version)?.conda?.pytorchCuda ?? [];
  // cpuonly → the pytorch-cuda metapackage that release offered.
  if (spec.name === 'cpuonly' && offered.includes(cuda)) return { ...fixTitle(title), preferred: true, edits: [edit(spec.span, `pytorch-cuda=${cuda}`)] };
  if (!spec.versionSpan || (spec.name !== 'pytorch-cuda' && spec.name !== 'cudatoolkit')) return null;
  if (spec.name === 'pytorch-cuda' && !offered.includes(cuda)) return null;
  return { ...fixTitle(title), preferred: true, edits: [edit(spec.versionSpan, cuda)] };
}

export function machineFix(ctx: RuleContext): Fix | null {
  const t = machineTarget(ctx);
  if (!t) return null;
  const title = t.release
    ? msg('Use torch {0} from the {1} index', t.release.torch, t.variant)
    : msg('Use the {0} wheels', t.variant);
  return targetFix(ctx, t, title);
}

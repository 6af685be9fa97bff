// Hover content for torch-family lines and PyTorch index URLs: what the line resolves to (version,
// variant), the driver it needs and why, whether this GPU has kernels in it, the Python range, the
// install command for this machine and the knowledge base's as-of date. Markdown lines built with msg()
// (the editor translates them; their templates carry the Markdown); values interpolated are escaped.
import { knowledgeDates } from './knowledge/dates';
import { escapeMarkdown as esc } from './markdown';
import { format, msg, translate, type Localizable, type MsgArg } from './l10n';
import type { Machine } from './machine';
import type { Span } from './text';
import { documentKind, modelOf, type AnalyzeOptions } from './analyze';
import { servingTarget, smName } from './knowledge/arches';
import { hasNvidiaGpu, variantFit } from './knowledge/fit';
import { KNOWLEDGE_AS_OF, recommend, recommendationGap, type Recommendation } from './knowledge/recommend';
import { allKnownVariants, CONDA_CHANNEL, isNewerThanKnown, torchRelease, variantsFor } from './knowledge/torch';
import { variantKind } from './knowledge/variants';
import { resolveTorch, type Resolution } from './rules/resolve';
import { forMachine, type IndexRef, type TorchReq } from './rules/model';
import { judgedMachine, resolveProject, type FileOutcome } from './resolve/index';


function inside(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** One Markdown line of a hover: English, plus its template when it is a sentence to translate. */
export interface HoverLine {
  message: string;
  l10n?: Localizable;
}

/** A line that is not translated (code, blank lines, a command). */
function raw(text: string): HoverLine {
  return { message: text };
}

const VIA: Record<NonNullable<Resolution['via']>, () => HoverLine> = {
  local: () => msg('the +local version pin'),
  index: () => msg('the PyTorch index'),
  pypi: () => msg('the plain PyPI wheel'),
  conda: () => msg('the conda CUDA spec'),
};

function asOf(): HoverLine[] {
  return [raw(''), msg('_{0}._', knowledgeDates())];
}

function install(rec: Recommendation, heading: HoverLine): HoverLine[] {
  const reason: HoverLine = rec.reasonL10n ? escapedArgs(rec.reasonL10n) : raw(esc(rec.reason));
  return [raw(''), heading, raw('```sh'), raw(rec.command), raw('```'), reason];
}

/** A core message as a hover line: its (data) arguments escaped for Markdown at every nesting level. */
function escapedArgs(l: Localizable): HoverLine {
  const escape = (x: Localizable): Localizable => ({
    template: x.template,
    args: x.args.map((a) => (typeof a === 'string' ? esc(a) : typeof a === 'number' ? a : escape(a))),
  });
  const l10n = escape(l);
  return { message: translate(l10n, format), l10n };
}

/** The install command for this machine, or why there is none (driver not detected): never a guess. */
function installOrGap(machine: Machine, version: string | undefined, heading: HoverLine): HoverLine[] {
  const rec = recommend(machine, version) ?? recommend(machine);
  if (rec) return install(rec, heading);
  const gap = recommendationGap(machine, version);
  return gap ? [raw(''), heading, escapedArgs(gap.l10n)] : [];
}

function variantLines(version: string | null, variant: string, machine: Machine | null): HoverLine[] {
  const out: HoverLine[] = [];
  const kind = variantKind(variant);
  if (kind === 'cpu') out.push(msg('- CPU-only build: no CUDA kernels.'));
  if (kind !== 'cuda') return out;
  const m: Machine = machine ?? { platform: 'linux', gpu: { vendor: 'none', driver: null, cuda: null, gpus: [], error: null }, python: null, source: 'none' };
  const fit = variantFit(version, variant, m);
  if (fit.driverFloor) {
    const toolkit: MsgArg = fit.toolkitDriver ? msg('; PTX JIT and the full toolkit need ≥ {0}', esc(fit.toolkitDriver)) : '';
    let here: MsgArg = '';
    if (machine?.gpu.driver) {
      const verdict = fit.driver === 'too-old' ? msg('**too old**') : fit.driver === 'below-toolkit' ? msg('runs (minor-version compatibility)') : msg('OK');
      here = msg('. This machine: {0}, {1}', esc(machine.gpu.driver), verdict);
    }
    out.push(msg('- Driver: needs ≥ {0} (CUDA {1} minor-version compatibility){2}{3}.', esc(fit.driverFloor), esc(fit.cuda ?? '?'), toolkit, here));
  }
  if (fit.kernelList) {
    const e = fit.kernelList.entry;
    const ptx: MsgArg = e.ptx === null ? msg('PTX {0}', e.ptxStatus) : e.ptx.length ? msg('PTX {0}', e.ptx.map((c) => `compute_${c.replace('.', '')}`).join(', ')) : msg('no PTX');
    out.push(msg('- Kernels: {0}; {1}{2}{3}.', e.sass.map(smName).join(', '), ptx,
      e.verified ? '' : msg(' (unverified)'),
      fit.kernelList.approximate ? msg(' (Linux list; no Windows list known)') : ''));
  } else if (version) {
    out.push(msg('- Kernels: unknown for this version and variant.'));
  }
  if (machine && hasNvidiaGpu(machine) && fit.cc) {
    const gpu = esc(machine.gpu.gpus[0]?.name ?? 'GPU');
    const serving = fit.kernelList ? servingTarget(fit.cc, fit.kernelList.entry) : null;
    const verdict: MsgArg = fit.kernels === 'sass' ? (serving ? msg('runs ({0} uses the {1} kernels)', smName(fit.cc), serving) : msg('runs ({0} uses the matching kernels)', smName(fit.cc)))
      : fit.kernels === 'ptx' ? (fit.driver === 'below-toolkit' ? msg('**cannot run** (PTX only, driver too old to JIT it)') : msg('runs through PTX JIT'))
        : fit.kernels === 'none' ? msg('**no kernels for {0}**', smName(fit.cc)) : msg('unknown');
    out.push(msg('- {0}: {1}.', gpu, verdict));
  }
  return out;
}

function torchHover(t: TorchReq, res: Resolution, machine: Machine | null): HoverLine[] {
  const lines: HoverLine[] = [];
  const version = res.version;
  const rel = version ? torchRelease(version) : null;
  const title = `**${esc(t.pkg)}**`;
  if (!version) {
    lines.push(msg('{0}: the torch version is not pinned and the data cannot tell which version pip picks.', title));
  } else if (!rel || isNewerThanKnown(version)) {
    lines.push(msg('{0}: torch {1} is not in the knowledge base (as of {2}); its variants, kernels and Python range are unknown.', title, esc(version), KNOWLEDGE_AS_OF));
    return [...lines, ...asOf()];
  } else {
    const variant: MsgArg = res.variant ? msg('{0} (via {1})', esc(res.variant), VIA[res.via ?? 'pypi']()) : msg('an unknown variant');
    lines.push(res.pinned
      ? msg('{0}: torch {1}, {2}.', title, esc(rel.torch), variant)
      : msg('{0}: torch {1} (newest matching version known), {2}.', title, esc(rel.torch), variant));
    if (rel.variants) lines.push(msg('- Published variants: {0}.', rel.variants.map(esc).join(', ')));
    if (res.variant) for (const x of variantLines(rel.torch, res.variant, machine)) lines.push(x);
    if (rel.python?.min && rel.python.max) {
      lines.push(msg('- Python {0}–{1}{2}.', esc(rel.python.min), esc(rel.python.max),
        rel.python.experimental.length ? msg(' (experimental: {0})', rel.python.experimental.map(esc).join(', ')) : ''));
    }
    lines.push(msg('- Pairs with torchvision {0}, torchaudio {1}.', rel.torchvision ? esc(rel.torchvision) : msg('unknown'), rel.torchaudio ? esc(rel.torchaudio) : msg('unknown')));
    if (!rel.verified) lines.push(msg('- Note: this release\'s data rests on incomplete sources.'));
  }
  if (machine && (hasNvidiaGpu(machine) || machine.platform === 'darwin' || machine.gpu.vendor === 'none')) {
    for (const x of installOrGap(machine, res.pinned && version ? version : undefined, msg('Install for this machine:'))) lines.push(x);
  }
  return [...lines, ...asOf()];
}

function indexHover(ix: IndexRef, res: Resolution, machine: Machine | null): HoverLine[] {
  const v = ix.parsed?.variant ?? null;
  const lines: HoverLine[] = [];
  if (ix.parsed?.allVariants) lines.push(msg('**PyTorch wheel page** listing every variant.'));
  else if (!v) lines.push(msg('**PyTorch index** without a variant.'));
  else if (!allKnownVariants().has(v)) lines.push(msg('**{0}**: PyTorch never published this variant.', esc(v)));
  else {
    const channel = ix.parsed?.channel;
    lines.push(channel !== 'stable' ? msg('**PyTorch {0} index** ({1}).', esc(v), String(channel)) : msg('**PyTorch {0} index**.', esc(v)));
    if (res.version) {
      const vs = variantsFor(res.version);
      if (vs) lines.push(vs.includes(v) ? msg('- torch {0} is published for {1}.', esc(res.version), esc(v)) : msg('- torch {0} **is not** published for {1}.', esc(res.version), esc(v)));
    }
    for (const x of variantLines(res.version, v, machine)) lines.push(x);
  }
  if (machine && hasNvidiaGpu(machine)) {
    for (const x of installOrGap(machine, res.pinned && res.version ? res.version : undefined, msg('Install for this machine:'))) lines.push(x);
  }
  return [...lines, ...asOf()];
}

function condaHover(name: string, res: Resolution, machine: Machine | null): HoverLine[] {
  const lines: HoverLine[] = [];
  const rel = res.version ? torchRelease(res.version) : null;
  const version: MsgArg = res.version ? esc(res.version) : msg('unpinned');
  lines.push(res.variant
    ? msg('**{0}** (conda): torch {1}, {2}.', esc(name), version, esc(res.variant))
    : msg('**{0}** (conda): torch {1}.', esc(name), version));
  if (rel?.conda) lines.push(msg('- pytorch channel CUDA builds (pytorch-cuda): {0}.', rel.conda.pytorchCuda.map(esc).join(', ')));
  else if (rel) lines.push(msg('- torch {0} was never published on the pytorch conda channel (last: {1}).', esc(rel.torch), esc(CONDA_CHANNEL.lastRelease)));
  if (res.variant && rel) for (const x of variantLines(rel.torch, res.variant, machine)) lines.push(x);
  if (machine) {
    for (const x of installOrGap(machine, rel?.torch, msg('Install for this machine (pip):'))) lines.push(x);
  }
  return [...lines, ...asOf()];
}

function result(lines: HoverLine[], span: Span): HoverResult {
  return { markdown: lines.map((l) => l.message).join('\n'), lines, span };
}

/** English Markdown (`markdown`, for the CLI and tests) and the same lines with their templates (for the editor to translate). */
export interface HoverResult {
  markdown: string;
  lines: HoverLine[];
  span: Span;
}

/** What the installer would put here for the hovered package (the `resolve` command's outcome), before the as-of line. */
function withOutcome(lines: HoverLine[], outcome: FileOutcome | null, offset: number, target: string | null): HoverLine[] {
  if (!outcome) return lines;
  const extra: HoverLine[] = [];
  for (const env of outcome.environments) {
    const p = env.packages.find((x) => x.site && !x.site.file && inside(x.site.span, offset));
    if (!p) continue;
    const where = p.chosen ? p.chosen.source.url : '?';
    extra.push(raw(''), p.chosen
      ? msg('**Resolved** ({0}): {1} {2} ({3}) from {4}.', esc(env.name), esc(p.name), esc(p.chosen.version), esc(p.chosen.variant ?? '?'), esc(where))
      : msg('**Resolved** ({0}): {1}: no single build ({2} candidates).', esc(env.name), esc(p.name), p.candidates.length));
    extra.push(p.why.l10n ? escapedArgs(p.why.l10n) : raw(esc(p.why.message)));
  }
  if (target) extra.push(msg('_Judged for {0}, the target its file name names._', esc(target)));
  return extra.length ? [...lines.slice(0, -2), ...extra, ...lines.slice(-2)] : lines;
}

/** Hover for the element at `offset`, or null when it is not a torch-family line or PyTorch index. */
export function hoverAt(path: string, text: string, offset: number, given: Machine | null, opts: AnalyzeOptions): HoverResult | null {
  const kind = documentKind(path) ?? 'requirements';
  // Judged as the analysis judges it: a file named for another target against that target.
  const judged = given ? judgedMachine(path, given) : null;
  const machine = judged?.machine ?? null;
  const model = forMachine(modelOf(path, text, opts, kind).model, machine);
  const res = resolveTorch(model, machine);
  const outcome = machine ? resolveProject(model, machine) : null;
  for (const t of model.torch) {
    if (t.file === undefined && inside(t.req.span, offset)) return result(withOutcome(torchHover(t, res, machine), outcome, offset, judged?.target ?? null), t.req.span);
  }
  for (const ix of model.indexes) {
    if (ix.file === undefined && ix.parsed && inside(ix.lineSpan, offset)) return result(indexHover(ix, res, machine), ix.urlSpan);
  }
  // environment.yml conda specs that install torch (pytorch, pytorch-cuda, torchvision, ...).
  for (const d of model.condaTorch) {
    if (inside(d.span, offset)) return result(withOutcome(condaHover(d.name, res, machine), outcome, offset, judged?.target ?? null), d.span);
  }
  return null;
}

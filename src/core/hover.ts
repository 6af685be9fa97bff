// Hover content for torch-family lines and PyTorch index URLs: what the line resolves to (version,
// variant), the driver it needs and why, whether this GPU has kernels in it, the Python range, the
// install command for this machine and the knowledge base's as-of date. Markdown; text taken from the
// document is escaped.
import type { Machine } from './machine';
import type { Span } from './text';
import { documentKind, modelOf, type AnalyzeOptions } from './analyze';
import { servingTarget, smName } from './knowledge/arches';
import { hasNvidiaGpu, variantFit } from './knowledge/fit';
import { KNOWLEDGE_AS_OF, recommend } from './knowledge/recommend';
import { allKnownVariants, CONDA_CHANNEL, isNewerThanKnown, torchRelease, variantsFor } from './knowledge/torch';
import { variantKind } from './knowledge/variants';
import { resolveTorch, type Resolution } from './rules/resolve';
import { forPlatform, type IndexRef, type TorchReq } from './rules/model';

function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, (c) => `\\${c}`);
}

function inside(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

const VIA: Record<NonNullable<Resolution['via']>, string> = {
  local: 'the +local version pin',
  index: 'the PyTorch index',
  pypi: 'the plain PyPI wheel',
  conda: 'the conda CUDA spec',
};

function variantLines(version: string | null, variant: string, machine: Machine | null): string[] {
  const out: string[] = [];
  const kind = variantKind(variant);
  if (kind === 'cpu') out.push('- CPU-only build: no CUDA kernels.');
  if (kind !== 'cuda') return out;
  const m: Machine = machine ?? { platform: 'linux', gpu: { vendor: 'none', driver: null, cuda: null, gpus: [], error: null }, python: null, source: 'none' };
  const fit = variantFit(version, variant, m);
  if (fit.driverFloor) {
    let line = `- Driver: needs ≥ ${esc(fit.driverFloor)} (CUDA ${esc(fit.cuda ?? '?')} minor-version compatibility)`;
    if (fit.toolkitDriver) line += `; PTX JIT and the full toolkit need ≥ ${esc(fit.toolkitDriver)}`;
    if (machine?.gpu.driver) {
      const verdict = fit.driver === 'too-old' ? '**too old**' : fit.driver === 'below-toolkit' ? 'runs (minor-version compatibility)' : 'OK';
      line += `. This machine: ${esc(machine.gpu.driver)}, ${verdict}`;
    }
    out.push(`${line}.`);
  }
  if (fit.kernelList) {
    const e = fit.kernelList.entry;
    const ptx = e.ptx === null ? `PTX ${e.ptxStatus}` : e.ptx.length ? `PTX ${e.ptx.map((c) => `compute_${c.replace('.', '')}`).join(', ')}` : 'no PTX';
    out.push(`- Kernels: ${e.sass.map(smName).join(', ')}; ${ptx}${e.verified ? '' : ' (unverified)'}${fit.kernelList.approximate ? ' (Linux list; no Windows list known)' : ''}.`);
  } else if (version) {
    out.push('- Kernels: unknown for this version and variant.');
  }
  if (machine && hasNvidiaGpu(machine) && fit.cc) {
    const gpu = esc(machine.gpu.gpus[0]?.name ?? 'GPU');
    const serving = fit.kernelList ? servingTarget(fit.cc, fit.kernelList.entry) : null;
    const verdict = fit.kernels === 'sass' ? `runs (${smName(fit.cc)} uses the ${serving ?? 'matching'} kernels)`
      : fit.kernels === 'ptx' ? (fit.driver === 'below-toolkit' ? '**cannot run** (PTX only, driver too old to JIT it)' : 'runs through PTX JIT')
        : fit.kernels === 'none' ? `**no kernels for ${smName(fit.cc)}**` : 'unknown';
    out.push(`- ${gpu}: ${verdict}.`);
  }
  return out;
}

function torchHover(t: TorchReq, res: Resolution, machine: Machine | null): string {
  const lines: string[] = [];
  const version = res.version;
  const rel = version ? torchRelease(version) : null;
  const title = `**${esc(t.pkg)}**`;
  if (!version) {
    lines.push(`${title}: the torch version is not pinned and the data cannot tell which version pip picks.`);
  } else if (!rel || isNewerThanKnown(version)) {
    lines.push(`${title}: torch ${esc(version)} is not in the knowledge base (as of ${KNOWLEDGE_AS_OF}); its variants, kernels and Python range are unknown.`);
    return [...lines, '', `_Knowledge as of ${KNOWLEDGE_AS_OF}._`].join('\n');
  } else {
    const variant = res.variant ? `${esc(res.variant)} (via ${VIA[res.via ?? 'pypi']})` : 'an unknown variant';
    lines.push(`${title}: torch ${esc(rel.torch)}${res.pinned ? '' : ' (newest matching version known)'}, ${variant}.`);
    if (rel.variants) lines.push(`- Published variants: ${rel.variants.map(esc).join(', ')}.`);
    if (res.variant) lines.push(...variantLines(rel.torch, res.variant, machine));
    if (rel.python?.min && rel.python.max) lines.push(`- Python ${esc(rel.python.min)}–${esc(rel.python.max)}${rel.python.experimental.length ? ` (experimental: ${rel.python.experimental.map(esc).join(', ')})` : ''}.`);
    lines.push(`- Pairs with torchvision ${esc(rel.torchvision ?? 'unknown')}, torchaudio ${esc(rel.torchaudio ?? 'unknown')}.`);
    if (!rel.verified) lines.push('- Note: this release\'s data rests on incomplete sources.');
  }
  if (machine && (hasNvidiaGpu(machine) || machine.platform === 'darwin' || machine.gpu.vendor === 'none')) {
    const rec = recommend(machine, res.pinned && version ? version : undefined) ?? recommend(machine);
    if (rec) lines.push('', 'Install for this machine:', '```sh', rec.command, '```', esc(rec.reason));
  }
  lines.push('', `_Knowledge as of ${KNOWLEDGE_AS_OF}._`);
  return lines.join('\n');
}

function indexHover(ix: IndexRef, res: Resolution, machine: Machine | null): string {
  const v = ix.parsed?.variant ?? null;
  const lines: string[] = [];
  if (ix.parsed?.allVariants) lines.push('**PyTorch wheel page** listing every variant.');
  else if (!v) lines.push('**PyTorch index** without a variant.');
  else if (!allKnownVariants().has(v)) lines.push(`**${esc(v)}**: PyTorch never published this variant.`);
  else {
    lines.push(`**PyTorch ${esc(v)} index**${ix.parsed?.channel !== 'stable' ? ` (${ix.parsed?.channel})` : ''}.`);
    if (res.version) {
      const vs = variantsFor(res.version);
      if (vs) lines.push(`- torch ${esc(res.version)} ${vs.includes(v) ? 'is' : '**is not**'} published for ${esc(v)}.`);
    }
    lines.push(...variantLines(res.version, v, machine));
  }
  if (machine && hasNvidiaGpu(machine)) {
    const rec = recommend(machine, res.pinned && res.version ? res.version : undefined) ?? recommend(machine);
    if (rec) lines.push('', 'Install for this machine:', '```sh', rec.command, '```', esc(rec.reason));
  }
  lines.push('', `_Knowledge as of ${KNOWLEDGE_AS_OF}._`);
  return lines.join('\n');
}

function condaHover(name: string, res: Resolution, machine: Machine | null): string {
  const lines: string[] = [];
  const rel = res.version ? torchRelease(res.version) : null;
  lines.push(`**${esc(name)}** (conda): torch ${esc(res.version ?? 'unpinned')}${res.variant ? `, ${esc(res.variant)}` : ''}.`);
  if (rel?.conda) lines.push(`- pytorch channel CUDA builds (pytorch-cuda): ${rel.conda.pytorchCuda.map(esc).join(', ')}.`);
  else if (rel) lines.push(`- torch ${esc(rel.torch)} was never published on the pytorch conda channel (last: ${esc(CONDA_CHANNEL.lastRelease)}).`);
  if (res.variant && rel) lines.push(...variantLines(rel.torch, res.variant, machine));
  if (machine) {
    const rec = recommend(machine, rel?.torch) ?? recommend(machine);
    if (rec) lines.push('', 'Install for this machine (pip):', '```sh', rec.command, '```', esc(rec.reason));
  }
  lines.push('', `_Knowledge as of ${KNOWLEDGE_AS_OF}._`);
  return lines.join('\n');
}

/** Hover for the element at `offset`, or null when it is not a torch-family line or PyTorch index. */
export function hoverAt(path: string, text: string, offset: number, machine: Machine | null, opts: AnalyzeOptions): { markdown: string; span: Span } | null {
  const kind = documentKind(path) ?? 'requirements';
  const model = forPlatform(modelOf(path, text, opts, kind).model, machine?.platform ?? null);
  const res = resolveTorch(model, machine);
  for (const t of model.torch) {
    if (t.file === undefined && inside(t.req.span, offset)) return { markdown: torchHover(t, res, machine), span: t.req.span };
  }
  for (const ix of model.indexes) {
    if (ix.file === undefined && ix.parsed && inside(ix.lineSpan, offset)) return { markdown: indexHover(ix, res, machine), span: ix.urlSpan };
  }
  // environment.yml conda specs that install torch (pytorch, pytorch-cuda, torchvision, ...).
  for (const d of model.condaTorch) {
    if (inside(d.span, offset)) return { markdown: condaHover(d.name, res, machine), span: d.span };
  }
  return null;
}

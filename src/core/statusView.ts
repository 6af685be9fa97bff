// What the status bar item shows, computed without the editor API: "$(chip) RTX 4090 · CUDA 12.4 ·
// py_comfy", a spinner while probing, the warning colour when the installed torch cannot use this GPU
// (or the driver is broken), and a Markdown tooltip with every fact (values escaped; the only links
// are the allow-listed commands). src/vscode/statusBar.ts applies it to the item.
import { knowledgeDates } from './knowledge/dates';
import { Commands } from '../constants';
import { torchCannotUseGpu, type Detection } from './detection';
import { computeCapability, driverFact, envLabel, gpuProblem, torchBuild, torchProblems } from './describe';
import { shortGpuSummary } from './gpu/names';
import { recommend, recommendationGap, type Recommendation } from './knowledge/recommend';
import type { Localizable } from './l10n';
import { msg } from './l10n';
import { escapeMarkdown, inlineCode } from './markdown';

/** A core message in the display language (the editor's translator; English in tests and the CLI). */
export type Tr = (m: { message: string; l10n?: Localizable }) => string;
const english: Tr = (m) => m.message;

/** The detection service's state, as the status bar sees it. */
export interface StatusInput {
  detection: Detection | null;
  /** A refresh is running: what is shown is the previous result. */
  refreshing: boolean;
  /** Nothing final yet (first paint at most). */
  probing: boolean;
  /** What is known comes only from the no-process first paint. */
  firstPaintOnly: boolean;
}

export interface StatusView {
  /** Item text with $(icon) syntax. */
  text: string;
  warning: boolean;
  /** The text without icons, for screen readers. */
  accessibilityLabel: string;
  /** Markdown; trust only `linkCommands` when rendering it. */
  tooltip: string;
  recommendation: Recommendation | null;
  /** Why there is no recommendation when that is known (translated), else null. */
  gap: string | null;
}

/** The commands the tooltip links to. */
export const LINK_COMMANDS: readonly string[] = [Commands.refresh, Commands.createCondaEnv, Commands.showReport, Commands.copyInstallCommand, Commands.showLog];

/** The recommended install for what was detected; none from the first paint alone (it lacks the GPUs). */
export function statusRecommendation(s: StatusInput): Recommendation | null {
  const m = s.detection?.machine;
  if (!m || s.firstPaintOnly) return null;
  try {
    return recommend(m);
  } catch {
    return null;
  }
}

function gapText(s: StatusInput, tr: Tr): string | null {
  if (!s.detection || s.firstPaintOnly) return null;
  const gap = recommendationGap(s.detection.machine);
  return gap ? tr(gap) : null;
}

/** A value for the item text: one line, and no $(icon) syntax of its own. */
function label(value: string): string {
  // eslint-disable-next-line no-control-regex -- a label is one line
  return value.replace(/[\x00-\x1f\x7f]+/g, ' ').replace(/\$\(/g, '\\$(');
}

function itemText(s: StatusInput, tr: Tr): { text: string; warning: boolean } {
  const d = s.detection;
  if (!d) return { text: `$(loading~spin) ${tr(msg('Detecting GPU…'))}`, warning: false };
  const icon = s.refreshing || s.probing ? '$(loading~spin)' : '$(chip)';
  const g = d.machine.gpu;
  const parts: string[] = [];
  let warning = torchCannotUseGpu(d);
  if (g.vendor === 'nvidia' && g.gpus.length > 0) {
    parts.push(label(shortGpuSummary(g.gpus.map((x) => x.name))));
    parts.push(g.cuda ? `CUDA ${g.cuda}` : tr(msg('driver {0}', g.driver ?? '?')));
  } else if (g.vendor === 'nvidia' && g.driver && (g.error === null || g.error === 'not-installed')) {
    // First paint (GPUs not read yet), or a driver without nvidia-smi: the driver is known.
    parts.push(tr(g.cuda ? msg('NVIDIA driver {0} · CUDA {1}', g.driver, g.cuda) : msg('NVIDIA driver {0}', g.driver)));
  } else if (g.vendor === 'apple') {
    parts.push(tr(msg('Apple MPS')));
  } else if (g.vendor === 'amd') {
    parts.push(label(`AMD ${g.amdGfx?.join(', ') || shortGpuSummary(g.gpus.map((x) => x.name))}`));
  } else {
    switch (g.error) {
      case 'no-driver':
        parts.push(tr(msg('NVIDIA driver not loaded')));
        warning = true;
        break;
      case 'driver-library-mismatch':
        parts.push(tr(msg('NVIDIA driver/library mismatch')));
        warning = true;
        break;
      case 'timeout':
        parts.push(tr(msg('nvidia-smi timed out')));
        warning = true;
        break;
      case 'unparsed':
        parts.push(tr(msg('GPU unknown')));
        break;
      default:
        parts.push(tr(msg('No NVIDIA GPU')));
    }
  }
  const env = envLabel(d.env);
  if (env) parts.push(label(env));
  return { text: `${icon} ${parts.join(' · ')}`, warning };
}

function yesNo(v: boolean | null, tr: Tr): string {
  return tr(v === null ? msg('unknown') : v ? msg('yes') : msg('no'));
}

function tooltip(s: StatusInput, rec: Recommendation | null, gap: string | null, tr: Tr): string {
  const esc = (m: { message: string; l10n?: Localizable }) => escapeMarkdown(tr(m));
  const d = s.detection;
  const lines: string[] = [`**${esc(msg('AI Env Doctor'))}**`, ''];
  if (!d) lines.push(esc(msg('Detecting the GPU, driver and Python environment…')));
  else {
    const g = d.machine.gpu;
    if (s.refreshing) lines.push(`_${esc(msg('Refreshing; the values below are from the previous probe.'))}_`, '');
    else if (s.firstPaintOnly) lines.push(`_${esc(msg('Quick look (no process yet); details follow.'))}_`, '');
    for (const [i, x] of g.gpus.entries()) {
      const mem = x.memoryTotalMiB !== null ? tr(msg('{0} / {1} MiB used', String(x.memoryUsedMiB ?? '?'), String(x.memoryTotalMiB))) : '';
      const util = x.utilizationPercent !== null ? tr(msg('{0}% busy', String(x.utilizationPercent))) : '';
      lines.push(`- $(chip) ${escapeMarkdown(`GPU ${x.index ?? i}: ${x.name}`)} — ${escapeMarkdown([tr(computeCapability(x)), mem, util].filter(Boolean).join(', '))}`);
    }
    if (g.vendor === 'apple') lines.push(`- ${esc(msg('Apple silicon: PyTorch uses the MPS backend (no CUDA on macOS)'))}`);
    if (g.vendor === 'amd' && g.amdGfx?.length) lines.push(`- ${esc(msg('AMD gfx target: {0}', g.amdGfx.join(', ')))}`);
    if (g.driver) lines.push(`- ${esc(driverFact(g.driver, g.cuda))}`);
    if (g.error && g.vendor !== 'apple') {
      lines.push(`- $(warning) ${esc(gpuProblem(g.error))}${g.errorDetail ? `: ${escapeMarkdown(g.errorDetail)}` : ''}`);
    }
    const e = d.env;
    if (e) {
      const label = envLabel(e) ?? tr(msg('(unnamed)'));
      lines.push(`- ${esc(msg('Environment: {0}', label))}${e.prefix ? ` ${inlineCode(e.prefix)}` : ''}`
        + `${e.python ? escapeMarkdown(`, Python ${e.python}`) : ''}`);
    } else lines.push(`- ${esc(msg('No Python environment found'))}`);
    const t = d.torch;
    if (t) {
      if (t.version) {
        lines.push(`- ${esc(msg('torch {0} ({1}); can use the GPU: {2}', t.version, torchBuild(t), yesNo(t.cudaAvailable, tr)))}`);
        for (const p of torchProblems(d)) lines.push(`- $(warning) ${esc(p)}`);
      } else if (t.error === 'not-installed') lines.push(`- ${esc(msg('torch is not installed in this environment'))}`);
      else lines.push(`- ${esc(msg('torch could not be checked: {0}', t.error ?? ''))}`);
    }
    if (rec) {
      lines.push('', `${esc(msg('Recommended: torch {0} ({1}) from', rec.torch, rec.variant))} ${inlineCode(rec.indexUrl)}`);
      lines.push('', inlineCode(rec.command));
    } else if (gap) lines.push('', `$(question) ${escapeMarkdown(gap)}`);
    lines.push('', `_${esc(knowledgeDates())}_`);
  }
  const link = (title: { message: string; l10n?: Localizable }, cmd: string) => `[${esc(title)}](command:${cmd})`;
  lines.push('', [
    link(msg('Refresh'), Commands.refresh),
    link(msg('Create conda env'), Commands.createCondaEnv),
    link(msg('Show report'), Commands.showReport),
    ...(rec ? [link(msg('Copy install command'), Commands.copyInstallCommand)] : []),
    link(msg('Open log'), Commands.showLog),
  ].join(' · '));
  return lines.join('\n');
}

/** Everything the status bar item shows for this state. */
export function statusView(s: StatusInput, tr: Tr = english): StatusView {
  const { text, warning } = itemText(s, tr);
  const recommendation = statusRecommendation(s);
  const gap = recommendation ? null : gapText(s, tr);
  return {
    text,
    warning,
    accessibilityLabel: text.replace(/(?<!\\)\$\([^)]*\)\s*/g, '').replace(/\\\$\(/g, '$('),
    tooltip: tooltip(s, recommendation, gap, tr),
    recommendation,
    gap,
  };
}

// One status bar item: "$(chip) RTX 4090 · CUDA 12.4 · py_comfy". Spinner while the first probe runs,
// warning background when the installed torch cannot use this GPU (or the driver is broken), a Markdown
// tooltip with every fact (process text escaped; only allow-listed command links), and a quick pick of
// actions on click. Registers aiEnvDoctor.refresh, aiEnvDoctor.copyInstallCommand, aiEnvDoctor.statusActions.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { torchCannotUseGpu, type Detection } from '../core/detection';
import { shortGpuSummary } from '../core/gpu/names';
import { escapeMarkdown, inlineCode as code } from '../core/markdown';
import { recommend, recommendationGap, KNOWLEDGE_AS_OF, type Recommendation } from '../core/knowledge/recommend';
import { readSettings } from './config';
import { MachineService } from './machineService';
import { trMessage } from './translate';

const ITEM_ID = 'aiEnvDoctor.status';
const LINK_COMMANDS = [Commands.refresh, Commands.createCondaEnv, Commands.showReport, Commands.copyInstallCommand, Commands.showLog];

function envLabel(d: Detection): string | null {
  const e = d.env;
  if (!e) return null;
  if (e.name) return e.name;
  if (e.prefix) return path.basename(e.prefix);
  return e.python ? `Python ${e.python}` : null;
}

interface View {
  text: string;
  warning: boolean;
}

function view(service: MachineService): View {
  const d = service.detection;
  const spin = service.refreshing || service.state === 'probing';
  if (!d) return { text: `$(loading~spin) ${vscode.l10n.t('Detecting GPU…')}`, warning: false };
  const icon = spin ? '$(loading~spin)' : '$(chip)';
  const g = d.machine.gpu;
  const parts: string[] = [];
  let warning = torchCannotUseGpu(d);
  if (g.vendor === 'nvidia' && g.gpus.length > 0) {
    parts.push(shortGpuSummary(g.gpus.map((x) => x.name)));
    parts.push(g.cuda ? `CUDA ${g.cuda}` : vscode.l10n.t('driver {0}', g.driver ?? '?'));
  } else if (g.vendor === 'nvidia' && g.driver && (g.error === null || g.error === 'not-installed')) {
    // First paint (GPUs not read yet), or a driver without nvidia-smi: the driver is known.
    parts.push(g.cuda ? vscode.l10n.t('NVIDIA driver {0} · CUDA {1}', g.driver, g.cuda) : vscode.l10n.t('NVIDIA driver {0}', g.driver));
  } else if (g.vendor === 'apple') {
    parts.push(vscode.l10n.t('Apple MPS'));
  } else if (g.vendor === 'amd') {
    parts.push(`AMD ${g.amdGfx?.join(', ') || shortGpuSummary(g.gpus.map((x) => x.name))}`);
  } else {
    switch (g.error) {
      case 'no-driver':
        parts.push(vscode.l10n.t('NVIDIA driver not loaded'));
        warning = true;
        break;
      case 'driver-library-mismatch':
        parts.push(vscode.l10n.t('NVIDIA driver/library mismatch'));
        warning = true;
        break;
      case 'timeout':
        parts.push(vscode.l10n.t('nvidia-smi timed out'));
        warning = true;
        break;
      case 'unparsed':
        parts.push(vscode.l10n.t('GPU unknown'));
        break;
      default:
        parts.push(vscode.l10n.t('No NVIDIA GPU'));
    }
  }
  const env = envLabel(d);
  if (env) parts.push(env);
  return { text: `${icon} ${parts.join(' · ')}`, warning };
}

function yesNo(v: boolean | null): string {
  return v === null ? vscode.l10n.t('unknown') : v ? vscode.l10n.t('yes') : vscode.l10n.t('no');
}

function errorText(error: string): string {
  switch (error) {
    case 'not-installed': return vscode.l10n.t('nvidia-smi not found');
    case 'no-driver': return vscode.l10n.t('NVIDIA driver not loaded (nvidia-smi cannot communicate with it)');
    case 'driver-library-mismatch': return vscode.l10n.t('driver/library version mismatch: reboot after a driver update');
    case 'no-devices': return vscode.l10n.t('no NVIDIA devices found');
    case 'timeout': return vscode.l10n.t('nvidia-smi timed out (killed)');
    default: return vscode.l10n.t('nvidia-smi output not recognised');
  }
}

export function tooltip(service: MachineService, rec: Recommendation | null): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: LINK_COMMANDS };
  md.supportHtml = false;
  const d = service.detection;
  const lines: string[] = [`**${escapeMarkdown(vscode.l10n.t('AI Env Doctor'))}**`, ''];
  if (!d) lines.push(escapeMarkdown(vscode.l10n.t('Detecting the GPU, driver and Python environment…')));
  else {
    const g = d.machine.gpu;
    if (service.refreshing) lines.push(`_${escapeMarkdown(vscode.l10n.t('Refreshing; the values below are from the previous probe.'))}_`, '');
    else if (service.isFirstPaintOnly) lines.push(`_${escapeMarkdown(vscode.l10n.t('Quick look (no process yet); details follow.'))}_`, '');
    for (const [i, x] of g.gpus.entries()) {
      const mem = x.memoryTotalMiB !== null
        ? vscode.l10n.t('{0} / {1} MiB used', String(x.memoryUsedMiB ?? '?'), String(x.memoryTotalMiB)) : '';
      const util = x.utilizationPercent !== null ? vscode.l10n.t('{0}% busy', String(x.utilizationPercent)) : '';
      const cc = x.computeCapability ? vscode.l10n.t('compute {0}', x.computeCapability) : vscode.l10n.t('compute capability unknown');
      lines.push(`- $(chip) ${escapeMarkdown(`GPU ${x.index ?? i}: ${x.name}`)} — ${escapeMarkdown([cc, mem, util].filter(Boolean).join(', '))}`);
    }
    if (g.vendor === 'apple') lines.push(`- ${escapeMarkdown(vscode.l10n.t('Apple silicon: PyTorch uses the MPS backend (no CUDA on macOS)'))}`);
    if (g.vendor === 'amd' && g.amdGfx?.length) lines.push(`- ${escapeMarkdown(vscode.l10n.t('AMD gfx target: {0}', g.amdGfx.join(', ')))}`);
    if (g.driver) {
      lines.push(`- ${escapeMarkdown(g.cuda
        ? vscode.l10n.t('Driver {0}: supports CUDA up to {1}', g.driver, g.cuda)
        : vscode.l10n.t('Driver {0}', g.driver))}`);
    }
    if (g.error && g.vendor !== 'apple') {
      lines.push(`- $(warning) ${escapeMarkdown(errorText(g.error))}${g.errorDetail ? `: ${escapeMarkdown(g.errorDetail)}` : ''}`);
    }
    const e = d.env;
    if (e) {
      const label = envLabel(d) ?? vscode.l10n.t('(unnamed)');
      lines.push(`- ${escapeMarkdown(vscode.l10n.t('Environment: {0}', label))}${e.prefix ? ` ${code(e.prefix)}` : ''}`
        + `${e.python ? escapeMarkdown(`, Python ${e.python}`) : ''}`);
    } else lines.push(`- ${escapeMarkdown(vscode.l10n.t('No Python environment found'))}`);
    const t = d.torch;
    if (t) {
      if (t.version) {
        lines.push(`- ${escapeMarkdown(vscode.l10n.t('torch {0} ({1}); can use the GPU: {2}', t.version,
          t.cuda ? `CUDA ${t.cuda}` : t.hip ? `ROCm ${t.hip}` : 'CPU', yesNo(t.cudaAvailable)))}`);
        if (t.cpuBuildOnGpuMachine) lines.push(`- $(warning) ${escapeMarkdown(vscode.l10n.t('CPU-only torch on a machine with an NVIDIA GPU ("Torch not compiled with CUDA enabled")'))}`);
        if (t.missingArch) lines.push(`- $(warning) ${escapeMarkdown(vscode.l10n.t('This torch has no kernels for {0} (arch list: {1})', t.missingArch, t.archList.join(' ')))}`);
      } else if (t.error === 'not-installed') lines.push(`- ${escapeMarkdown(vscode.l10n.t('torch is not installed in this environment'))}`);
      else lines.push(`- ${escapeMarkdown(vscode.l10n.t('torch could not be checked: {0}', t.error ?? ''))}`);
    }
    if (rec) {
      lines.push('', `${escapeMarkdown(vscode.l10n.t('Recommended: torch {0} ({1}) from', rec.torch, rec.variant))} ${code(rec.indexUrl)}`);
      lines.push('', code(rec.command));
    } else {
      const gap = service.isFirstPaintOnly ? null : gapText(d.machine);
      if (gap) lines.push('', `$(question) ${escapeMarkdown(gap)}`);
    }
    lines.push('', `_${escapeMarkdown(vscode.l10n.t('Knowledge as of {0}', KNOWLEDGE_AS_OF))}_`);
  }
  const link = (title: string, cmd: string) => `[${escapeMarkdown(title)}](command:${cmd})`;
  lines.push('', [
    link(vscode.l10n.t('Refresh'), Commands.refresh),
    link(vscode.l10n.t('Create conda env'), Commands.createCondaEnv),
    link(vscode.l10n.t('Show report'), Commands.showReport),
    ...(rec ? [link(vscode.l10n.t('Copy install command'), Commands.copyInstallCommand)] : []),
    link(vscode.l10n.t('Open log'), Commands.showLog),
  ].join(' · '));
  md.appendMarkdown(lines.join('\n'));
  return md;
}

/** "unknown: NVIDIA driver not detected ..." in the display language, when that is why there is no recommendation. */
function gapText(machine: Detection['machine']): string | null {
  const gap = recommendationGap(machine);
  return gap ? trMessage(gap) : null;
}

function recommendation(service: MachineService): Recommendation | null {
  const m = service.detection?.machine;
  if (!m || service.isFirstPaintOnly) return null;
  try {
    return recommend(m);
  } catch {
    return null;
  }
}

async function statusActions(service: MachineService): Promise<void> {
  type Item = vscode.QuickPickItem & { command: string };
  const rec = recommendation(service);
  const items: Item[] = [
    { label: `$(refresh) ${vscode.l10n.t('Refresh GPU and environment')}`, command: Commands.refresh },
    { label: `$(add) ${vscode.l10n.t('Create conda env for this project')}`, command: Commands.createCondaEnv },
    { label: `$(book) ${vscode.l10n.t('Show report')}`, command: Commands.showReport },
    {
      label: `$(copy) ${vscode.l10n.t('Copy install command')}`, command: Commands.copyInstallCommand,
      detail: rec?.command ?? (service.detection && !service.isFirstPaintOnly ? gapText(service.detection.machine) : null)
        ?? vscode.l10n.t('no recommendation for this machine'),
    },
    { label: `$(output) ${vscode.l10n.t('Open log')}`, command: Commands.showLog },
  ];
  const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('AI Env Doctor') });
  if (pick) await vscode.commands.executeCommand(pick.command);
}

export function registerStatusBar(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): MachineService {
  const service = new MachineService(log, context);
  const item = vscode.window.createStatusBarItem(ITEM_ID, vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('AI Env Doctor: GPU and environment');
  item.command = Commands.statusActions;
  const update = () => {
    if (!readSettings().statusBarEnabled) {
      item.hide();
      return;
    }
    const v = view(service);
    item.text = v.text;
    item.backgroundColor = v.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.tooltip = tooltip(service, recommendation(service));
    item.accessibilityInformation = { label: v.text.replace(/\$\([^)]*\)\s*/g, '') };
    item.show();
  };
  update();
  context.subscriptions.push(
    service,
    item,
    service.onDidChange(update),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('aiEnvDoctor.statusBar')) update();
    }),
    vscode.commands.registerCommand(Commands.refresh, () => service.refresh('command')),
    vscode.commands.registerCommand(Commands.statusActions, () => statusActions(service)),
    vscode.commands.registerCommand(Commands.copyInstallCommand, async () => {
      const rec = recommendation(service);
      if (!rec) {
        const m = service.detection?.machine;
        const gap = m && !service.isFirstPaintOnly ? gapText(m) : null;
        void vscode.window.showWarningMessage(gap
          ? vscode.l10n.t('No install command: {0}', gap)
          : vscode.l10n.t('No install command: the machine is not detected yet or not covered by the knowledge base.'));
        return;
      }
      await vscode.env.clipboard.writeText(rec.command);
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied: {0}', rec.command));
    }),
  );
  return service;
}

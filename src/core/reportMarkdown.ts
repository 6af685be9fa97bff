// The "Show Report" document: machine, environment, installed torch, recommendation and the findings of
// every workspace file, as Markdown. Built without the editor API (translation function injected) so it
// is unit-tested; every value that came from a process or a file is escaped.
import type { Detection } from './detection';
import type { Severity } from './finding';
import type { Machine } from './machine';
import { recommendationGap, type Recommendation } from './knowledge/recommend';
import { gpuProblem } from './describe';
import { localized } from './l10n';
import { codeBlock, escapeMarkdown, inlineCode as code } from './markdown';

/** vscode.l10n.t in the editor; core's format() in tests. */
export type Translate = (template: string, ...args: (string | number)[]) => string;

export interface ReportFinding {
  /** 1-based, for display. */
  line: number;
  column: number;
  severity: Severity;
  code: string;
  message: string;
}

export interface ReportFile {
  /** Workspace-relative path for display. */
  path: string;
  findings: ReportFinding[];
}

export interface ReportInput {
  detection: Detection | null;
  /** The machine the files were judged against (target profile or detection), or null. */
  machine: Machine | null;
  files: ReportFile[];
  recommendation: Recommendation | null;
  /** How old the knowledge is, in words (data month, wheel index check). */
  knowledgeAsOf: string;
  /** ISO timestamp. */
  generatedAt: string;
  /** Link target per code (docs/rules/<code>.md). */
  docsUrl: (code: string) => string;
}

function severityLabel(s: Severity, t: Translate): string {
  switch (s) {
    case 'error':
      return t('error');
    case 'warning':
      return t('warning');
    case 'information':
      return t('information');
    case 'hint':
      return t('hint');
  }
}

function machineSection(m: Machine | null, t: Translate): string[] {
  const out = [`## ${t('Machine')}`, ''];
  if (!m) {
    out.push(t('No machine information yet (detection has not finished and no target profile is set). GPU rules are silent.'), '');
    return out;
  }
  const source =
    m.source === 'target' ? t('target profile (aiEnvDoctor.target)') : m.source === 'detected' ? t('detected') : m.source === 'flags' ? t('flags') : t('none');
  out.push(`- ${t('Source: {0}', source)}`);
  out.push(`- ${t('Platform: {0}', code(m.arch ? `${m.platform} ${m.arch}` : m.platform))}`);
  const g = m.gpu;
  if (g.vendor === 'nvidia' && g.gpus.length > 0) {
    for (const gpu of g.gpus) {
      const parts = [escapeMarkdown(gpu.name)];
      parts.push(gpu.computeCapability ? t('compute capability {0}', gpu.computeCapability) : t('compute capability unknown'));
      if (gpu.memoryTotalMiB !== null) parts.push(t('{0} MiB', gpu.memoryTotalMiB));
      out.push(`- ${t('GPU: {0}', parts.join(' · '))}`);
    }
  } else if (g.vendor === 'amd') {
    out.push(`- ${t('GPU: AMD {0}', escapeMarkdown((g.amdGfx ?? []).join(', ')))}`);
  } else if (g.vendor === 'apple') {
    out.push(`- ${t('GPU: Apple (MPS)')}`);
  } else {
    out.push(`- ${t('GPU: no NVIDIA GPU found')}`);
  }
  if (g.driver) out.push(`- ${t('NVIDIA driver: {0} (supports CUDA up to {1})', code(g.driver), code(g.cuda ?? '?'))}`);
  if (g.error) {
    const detail = g.errorDetail ? ` — ${escapeMarkdown(g.errorDetail)}` : '';
    const problem = escapeMarkdown(localized(gpuProblem(g.error), (template, args) => t(template, ...args)));
    out.push(`- ${t('Detection problem: {0}', `${problem} (${code(g.error)})`)}${detail}`);
  }
  out.push(`- ${t('Python: {0}', m.python ? code(m.python) : t('unknown'))}`, '');
  return out;
}

function envSection(d: Detection | null, t: Translate): string[] {
  if (!d) return [];
  const out = [`## ${t('Active environment')}`, ''];
  const e = d.env;
  if (!e) out.push(t('No active Python environment found.'), '');
  else {
    out.push(`- ${t('Name: {0}', e.name ? code(e.name) : t('unknown'))}`);
    if (e.prefix) out.push(`- ${t('Prefix: {0}', code(e.prefix))}`);
    out.push(`- ${t('Python: {0}', e.python ? code(e.python) : t('unknown'))}`, '');
  }
  const tr = d.torch;
  out.push(`## ${t('Installed torch')}`, '');
  if (!tr || tr.version === null) {
    out.push(tr?.error ? t('torch is not available in this environment ({0}).', code(tr.error)) : t('torch is not installed in this environment.'), '');
    return out;
  }
  out.push(`- ${t('Version: {0}', code(tr.version))}`);
  out.push(`- ${t('Built for CUDA: {0}', tr.cuda ? code(tr.cuda) : t('no (CPU, ROCm or MPS build)'))}`);
  if (tr.cudaAvailable !== null) out.push(`- ${t('CUDA available: {0}', tr.cudaAvailable ? t('yes') : t('no'))}`);
  if (tr.archList.length) out.push(`- ${t('Kernels for: {0}', code(tr.archList.join(' ')))}`);
  if (tr.cpuBuildOnGpuMachine) out.push(`- ⚠️ ${t('This is a CPU-only build on a machine with an NVIDIA GPU.')}`);
  if (tr.missingArch) out.push(`- ⚠️ ${t('This build has no kernels for this GPU ({0}).', code(tr.missingArch))}`);
  out.push('');
  return out;
}

function recommendationSection(r: Recommendation | null, machine: Machine | null, t: Translate): string[] {
  const out = [`## ${t('Recommended PyTorch install')}`, ''];
  if (!r) {
    // GPU known, driver not: say why there is no answer (and what it depends on) rather than nothing.
    const gap = machine ? recommendationGap(machine) : null;
    out.push(gap ? escapeMarkdown(localized(gap, (template, args) => t(template, ...args))) : t('No recommendation for this machine.'), '');
    return out;
  }
  out.push(`- ${t('Variant: {0}', code(r.variant))}`);
  out.push(`- ${t('torch {0}', code(r.torch))}${r.torchvision ? ` · torchvision ${code(r.torchvision)}` : ''}${r.torchaudio ? ` · torchaudio ${code(r.torchaudio)}` : ''}`);
  out.push(`- ${t('Index: {0}', code(r.indexUrl))}`);
  out.push(`- ${escapeMarkdown(r.reason)}`, '', codeBlock(r.command, 'sh'), '');
  return out;
}

function findingsSection(files: ReportFile[], docsUrl: (c: string) => string, t: Translate): string[] {
  const total = files.reduce((n, f) => n + f.findings.length, 0);
  const out = [`## ${t('Findings')}`, ''];
  if (files.length === 0) {
    out.push(t('No requirements, environment or pyproject files found in the workspace.'), '');
    return out;
  }
  out.push(t('{0} problems in {1} files checked.', total, files.length), '');
  for (const f of files) {
    out.push(`### ${escapeMarkdown(f.path)}`, '');
    if (f.findings.length === 0) {
      out.push(t('No problems.'), '');
      continue;
    }
    for (const x of f.findings) {
      const link = /^[a-z0-9-]+$/.test(x.code) ? `[${x.code}](${docsUrl(x.code)})` : code(x.code);
      out.push(`- **${severityLabel(x.severity, t)}** ${link} ${x.line}:${x.column} — ${escapeMarkdown(x.message)}`);
    }
    out.push('');
  }
  return out;
}

export function buildReport(input: ReportInput, t: Translate): string {
  return [
    `# ${t('AI Env Doctor report')}`,
    '',
    `_${t('Generated {0} · {1}', escapeMarkdown(input.generatedAt), escapeMarkdown(input.knowledgeAsOf))}_`,
    '',
    ...machineSection(input.machine, t),
    ...envSection(input.detection, t),
    ...recommendationSection(input.recommendation, input.machine, t),
    ...findingsSection(input.files, input.docsUrl, t),
  ].join('\n');
}

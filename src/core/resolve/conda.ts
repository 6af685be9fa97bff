// conda's semantics for the torch build family: channels in order with strict priority (the first
// channel that has a package is the only one used for it), pytorch + pytorch-cuda / cudatoolkit /
// cpuonly from the pytorch channel as one build, conda-forge's own pytorch builds (cuda* build
// strings, cuda-version), and the python= pin.
import type { CondaSpec } from '../conda/types';
import type { CondaVersionClause } from '../conda/matchSpec';
import type { Machine } from '../machine';
import { msg } from '../l10n';
import { compareVersions } from '../knowledge/cuda';
import { hasNvidiaGpu } from '../knowledge/fit';
import { releasesNewestFirst, type TorchRelease } from '../knowledge/torch';
import { condaSpecVariant, cudaToVariant } from '../knowledge/variants';
import { pythonFits, type Target } from './catalogue';
import type { Candidate, PackageOutcome, Text } from './types';

/** Channels known to publish `pytorch`; any other channel's contents are unknown. */
const HAS_PYTORCH = new Set(['pytorch', 'conda-forge', 'defaults', 'anaconda', 'main', 'pkgs/main']);
const NO_PYTORCH = new Set(['nvidia', 'bioconda', 'fastai', 'huggingface', 'xformers', 'pyg', 'dglteam', 'iopath', 'fvcore', 'bottler']);
const CONDA_FAMILY: Record<string, 'torch' | 'torchvision' | 'torchaudio'> = {
  pytorch: 'torch', 'pytorch-gpu': 'torch', 'pytorch-cpu': 'torch', torchvision: 'torchvision', torchaudio: 'torchaudio',
};

function segs(v: string): string[] {
  return v.split('.');
}

function clauseHolds(version: string, c: CondaVersionClause): boolean {
  switch (c.op) {
    case 'any': return true;
    case 'fuzzy': {
      const want = segs(c.version);
      return want.every((s, i) => segs(version)[i] === s || (segs(version)[i] === undefined && s === '0'));
    }
    case '==': return compareVersions(version, c.version) === 0;
    case '!=': return compareVersions(version, c.version) !== 0;
    case '<': return compareVersions(version, c.version) < 0;
    case '<=': return compareVersions(version, c.version) <= 0;
    case '>': return compareVersions(version, c.version) > 0;
    case '>=': return compareVersions(version, c.version) >= 0;
    case '~=': return compareVersions(version, c.version) >= 0 && clauseHolds(version, { op: 'fuzzy', version: segs(c.version).slice(0, -1).join('.') });
  }
  return false;
}

export function condaVersionMatches(version: string, spec: CondaSpec): boolean {
  if (!spec.clauses || !spec.clauses.length) return true;
  return spec.clauses.some((and) => and.every((c) => clauseHolds(version, c)));
}

/** Channel list in priority order: the file's channels, then `defaults` unless `nodefaults`. */
export function channelOrder(channels: readonly string[]): string[] {
  const out = channels.filter((c) => c !== 'nodefaults');
  if (!channels.includes('nodefaults') && !out.includes('defaults')) out.push('defaults');
  return out;
}

function channelName(c: string): string {
  return c.replace(/\/+$/, '').split('/').pop()?.toLowerCase() ?? c;
}

/** The channel strict priority takes pytorch from, or null when an unknown channel comes first. */
function pytorchChannel(spec: CondaSpec, channels: readonly string[]): { channel: string | null; unknownFirst: string | null } {
  if (spec.channel) return { channel: channelName(spec.channel), unknownFirst: null };
  for (const c of channels) {
    const n = channelName(c);
    if (HAS_PYTORCH.has(n)) return { channel: n, unknownFirst: null };
    if (!NO_PYTORCH.has(n)) return { channel: null, unknownFirst: c };
  }
  return { channel: null, unknownFirst: null };
}

function conda(deps: readonly CondaSpec[], name: string): CondaSpec | null {
  return deps.find((d) => d.name === name) ?? null;
}

/** The build variant the pytorch channel's metapackages select (pytorch-cuda, cudatoolkit, cpuonly). */
function pytorchChannelVariant(deps: readonly CondaSpec[], machine: Machine | null): string | null {
  if (machine?.platform === 'darwin') return 'cpu';
  for (const d of deps) {
    const v = condaSpecVariant(d.name, d.version);
    if (v) return v;
  }
  return null;
}

/** conda-forge: pytorch-cpu / *cpu* builds are CPU; pytorch-gpu / *cuda* builds (or any build where __cuda exists) CUDA. */
function condaForgeVariant(spec: CondaSpec, deps: readonly CondaSpec[], machine: Machine | null): string | null {
  if (machine?.platform === 'darwin' || spec.name === 'pytorch-cpu' || /cpu/i.test(spec.build ?? '')) return 'cpu';
  const cuda = spec.name === 'pytorch-gpu' || /cuda/i.test(spec.build ?? '') || (!!machine && hasNvidiaGpu(machine));
  if (!cuda) return machine ? 'cpu' : null;
  const cv = conda(deps, 'cuda-version');
  const m = cv?.version ? /^(?:==?)?\s*(\d+\.\d+)/.exec(cv.version) : null;
  return m ? cudaToVariant(m[1]) : null;
}

function familyVersion(r: TorchRelease, pkg: 'torch' | 'torchvision' | 'torchaudio'): string | null {
  return pkg === 'torch' ? r.torch : r[pkg];
}

/** Resolve the conda torch family of an environment.yml (or a pixi environment's conda dependencies). */
export function resolveConda(deps: readonly CondaSpec[], channels: readonly string[], machine: Machine | null, t: Target, unknown: Text[]): PackageOutcome[] {
  const out: PackageOutcome[] = [];
  const order = channelOrder(channels);
  const torchSpec = deps.find((d) => CONDA_FAMILY[d.name] === 'torch') ?? null;
  for (const spec of deps) {
    const pkg = CONDA_FAMILY[spec.name];
    if (!pkg) continue;
    const { channel, unknownFirst } = pytorchChannel(torchSpec ?? spec, order);
    const base = { name: spec.name, site: { span: spec.span }, unknown: false };
    if (!channel) {
      const why = unknownFirst
        ? msg('{0} would come from the channel {1}, whose packages the knowledge does not know.', spec.name, unknownFirst)
        : msg('No channel in this file publishes {0}.', spec.name);
      unknown.push(why);
      out.push({ ...base, chosen: null, candidates: [], unknown: true, why });
      continue;
    }
    const variant = channel === 'pytorch' ? pytorchChannelVariant(deps, machine)
      : channel === 'conda-forge' ? condaForgeVariant(torchSpec ?? spec, deps, machine) : null;
    const source = { kind: 'conda' as const, url: channel };
    const candidates: Candidate[] = [];
    for (const r of releasesNewestFirst()) {
      const v = familyVersion(r, pkg);
      if (!v || !pythonFits(r, t.python) || !condaVersionMatches(v, spec)) continue;
      if (channel === 'pytorch' && r.conda?.channel !== 'pytorch') continue;
      if (channel === 'pytorch' && variant && variant !== 'cpu' && r.conda && !r.conda.pytorchCuda.some((c) => cudaToVariant(c) === variant)) continue;
      candidates.push({ version: v, variant, source, torch: r.torch });
    }
    const exact = spec.clauses?.length === 1 && spec.clauses[0].length === 1 && ['==', 'fuzzy'].includes(spec.clauses[0][0].op) ? spec.clauses[0][0].version : null;
    if (!candidates.length && exact && pkg === 'torch' && compareVersions(exact, releasesNewestFirst().at(-1)?.torch ?? '0') < 0) {
      // Older than the knowledge: the version and the CUDA build the file names are still facts.
      const cand: Candidate = { version: exact, variant, source, torch: exact };
      const why = msg('{0} {1} is older than the knowledge; only its CUDA build ({2}) is judged.', spec.name, exact, variant ?? '?');
      out.push({ ...base, chosen: cand, candidates: [cand], unknown: variant === null, why });
      continue;
    }
    const chosen = candidates[0] ?? null;
    const why = chosen
      ? msg('{0} {1} from the {2} channel (strict channel priority: the first channel that has it), {3} build.', spec.name, chosen.version, channel, variant ?? '?')
      : msg('No {0} build on the {1} channel satisfies {2} for this machine.', spec.name, channel, spec.version ?? '*');
    if (chosen && !variant) unknown.push(msg('Which build of {0} conda picks (CPU or which CUDA) is not fixed by the file.', spec.name));
    out.push({ ...base, chosen, candidates, why, unknown: !chosen && channel !== 'pytorch' });
  }
  return out;
}

/** The python= pin of a conda environment ("3.8"), when it names one minor version. */
export function condaPython(deps: readonly CondaSpec[]): string | null {
  const p = conda(deps, 'python');
  const m = p?.version ? /^(?:==?)?\s*(\d+\.\d+)(?:\.\d+|\.\*|\*)?$/.exec(p.version.trim()) : null;
  return m ? m[1] : null;
}

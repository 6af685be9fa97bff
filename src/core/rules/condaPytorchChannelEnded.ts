// conda-pytorch-channel-ended: PyTorch stopped publishing to the `pytorch` conda channel after 2.5.1
// (pytorch/pytorch#138506). Versions after that were never there (error); older ones still install
// but the route is frozen (warning). The preferred fix moves torch to pip with the right PyTorch
// index; the conda-forge route is offered beside it.
import { Codes } from '../../constants';
import type { CondaSpec } from '../conda/types';
import type { Finding, Fix, TextEdit } from '../finding';
import { fixTitle } from '../finding';
import { msg } from '../l10n';
import { compareVersions } from '../knowledge/cuda';
import { bestVariant, hasNvidiaGpu } from '../knowledge/fit';
import { recommend } from '../knowledge/recommend';
import { CONDA_CHANNEL, newestWithVariant, torchRelease, type TorchRelease } from '../knowledge/torch';
import { condaSpecVariant, indexUrlFor } from '../knowledge/variants';
import { at, type RuleContext, type RuleModule } from './context';
import { addPipEntries, entryLine } from './condaEdits';
import { edit } from './edits';
import { condaForgeFix } from '../fixes/condaForge';

// Packages of the pytorch channel's build family: they exist only there, so they leave with it.
const MOVED = new Set(['pytorch', 'torchvision', 'torchaudio', 'pytorch-cuda', 'cpuonly', 'pytorch-mutex', 'torchtriton']);

function pinnedVersion(spec: CondaSpec): string | null {
  const m = spec.version ? /^(?:==?)?\s*(\d+\.\d+(?:\.\d+)?)(?:\.\*|\*)?$/.exec(spec.version.trim()) : null;
  return m ? m[1] : null;
}

export function condaPytorchChannelEnded(ctx: RuleContext): Finding[] {
  const { model, machine } = ctx;
  const env = model.env;
  if (!env) return [];
  const channelListed = env.channels.some((c) => c.value.trim().toLowerCase() === 'pytorch');
  const pt = env.dependencies.find((d) => d.name === 'pytorch'
    && ((d.channel ?? '').toLowerCase() === 'pytorch' || (channelListed && !d.channel)));
  if (!pt) return [];
  const last = CONDA_CHANNEL.lastRelease;
  const version = pinnedVersion(pt);
  const never = version !== null && compareVersions(version, last) > 0;

  // Target: the pinned version (or the newest with the variant the file asked for), best variant for the machine.
  const asked = env.dependencies.map((d) => condaSpecVariant(d.name, d.version)).find((v) => v !== null) ?? null;
  let rel: TorchRelease | null = version ? torchRelease(version) : null;
  let variant: string | null = null;
  if (machine?.platform === 'darwin') {
    variant = rel ? 'cpu' : null;
  } else if (machine && hasNvidiaGpu(machine) && machine.gpu.driver) {
    // Driver known: the best variant here. Driver unknown: the branches below keep the file's own variant.
    variant = rel ? bestVariant(rel.torch, machine)?.variant ?? null : null;
    if (!variant && (rel || !version)) {
      // Nothing of the pinned version runs here (or torch is unpinned): the recommended release.
      const rec = recommend(machine);
      rel = rec ? torchRelease(rec.torch) : null;
      variant = rec?.variant ?? null;
    }
  } else if (rel) {
    variant = asked && rel.variants?.includes(asked) ? asked : null;
  } else if (!version && asked) {
    rel = newestWithVariant(asked, { verifiedOnly: true });
    variant = rel ? asked : null;
  }

  let fixes: Fix[] = [];
  if (rel && variant) {
    const edits: TextEdit[] = [];
    let ok = true;
    for (const d of env.dependencies) {
      if (!MOVED.has(d.name)) continue;
      const line = entryLine(env.text, d.span);
      if (!line) { ok = false; break; }
      edits.push(edit(line, ''));
    }
    for (const c of env.channels) {
      if (c.value.trim().toLowerCase() !== 'pytorch') continue;
      const line = entryLine(env.text, c.span);
      if (line) edits.push(edit(line, ''));
    }
    const moved = new Set(env.dependencies.map((d) => d.name));
    // macOS: PyPI's wheels are the CPU/MPS build; no PyTorch index needed.
    const pip = machine?.platform === 'darwin' ? [`torch==${rel.torch}`] : [`--extra-index-url ${indexUrlFor(variant)}`, `torch==${rel.torch}`];
    if (moved.has('torchvision') && rel.torchvision) pip.push(`torchvision==${rel.torchvision}`);
    if (moved.has('torchaudio') && rel.torchaudio) pip.push(`torchaudio==${rel.torchaudio}`);
    const add = addPipEntries(env, pip);
    if (ok && add) {
      // Insertions placed where a deleted line ends must not be swallowed: they are zero-width edits.
      for (const x of add) edits.push(x);
      const title = machine?.platform === 'darwin' ? msg('Install torch {0} with pip', rel.torch) : msg('Install torch {0} with pip from the {1} index', rel.torch, variant);
      fixes = [{ ...fixTitle(title), preferred: true, edits }];
    }
  }
  const forge = condaForgeFix(env);
  if (forge) fixes = [...fixes, forge];
  return [at(Codes.condaPytorchChannelEnded, never ? 'error' : 'warning',
    never
      ? msg('pytorch {0} was never published on the pytorch conda channel: its last release there is {1}. Install torch with pip from the PyTorch index (or use conda-forge).', version as string, last)
      : msg('The pytorch conda channel stopped at {0} and gets no new releases: install torch with pip from the PyTorch index (or use conda-forge).', last),
    { span: pt.span }, fixes)];
}

export const condaPytorchChannelEndedRule: RuleModule = {
  code: Codes.condaPytorchChannelEnded,
  kind: 'environment',
  description: 'The pytorch conda channel ended at 2.5.1.',
  check: condaPytorchChannelEnded,
};

// The conda-forge route off the ended `pytorch` channel: the channel entry becomes conda-forge, the
// torch family keeps its versions (without the pytorch channel's prefixes and build strings), the
// pytorch-cuda metapackage becomes conda-forge's `cuda-version` pin, and what exists only on the
// pytorch channel (pytorch-mutex, torchtriton, cpuonly) goes. Which versions conda-forge builds is not
// in the bundled data, so this fix is offered unverified and its title says so.
import type { CondaEnvironment, CondaSpec } from '../conda/types';
import type { Fix, TextEdit } from '../finding';
import { fixTitle } from '../finding';
import { msg } from '../l10n';
import { entryLine } from '../rules/condaEdits';
import { edit } from '../rules/edits';

const FAMILY: ReadonlySet<string> = new Set(['pytorch', 'torchvision', 'torchaudio']);
const ONLY_ON_PYTORCH: ReadonlySet<string> = new Set(['pytorch-mutex', 'torchtriton', 'cpuonly']);

function withoutChannelPin(d: CondaSpec): string {
  if (!d.version) return d.name;
  const v = d.version.trim();
  return `${d.name}${/^[<>=!~]/.test(v) ? v : `=${v}`}`;
}

/** The conda-forge route for `env`, or null when an entry cannot be edited in place (flow style, shared lines). */
export function condaForgeFix(env: CondaEnvironment): Fix | null {
  const edits: TextEdit[] = [];
  const hasForge = env.channels.some((c) => c.value.trim().toLowerCase() === 'conda-forge');
  for (const c of env.channels) {
    if (c.value.trim().toLowerCase() !== 'pytorch') continue;
    if (hasForge) {
      const line = entryLine(env.text, c.span);
      if (!line) return null;
      edits.push(edit(line, ''));
    } else {
      edits.push(edit(c.span, 'conda-forge'));
    }
  }
  let cuda: string | null = null;
  for (const d of env.dependencies) {
    if (FAMILY.has(d.name)) {
      const next = withoutChannelPin(d);
      if (next !== d.raw.trim()) edits.push(edit(d.span, next));
    } else if (d.name === 'pytorch-cuda') {
      cuda = d.version?.replace(/^=+/, '').trim() || null;
      if (cuda) edits.push(edit(d.span, `cuda-version=${cuda}`));
      else {
        const line = entryLine(env.text, d.span);
        if (!line) return null;
        edits.push(edit(line, ''));
      }
    } else if (ONLY_ON_PYTORCH.has(d.name)) {
      const line = entryLine(env.text, d.span);
      if (!line) return null;
      edits.push(edit(line, ''));
    }
  }
  if (!edits.length) return null;
  const title = msg('Install torch from conda-forge instead (whether conda-forge builds these versions is not checked)');
  return { ...fixTitle(title), preferred: false, edits, verified: false };
}

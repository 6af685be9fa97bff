// conda-pip-option-outside-pip: a pip option (--extra-index-url, -r, -e) written as a conda
// dependency. conda rejects it as a package spec; it belongs in the pip: block.
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { fixTitle } from '../finding';
import { msg } from '../l10n';
import { at, type RuleContext, type RuleModule } from './context';
import { addPipEntries, entryLine } from './condaEdits';
import { edit } from './edits';

export function condaPipOptionOutsidePip(ctx: RuleContext): Finding[] {
  const env = ctx.model.env;
  if (!env) return [];
  const out: Finding[] = [];
  for (const e of env.pipOptionsOutsidePip) {
    const line = entryLine(env.text, e.span);
    const add = line ? addPipEntries(env, [e.text]) : null;
    const fix = line && add
      ? [{ ...fixTitle(msg('Move into the pip: block')), preferred: true, edits: [edit(line, ''), ...add] }]
      : [];
    out.push(at(Codes.condaPipOptionOutsidePip, 'error',
      msg('"{0}" is a pip option, not a conda package: move it into the pip: block.', e.text), { span: e.span }, fix));
  }
  return out;
}

export const condaPipOptionOutsidePipRule: RuleModule = {
  code: Codes.condaPipOptionOutsidePip,
  kind: 'environment',
  description: 'A pip option written as a conda dependency instead of inside pip:.',
  check: condaPipOptionOutsidePip,
};

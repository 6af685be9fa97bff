// conda-pip-missing: a `pip:` block without `pip` in the dependencies. conda then uses whatever pip
// is on PATH (often the base environment's), installing the packages into the wrong environment.
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { fixTitle } from '../finding';
import { msg } from '../l10n';
import { at, type RuleContext, type RuleModule } from './context';
import { edit, eolOf, lineStartAt } from './edits';

export function condaPipMissing(ctx: RuleContext): Finding[] {
  const env = ctx.model.env;
  if (!env?.pip || env.dependencies.some((d) => d.name === 'pip')) return [];
  const text = env.text;
  const s = lineStartAt(text, env.pip.keySpan.start);
  const prefix = text.slice(s, env.pip.keySpan.start);
  const fix = /^\s*-\s*$/.test(prefix)
    ? [{ ...fixTitle(msg('Add pip to the dependencies')), preferred: true, edits: [edit({ start: s, end: s }, `${prefix}pip${eolOf(text)}`)] }]
    : [];
  return [at(Codes.condaPipMissing, 'warning',
    msg('The pip: block needs `pip` in the dependencies; without it conda runs whatever pip is on PATH and the packages can land outside this environment.'),
    { span: env.pip.keySpan }, fix)];
}

export const condaPipMissingRule: RuleModule = {
  code: Codes.condaPipMissing,
  kind: 'environment',
  description: 'A pip: block without pip in the dependencies.',
  check: condaPipMissing,
};

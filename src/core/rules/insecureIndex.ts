// insecure-index: a package index over plain http:// (packages can be swapped in transit).
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { fixTitle } from '../finding';
import { msg } from '../l10n';
import { at, type RuleContext, type RuleModule } from './context';
import { edit } from './edits';

export function insecureIndex(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const ix of ctx.model.indexes) {
    const m = /^http:\/\/([^/:?#]+)/i.exec(ix.url);
    if (!m || /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(m[1])) continue;
    const written = ix.file ? null : ctx.model.text.slice(ix.urlSpan.start, ix.urlSpan.start + 5).toLowerCase();
    out.push(at(Codes.insecureIndex, 'warning',
      msg('{0} is fetched over plain http: packages can be tampered with in transit; use https.', ix.url),
      { span: ix.urlSpan, file: ix.file },
      written === 'http:'
        ? [{ ...fixTitle(msg('Use https')), preferred: true, edits: [edit({ start: ix.urlSpan.start, end: ix.urlSpan.start + 4 }, 'https')] }]
        : []));
  }
  return out;
}

export const insecureIndexRule: RuleModule = {
  code: Codes.insecureIndex,
  kind: 'environment',
  description: 'A package index over plain http://.',
  check: insecureIndex,
};

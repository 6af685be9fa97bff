// index-url-replaces-pypi: `--index-url` points at the PyTorch index while other packages are
// required; --index-url replaces PyPI, so packages the PyTorch index does not carry will not resolve.
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { fixTitle } from '../finding';
import { msg } from '../l10n';
import { at, type RuleContext, type RuleModule } from './context';
import { edit } from './edits';

// torch's own dependencies: the PyTorch indexes carry them so that the official
// `pip install torch --index-url …` commands work.
const SERVED = new Set(['numpy', 'pillow', 'filelock', 'typing-extensions', 'sympy', 'networkx', 'jinja2', 'fsspec',
  'mpmath', 'markupsafe', 'setuptools', 'triton', 'pytorch-triton', 'pytorch-triton-rocm', 'pytorch-triton-xpu']);

export function indexUrlReplacesPypi(ctx: RuleContext): Finding[] {
  const { model } = ctx;
  const foreign = model.others.filter((o) => !SERVED.has(o.name) && !o.name.startsWith('nvidia-') && !o.req.url);
  if (!foreign.length) return [];
  const out: Finding[] = [];
  for (const ix of model.indexes) {
    if (ix.kind !== 'index-url' || !ix.parsed || (!ix.parsed.variant && !ix.parsed.official)) continue;
    const names = foreign.slice(0, 3).map((o) => o.name).join(', ') + (foreign.length > 3 ? ', …' : '');
    const fix = ix.nameSpan
      ? [{ ...fixTitle(msg('Use --extra-index-url (keep PyPI)')), preferred: true, edits: [edit(ix.nameSpan, '--extra-index-url', ix.file)] }]
      : [];
    out.push(at(Codes.indexUrlReplacesPypi, 'warning',
      msg('--index-url replaces PyPI with the PyTorch index, which does not carry the other packages here ({0}); use --extra-index-url.', names),
      { span: ix.nameSpan ?? ix.urlSpan, file: ix.file }, fix));
  }
  return out;
}

export const indexUrlReplacesPypiRule: RuleModule = {
  code: Codes.indexUrlReplacesPypi,
  kind: 'environment',
  description: '--index-url points at the PyTorch index while other packages need PyPI.',
  check: indexUrlReplacesPypi,
};

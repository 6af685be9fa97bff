// macos-cuda-index: a CUDA/ROCm index or +cuXXX pin on a macOS machine. There are no CUDA wheels for
// macOS: pip finds nothing there (falls back to the PyPI CPU/MPS build, or fails for a +cu pin).
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { msg } from '../l10n';
import { variantKind } from '../knowledge/variants';
import { at, type RuleContext, type RuleModule } from './context';

export function macosCudaIndex(ctx: RuleContext): Finding[] {
  const { model, machine, res } = ctx;
  if (machine?.platform !== 'darwin') return [];
  const out: Finding[] = [];
  for (const ix of model.indexes) {
    // uv indexes apply through tool.uv.sources (often with platform markers): only the one torch uses here.
    if (ix.kind === 'uv-index' && !res.torchIndexes.includes(ix)) continue;
    const v = ix.parsed?.variant;
    if (!v || (variantKind(v) !== 'cuda' && variantKind(v) !== 'rocm')) continue;
    // An extra index only adds: without a +cu/+rocm pin, pip takes the public macOS build from PyPI.
    if (ix.kind === 'extra-index-url' && !model.torch.some((t) => t.local && variantKind(t.local) !== 'cpu')) continue;
    out.push(at(Codes.macosCudaIndex, 'warning',
      msg('There are no {0} wheels for macOS: on a Mac pip installs the PyPI CPU/MPS build instead (or fails for a +{0} pin).', v),
      { span: ix.urlSpan, file: ix.file }));
  }
  for (const t of model.torch) {
    if (!t.local || !t.versionSpan || (variantKind(t.local) !== 'cuda' && variantKind(t.local) !== 'rocm')) continue;
    out.push(at(Codes.macosCudaIndex, 'warning',
      msg('{0}=={1} cannot install on macOS: there are no {2} wheels for macOS.', t.pkg, t.exact ?? '', t.local),
      { span: t.versionSpan, file: t.file }));
  }
  // conda: the CUDA metapackages have no macOS builds, so the environment does not solve on a Mac.
  for (const d of model.condaTorch) {
    if (d.name !== 'pytorch-cuda' && d.name !== 'cudatoolkit') continue;
    out.push(at(Codes.macosCudaIndex, 'warning',
      msg('{0} has no macOS builds: conda cannot create this environment on a Mac (remove it, or keep it in a Linux/Windows-only environment file).', d.name),
      { span: d.span }));
  }
  return out;
}

export const macosCudaIndexRule: RuleModule = {
  code: Codes.macosCudaIndex,
  kind: 'environment',
  description: 'A CUDA index or pin on macOS, where no CUDA wheels exist.',
  check: macosCudaIndex,
};

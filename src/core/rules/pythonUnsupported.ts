// python-unsupported: the project's Python (environment.yml python=, pyproject requires-python, the
// active interpreter or --python) is outside the pinned torch version's supported range.
import { Codes } from '../../constants';
import type { Finding } from '../finding';
import { msg } from '../l10n';
import { pythonSupport, torchRelease } from '../knowledge/torch';
import { at, type RuleContext, type RuleModule } from './context';

/** "3.8" from "3.8", "=3.8", "==3.8.*", "3.8.10"; the lower bound "3.8" from ">=3.8" (requires-python). */
function declaredPython(value: string, source: 'environment' | 'requires-python'): string | null {
  const v = value.trim();
  if (source === 'environment') {
    const m = /^(?:==?)?\s*(\d+)\.(\d+)(?:\.\d+|\.\*|\*)?$/.exec(v);
    return m ? `${m[1]}.${m[2]}` : null;
  }
  const m = /(?:>=|~=|==)\s*(\d+)\.(\d+)/.exec(v);
  return m ? `${m[1]}.${m[2]}` : null;
}

export function pythonUnsupported(ctx: RuleContext): Finding[] {
  const { model, machine, res } = ctx;
  if (!res.pinned || !res.version || !res.torch) return [];
  const rel = torchRelease(res.version);
  if (!rel?.python?.min || !rel.python.max) return [];
  const range = `${rel.python.min}–${rel.python.max}`;
  const out: Finding[] = [];
  if (model.python) {
    const py = declaredPython(model.python.value, model.python.source);
    const s = py ? pythonSupport(rel.torch, py) : 'unknown';
    if (s === 'too-old' || s === 'too-new') {
      out.push(at(Codes.pythonUnsupported, 'error',
        model.python.source === 'environment'
          ? msg('Python {0} has no torch {1} wheels (supported: Python {2}).', py as string, rel.torch, range)
          : msg('requires-python allows Python {0}, but torch {1} has wheels for Python {2} only.', py as string, rel.torch, range),
        { span: model.python.span }));
    }
  }
  // An environment.yml creates its own Python: the active interpreter says nothing about it.
  if (machine?.python && !out.length && !(model.kind === 'environment' && model.python)) {
    const s = pythonSupport(rel.torch, machine.python);
    if (s === 'too-old' || s === 'too-new') {
      out.push(at(Codes.pythonUnsupported, 'error',
        msg('The Python here is {0}, but torch {1} has wheels for Python {2} only.', machine.python, rel.torch, range),
        { span: res.torch.req.span, file: res.torch.file }));
    }
  }
  return out;
}

export const pythonUnsupportedRule: RuleModule = {
  code: Codes.pythonUnsupported,
  kind: 'environment',
  description: 'The project\'s Python is outside the torch version\'s supported range.',
  check: pythonUnsupported,
};

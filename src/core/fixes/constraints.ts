// Constraints a project states, which a fix may not rewrite unless its finding is about them: the
// Python it promises (requires-python, an environment's python= pin) and a library's torch range in
// pyproject.toml (a range there is a promise to users, not a lock: it is never turned into a pin).
import type { Code } from '../../constants';
import type { ProjectModel } from '../rules/model';
import type { Span } from '../text';

export interface StatedConstraint {
  span: Span;
  /** What the constraint says, for messages ("requires-python", "torch>=2.0"). */
  label: string;
  /** Findings about this constraint, whose fixes may change it. */
  about: readonly Code[];
}

export function statedConstraints(model: ProjectModel): StatedConstraint[] {
  const out: StatedConstraint[] = [];
  if (model.python) {
    out.push({ span: model.python.span, label: model.python.source === 'requires-python' ? 'requires-python' : 'python', about: ['python-unsupported'] });
  }
  if (model.kind === 'pyproject') {
    for (const t of model.torch) {
      if (t.file || t.exact || !t.req.specifierSpan) continue;
      out.push({ span: t.req.specifierSpan, label: model.text.slice(t.req.span.start, t.req.span.end), about: [] });
    }
  }
  return out;
}

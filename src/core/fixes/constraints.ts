// Constraints a project states, which a fix may not rewrite unless its finding is about them: the
// Python it promises (requires-python, an environment's python= pin), a library's torch range in
// pyproject.toml (a promise to users, not a lock: never turned into a pin) and an application's torch
// range (widened only by an alternative fix, never by the preferred one).
import type { Code } from '../../constants';
import type { ProjectModel } from '../rules/model';
import { satisfiesSafe } from '../rules/resolve';
import type { Span } from '../text';

export interface StatedConstraint {
  span: Span;
  /** What the constraint says, for messages ("requires-python", "torch>=2.0"). */
  label: string;
  /** Findings about this constraint, whose fixes may change it. */
  about: readonly Code[];
  /**
   * An application's torch range (requirements file, environment pip block): a fix may widen it, but
   * only as an alternative, never the preferred fix. Otherwise the edit is dropped or the fix refused.
   */
  widenOnly?: boolean;
  /** The range as written (">=2.0,<2.5"), for telling a pin inside it from a widening. */
  spec?: string;
}

/** True when `newText` (an edit of a range) pins a version the range `spec` allows: a narrowing. */
export function staysWithin(newText: string, spec: string): boolean {
  const m = /^\s*===?\s*([0-9][^\s,;#]*)\s*$/.exec(newText);
  return !!m && satisfiesSafe(m[1].split('+')[0], spec);
}

export function statedConstraints(model: ProjectModel): StatedConstraint[] {
  const out: StatedConstraint[] = [];
  if (model.python) {
    out.push({ span: model.python.span, label: model.python.source === 'requires-python' ? 'requires-python' : 'python', about: ['python-unsupported'] });
  }
  for (const t of model.torch) {
    if (t.file || t.exact) continue;
    const label = model.text.slice(t.req.span.start, t.req.span.end);
    // In pyproject an unpinned family line is a promise too ("any torch"): no pin is written into it.
    if (model.kind === 'pyproject') out.push({ span: t.req.span, label, about: [] });
    else if (t.req.specifierSpan) out.push({ span: t.req.specifierSpan, label, about: [], widenOnly: true, spec: t.req.specifier });
  }
  return out;
}

// The environment rules' preferred fixes applied to one file's text (create-env shows the result as a
// diff before it writes that one file). Planned by the same planner as fix-all; a fix is applied whole
// or not at all, so one that also needs an edit in another file (an include) is left out here.
import type { Finding } from '../finding';
import { RULE_CODES } from '../rules/index';
import { applyEdits } from './apply';
import { fixEdits, planFixAll, preferredIndex } from './plan';

function onlyIn(f: Finding, file: string): boolean {
  const i = preferredIndex(f.fixes);
  return i >= 0 && fixEdits(f.fixes[i], f, file).every((e) => e.file === file);
}

/** The text of `file` with the environment rules' preferred fixes applied, or null when none changes it. */
export function fixedText(text: string, findings: readonly Finding[], file: string): string | null {
  const plan = planFixAll(findings.filter((f) => RULE_CODES.has(f.code) && onlyIn(f, file)), file);
  if (!plan.edits.length) return null;
  const next = applyEdits(text, plan.edits);
  return next === text ? null : next;
}

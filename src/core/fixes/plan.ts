// Fix-all planning without the editor API: pick each finding's preferred fix, keep the fixes whose
// edits do not overlap an edit already taken (identical edits count once), and say which were skipped.
// The editor turns the plan into one WorkspaceEdit; the CLI and create-env apply it with applyEdits().
import type { Finding, Fix } from '../finding';
import { ruleMeta } from '../rules/index';
import type { Span } from '../text';

export interface FileEdit {
  /** Absolute path of the file the span belongs to. */
  file: string;
  span: Span;
  newText: string;
}

export interface FixAllPlan {
  /** Edits to apply, grouped by file and sorted by offset; no two overlap. */
  edits: FileEdit[];
  /** Findings whose preferred fix is in the plan. */
  applied: Finding[];
  /** Findings with a preferred fix that was left out because it overlaps another one. */
  skipped: Finding[];
}

/**
 * Index of the fix the editor marks preferred: the first one flagged `preferred`, else the first fix
 * (so a finding with fixes has exactly one preferred action), or -1 when there are none or that fix
 * was refused by verification.
 */
export function preferredIndex(fixes: readonly Fix[]): number {
  if (fixes.length === 0) return -1;
  const i = fixes.findIndex((f) => f.preferred);
  const p = i >= 0 ? i : 0;
  // A fix that failed verification is never preferred (nothing applies it unasked).
  return fixes[p].verified === false ? -1 : p;
}

/** The file each edit of `fix` applies to (edit.file, else the finding's file, else the document). */
export function fixEdits(fix: Fix, finding: Finding, documentPath: string): FileEdit[] {
  return fix.edits.map((e) => ({ file: e.file ?? finding.file ?? documentPath, span: e.span, newText: e.newText }));
}

function sameEdit(a: FileEdit, b: FileEdit): boolean {
  return a.file === b.file && a.span.start === b.span.start && a.span.end === b.span.end && a.newText === b.newText;
}

/** True when applying both edits to one text is ambiguous or impossible (VS Code rejects such edits). */
export function editsConflict(a: FileEdit, b: FileEdit): boolean {
  if (a.file !== b.file) return false;
  if (sameEdit(a, b)) return false;
  if (a.span.start === b.span.start) return true; // two insertions (or an insertion and a replacement) at one point
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

/** Plan fix-all over `findings` (in order: earlier findings win a conflict). */
export function planFixAll(findings: readonly Finding[], documentPath: string): FixAllPlan {
  const taken: FileEdit[] = [];
  const applied: Finding[] = [];
  const skipped: Finding[] = [];
  for (const f of findings) {
    const i = preferredIndex(f.fixes);
    if (i < 0) continue;
    const edits = fixEdits(f.fixes[i], f, documentPath);
    if (edits.length === 0) continue;
    const selfConflict = edits.some((e, j) => edits.some((o, k) => k > j && editsConflict(e, o)));
    if (selfConflict || edits.some((e) => taken.some((t) => editsConflict(e, t)))) {
      skipped.push(f);
      continue;
    }
    for (const e of edits) if (!taken.some((t) => sameEdit(t, e))) taken.push(e);
    applied.push(f);
  }
  taken.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start || a.span.end - b.span.end));
  return { edits: taken, applied, skipped };
}

/**
 * Findings whose preferred fix is applied without being asked for by code (`check --fix`, fix-all):
 * not the advisory ones, and not a move off the pytorch conda channel while the file still installs
 * (a warning there: the user asks for it with `--fix=conda-pytorch-channel-ended`).
 */
export function appliesUnasked(f: Finding): boolean {
  if (ruleMeta(f.code)?.kind === 'advisory') return false;
  if (f.code === 'conda-pytorch-channel-ended' && f.severity !== 'error') return false;
  return true;
}

/** The findings a fix run applies: those named by `codes` when given, else those applied unasked. */
export function fixable(findings: readonly Finding[], codes?: ReadonlySet<string> | null): Finding[] {
  return findings.filter((f) => (codes ? codes.has(f.code) : appliesUnasked(f)));
}

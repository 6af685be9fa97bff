// "Fix the torch lines first": the preferred fix of each environment-rule finding, applied to the
// file's text so the user sees a diff before anything is written.
import type { Finding, TextEdit } from '../finding';

/** Codes of the environment rules (the torch/driver/index findings), not syntax or style. */
export const ENV_RULE_CODES = new Set([
  'driver-too-old', 'gpu-arch-unsupported', 'cpu-only-torch', 'torch-index-unknown',
  'torch-variant-unavailable', 'torch-local-version-without-index', 'torch-variant-mismatch',
  'torch-family-version-mismatch', 'index-url-replaces-pypi', 'torch-unpinned-with-extra-index',
  'macos-cuda-index', 'insecure-index', 'conda-pytorch-channel-ended', 'conda-pip-option-outside-pip',
  'conda-pip-missing', 'python-unsupported',
]);

/** Edits of the preferred fixes that target this file, without overlaps (first come, first kept). */
export function preferredEdits(findings: readonly Finding[], file: string): TextEdit[] {
  const out: TextEdit[] = [];
  for (const f of findings) {
    if (!ENV_RULE_CODES.has(f.code) || (f.file && f.file !== file)) continue;
    const fix = f.fixes.find((x) => x.preferred);
    if (!fix) continue;
    const edits = fix.edits.filter((e) => !e.file || e.file === file);
    const overlaps = edits.some((e) => out.some((o) =>
      e.span.start < o.span.end && o.span.start < e.span.end ||
      (e.span.start === e.span.end && e.span.start === o.span.start && o.span.start === o.span.end)));
    if (overlaps) continue;
    const dup = edits.every((e) => out.some((o) =>
      o.span.start === e.span.start && o.span.end === e.span.end && o.newText === e.newText));
    if (dup) continue;
    for (const x of edits) out.push(x);
  }
  return out;
}

/** Applies non-overlapping edits (any order) to the text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let result = text;
  for (const e of sorted) result = result.slice(0, e.span.start) + e.newText + result.slice(e.span.end);
  return result;
}

/** The fixed text, or null when no preferred fix applies. */
export function fixedText(text: string, findings: readonly Finding[], file: string): string | null {
  const edits = preferredEdits(findings, file);
  if (!edits.length) return null;
  const next = applyEdits(text, edits);
  return next === text ? null : next;
}

// Applying planned edits to a file's text (the CLI's --fix, create-env's preview, tests); the editor
// applies the same plan as a WorkspaceEdit instead.
import type { Span } from '../text';

/** Apply non-overlapping edits (of one file, any order) to its text. */
export function applyEdits(text: string, edits: readonly { span: Span; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

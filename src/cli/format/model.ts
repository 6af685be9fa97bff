// What `check` hands to a formatter: every file checked, with its findings regrouped so that each span
// belongs to the file it is listed under, and a line index per file to turn offsets into positions.
import type { Finding } from '../../core/finding';
import type { Machine } from '../../core/machine';
import type { LineIndex, Range } from '../../core/text';

export interface ReportFile {
  /** Path as printed: relative to the current folder when inside it, else absolute ('/' separators). */
  path: string;
  absPath: string;
  index: LineIndex;
  findings: Finding[];
  /** Number of findings fixed in place by --fix (absent without --fix). */
  fixed?: number;
  /** Why --fix left this file alone (outside the checked paths, an encoding it cannot write back). */
  notFixed?: string;
}

export interface Report {
  files: ReportFile[];
  /** The machine the files were judged against, or null when none is known (--no-detect, no flags). */
  machine: Machine | null;
  /** Line index of any file an edit may target (edits can point into an included file). */
  indexOf(absPath: string): LineIndex | null;
  /** Printed path of any file. */
  displayPath(absPath: string): string;
}

export function rangeOf(index: LineIndex, span: { start: number; end: number }): Range {
  return index.rangeOf(span);
}

/** Count of findings per severity over the whole report. */
export function tally(report: Report): { error: number; warning: number; information: number; hint: number } {
  const t = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of report.files) for (const x of f.findings) t[x.severity]++;
  return t;
}

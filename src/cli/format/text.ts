// Text output: one line per finding, `path:line:col severity code message` (1-based line and column),
// the form editors and CI log viewers turn into links.
import type { Report } from './model';

export function formatText(report: Report): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      const p = file.index.positionAt(f.span.start);
      lines.push(`${file.path}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.code} ${oneLine(f.message)}`);
    }
  }
  return lines.join('\n');
}

/** A message on one line (a finding's message never spans lines in the output). */
export function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ').trim();
}

// Text output: one line per finding, `path:line:col severity code message` (1-based line and column),
// the form editors and CI log viewers turn into links. Control characters from a file (ANSI escapes,
// NUL, a lone CR) are written visibly, never raw to the terminal.
import { escapeControls } from '../../core/text';
import type { Report } from './model';
import { LineSink } from './stream';

function* lines(report: Report): Generator<string> {
  for (const file of report.files) {
    const shown = escapeControls(file.path);
    for (const f of file.findings) {
      const p = file.index.positionAt(f.span.start);
      yield `${shown}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.code} ${escapeControls(oneLine(f.message))}`;
    }
  }
}

export function formatText(report: Report): string {
  return [...lines(report)].join('\n');
}

/** formatText written in blocks; nothing at all when there are no findings. */
export function writeText(report: Report, out: (text: string) => void): void {
  const sink = new LineSink(out);
  for (const line of lines(report)) sink.push(line + '\n');
  sink.end();
}

/** A message on one line (a finding's message never spans lines in the output). */
export function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ').trim();
}

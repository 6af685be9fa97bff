// environment.yml edits: delete a dependency line, add entries to the pip: block (creating it, and
// the `pip` dependency, when missing), keeping the file's own indentation and line breaks.
import type { CondaEnvironment } from '../conda/types';
import type { TextEdit } from '../finding';
import type { Span } from '../text';
import { edit, eolOf, lineEndAfterBreak, lineStartAt } from './edits';

/** The whole line of a block-sequence entry ("  - pytorch=2.1"), or null for flow style / shared lines. */
export function entryLine(text: string, span: Span): Span | null {
  const s = lineStartAt(text, span.start);
  if (!/^\s*-\s*["']?$/.test(text.slice(s, span.start))) return null;
  const e = lineEndAfterBreak(text, span.end);
  const rest = text.slice(span.end, e).replace(/\r?\n$/, '');
  if (!/^["']?\s*(#.*)?$/.test(rest)) return null;
  return { start: s, end: e };
}

/** Edits that add `entries` to the pip block (first position), creating block and `- pip` when needed. */
export function addPipEntries(env: CondaEnvironment, entries: string[]): TextEdit[] | null {
  const text = env.text;
  const eol = eolOf(text);
  if (env.pip && env.pip.entries.length) {
    const first = env.pip.entries[0];
    const s = lineStartAt(text, first.span.start);
    const prefix = text.slice(s, first.span.start).replace(/["']$/, '');
    if (!/^\s*-\s*$/.test(prefix)) return null;
    return [edit({ start: s, end: s }, entries.map((e) => `${prefix}${e}${eol}`).join(''))];
  }
  if (env.pip) return null;
  const last = env.dependencies[env.dependencies.length - 1];
  if (!last) return null;
  const line = entryLine(text, last.span);
  if (!line) return null;
  const prefix = text.slice(line.start, last.span.start).replace(/["']$/, '');
  const indent = /^\s*/.exec(prefix)?.[0] ?? '';
  const hasPip = env.dependencies.some((d) => d.name === 'pip');
  const needsBreak = line.end === text.length && !/[\r\n]$/.test(text);
  const block = `${needsBreak ? eol : ''}${hasPip ? '' : `${prefix}pip${eol}`}${prefix}pip:${eol}`
    + entries.map((e) => `${indent}    - ${e}${eol}`).join('');
  return [edit({ start: line.end, end: line.end }, block)];
}

// When two findings are the same problem: same code, same file, same span, same message. An include read
// by two checked files is analysed twice; the editor, the report and the CLI show its findings once.
import type { Finding } from './finding';

/** The identity of a finding in `file` (a comparable path key, or the document's URI text). */
export function findingIdentity(f: Pick<Finding, 'code' | 'span' | 'message'>, file: string): string {
  return JSON.stringify([f.code, file, f.span.start, f.span.end, f.message]);
}

/** `items` without repeats, first occurrence kept, order kept. */
export function uniqueBy<T>(items: Iterable<T>, identity: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const x of items) {
    const id = identity(x);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(x);
  }
  return out;
}

// Streaming conda/pip output (src/core/conda/stream.ts): lines plus the bounded tail kept for error lines,
// fed in 64 KiB chunks as a pipe delivers them. Against the former approach (re-split the unfinished text
// with each chunk, keep all output) on the same input, in the same run; > 1 means we are faster.
// Inputs: 10 MB on one line (the case that took seconds), and 10 MB of ordinary 80-character lines.
// Run alone: node --import tsx bench/condaOutput.ts [--json]
import { performance } from 'node:perf_hooks';
import { LineSplitter, TextTail } from '../src/core/conda/stream';

const CHUNK = 64 * 1024;

function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK) out.push(text.slice(i, i + CHUNK));
  return out;
}

function ours(parts: string[]): number {
  let lines = 0;
  const split = new LineSplitter(() => lines++);
  const tail = new TextTail();
  for (const c of parts) {
    tail.push(c);
    split.push(c);
  }
  split.flush();
  return lines + tail.value().length * 0;
}

/** The former LineSplitter: the rest plus each chunk re-split; all output kept. */
function former(parts: string[]): number {
  let lines = 0;
  const emit = () => lines++;
  let rest = '';
  let all = '';
  for (const c of parts) {
    all += c;
    const pieces = (rest + c).split(/\r\n|\n|\r(?!$)/);
    rest = pieces.pop() ?? '';
    for (let i = 0; i < pieces.length; i++) emit();
  }
  if (rest) emit();
  return lines + all.length * 0;
}

function seconds(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
}

export async function benchCondaOutput(): Promise<Record<string, unknown>> {
  const mb = 1024 * 1024;
  const oneLine = chunks('x'.repeat(10 * mb));
  const lines = chunks(('y'.repeat(79) + '\n').repeat((10 * mb) / 80));
  // The former approach is quadratic on one line: measured on 1 MB only, so the run stays short.
  const oneLineSmall = oneLine.slice(0, mb / CHUNK);
  const r = {
    oneLine10MB: { oursSeconds: seconds(() => ours(oneLine)) },
    oneLine1MB: { oursSeconds: seconds(() => ours(oneLineSmall)), formerSeconds: seconds(() => former(oneLineSmall)) },
    lines10MB: { oursSeconds: seconds(() => ours(lines)), formerSeconds: seconds(() => former(lines)) },
  };
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    oneLine10MBSeconds: round(r.oneLine10MB.oursSeconds),
    vsFormerOneLine1MB: round(r.oneLine1MB.formerSeconds / r.oneLine1MB.oursSeconds),
    vsFormerLines10MB: round(r.lines10MB.formerSeconds / r.lines10MB.oursSeconds),
    lines10MBSeconds: round(r.lines10MB.oursSeconds),
  };
}

if (require.main === module) {
  void benchCondaOutput().then((r) => console.log(process.argv.includes('--json') ? JSON.stringify(r, null, 2) : r));
}

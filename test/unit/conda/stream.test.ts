// Streaming conda/pip output: the same lines however the text is cut into chunks, and bounded memory for
// output without line breaks (a tool printing 100 MB on one line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter, MAX_LINE_CHARS, TextTail } from '../../../src/core/conda/stream';
import { splitLines } from '../../../src/core/createEnv/errors';

/** A small deterministic generator (no Math.random: a failure must reproduce). */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 2 ** 32;
  };
}

function lines(chunks: string[]): string[] {
  const got: string[] = [];
  const ls = new LineSplitter((l) => got.push(l));
  for (const c of chunks) ls.push(c);
  ls.flush();
  return got;
}

test('any cut of the text into chunks gives the lines of the whole text', () => {
  const pieces = ['a', 'bc', '\n', '\r', '\r\n', ' 10%', 'Collecting torch', '项目', ''];
  for (let seed = 1; seed <= 300; seed++) {
    const r = rng(seed);
    let text = '';
    for (let i = 0, n = 1 + Math.floor(r() * 30); i < n; i++) text += pieces[Math.floor(r() * pieces.length)];
    const chunks: string[] = [];
    for (let i = 0; i < text.length;) {
      const len = 1 + Math.floor(r() * 5);
      chunks.push(text.slice(i, i + len));
      i += len;
    }
    const want = splitLines(text);
    if (want.length && want[want.length - 1] === '') want.pop(); // a final break ends the last line
    assert.deepEqual(lines(chunks), want, `seed ${seed}: ${JSON.stringify(chunks)}`);
  }
});

test('100 MB without a line break: one bounded line, the held text never above the limit', () => {
  const chunk = 'x'.repeat(1024 * 1024);
  const got: string[] = [];
  const ls = new LineSplitter((l) => got.push(l));
  let maxPending = 0;
  for (let i = 0; i < 100; i++) {
    ls.push(chunk);
    maxPending = Math.max(maxPending, ls.pending);
  }
  assert.ok(maxPending <= MAX_LINE_CHARS, `held ${maxPending}`);
  ls.push('\nnext\n');
  ls.flush();
  assert.equal(got.length, 2);
  assert.equal(got[0].slice(0, MAX_LINE_CHARS), 'x'.repeat(MAX_LINE_CHARS));
  assert.match(got[0].slice(MAX_LINE_CHARS), new RegExp(`^… \\(${100 * 1024 * 1024 - MAX_LINE_CHARS} more characters\\)$`));
  assert.equal(got[1], 'next');
});

test('the tail keeps the last characters, bounded, starting at a line', () => {
  const tail = new TextTail(1000);
  let all = '';
  let maxSize = 0;
  const r = rng(7);
  for (let i = 0; i < 5000; i++) {
    const piece = `line ${i} ${'y'.repeat(Math.floor(r() * 40))}\n`;
    all += piece;
    tail.push(piece);
    maxSize = Math.max(maxSize, tail.size);
  }
  tail.push('z'.repeat(5000)); // a chunk longer than the limit
  all += 'z'.repeat(5000);
  maxSize = Math.max(maxSize, tail.size);
  assert.ok(maxSize <= 2000, `held ${maxSize}`);
  assert.equal(tail.value(), all.slice(-1000));
  const small = new TextTail(50);
  small.push('first line\nsecond line that is long enough to cut\nthird\n');
  assert.ok(('first line\nsecond line that is long enough to cut\nthird\n').endsWith(small.value()));
  assert.ok(!small.value().startsWith('line'), 'starts at a line start');
});

// pip's preprocess(): splitlines, join_lines, ignore_comments, expand_env_variables, with offsets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logicalLines } from '../../../src/core/requirements/lines';

const texts = (s: string, env?: Record<string, string>) => logicalLines(s, env).map((l) => l.text);

test('continuations join, every leading/trailing backslash is stripped', () => {
  assert.deepEqual(texts('a \\\n  b\nc'), ['a   b', 'c']);
  assert.deepEqual(texts('\\\\x\\\\\ny'), ['xy']);
  assert.deepEqual(texts('a \\'), ['a']);
});

test('a comment line ends a continuation (pip prefixes it with a space)', () => {
  assert.deepEqual(texts('a \\\n# c\nb'), ['a', 'b']);
  assert.deepEqual(texts('a\\\n#c'), ['a']);
});

test('"#" starts a comment only at the start or after whitespace', () => {
  assert.deepEqual(texts('x#y # z\n#only\n   # indented'), ['x#y']);
  assert.deepEqual(texts('u\t#tab'), ['u']);
});

test('line breaks: LF, CRLF, CR, and Python splitlines extras; BOM dropped', () => {
  assert.deepEqual(texts('\ufeffa\r\nb\rc\nd\fe\u2028f'), ['a', 'b', 'c', 'd', 'e', 'f']);
  const ls = logicalLines('a\r\nb\fc\nd', undefined);
  assert.deepEqual(ls.map((l) => [l.line, l.pipLine]), [[0, 1], [1, 2], [1, 3], [2, 4]]);
});

test('${VAR}: only [A-Z0-9_] names that are set and non-empty', () => {
  const env = { A: 'x', B_2: 'yy', E: '' };
  assert.deepEqual(texts('${A}-${B_2}-${E}-${a}-${C}-$A', env), ['x-yy-${E}-${a}-${C}-$A']);
});

test('offsets map back to the source, across continuations and expansions', () => {
  const src = 'foo \\\n  ==1.0 ${V}z';
  const [l] = logicalLines(src, { V: 'long-value' });
  assert.equal(l.text, 'foo   ==1.0 long-valuez');
  const eq = l.text.indexOf('==');
  assert.equal(src.slice(l.src(eq), l.src(eq + 5, true)), '==1.0');
  const v = l.text.indexOf('long');
  const sp = l.span(v, v + 'long-value'.length);
  assert.equal(src.slice(sp.start, sp.end), '${V}');
  assert.equal(src.slice(l.src(l.text.length - 1), l.src(l.text.length, true)), 'z');
});

// The TOML value locator: spans by key path + array index, checked against the `toml` package's values.
import { corpusPath } from '../../paths';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse } from 'toml';
import { locateToml, type TomlPath } from '../../../src/core/pyproject/tomlLocator';

const dir = corpusPath('pyproject');

function strings(v: unknown, p: (string | number)[] = [], out: [TomlPath, string][] = []): [TomlPath, string][] {
  if (typeof v === 'string') out.push([p, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, [...p, i], out));
  else if (v && typeof v === 'object' && !(v instanceof Date)) for (const [k, x] of Object.entries(v)) strings(x, [...p, k], out);
  return out;
}

test('every string value of every corpus file is located; single-line ones map 1:1 onto their value', () => {
  let located = 0;
  let exact = 0;
  for (const f of readdirSync(dir)) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    const loc = locateToml(text);
    for (const [p, v] of strings(parse(text))) {
      const l = loc.get(p);
      assert.ok(l?.contentSpan, `${f}: ${p.join('.')}`);
      located++;
      const content = text.slice(l.contentSpan.start, l.contentSpan.end);
      if (content === v) exact++;
      else assert.ok(content.includes('\\') || v.includes('\n') || content.includes('\n'), `${f}: ${p.join('.')} = ${JSON.stringify(content)}`);
    }
  }
  assert.ok(located > 1800, `located ${located}`);
  assert.ok(exact >= located - 10, `exact ${exact} of ${located}`);
});

test('multi-line strings, literal strings, quoted keys, array-of-tables resolution', () => {
  const text = [
    'a = """',
    'line1',
    'has ""quotes"" """',
    "b = '''raw \\n'''",
    '"quoted.key" = "v"',
    "site.'x y' = 'lit'",
    '[[fruit]]',
    'name = "apple"',
    '[fruit.physical]',
    'color = "red"',
    '[[fruit]]',
    'name = "banana"',
    '[[fruit.variety]]',
    'name = "plantain"',
    'inline = { k = ["x", { deep = "y" }] }',
    '',
  ].join('\n');
  const data = parse(text);
  const loc = locateToml(text);
  const content = (p: TomlPath): string | null => {
    const s = loc.get(p)?.contentSpan;
    return s ? text.slice(s.start, s.end) : null;
  };
  assert.equal(content(['a']), data.a);
  assert.equal(content(['b']), 'raw \\n');
  assert.equal(content(['quoted.key']), 'v');
  assert.equal(content(['site', 'x y']), 'lit');
  assert.equal(content(['fruit', 0, 'name']), 'apple');
  assert.equal(content(['fruit', 0, 'physical', 'color']), 'red');
  assert.equal(content(['fruit', 1, 'name']), 'banana');
  assert.equal(content(['fruit', 1, 'variety', 0, 'name']), 'plantain');
  assert.equal(content(['fruit', 1, 'variety', 0, 'inline', 'k', 1, 'deep']), 'y');
  const t0 = loc.table(['fruit', 0]);
  assert.ok(t0 && text.slice(t0.start, t0.end) === '[[fruit]]\nname = "apple"');
  assert.equal(text.slice(loc.get(['site', 'x y'])?.keySpan?.start, loc.get(['site', 'x y'])?.keySpan?.end), "'x y'");
});

test('never throws on unfinished or broken text, and stays linear on long input', () => {
  for (const t of ['a = "', 'a = [', 'a = {', '[', '[[a', 'a = """', "a = '''x", 'a = [1, 2', '= 3', 'a.b. = 1', '\\']) {
    assert.doesNotThrow(() => locateToml(t), t);
  }
  const long = 'a = [' + '"x",'.repeat(200_000) + ']';
  assert.equal(locateToml(long).get(['a', 199_999])?.kind, 'string');
  assert.doesNotThrow(() => locateToml('a = ' + '['.repeat(100_000)));
  fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => {
    locateToml(s);
  }), { numRuns: 500 });
});

test('property: a generated document serialised in random styles is located exactly', () => {
  const key = fc.stringMatching(/^[a-z][a-z0-9_-]{0,6}$/);
  const str = fc.stringMatching(/^[a-zA-Z0-9 .,:;=<>!~@+-]{0,12}$/);
  fc.assert(fc.property(fc.uniqueArray(key, { minLength: 1, maxLength: 6 }), fc.array(fc.array(str, { maxLength: 5 }), { minLength: 6, maxLength: 6 }),
    fc.array(fc.constantFrom('"', "'", '"""', "'''"), { minLength: 30, maxLength: 30 }), fc.boolean(), (keys, arrays, quotes, multiline) => {
      let q = 0;
      const lines = ['[t]'];
      keys.forEach((k, i) => {
        const items = arrays[i].map((s) => {
          const d = quotes[q++ % quotes.length];
          // A string cannot end next to its own delimiter character in this generator.
          return `${d}${s}${d.length === 3 ? ' ' : ''}${d}`;
        });
        lines.push(`${k} = [${multiline ? '\n  ' : ''}${items.join(multiline ? ', # c\n  ' : ', ')}${multiline ? '\n' : ''}]`);
      });
      const text = lines.join('\n') + '\n';
      const data = parse(text) as { t: Record<string, string[]> };
      const loc = locateToml(text);
      for (const k of keys) {
        data.t[k].forEach((v, i) => {
          const s = loc.get(['t', k, i])?.contentSpan;
          assert.ok(s);
          assert.equal(text.slice(s.start, s.end), v);
        });
      }
    }), { numRuns: 300 });
});

// Property and fuzz tests: whatever the input (random text, binary bytes, mutated corpus files, a
// 50 MB file, 100,000-character lines, pathological markers) the parser never throws, finishes
// (bounded work: hand-written scanners, no backtracking regular expressions), keeps every span
// inside the text and reports what pip would reject. No timings are asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  checkSetDiagnostics,
  parsePep508,
  parseRequirementsLine,
  parseRequirementsSet,
  parseRequirementsText,
  type FileReader,
  type RequirementsFile,
} from '../../../src/core/requirements/index';
import { decodeText } from '../../../src/system/fileReader';
import type { Span } from '../../../src/core/text';
import { corpusFiles } from './pipHelper';

const inBounds = (s: Span | null, n: number) => s === null || (s.start >= 0 && s.start <= s.end && s.end <= n);

function checkSpans(f: RequirementsFile): void {
  const n = f.text.length;
  for (const r of f.requirements) {
    for (const s of [r.span, r.lineSpan, r.nameSpan, r.specifierSpan, r.markerSpan, r.urlSpan, ...r.specifiers.map((x) => x.span)])
      assert.ok(inBounds(s, n), `span ${JSON.stringify(s)} outside [0, ${n}]`);
  }
  for (const o of f.options) for (const s of [o.span, o.valueSpan, o.lineSpan]) assert.ok(inBounds(s, n));
  for (const i of f.includes) assert.ok(inBounds(i.span, n));
  for (const d of f.diagnostics) assert.ok(inBounds(d.span, n));
}

function parseAll(text: string): RequirementsFile {
  const f = parseRequirementsText(text, '/fuzz/requirements.txt', { env: { HOME: '/root', V: '1.0' } });
  checkSpans(f);
  const reader: FileReader = { read: () => text, resolve: (_from, t) => `/fuzz/${t}` };
  const set = parseRequirementsSet('/fuzz/requirements.txt', text, reader);
  checkSetDiagnostics(set, { unpinned: true });
  return f;
}

const corpusTexts = corpusFiles().map((p) => readFileSync(p, 'utf8'));
const INTERESTING = [...'\\#;[](),@=<>~!"\' \t\n\r-${}.*+:/', '\r\n', '\ufeff', '--hash=', ' -r ', ' and ', ' or ', '${V}', 'egg=', '.whl', '\u2028'];

test('random unicode text never throws and keeps spans in bounds', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => {
      parseAll(s);
    }),
    { numRuns: 1500 },
  );
});

test('text built from the format’s own punctuation never throws', () => {
  const piece = fc.oneof(fc.constantFrom(...INTERESTING), fc.string({ maxLength: 6 }), fc.constantFrom('torch', 'numpy', '==', '>=1.0', 'python_version', '"3.8"'));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 80 }), (parts) => {
      parseAll(parts.join(''));
    }),
    { numRuns: 3000 },
  );
});

test('binary bytes, decoded as the file reader decodes them, never throw', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      parseAll(decodeText(Buffer.from(bytes)));
    }),
    { numRuns: 1000 },
  );
});

test('mutated corpus files never throw', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: corpusTexts.length - 1 }),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.constantFrom(...INTERESTING)), { minLength: 1, maxLength: 20 }),
      (k, edits) => {
        let t = corpusTexts[k];
        for (const [at, del, ins] of edits) {
          const p = t.length ? at % t.length : 0;
          t = t.slice(0, p) + ins + t.slice(p + del);
        }
        parseAll(t);
      },
    ),
    { numRuns: 400 },
  );
});

// ---- generated valid requirements parse back to what was generated --------------------------

const nameArb = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9]$/), fc.stringMatching(/^[A-Za-z0-9._-]{0,10}$/), fc.stringMatching(/^[A-Za-z0-9]$/))
  .map(([a, b, c]) => (b.length ? a + b + c : a));
const versionArb = fc
  .tuple(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 4 }), fc.constantFrom('', 'rc1', 'a2', '.post1', '.dev0'))
  .map(([parts, suffix]) => parts.join('.') + suffix);
const specArb = fc.tuple(fc.constantFrom('==', '!=', '>=', '<=', '<', '>', '~='), versionArb, fc.constantFrom('', ' ')).map(([op, v, sp]) => {
  // ~= needs two release components before any suffix
  const version = op === '~=' && !/^\d+\.\d+/.test(v) ? v.replace(/^(\d+)/, '$1.0') : v;
  return { op, version, text: `${op}${sp}${version}` };
});
const markerArb: fc.Arbitrary<string> = fc.letrec<{ m: string }>((tie) => ({
  m: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .tuple(fc.constantFrom('python_version', 'sys_platform', 'platform_machine', 'os_name', 'extra'), fc.constantFrom('==', '!=', '>=', '<', 'in', 'not in'), fc.constantFrom('"3.8"', "'linux'", '"x86_64"'))
      .map(([v, op, val]) => `${v} ${op} ${val}`),
    fc.tuple(tie('m'), fc.constantFrom(' and ', ' or '), tie('m')).map(([a, op, b]) => `${a}${op}${b}`),
    tie('m').map((m) => `(${m})`),
  ),
})).m;

test('generated PEP 508 requirements parse back exactly, with exact spans', () => {
  fc.assert(
    fc.property(
      nameArb,
      fc.array(nameArb, { maxLength: 3 }),
      fc.array(specArb, { maxLength: 3 }),
      fc.option(markerArb, { nil: null }),
      (name, extras, specs, marker) => {
        const text =
          name +
          (extras.length ? `[${extras.join(',')}]` : '') +
          specs.map((s) => s.text).join(',') +
          (marker ? `; ${marker}` : '') +
          '\n';
        const f = parseRequirementsText(text, '/g.txt');
        assert.deepEqual(f.diagnostics, [], text);
        const r = f.requirements[0];
        assert.equal(r.name, name);
        assert.deepEqual(r.extras, extras);
        assert.equal(r.specifier, specs.map((s) => s.op + s.version).join(','));
        assert.equal(r.marker, marker);
        assert.equal(text.slice(r.nameSpan!.start, r.nameSpan!.end), name);
        if (marker) assert.equal(text.slice(r.markerSpan!.start, r.markerSpan!.end), marker);
        r.specifiers.forEach((s, i) => assert.equal(text.slice(s.span.start, s.span.end), specs[i].text));
        const p = parsePep508(text, 0, text.length - 1, { file: 'g', line: 0 });
        assert.equal(p.requirement?.name, name);
      },
    ),
    { numRuns: 2000 },
  );
});

test('a line that is not a requirement yields a diagnostic', () => {
  const bad = fc.tuple(nameArb, fc.constantFrom('=1', ' 1.0', '>=', '[x', '; python_version', '==1.0.*.1', '>=1.*', '<1+local', '@', '; (os_name', '(>=1')).map(([n, s]) => n + s);
  fc.assert(
    fc.property(bad, (line) => {
      const f = parseRequirementsText(line + '\n', '/b.txt');
      assert.ok(f.diagnostics.some((d) => d.code === 'invalid-requirement'), line);
    }),
    { numRuns: 500 },
  );
});

// ---- size ----------------------------------------------------------------------------------

test('a 50 MB file parses completely', () => {
  // the largest corpus file (a hashed lock file: long continuation lines), repeated
  const unit = [...corpusTexts].sort((x, y) => y.length - x.length)[0] + '\n';
  const one = parseRequirementsText(unit, '/u.txt').requirements.length;
  const copies = Math.ceil((50 * 1024 * 1024) / unit.length);
  const big = unit.repeat(copies);
  assert.ok(big.length >= 50 * 1024 * 1024);
  const f = parseRequirementsText(big, '/big.txt');
  assert.equal(f.requirements.length, one * copies);
  const findings = checkSetDiagnostics({ root: f, files: [f], requirements: f.requirements, options: f.options }, { unpinned: true });
  // every copy after the first repeats every requirement
  assert.ok(findings.filter((d) => d.code === 'duplicate-requirement').length >= one * (copies - 1) * 0.9);
});

test('100,000-character lines and pathological markers finish', () => {
  const n = 100_000;
  const lines = [
    'a'.repeat(n),
    'foo==' + '1.'.repeat(n / 2) + '1',
    'foo; ' + '('.repeat(n),
    'foo; ' + '('.repeat(50) + 'python_version == "3"' + ')'.repeat(50),
    'foo; ' + 'python_version == "3" and '.repeat(n / 25) + 'os_name == "nt"',
    'foo; ' + 'python_version == "3" or '.repeat(n / 25),
    '\\'.repeat(n),
    ' '.repeat(n) + '#',
    '${'.repeat(n / 2),
    '${A}'.repeat(n / 4),
    ' -'.repeat(n / 2),
    '--hash=' + 'a'.repeat(n),
    '"'.repeat(n),
    'foo ' + '"'.repeat(n),
    'foo[' + 'a,'.repeat(n / 2),
    'foo' + '=='.repeat(n / 2),
    'git+https://x/' + 'egg='.repeat(n / 4),
    'foo @ ' + 'x'.repeat(n) + ' ; ' + "'".repeat(n),
    'foo; ' + '"a" in "b" and '.repeat(n / 15),
    ('torch==2.1.0 ; python_version>"3" \\\n').repeat(n / 40),
    'x'.repeat(n) + '.whl',
    'https://x.org/' + '-'.repeat(n) + '.whl',
  ];
  for (const line of lines) {
    const f = parseAll(line + '\n');
    const l = parseRequirementsLine(line, 0, line.length, { file: 'e.yml', line: 0 });
    assert.ok(Array.isArray(l.diagnostics));
    assert.ok(f.requirements.length + f.options.length + f.includes.length + f.diagnostics.length >= 0);
  }
  const deep = parseRequirementsText('foo; ' + '('.repeat(1000) + 'os_name=="nt"' + ')'.repeat(1000) + '\n', '/d.txt');
  assert.equal(deep.diagnostics[0]?.code, 'invalid-requirement');
});

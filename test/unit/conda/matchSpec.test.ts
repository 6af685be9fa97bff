// The conda MatchSpec parser: every form conda documents, with spans, and conda's rejections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCondaVersion, parseMatchSpec, type MatchSpecParts } from '../../../src/core/conda/matchSpec';
import type { Span } from '../../../src/core/text';

const parse = (s: string): MatchSpecParts => parseMatchSpec(s, 0, s.length);
const at = (s: string, span: Span | null): string | null => (span ? s.slice(span.start, span.end) : null);

test('channel::name with a lower bound', () => {
  const s = 'pytorch::pytorch>=2';
  const p = parse(s);
  assert.equal(p.channel, 'pytorch');
  assert.equal(at(s, p.channelSpan), 'pytorch');
  assert.equal(p.name, 'pytorch');
  assert.equal(at(s, p.nameSpan), 'pytorch');
  assert.equal(p.nameSpan.start, 9);
  assert.equal(p.version, '>=2');
  assert.deepEqual(p.clauses, [[{ op: '>=', version: '2' }]]);
  assert.equal(p.error, null);
});

test('"=" is a prefix match, "==" exact, as conda translates them', () => {
  assert.deepEqual(parse('python=3.10').clauses, [[{ op: 'fuzzy', version: '3.10' }]]);
  assert.equal(parse('python=3.10').version, '3.10');
  assert.deepEqual(parse('name==1.2').clauses, [[{ op: '==', version: '1.2' }]]);
  assert.equal(parse('name==1.2').version, '==1.2');
  assert.deepEqual(parse('gcc_linux-64=14.*').clauses, [[{ op: 'fuzzy', version: '14' }]]);
  assert.deepEqual(parse('x 1.2.*').clauses, [[{ op: 'fuzzy', version: '1.2' }]]);
});

test('ranges, ORs and spaces inside the version', () => {
  assert.deepEqual(parse('name>=2,<3').clauses, [[{ op: '>=', version: '2' }, { op: '<', version: '3' }]]);
  const s = 'python>=3.8, < 3.10  # comment';
  const p = parse(s);
  assert.equal(at(s, p.span), 'python>=3.8, < 3.10');
  assert.equal(p.version, '>=3.8,<3.10');
  assert.equal(at(s, p.versionSpan), '>=3.8, < 3.10');
  assert.deepEqual(parse('x 1.2|>=2').clauses, [[{ op: '==', version: '1.2' }], [{ op: '>=', version: '2' }]]);
});

test('build strings: "name version build", "name=version=build", "name=*=cuda*"', () => {
  const a = 'name 1.2 build*';
  assert.deepEqual([parse(a).version, parse(a).build, at(a, parse(a).buildSpan)], ['1.2', 'build*', 'build*']);
  const b = 'pytorch=*=cuda*';
  assert.deepEqual([parse(b).version, parse(b).build], ['*', 'cuda*']);
  assert.deepEqual(parse(b).clauses, [[{ op: 'any', version: '' }]]);
  const c = 'pytorch=1.10.0=py3.9_cuda11.3_cudnn8.2.0_0';
  assert.deepEqual([parse(c).version, parse(c).build], ['1.10.0', 'py3.9_cuda11.3_cudnn8.2.0_0']);
  // With a build, "=1.10.0" is the exact version.
  assert.deepEqual(parse(c).clauses, [[{ op: '==', version: '1.10.0' }]]);
  const d = 'numpy >=1.0 , < 2.0 py34_0';
  assert.deepEqual([parse(d).version, parse(d).build], ['>=1.0,<2.0', 'py34_0']);
});

test('spaces around "=" as conda tolerates them', () => {
  const s = 'numpy = 1.2';
  const p = parse(s);
  assert.equal(p.version, '1.2');
  assert.equal(at(s, p.versionSpan), '1.2');
  assert.deepEqual(p.clauses, [[{ op: 'fuzzy', version: '1.2' }]]);
  const q = 'pytorch >=1.8,<2.0 | 2.1.*';
  assert.deepEqual(parse(q).clauses, [[{ op: '>=', version: '1.8' }, { op: '<', version: '2.0' }], [{ op: 'fuzzy', version: '2.1' }]]);
  assert.equal(parse(q).build, null);
});

test('bracket section overrides and carries spans', () => {
  const s = "pytorch[version='>=1.12,<2', build=cuda*, channel=pytorch]";
  const p = parse(s);
  assert.equal(p.name, 'pytorch');
  assert.equal(p.version, '>=1.12,<2');
  assert.equal(at(s, p.versionSpan), '>=1.12,<2');
  assert.equal(p.build, 'cuda*');
  assert.equal(p.channel, 'pytorch');
  assert.deepEqual(p.brackets, { version: '>=1.12,<2', build: 'cuda*', channel: 'pytorch' });
});

test('channel/subdir::name', () => {
  const s = 'conda-forge/linux-64::x';
  const p = parse(s);
  assert.deepEqual([p.channel, p.subdir, p.name], ['conda-forge', 'linux-64', 'x']);
  assert.equal(at(s, p.channelSpan), 'conda-forge');
  const u = parse('https://conda.anaconda.org/pytorch::pytorch');
  assert.deepEqual([u.channel, u.name], ['https://conda.anaconda.org/pytorch', 'pytorch']);
});

test('package URLs are recognised and named from the file name', () => {
  const p = parse('https://conda.anaconda.org/c/linux-64/foo-1.0-h1_0.conda');
  assert.equal(p.url, 'https://conda.anaconda.org/c/linux-64/foo-1.0-h1_0.conda');
  assert.deepEqual([p.name, p.version, p.build], ['foo', '1.0', 'h1_0']);
});

test('what conda rejects', () => {
  assert.match(parse('numpy==').error ?? '', /missing version/);
  assert.match(parse('numpy>=').error ?? '', /missing version/);
  assert.match(parse('>=3').error ?? '', /no package name/);
  assert.match(parse('').error ?? '', /empty/);
  assert.match(parse('x[version=1').error ?? parse('x[version=1').error ?? 'none', /.+/);
  assert.equal(parse('numpy=').error, null, 'conda accepts "numpy=" as any version');
  assert.equal(parse('numpy=').version, null);
});

test('offsets work inside a larger source', () => {
  const src = '  - bioconda::hmmer=3.3  # x\n';
  const p = parseMatchSpec(src, 4, src.length - 1);
  assert.equal(at(src, p.span), 'bioconda::hmmer=3.3');
  assert.equal(at(src, p.nameSpan), 'hmmer');
  assert.equal(at(src, p.versionSpan), '3.3');
});

test('parseCondaVersion', () => {
  assert.deepEqual(parseCondaVersion('>=1.8,<2|==1.7').clauses, [[{ op: '>=', version: '1.8' }, { op: '<', version: '2' }], [{ op: '==', version: '1.7' }]]);
  assert.ok(parseCondaVersion('>=1,,2').error);
  assert.deepEqual(parseCondaVersion('*').clauses, [[{ op: 'any', version: '' }]]);
});

test('property: never throws, spans inside the input, bounded on long inputs', () => {
  fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => {
    const p = parse(s);
    for (const sp of [p.span, p.nameSpan, p.versionSpan, p.buildSpan, p.channelSpan, p.errorSpan]) {
      if (sp) assert.ok(sp.start >= 0 && sp.end <= s.length && sp.start <= sp.end);
    }
  }), { numRuns: 1000 });
  const long = 'x' + ' 1'.repeat(50_000) + '=' + '>'.repeat(50_000);
  assert.doesNotThrow(() => parse(long));
});

// Basic behaviour of the public API, on small cases taken from pip's behaviour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkSetDiagnostics,
  normalizeName,
  parsePep508,
  parseRequirementsLine,
  parseRequirementsSet,
  parseRequirementsText,
  type FileReader,
} from '../../../src/core/requirements/index';

const slice = (text: string, s: { start: number; end: number } | null) => (s ? text.slice(s.start, s.end) : null);

test('normalizeName follows PEP 503', () => {
  assert.equal(normalizeName('Torch_Vision'), 'torch-vision');
  assert.equal(normalizeName('a.-_b'), 'a-b');
  assert.equal(normalizeName('NumPy'), 'numpy');
});

test('a pinned requirement with a marker keeps exact spans', () => {
  const text = 'torch==2.1.0+cu121 ; python_version >= "3.8"\n';
  const f = parseRequirementsText(text, '/r.txt');
  assert.equal(f.requirements.length, 1);
  const r = f.requirements[0];
  assert.equal(r.name, 'torch');
  assert.equal(r.specifier, '==2.1.0+cu121');
  assert.equal(slice(text, r.specifierSpan), '==2.1.0+cu121');
  assert.equal(r.marker, 'python_version >= "3.8"');
  assert.equal(slice(text, r.markerSpan), 'python_version >= "3.8"');
  assert.deepEqual(f.diagnostics, []);
});

test('continuation lines: spans land on the physical line', () => {
  const text = 'numpy>=1.0 \\\r\n    --hash=sha256:abc \\\r\n    --hash=sha256:def\r\nscipy';
  const f = parseRequirementsText(text, '/r.txt');
  assert.equal(f.requirements.length, 2);
  assert.deepEqual(f.requirements[0].hashes, ['sha256:abc', 'sha256:def']);
  assert.equal(f.requirements[1].name, 'scipy');
  assert.equal(f.requirements[1].line, 3);
});

test('comments: "#" only at the start or after whitespace', () => {
  const f = parseRequirementsText('git+https://x/y.git#egg=y # trailing\n# whole line\n', '/r.txt');
  assert.equal(f.requirements.length, 1);
  assert.equal(f.requirements[0].name, 'y');
  assert.equal(f.requirements[0].url, 'git+https://x/y.git#egg=y');
});

test('${VAR} expansion as pip does it', () => {
  const text = '--index-url https://${HOST}/simple\nfoo==${UNSET}\n';
  const f = parseRequirementsText(text, '/r.txt', { env: { HOST: 'example.org' } });
  assert.equal(f.options[0].value, 'https://example.org/simple');
  assert.equal(f.options[0].rawValue, 'https://${HOST}/simple');
  assert.equal(f.diagnostics.length, 1); // "foo==${UNSET}" is not a version
});

test('invalid lines and unknown options do not stop the file', () => {
  const f = parseRequirementsText('bad==\n--bogus\nok>=1\n', '/r.txt');
  assert.deepEqual(f.diagnostics.map((d) => d.code), ['invalid-requirement', 'unknown-option']);
  assert.equal(f.requirements.at(-1)?.name, 'ok');
});

test('wheel URL: name and version from the file name', () => {
  const f = parseRequirementsText('https://x.org/torch-2.1.0%2Bcu121-cp310-cp310-linux_x86_64.whl\n', '/r.txt');
  assert.equal(f.requirements[0].name, 'torch');
  assert.equal(f.requirements[0].specifier, '==2.1.0+cu121');
});

test('includes, missing includes, cycles', () => {
  const files: Record<string, string> = {
    '/p/a.txt': '-r b.txt\n-c c.txt\n-r missing.txt\nfoo==1\n',
    '/p/b.txt': '-r a.txt\nbar\n',
    '/p/c.txt': 'foo==2\n',
  };
  const reader: FileReader = {
    read: (p) => files[p] ?? null,
    resolve: (from, t) => from.slice(0, from.lastIndexOf('/') + 1) + t,
  };
  const set = parseRequirementsSet('/p/a.txt', files['/p/a.txt'], reader);
  assert.deepEqual(set.requirements.map((r) => [r.name, r.constraint]), [['bar', false], ['foo', true], ['foo', false]]);
  assert.deepEqual(set.files.find((f) => f.file === '/p/b.txt')?.diagnostics.map((d) => d.code), ['include-cycle']);
  assert.deepEqual(set.root.diagnostics.map((d) => d.code), ['missing-include']);
  const cross = checkSetDiagnostics(set, { unpinned: true });
  assert.deepEqual(cross.map((d) => d.code).sort(), ['conflicting-specifiers', 'unpinned-requirement']);
});

test('parsePep508 and parseRequirementsLine', () => {
  const s = 'x: requests[security]>=2.8.1,==2.8.*;python_version<"2.7"';
  const r = parsePep508(s, 3, s.length, { file: 'f', line: 0 });
  assert.ok(r.requirement);
  assert.equal(r.requirement.name, 'requests');
  assert.deepEqual(r.requirement.extras, ['security']);
  assert.equal(slice(s, r.requirement.nameSpan), 'requests');
  const bad = parsePep508('foo >= ', 0, 7, { file: 'f', line: 0 });
  assert.equal(bad.requirement, null);
  const l = parseRequirementsLine('  - --extra-index-url https://x/simple', 4, 38, { file: 'e.yml', line: 3 });
  assert.equal(l.option?.name, '--extra-index-url');
  assert.equal(l.option?.value, 'https://x/simple');
  assert.equal(l.option?.line, 3);
});

test('corpus: every span slices back to what it names (continuation lines included)', async () => {
  const { readFileSync } = await import('node:fs');
  const { corpusFiles } = await import('./pipHelper');
  let checked = 0;
  for (const file of corpusFiles()) {
    const text = readFileSync(file, 'utf8');
    const f = parseRequirementsText(text, file);
    for (const r of f.requirements) {
      if (r.name && r.nameSpan && !r.url) assert.equal(slice(text, r.nameSpan), r.name, `${file}:${r.line + 1}`);
      if (r.marker) assert.equal(slice(text, r.markerSpan), r.marker);
      if (r.url) assert.equal(slice(text, r.urlSpan), r.url);
      if (!r.url)
        for (const s of r.specifiers) assert.equal(slice(text, s.span)!.replace(/\s+/g, ''), s.op + s.version.replace(/\s+/g, ''));
      for (const h of r.hashes) assert.ok(text.slice(r.lineSpan.start, r.lineSpan.end).includes(h));
      checked++;
    }
    for (const o of f.options) if (o.valueSpan) assert.equal(slice(text, o.valueSpan), o.rawValue);
  }
  assert.ok(checked > 1500, `checked ${checked}`);
});

// analyzeDocument / documentKind: the entry point the editor and the CLI share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyzeDocument, documentKind } from '../../../src/core/analyze';
import { apply, check, codes, corpus, machine, only, preferred, reader } from './helpers';

test('documentKind by file name', () => {
  assert.equal(documentKind('/p/requirements.txt'), 'requirements');
  assert.equal(documentKind('/p/requirements/cuda.txt'), 'requirements');
  assert.equal(documentKind('C:\\p\\requirements-dev.in'), 'requirements');
  assert.equal(documentKind('/p/constraints.txt'), 'requirements');
  assert.equal(documentKind('/p/environment.yml'), 'environment');
  assert.equal(documentKind('/p/environment-dev.yaml'), 'environment');
  assert.equal(documentKind('/p/conda.yaml'), 'environment');
  assert.equal(documentKind('/p/pyproject.toml'), 'pyproject');
  assert.equal(documentKind('/p/pixi.toml'), 'pyproject');
  assert.equal(documentKind('/p/README.txt'), null);
  assert.equal(documentKind('/p/.github/workflows/ci.yml'), null);
});

test('syntax findings come with the rule findings; included files are named on their findings and edits', () => {
  const files = { '/p/torch.txt': 'torch==2.1.2+cu121\n' };
  const f = check('-r torch.txt\n--extra-index-url https://download.pytorch.org/whl/cu121\nnumpy==1.0\nnumpy==2.0\n', { driver: '470.82.01' }, '/p/requirements.txt', files);
  assert.ok(codes(f).includes('conflicting-specifiers') || codes(f).includes('duplicate-requirement'));
  const d = only(f, 'driver-too-old');
  assert.equal(d.length, 1);
  const fix = preferred(d[0]);
  const other = fix.edits.filter((e) => e.file === '/p/torch.txt');
  assert.equal(other.length, 1, 'the +cu121 label lives in the included file');
  assert.equal(other[0].newText, '2.1.2+cu118');
  // The index line is in the analysed file: named, since an edit without `file` means the finding's file.
  const here = fix.edits.filter((e) => e.file === '/p/requirements.txt');
  assert.equal(here.length, 1);
  assert.equal(fix.verified, true);
});

test('exactly one preferred fix per finding, and edits never overlap', () => {
  const text = '--extra-index-url http://download.pytorch.org/whl/cu122\ntorch\ntorchvision==0.1.0\ntransformers\n';
  for (const flags of [null, { driver: '470.82.01', gpu: 'NVIDIA GeForce RTX 3090' }, { platform: 'win32', gpu: 'NVIDIA GeForce RTX 4080' }]) {
    for (const f of check(text, flags)) {
      if (!f.fixes.length) continue;
      const fix = preferred(f);
      const spans = [...fix.edits].sort((a, b) => a.span.start - b.span.start);
      for (let i = 1; i < spans.length; i++) assert.ok(spans[i].span.start >= spans[i - 1].span.end, `${f.code}: overlapping edits`);
      apply(text, fix);
    }
  }
});

test('with no machine, no GPU rule fires on any corpus file, and nothing throws', () => {
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => {
    const p = path.join(d, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
  const all = [...walk(path.join(corpus, 'requirements')), ...walk(path.join(corpus, 'environment')), ...walk(path.join(corpus, 'pyproject'))];
  assert.ok(all.length > 90);
  for (const file of all) {
    const as = file.includes('/environment/') ? path.join(path.dirname(file), 'environment.yml')
      : file.includes('/pyproject/') ? path.join(path.dirname(file), file.endsWith('pixi.toml') ? 'pixi.toml' : 'pyproject.toml') : file;
    const r = analyzeDocument(as, readFileSync(file, 'utf8'), null, { reader: reader() });
    const gpu = r.findings.filter((f) => ['driver-too-old', 'driver-below-toolkit', 'gpu-arch-unsupported', 'cpu-only-torch', 'macos-cuda-index'].includes(f.code));
    assert.deepEqual(gpu.map((f) => f.code), [], file);
    for (const f of r.findings) {
      assert.ok(f.span.start >= 0 && f.span.end >= f.span.start, `${file}: ${f.code} span`);
      // At most one preferred fix; a finding whose fixes are all unverified says so (the conda-forge
      // route alone is never verified: conda-forge's versions are not in the data).
      if (f.fixes.length && !f.fixes.some((x) => x.preferred)) assert.match(f.message, /not verified|alternative/, `${file}: ${f.code}`);
      else if (f.fixes.length) preferred(f);
    }
  }
});

test('a machine with no GPU keeps GPU rules silent (Linux box without NVIDIA)', () => {
  const m = machine({ platform: 'linux', python: '3.11' });
  const r = analyzeDocument('/p/requirements.txt', '--index-url https://download.pytorch.org/whl/cu130\ntorch==2.9.0\n', m, { reader: reader() });
  assert.deepEqual(r.findings.map((f) => f.code), []);
});

test('environment.yml pip: -r includes are followed (their torch lines and indexes count, edits name the file)', () => {
  const files = { '/p/requirements.txt': '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\n' };
  const env = 'dependencies:\n  - python=3.10\n  - pip\n  - pip:\n    - -r requirements.txt\n';
  const f = only(check(env, { driver: '470.82.01' }, '/p/environment.yml', files), 'driver-too-old');
  assert.equal(f.length, 1);
  assert.equal(f[0].file, '/p/requirements.txt');
  assert.ok(preferred(f[0]).edits.every((e) => e.file === '/p/requirements.txt'));
});

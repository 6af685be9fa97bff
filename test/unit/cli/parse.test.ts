// `ai-env-doctor parse FILE --json`: the JSON contract of issue 3, on real corpus files.
import { corpusPath } from '../../paths';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { ParseOutput } from '../../../src/cli/parse';

const corpus = corpusPath();

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), cwd: process.cwd(), env: {} });
  return { code, out, err };
}

async function parseJson(file: string, extra: string[] = []): Promise<ParseOutput> {
  const r = await cli(['parse', file, '--json', ...extra]);
  assert.ok(r.code === 0 || r.code === 1, r.err);
  return JSON.parse(r.out) as ParseOutput;
}

test('requirements file with an include: requirements of both files, in pip order, with the contract fields', async () => {
  const file = path.join(corpus, 'requirements', 'vllm-project__vllm', 'requirements', 'cuda.txt');
  const j = await parseJson(file);
  assert.equal(j.file, file);
  const common = path.join(path.dirname(file), 'common.txt');
  assert.equal(j.requirements[0].file, common, 'the -r include comes first, expanded in place');
  const numba = j.requirements.find((r) => r.name === 'numba')!;
  assert.deepEqual(Object.keys(numba).sort(), ['constraint', 'editable', 'extras', 'file', 'hashes', 'line', 'marker', 'name', 'range', 'specifier', 'url'].sort());
  assert.equal(numba.file, file);
  assert.equal(numba.line, 4);
  assert.equal(numba.specifier, '==0.65.0');
  assert.deepEqual(numba.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 15 } }); // 'numba == 0.65.0'
  assert.equal(numba.constraint, false);
  const opt = j.options.find((o) => o.name === '--extra-index-url')!;
  assert.deepEqual(opt, { name: '--extra-index-url', value: 'https://flashinfer.ai/whl/', file, line: 16 });
  assert.ok(j.options.some((o) => o.name === '--requirement' && o.value === 'common.txt'));
});

test('constraints, hashes, markers, editables and diagnostics', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aed-parse-'));
  try {
    const main = path.join(dir, 'requirements.txt');
    writeFileSync(path.join(dir, 'c.txt'), 'numpy<2\n');
    writeFileSync(
      main,
      [
        '-c c.txt',
        'numpy==2.1.0 \\',
        '    --hash=sha256:aa \\',
        '    --hash=sha256:bb',
        '-e git+https://github.com/a/b.git#egg=b',
        'torch>=2 ; sys_platform == "linux"',
        'bad==',
        '-r missing.txt',
        '',
      ].join('\n'),
    );
    const j = await parseJson(main);
    const np = j.requirements.filter((r) => r.name === 'numpy');
    assert.deepEqual(np.map((r) => r.constraint), [true, false]);
    assert.deepEqual(np[1].hashes, ['sha256:aa', 'sha256:bb']);
    assert.equal(np[1].line, 2);
    const b = j.requirements.find((r) => r.name === 'b')!;
    assert.equal(b.editable, true);
    assert.equal(b.url, 'git+https://github.com/a/b.git#egg=b');
    assert.equal(j.requirements.find((r) => r.name === 'torch')!.marker, 'sys_platform == "linux"');
    const codes = j.diagnostics.map((d) => d.code).sort();
    assert.deepEqual(codes, ['conflicting-specifiers', 'invalid-requirement', 'missing-include', 'unpinned-requirement']);
    for (const d of j.diagnostics) assert.deepEqual(Object.keys(d).sort(), ['code', 'message', 'range', 'severity']);
    const noHints = await parseJson(main, ['--no-unpinned']);
    assert.ok(!noHints.diagnostics.some((d) => d.code === 'unpinned-requirement'));
    const text = await cli(['parse', main]);
    assert.equal(text.code, 1);
    assert.match(text.out, /numpy ==2\.1\.0/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('environment.yml: conda specs under "conda", pip entries as requirements', async () => {
  const file = path.join(corpus, 'environment', 'CompVis__stable-diffusion__environment.yaml');
  const j = await parseJson(file);
  assert.ok(j.conda && j.conda.some((c) => c.name === 'cudatoolkit'));
  assert.ok(j.requirements.some((r) => r.editable));
  for (const r of j.requirements) assert.equal(r.file, file);
});

test('pyproject.toml: dependencies as requirements', async () => {
  const file = path.join(corpus, 'pyproject', 'haotian-liu__LLaVA__pyproject.toml');
  const j = await parseJson(file);
  assert.ok(j.requirements.length > 5);
  assert.ok(j.requirements.some((r) => r.name === 'torch'));
});

test('usage errors', async () => {
  assert.equal((await cli(['parse'])).code, 2);
  assert.equal((await cli(['parse', '/nonexistent/requirements.txt'])).code, 2);
});

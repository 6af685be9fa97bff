// parsePyproject on every file in test/corpus/pyproject/ (facts read from the files by hand),
// span integrity for every dependency, TOML errors, pixi tables, and bounded behaviour on big/hostile input.
import { corpusPath } from '../../paths';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { MAX_TOML_CHARS, parsePyproject } from '../../../src/core/pyproject/pyproject';
import type { Pyproject } from '../../../src/core/pyproject/types';
import { LineIndex, type Span } from '../../../src/core/text';

const dir = corpusPath('pyproject');

function load(name: string): { text: string; py: Pyproject } {
  const file = path.join(dir, name);
  const text = readFileSync(file, 'utf8');
  return { text, py: parsePyproject(text, file) };
}
const slice = (text: string, s: Span | null | undefined): string | null => (s ? text.slice(s.start, s.end) : null);
const line1 = (text: string, s: Span): number => new LineIndex(text).positionAt(s.start).line + 1;

test('every corpus file parses without throwing or errors; every requirement span is its source text', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.toml'));
  assert.equal(files.length, 13);
  let total = 0;
  for (const f of files) {
    const { text, py } = load(f);
    assert.deepEqual(py.diagnostics.map((d) => d.message), [], f);
    for (const r of py.requirements) {
      total++;
      assert.equal(slice(text, r.nameSpan), r.name, `${f}: name span`);
      const span = slice(text, r.span) ?? '';
      // The requirement span lies inside the TOML string on the line it reports.
      assert.ok(span.length > 0 && !span.includes('"'), `${f}: ${span}`);
      assert.equal(line1(text, r.span) - 1, r.line, `${f}: line of ${span}`);
      if (r.specifierSpan) assert.equal(slice(text, r.specifierSpan)?.replace(/\s/g, ''), r.specifier, `${f}: specifier span`);
      if (r.markerSpan) assert.equal(slice(text, r.markerSpan), r.marker, `${f}: marker span`);
      if (r.urlSpan) assert.equal(slice(text, r.urlSpan), r.url, `${f}: url span`);
    }
    for (const ix of py.uvIndexes) assert.equal(slice(text, ix.urlSpan), ix.url, `${f}: index url span`);
    for (const d of py.pixi?.dependencies ?? []) if (d.version) assert.equal(slice(text, d.span), d.version, `${f}: pixi span`);
    for (const c of py.pixi?.cuda ?? []) assert.equal(slice(text, c.span), c.value, `${f}: cuda span`);
  }
  assert.ok(total > 1200, `requirements located: ${total}`);
});

test('kohya_ss: requires-python, uv sources by marker, three explicit indexes, a dependency group', () => {
  const { text, py } = load('bmaltais__kohya_ss__pyproject.toml');
  assert.equal(py.requiresPython?.value, '>=3.10,<3.12');
  assert.equal(line1(text, py.requiresPython?.span ?? { start: 0, end: 0 }), 6);
  const torch = py.requirements.find((r) => r.name === 'torch');
  assert.equal(torch?.specifier, '>=2.5.0');
  assert.equal(torch?.group, 'project');
  assert.equal(line1(text, torch?.span ?? { start: 0, end: 0 }), 50);
  assert.deepEqual(py.uvIndexes.map((i) => [i.name, i.url, i.explicit]), [
    ['pytorch-cu124', 'https://download.pytorch.org/whl/cu124', true],
    ['pytorch-cu126', 'https://download.pytorch.org/whl/cu126', true],
    ['pytorch-cu128', 'https://download.pytorch.org/whl/cu128', true],
  ]);
  assert.equal(line1(text, py.uvIndexes[0].urlSpan), 76);
  assert.ok(slice(text, py.uvIndexes[0].span)?.startsWith('[[tool.uv.index]]\nname = "pytorch-cu124"'));
  assert.ok(slice(text, py.uvIndexes[0].span)?.endsWith('explicit = true'));
  assert.deepEqual(py.uvSources.filter((s) => s.package === 'torch').map((s) => [s.index, s.marker]), [
    ['pytorch-cu128', "sys_platform == 'linux'"],
    ['pytorch-cu128', "sys_platform == 'win32'"],
  ]);
  assert.equal(slice(text, py.uvSources[0].indexSpan), 'pytorch-cu128');
  assert.equal(line1(text, py.uvSources[0].span), 61);
  assert.deepEqual(py.uvSources.filter((s) => s.package === 'library').map((s) => [s.kind, s.index]), [['path', null]]);
  assert.deepEqual(py.requirements.filter((r) => r.group === 'group:dev').map((r) => [r.name, r.specifier, r.line + 1]),
    [['black', '>=26.5.1', 91], ['pytest', '>=9.1.1', 92]]);
});

test('fish-speech: per-extra torch pins and per-extra uv sources', () => {
  const { py } = load('fishaudio__fish-speech__pyproject.toml');
  for (const extra of ['cpu', 'cu126', 'cu128', 'cu129']) {
    const t = py.requirements.find((r) => r.group === `optional:${extra}` && r.name === 'torch');
    assert.equal(t?.specifier, '==2.8.0', extra);
    assert.deepEqual(py.uvSources.filter((s) => s.package === 'torch' && s.extra === extra).map((s) => s.index), [`pytorch-${extra}`]);
  }
  assert.equal(py.uvIndexes.length, 4);
  assert.ok(py.uvIndexes.every((i) => i.explicit));
});

test('InvokeAI: local-version pins with markers in extras', () => {
  const { text, py } = load('invoke-ai__InvokeAI__pyproject.toml');
  assert.equal(py.requiresPython?.value, '>=3.11, <3.13');
  const cu = py.requirements.find((r) => r.group === 'optional:cuda' && r.name === 'torch' && r.specifier === '==2.7.1+cu128');
  assert.ok(cu);
  assert.equal(cu.line + 1, 133);
  assert.equal(cu.marker, "sys_platform != 'linux' or platform_machine != 'aarch64'");
  assert.equal(slice(text, cu.specifierSpan), '==2.7.1+cu128');
  assert.deepEqual(py.uvIndexes.map((i) => [i.name, i.explicit]), [
    ['pypi', false], ['torch-cpu', true], ['torch-cuda', true], ['torch-rocm', true], ['torch-xpu', true],
  ]);
});

test('unsloth: hundreds of extras, `in` markers, name @ URL wheels', () => {
  const { text, py } = load('unslothai__unsloth__pyproject.toml');
  assert.equal(py.requirements.length, 893);
  const withUrl = py.requirements.filter((r) => r.url?.startsWith('https://download.pytorch.org/whl/cu121/'));
  assert.ok(withUrl.length > 10);
  for (const r of withUrl) assert.equal(slice(text, r.urlSpan), r.url);
  assert.ok(py.requirements.some((r) => r.marker?.includes("'linux' in sys_platform")));
});

test('pixi.toml (standalone): conda deps and system-requirements cuda at top level', () => {
  const { text, py } = load('matthewfeickert__pytorch-gpu-pixi-example__pixi.toml');
  assert.deepEqual(py.requirements, []);
  assert.deepEqual(py.pixi?.dependencies.map((d) => [d.name, d.version, d.kind, d.feature]), [
    ['pytorch', '>=2.8.0,<3', 'conda', null],
    ['curl', '>=8.17.0,<9', 'conda', null],
  ]);
  assert.deepEqual(py.pixi?.cuda.map((c) => [c.value, c.feature, line1(text, c.span)]), [['12.0', null, 19]]);
  assert.equal(line1(text, py.pixi?.dependencies[0].span ?? { start: 0, end: 0 }), 22);
  assert.equal(slice(text, py.pixi?.dependencies[0].nameSpan), 'pytorch');
});

test('pixi in pyproject: feature system-requirements and pypi-dependencies with per-feature index', () => {
  const { text, py } = load('prefix-dev__pixi__docs__source_files__pyproject_tomls__pytorch-pypi-envs@be15e75.toml');
  assert.equal(py.requiresPython?.value, '>= 3.11,<3.13');
  assert.deepEqual(py.pixi?.cuda.map((c) => [c.value, c.feature, line1(text, c.span)]), [['12.0', 'gpu', 12]]);
  assert.deepEqual(py.pixi?.dependencies.map((d) => [d.feature, d.name, d.version, d.kind, d.index]), [
    ['gpu', 'torch', '>=2.5.1', 'pypi', 'https://download.pytorch.org/whl/cu124'],
    ['gpu', 'torchvision', '>=0.20.1', 'pypi', 'https://download.pytorch.org/whl/cu124'],
    ['cpu', 'torch', '>=2.5.1', 'pypi', 'https://download.pytorch.org/whl/cpu'],
    ['cpu', 'torchvision', '>=0.20.1', 'pypi', 'https://download.pytorch.org/whl/cpu'],
  ]);
});

test('pixi in pyproject: platform entries with cuda and target dependencies', () => {
  const { text, py } = load('prefix-dev__pixi__docs__source_files__pyproject_tomls__pytorch-conda-forge-envs.toml');
  assert.deepEqual(py.pixi?.cuda.map((c) => [c.value, c.platform, line1(text, c.span)]), [['12.0', 'linux-64-cuda', 12]]);
  assert.deepEqual(py.pixi?.dependencies.map((d) => [d.target, d.name, d.version]), [
    ['linux-64-cuda', 'cuda-version', '12.6.*'], ['linux-64-cuda', 'pytorch-gpu', '*'], ['linux-64-cpu', 'pytorch-cpu', '*'],
  ]);
});

test('text-generation-inference: [[tool.uv.index]] + sources with markers; the Poetry-era file has no PEP 621 deps', () => {
  const now = load('huggingface__text-generation-inference__server__pyproject.toml').py;
  assert.deepEqual(now.uvIndexes.map((i) => [i.name, i.url, i.explicit]), [['pytorch-cu128', 'https://download.pytorch.org/whl/cu128', true]]);
  assert.deepEqual(now.uvSources.map((s) => [s.package, s.index]), [['torch', 'pytorch-cu128'], ['torchvision', 'pytorch-cu128']]);
  assert.ok(now.uvSources.every((s) => s.marker !== null));
  const old = load('huggingface__text-generation-inference__server__pyproject@d61f14f.toml').py;
  assert.deepEqual([old.requirements.length, old.uvIndexes.length, old.pixi], [0, 0, null]);
});

// ---- synthetic documents ------------------------------------------------------------------------

test('TOML errors are invalid-toml errors at the reported line and column', () => {
  const text = '[project]\nname = "x"\ndependencies = [\n  "torch>=2",\n  oops,\n]\n';
  const py = parsePyproject(text, 'pyproject.toml');
  assert.equal(py.diagnostics.length, 1);
  const d = py.diagnostics[0];
  assert.equal(d.code, 'invalid-toml');
  assert.equal(d.severity, 'error');
  assert.equal(d.span.start, text.indexOf('oops'));
  const dup = parsePyproject('[project]\nname = "a"\nname = "b"\n', 'pyproject.toml');
  assert.equal(dup.diagnostics[0].code, 'invalid-toml');
  assert.equal(new LineIndex('[project]\nname = "a"\nname = "b"\n').positionAt(dup.diagnostics[0].span.start).line, 2);
});

test('invalid dependency strings are invalid-requirement errors inside the string; the rest is still read', () => {
  const text = '[project]\ndependencies = [\n  "torch>=",\n  \'numpy==1.26.4\',\n  """scipy""",\n  3,\n]\n';
  const py = parsePyproject(text, 'pyproject.toml');
  assert.deepEqual(py.requirements.map((r) => r.name), ['numpy', 'scipy']);
  const errs = py.diagnostics.filter((d) => d.code === 'invalid-requirement');
  assert.equal(errs.length, 2);
  assert.ok(errs[0].span.start >= text.indexOf('torch') && errs[0].span.end <= text.indexOf('torch') + 7);
  assert.equal(slice(text, errs[1].span), '3');
  assert.equal(slice(text, py.requirements[0].specifierSpan), '==1.26.4');
});

test('the locator follows comments, arrays over several lines, inline tables, dotted keys and escapes', () => {
  const text = [
    '# "torch==0" in a comment must not be found',
    '[project]',
    'dependencies = [ # opening comment',
    '  "numpy>=1", # trailing',
    '',
    '  # "fake==1"',
    "  'torch==2.1.0',",
    '  "a-b\\u005fc==1",',
    ']',
    'optional-dependencies.gpu = ["triton==3.0.0"]',
    '[dependency-groups]',
    'test = ["pytest>=8", { include-group = "lint" }]',
    'lint = ["ruff"]',
    '[tool.uv]',
    'index-url = "https://mirror.example/simple"',
    'extra-index-url = ["https://download.pytorch.org/whl/cu121"]',
    '[tool.uv.sources.torch]',
    'index = "pytorch"',
    '',
  ].join('\n');
  const py = parsePyproject(text, 'pyproject.toml');
  assert.deepEqual(py.diagnostics, []);
  assert.deepEqual(py.requirements.map((r) => [r.group, r.name, r.line]), [
    ['project', 'numpy', 3], ['project', 'torch', 6], ['project', 'a-b_c', 7], ['optional:gpu', 'triton', 9],
    ['group:test', 'pytest', 11], ['group:lint', 'ruff', 12],
  ]);
  assert.equal(slice(text, py.requirements[1].nameSpan), 'torch');
  assert.equal(slice(text, py.requirements[2].span), '"a-b\\u005fc==1"', 'escaped string: whole token');
  assert.deepEqual(py.groupIncludes.map((g) => [g.group, g.include, slice(text, g.span)]), [['test', 'lint', '"lint"']]);
  assert.deepEqual(py.uvIndexes.map((i) => [i.url, i.default]), [['https://mirror.example/simple', true], ['https://download.pytorch.org/whl/cu121', false]]);
  assert.deepEqual(py.uvSources.map((s) => [s.package, s.index, slice(text, s.indexSpan)]), [['torch', 'pytorch', 'pytorch']]);
});

test('documents over the size cap are refused with one diagnostic', () => {
  const text = '[project]\ndependencies = [\n' + '"numpy",\n'.repeat(Math.ceil(MAX_TOML_CHARS / 9) + 1) + ']\n';
  const py = parsePyproject(text, 'pyproject.toml');
  assert.deepEqual([py.requirements.length, py.diagnostics.length, py.diagnostics[0].code], [0, 1, 'invalid-toml']);
  const huge = parsePyproject('#'.repeat(50_000_000), 'pyproject.toml');
  assert.deepEqual(huge.diagnostics.map((d) => [d.code, d.severity]), [['invalid-toml', 'warning']]);
});

test('a 20,000-entry dependency array is read completely, with exact spans', () => {
  const n = 20_000;
  const text = '[project]\ndependencies = [\n' + Array.from({ length: n }, (_, i) => `  "pkg${i}==${i}.0",`).join('\n') + '\n]\n';
  const py = parsePyproject(text, 'pyproject.toml');
  assert.equal(py.requirements.length, n);
  assert.equal(slice(text, py.requirements[n - 1].nameSpan), `pkg${n - 1}`);
  assert.equal(py.requirements[n - 1].line, n + 1);
});

test('deeply nested arrays yield a diagnostic or parse, never a stack overflow', () => {
  for (const depth of [100, 600, 20000]) {
    const text = 'x = ' + '['.repeat(depth) + ']'.repeat(depth) + '\n[project]\ndependencies = ["a"]\n';
    assert.doesNotThrow(() => parsePyproject(text, 'pyproject.toml'), `depth ${depth}`);
  }
});

test('property: arbitrary text and bytes never throw; spans stay inside the text', () => {
  const check = (text: string): void => {
    const py = parsePyproject(text, 'pyproject.toml');
    for (const s of [...py.diagnostics.map((d) => d.span), ...py.requirements.map((r) => r.span)]) {
      assert.ok(s.start >= 0 && s.end <= text.length && s.start <= s.end);
    }
  };
  fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 300 });
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => check(Buffer.from(b).toString('latin1'))), { numRuns: 300 });
  const piece = fc.constantFrom('[project]\n', 'dependencies = ', '[', ']', ',', '"torch>=2"', "'x'", '"""a\n"""', "'''b'''", '{', '}',
    ' = ', '# c\n', '\n', '[[tool.uv.index]]\n', 'url = "u"\n', 'a.b = 1\n', '"\\u00e9"', '[tool.pixi.dependencies]\n');
  fc.assert(fc.property(fc.array(piece, { maxLength: 50 }).map((a) => a.join('')), check), { numRuns: 500 });
});

test('property: generated dependency arrays are located exactly (any quoting, comments, layout)', () => {
  const dep = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), fc.constantFrom('', '>=1.0', '==2.1.0+cu121', '<3'));
  const style = fc.constantFrom('"', "'");
  fc.assert(fc.property(fc.array(fc.tuple(dep, style, fc.boolean()), { minLength: 1, maxLength: 20 }), (items) => {
    const body = items.map(([[n, v], q, comment]) => `  ${q}${n}${v}${q},${comment ? ` # ${q}fake==1${q}` : ''}`).join('\n');
    const text = `[project]\nname = "p"\ndependencies = [\n${body}\n]\n`;
    const py = parsePyproject(text, 'pyproject.toml');
    assert.equal(py.requirements.length, items.length);
    py.requirements.forEach((r, i) => {
      assert.equal(slice(text, r.nameSpan), items[i][0][0]);
      assert.equal(r.line, 3 + i);
    });
  }), { numRuns: 200 });
});

test('inline tables over several lines or with a trailing comma are TOML 1.1: warned in pyproject.toml', () => {
  const text = '[tool.uv.sources]\ntorch = { index = "pytorch",\n  marker = "sys_platform == \'linux\'" }\nx = { a = 1, }\ny = { a = [\n 1,\n 2] }\n';
  const py = parsePyproject(text, 'pyproject.toml');
  const w = py.diagnostics.filter((d) => d.code === 'invalid-toml');
  assert.deepEqual(w.map((d) => [d.severity, slice(text, d.span)?.slice(0, 8)]), [['warning', '{ index '], ['warning', '{ a = 1,']]);
  assert.equal(py.uvSources[0].index, 'pytorch');
  assert.deepEqual(parsePyproject(text, '/w/pixi.toml').diagnostics, []);
});

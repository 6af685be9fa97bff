// parseEnvironmentYml on every environment file in test/corpus/environment/, facts read from the
// files by hand, span integrity, YAML/structure diagnostics, and bounded behaviour on hostile input.
import { corpusPath } from '../../paths';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { MAX_YAML_CHARS, parseEnvironmentYml } from '../../../src/core/conda/environment';
import type { CondaEnvironment, CondaSpec } from '../../../src/core/conda/types';
import { LineIndex, type Span } from '../../../src/core/text';

const dir = corpusPath('environment');

function load(name: string): { text: string; env: CondaEnvironment } {
  const file = path.join(dir, name);
  const text = readFileSync(file, 'utf8');
  return { text, env: parseEnvironmentYml(text, file) };
}
const slice = (text: string, s: Span | null | undefined): string | null => (s ? text.slice(s.start, s.end) : null);
const dep = (env: CondaEnvironment, name: string): CondaSpec => {
  const d = env.dependencies.find((x) => x.name === name);
  assert.ok(d, `dependency ${name}`);
  return d;
};
const lineOf = (text: string, s: Span): number => new LineIndex(text).positionAt(s.start).line;

test('every corpus environment file parses without throwing, without errors, with exact spans', () => {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  assert.ok(files.length >= 20, `corpus has ${files.length} files`);
  for (const f of files) {
    const { text, env } = load(f);
    assert.deepEqual(env.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], f);
    assert.ok(env.name, `${f}: name`);
    assert.ok(env.channels.length > 0, `${f}: channels`);
    assert.ok(env.dependencies.length > 0, `${f}: dependencies`);
    for (const c of env.channels) assert.equal(slice(text, c.span)?.trim(), c.value, `${f}: channel span`);
    for (const d of env.dependencies) {
      assert.equal(slice(text, d.span), d.raw, `${f}: spec span`);
      assert.equal(slice(text, d.nameSpan)?.toLowerCase(), d.name, `${f}: name span of ${d.raw}`);
      if (d.versionSpan) assert.equal(slice(text, d.versionSpan)?.replace(/ /g, ''), d.version, `${f}: version span of ${d.raw}`);
      if (d.channelSpan) assert.equal(slice(text, d.channelSpan), d.channel, `${f}: channel span of ${d.raw}`);
      assert.equal(d.error, null, `${f}: ${d.raw}`);
    }
    for (const e of env.pip?.entries ?? []) assert.equal(slice(text, e.span), e.text, `${f}: pip entry span`);
    for (const r of env.pip?.requirements ?? []) {
      assert.equal(r.file, path.join(dir, f));
      if (r.nameSpan) assert.equal(slice(text, r.nameSpan), r.name, `${f}: pip requirement name span`);
      assert.ok(env.pip?.entries.some((e) => e.line === r.line), `${f}: requirement line ${r.line} is an entry line`);
    }
  }
});

test('MONAI environment-dev.yml: channels, pytorch-cuda range and the -r entry of the pip block', () => {
  const { text, env } = load('Project-MONAI__MONAI__environment-dev.yml');
  assert.equal(env.name?.value, 'monai');
  assert.deepEqual(env.channels.map((c) => c.value), ['pytorch', 'defaults', 'nvidia', 'conda-forge']);
  assert.deepEqual(env.dependencies.map((d) => d.name), ['numpy', 'pytorch', 'torchio', 'torchvision', 'pytorch-cuda', 'pip']);
  const pc = dep(env, 'pytorch-cuda');
  assert.equal(pc.version, '>=11.6');
  assert.deepEqual(pc.clauses, [[{ op: '>=', version: '11.6' }]]);
  assert.equal(lineOf(text, pc.span), 11);
  const numpy = dep(env, 'numpy');
  assert.deepEqual(numpy.clauses, [[{ op: '>=', version: '1.24' }, { op: '<', version: '3.0' }]]);
  assert.ok(env.pip);
  assert.deepEqual(env.pip.entries.map((e) => [e.line, e.text]), [[14, '-r requirements-dev.txt']]);
  assert.equal(slice(text, env.pip.keySpan), 'pip');
  assert.deepEqual(env.pip.includes.map((i) => i.target), ['requirements-dev.txt']);
  assert.ok(slice(text, env.pip.includes[0].span)?.includes('requirements-dev.txt'));
  assert.deepEqual(env.pip.requirements, []);
});

test('openfold environment.yml: trailing spaces, channel::name specs, pip block lines', () => {
  const { text, env } = load('aqlaboratory__openfold__environment.yml');
  assert.equal(env.name?.value, 'openfold-env');
  assert.equal(slice(text, env.name?.span), 'openfold-env');
  assert.deepEqual(env.channels.map((c) => c.value), ['conda-forge', 'bioconda', 'pytorch', 'nvidia']);
  const hmmer = dep(env, 'hmmer');
  assert.equal(hmmer.channel, 'bioconda');
  assert.equal(slice(text, hmmer.nameSpan), 'hmmer');
  const pc = dep(env, 'pytorch-cuda');
  assert.equal(pc.channel, 'pytorch');
  assert.equal(pc.version, '12.4');
  assert.deepEqual(pc.clauses, [[{ op: 'fuzzy', version: '12.4' }]]);
  assert.equal(lineOf(text, pc.span), 34);
  assert.equal(dep(env, 'pyyaml').raw, 'PyYAML');
  assert.deepEqual(env.pip?.entries.map((e) => [e.line, e.text]), [
    [36, 'deepspeed==0.14.5'],
    [37, 'dm-tree==0.1.6'],
    [38, 'git+https://github.com/NVIDIA/dllogger.git'],
    [39, 'flash-attn'],
  ]);
  assert.deepEqual(env.pip?.requirements.map((r) => [r.line, r.name, r.specifier, r.url]), [
    [36, 'deepspeed', '==0.14.5', null],
    [37, 'dm-tree', '==0.1.6', null],
    [38, null, '', 'git+https://github.com/NVIDIA/dllogger.git'],
    [39, 'flash-attn', '', null],
  ]);
  const ds = env.pip?.requirements[0];
  assert.equal(slice(text, ds?.specifierSpan), '==0.14.5');
  assert.equal(lineOf(text, ds?.specifierSpan ?? { start: 0, end: 0 }), 36);
});

test('dinov2 conda.yaml: --extra-index-url inside pip:, pinned pytorch-cuda from the pytorch channel', () => {
  const { env } = load('facebookresearch__dinov2__conda.yaml');
  assert.deepEqual(env.pip?.entries.map((e) => [e.line, e.text]), [
    [19, 'git+https://github.com/facebookincubator/submitit'],
    [20, '--extra-index-url https://pypi.nvidia.com'],
    [21, 'cuml-cu11'],
  ]);
  assert.deepEqual(env.pipOptionsOutsidePip, []);
  assert.deepEqual(env.pip?.options.map((o) => [o.line, o.name, o.value]), [[20, '--extra-index-url', 'https://pypi.nvidia.com']]);
  assert.deepEqual(env.pip?.requirements.map((r) => r.name), [null, 'cuml-cu11']);
  const pc = dep(env, 'pytorch-cuda');
  assert.equal(pc.channel, 'pytorch');
  assert.equal(pc.version, '11.7.0');
  assert.equal(dep(env, 'xformers').channel, 'xformers');
});

test('EDM environment.yml: "python>=3.8, < 3.10  # comment" is one range without the comment', () => {
  const { text, env } = load('NVlabs__edm__environment.yml');
  const py = dep(env, 'python');
  assert.equal(py.raw, 'python>=3.8, < 3.10');
  assert.equal(py.version, '>=3.8,<3.10');
  assert.equal(slice(text, py.versionSpan), '>=3.8, < 3.10');
  assert.deepEqual(py.clauses, [[{ op: '>=', version: '3.8' }, { op: '<', version: '3.10' }]]);
  assert.deepEqual(env.pip?.entries.map((e) => [e.line, e.text]), [[17, 'imageio-ffmpeg>=0.4.3'], [18, 'pyspng']]);
});

test('rapids cuml: unindented lists, name at the end, == wildcards combined with lower bounds', () => {
  const { text, env } = load('rapidsai__cuml__conda__environments__all_cuda-129_arch-x86_64.yaml');
  assert.equal(env.name?.value, 'all_cuda-129_arch-x86_64');
  assert.equal(lineOf(text, env.name?.span ?? { start: 0, end: 0 }), 90);
  assert.equal(env.dependencies.length, 81);
  assert.deepEqual(dep(env, 'cudf').clauses, [[{ op: 'fuzzy', version: '26.10' }, { op: '>=', version: '0.0.0a0' }]]);
  assert.equal(dep(env, 'cuda-version').version, '12.9');
  assert.deepEqual(dep(env, 'cupy').clauses, [[{ op: '>=', version: '14.0.1' }, { op: '!=', version: '14.1.0' }]]);
  assert.deepEqual(env.pip?.entries.map((e) => [e.line, e.text]), [[89, 'nvidia-sphinx-theme']]);
});

test('instruct-pix2pix: editable git entries in pip:, cudatoolkit pin, header comments skipped', () => {
  const { env } = load('timothybrooks__instruct-pix2pix__environment.yaml');
  assert.equal(env.name?.value, 'ip2p');
  assert.equal(dep(env, 'cudatoolkit').version, '11.3');
  assert.equal(env.pip?.entries.length, 23);
  assert.deepEqual(env.pip?.entries.filter((e) => e.text.startsWith('-e ')).map((e) => e.line), [32, 33]);
  assert.equal(env.pip?.entries[22].text, 'git+https://github.com/crowsonkb/k-diffusion.git');
  assert.deepEqual(env.pip?.requirements.filter((r) => r.editable).map((r) => [r.line, r.name]), [[32, 'taming-transformers'], [33, 'clip']]);
});

test('mip-splatting: local-path pip entries and no final newline', () => {
  const { text, env } = load('autonomousvision__mip-splatting__environment.yml');
  assert.ok(!text.endsWith('\n'));
  assert.deepEqual(env.pip?.entries.map((e) => e.text), ['submodules/diff-gaussian-rasterization', 'submodules/simple-knn']);
  assert.equal(env.pip?.entries[1].span.end, text.length);
});

test('Fooocus and forge files have no pip block', () => {
  assert.equal(load('lllyasviel__Fooocus__environment.yaml').env.pip, null);
  assert.equal(load('lllyasviel__stable-diffusion-webui-forge__environment-wsl2.yaml').env.pip, null);
  assert.deepEqual(load('lllyasviel__Fooocus__environment.yaml').env.dependencies.map((d) => [d.name, d.version]),
    [['python', '3.10'], ['pip', '23.0'], ['packaging', null]]);
});

// ---- synthetic documents ------------------------------------------------------------------------

test('YAML syntax errors become invalid-yaml errors at the offending place', () => {
  const text = 'name: x\ndependencies:\n  - numpy\n  - [unclosed\nchannels: [a\n';
  const env = parseEnvironmentYml(text, '/w/environment.yml');
  const errs = env.diagnostics.filter((d) => d.code === 'invalid-yaml');
  assert.ok(errs.length > 0);
  assert.ok(errs.every((d) => d.severity === 'error'));
  assert.ok(errs.every((d) => d.span.start >= 0 && d.span.end <= text.length && d.span.start <= d.span.end));
  assert.ok(errs.some((d) => d.span.start >= text.indexOf('[unclosed')), JSON.stringify(errs.map((e) => e.span)));
  assert.ok(errs[0].l10n && errs[0].l10n.template === 'Invalid YAML: {0}');
});

test('tab indentation and duplicate keys are YAML errors', () => {
  const dup = parseEnvironmentYml('name: a\nname: b\n', 'e.yml');
  const d = dup.diagnostics.find((x) => x.code === 'invalid-yaml');
  assert.ok(d);
  assert.equal(d.span.start, 8);
  const tabs = parseEnvironmentYml('dependencies:\n\t- numpy\n', 'e.yml');
  assert.ok(tabs.diagnostics.some((x) => x.code === 'invalid-yaml' && x.severity === 'error'));
});

test('pip options directly under dependencies are collected for the conda-pip-option-outside-pip rule', () => {
  const text = 'dependencies:\n  - python=3.10\n  - --extra-index-url https://download.pytorch.org/whl/cu121\n  - -r requirements.txt\n';
  const env = parseEnvironmentYml(text, 'e.yml');
  assert.deepEqual(env.pipOptionsOutsidePip.map((p) => [p.line, p.text]),
    [[2, '--extra-index-url https://download.pytorch.org/whl/cu121'], [3, '-r requirements.txt']]);
  assert.deepEqual(env.dependencies.map((d) => d.name), ['python']);
  for (const p of env.pipOptionsOutsidePip) assert.equal(slice(text, p.span), p.text);
});

test('structure problems conda would reject are reported with their own codes', () => {
  const text = [
    'name: x',
    'dependencies:',
    '  - numpy',
    '  - 3.9',
    '  - numpy==',
    '  - [a, b]',
    '  - conda: [x]',
    '  - pip:',
    '    - {a: 1}',
    '    - requests',
    'channels: conda-forge',
    'extras: 1',
    '',
  ].join('\n');
  const env = parseEnvironmentYml(text, 'e.yml');
  const by = (code: string): string[] => env.diagnostics.filter((d) => d.code === code).map((d) => slice(text, d.span) ?? '');
  // `- 3.9` is a YAML float, not a spec string: conda cannot read it as a MatchSpec.
  assert.deepEqual(by('invalid-conda-spec'), ['3.9', '==', '[a, b]']);
  assert.deepEqual(by('invalid-environment'), ['conda', 'conda-forge', 'extras']);
  assert.deepEqual(env.dependencies.map((d) => [d.name, d.error === null]), [['numpy', true], ['numpy', false]]);
  assert.deepEqual(env.pip?.entries.map((e) => e.text), ['requests']);
  assert.ok(env.diagnostics.some((d) => d.code === 'invalid-requirement' && slice(text, d.span) === '{a: 1}'));
  assert.deepEqual(env.unknownSections.map((u) => u.key), ['extras']);
});

test('pip entries are checked as requirements-file lines: errors land inside the YAML text', () => {
  const text = 'dependencies:\n  - pip\n  - pip:\n    - torch>=\n    - --bogus-option\n    - "numpy==1.26.4"\n';
  const env = parseEnvironmentYml(text, '/w/environment.yml');
  const errs = env.diagnostics.filter((d) => d.severity === 'error');
  assert.ok(errs.some((d) => d.code === 'invalid-requirement' && d.span.start >= text.indexOf('torch>=') && d.span.end <= text.indexOf('torch>=') + 7));
  assert.ok(errs.some((d) => d.code === 'unknown-option' && d.span.start >= text.indexOf('--bogus')));
  assert.equal(env.pip?.requirements.length, 1);
  assert.equal(slice(text, env.pip?.requirements[0].specifierSpan), '==1.26.4');
  assert.equal(env.pip?.requirements[0].line, 5);
});

test('conda keeps only the last pip: block; the earlier one is flagged', () => {
  const env = parseEnvironmentYml('dependencies:\n  - pip:\n    - a\n  - pip:\n    - b\n', 'e.yml');
  assert.deepEqual(env.pip?.entries.map((e) => e.text), ['b']);
  assert.equal(env.diagnostics.filter((d) => d.code === 'invalid-environment' && d.severity === 'warning').length, 1);
});

test('quoted scalars keep exact spans; escaped ones fall back to the whole scalar', () => {
  const text = 'dependencies:\n  - "pytorch::pytorch>=2"\n  - \'cudatoolkit=11.8\'\n  - "py\\x74hon=3.10"\nprefix: /opt/envs/x\nvariables:\n  CUDA_HOME: /usr/local/cuda\n  N: 3\n';
  const env = parseEnvironmentYml(text, 'e.yml');
  assert.deepEqual(env.dependencies.map((d) => d.name), ['pytorch', 'cudatoolkit', 'python']);
  assert.equal(slice(text, env.dependencies[0].versionSpan), '>=2');
  assert.equal(slice(text, env.dependencies[1].nameSpan), 'cudatoolkit');
  assert.equal(env.dependencies[2].version, '3.10');
  assert.equal(slice(text, env.dependencies[2].versionSpan), '"py\\x74hon=3.10"');
  assert.equal(env.prefix?.value, '/opt/envs/x');
  assert.deepEqual(env.variables, { CUDA_HOME: '/usr/local/cuda', N: '3' });
});

test('empty and non-mapping documents', () => {
  assert.deepEqual(parseEnvironmentYml('', 'e.yml').diagnostics, []);
  assert.deepEqual(parseEnvironmentYml('# only a comment\n', 'e.yml').diagnostics, []);
  assert.equal(parseEnvironmentYml('- a\n- b\n', 'e.yml').diagnostics[0].code, 'invalid-environment');
  assert.equal(parseEnvironmentYml('dependencies:\n', 'e.yml').dependencies.length, 0);
});

test('CRLF line endings and a UTF-8 BOM keep exact spans and lines', () => {
  const lf = readFileSync(path.join(dir, 'aqlaboratory__openfold__environment.yml'), 'utf8');
  const text = '\uFEFF' + lf.replace(/\n/g, '\r\n');
  const env = parseEnvironmentYml(text, 'e.yml');
  assert.deepEqual(env.diagnostics, []);
  assert.equal(env.name?.value, 'openfold-env');
  assert.equal(env.dependencies.length, 28);
  for (const d of env.dependencies) assert.equal(slice(text, d.span), d.raw);
  assert.deepEqual(env.pip?.entries.map((e) => e.line), [36, 37, 38, 39]);
  assert.deepEqual(env.pip?.requirements.map((r) => r.name), ['deepspeed', 'dm-tree', null, 'flash-attn']);
});

test('-c constraints inside pip: are includes of kind constraint', () => {
  const env = parseEnvironmentYml('dependencies:\n  - pip:\n    - -c constraints.txt\n    - -r req.txt\n', 'e.yml');
  assert.deepEqual(env.pip?.includes.map((i) => [i.kind, i.target]), [['constraint', 'constraints.txt'], ['requirement', 'req.txt']]);
});

test('100,000-character entries are handled (linear work, a result, no throw)', () => {
  const long = 'a'.repeat(100_000);
  const text = `dependencies:\n  - ${long}>=1\n  - x ${'1 '.repeat(50_000)}\n  - pip:\n    - ${long}==1\n    - "${'('.repeat(50_000)}"\n`;
  const env = parseEnvironmentYml(text, 'e.yml');
  assert.equal(env.dependencies[0].name.length, 100_000);
  assert.equal(env.pip?.requirements[0]?.name?.length, 100_000);
  assert.ok(env.diagnostics.some((d) => d.severity === 'error'));
});

test('documents over the size cap are refused with one diagnostic, without parsing', () => {
  const text = 'dependencies:\n' + '  - numpy\n'.repeat(Math.ceil(MAX_YAML_CHARS / 10) + 1);
  const env = parseEnvironmentYml(text, 'e.yml');
  assert.equal(env.dependencies.length, 0);
  assert.equal(env.diagnostics.length, 1);
  assert.equal(env.diagnostics[0].code, 'invalid-yaml');
  const huge = parseEnvironmentYml('x'.repeat(50_000_000), 'e.yml');
  assert.deepEqual(huge.diagnostics.map((d) => [d.code, d.severity]), [['invalid-yaml', 'warning']]);
});

test('an alias bomb is not expanded (the AST is walked, not converted)', () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 12; i++) {
    const p = String.fromCharCode(97 + i - 1);
    const q = String.fromCharCode(97 + i);
    lines.push(`${q}: &${q} [*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p}]`);
  }
  lines.push('dependencies:', '  - *l', '  - numpy', 'channels: *l');
  const env = parseEnvironmentYml(lines.join('\n') + '\n', 'e.yml');
  assert.deepEqual(env.dependencies.map((d) => d.name), ['numpy']);
  assert.ok(env.diagnostics.some((d) => d.code === 'invalid-conda-spec'));
  assert.ok(env.channels.length === 0);
});

test('deep nesting yields a diagnostic, not a stack overflow', () => {
  for (const depth of [1000, 20000]) {
    const text = 'dependencies:\n  - ' + '['.repeat(depth) + ']'.repeat(depth) + '\n';
    const env = parseEnvironmentYml(text, 'e.yml');
    assert.ok(env.diagnostics.length > 0, `depth ${depth}`);
    const block = 'dependencies:\n' + Array.from({ length: 300 }, (_, i) => ' '.repeat(2 * i + 2) + '- a:').join('\n') + '\n';
    assert.doesNotThrow(() => parseEnvironmentYml(block, 'e.yml'));
  }
});

test('property: arbitrary text and bytes never throw; every span lies inside the text', () => {
  const check = (text: string): void => {
    const env = parseEnvironmentYml(text, 'e.yml');
    const spans: Span[] = [
      ...env.diagnostics.map((d) => d.span), ...env.dependencies.flatMap((d) => [d.span, d.nameSpan]),
      ...env.channels.map((c) => c.span), ...(env.pip?.entries.map((e) => e.span) ?? []),
    ];
    for (const s of spans) assert.ok(s.start >= 0 && s.end <= text.length && s.start <= s.end, JSON.stringify(s));
  };
  fc.assert(fc.property(fc.string({ maxLength: 400 }), check), { numRuns: 300 });
  fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (b) => check(Buffer.from(b).toString('latin1'))), { numRuns: 300 });
  const piece = fc.constantFrom('name: x\n', 'dependencies:\n', '  - ', '- ', 'pip:\n', '    - ', 'numpy>=1', '[', ']', '{', '}',
    '&a ', '*a', ':', '"', "'", '#', '\n', '\t', 'pytorch::pytorch=*=cuda*', '--extra-index-url x', '|\n', '>-\n', '? ', '!!str ', '%YAML 1.2\n---\n');
  fc.assert(fc.property(fc.array(piece, { maxLength: 60 }).map((a) => a.join('')), check), { numRuns: 500 });
});

test('property: generated valid environments round-trip names and versions with exact spans', () => {
  const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,12}$/);
  const version = fc.stringMatching(/^[0-9]{1,2}(\.[0-9]{1,2}){0,2}$/);
  const op = fc.constantFrom('=', '==', '>=', '<', '');
  fc.assert(fc.property(fc.array(fc.tuple(name, op, version), { minLength: 1, maxLength: 15 }), (deps) => {
    const text = 'name: t\ndependencies:\n' + deps.map(([n, o, v]) => `  - ${n}${o ? o + v : ''}\n`).join('');
    const env = parseEnvironmentYml(text, 'e.yml');
    assert.equal(env.dependencies.length, deps.length);
    env.dependencies.forEach((d, i) => {
      const [n, o, v] = deps[i];
      assert.equal(d.name, n);
      assert.equal(slice(text, d.nameSpan), n);
      assert.equal(d.version, o ? (o === '=' ? v : o + v) : null);
    });
  }), { numRuns: 200 });
});

test('"- pip" without a colon followed by an indented list is flagged at the pip line', () => {
  const text = 'dependencies:\n  - python=3.10\n  - pip\n    - torch==2.1.0\n    - numpy\n';
  const env = parseEnvironmentYml(text, 'e.yml');
  const d = env.diagnostics.find((x) => x.code === 'invalid-conda-spec');
  assert.ok(d, JSON.stringify(env.diagnostics));
  assert.equal(slice(text, d.span), 'pip');
  assert.match(d.message, /Did you mean "- pip:"/);
  assert.equal(env.pip, null);
});

test('conda versions may not contain "-"', () => {
  const env = parseEnvironmentYml('dependencies:\n  - openssl=1.1-1\n', 'e.yml');
  assert.equal(env.diagnostics[0]?.code, 'invalid-conda-spec');
});

test('variables are converted under the alias limit: a bomb there stops with a diagnostic', () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 10; i++) {
    const p = String.fromCharCode(97 + i - 1);
    const q = String.fromCharCode(97 + i);
    lines.push(`${q}: &${q} [*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p}]`);
  }
  lines.push('variables:', '  BOOM: *j', '  CUDA_HOME: /usr/local/cuda');
  const env = parseEnvironmentYml(lines.join('\n') + '\n', 'e.yml');
  assert.ok(env.diagnostics.some((d) => d.code === 'invalid-yaml' && /alias/i.test(d.message)), JSON.stringify(env.diagnostics.map((d) => d.message)));
  const ok = parseEnvironmentYml('x: &v /opt/cuda\nvariables:\n  CUDA_HOME: *v\n  LIST: [1]\n', 'e.yml');
  assert.deepEqual(ok.variables, { CUDA_HOME: '/opt/cuda' });
  assert.ok(ok.diagnostics.some((d) => d.code === 'invalid-environment' && d.message.includes('"LIST"')));
});

test('a 20,000-entry dependency list is read completely (work per entry is bounded by the entry)', () => {
  const n = 20_000;
  const text = 'dependencies:\n' + Array.from({ length: n }, (_, i) => `  - pkg${i}>=${i}.0\n`).join('') + '  - pip:\n    - torch==2.1.0\n';
  assert.ok(text.length < MAX_YAML_CHARS);
  const env = parseEnvironmentYml(text, 'e.yml');
  assert.equal(env.dependencies.length, n);
  assert.equal(slice(text, env.dependencies[n - 1].nameSpan), `pkg${n - 1}`);
  assert.equal(env.pip?.requirements[0].line, n + 2);
});

// The resolution model, one semantic at a time: pip, uv, conda, pixi, on small cases and corpus files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelOf } from '../../../src/core/analyze';
import type { Machine } from '../../../src/core/machine';
import { forMachine, type DocumentKind } from '../../../src/core/rules/model';
import { resolveProject, type PackageOutcome } from '../../../src/core/resolve/index';
import { parseWheelUrl } from '../../../src/core/resolve/catalogue';
import { corpusFile, corpusText, reader } from '../rules/helpers';
import { MACHINES } from './machines';

const LINUX = MACHINES['a100-535'];

function resolve(text: string, machine: Machine = LINUX, path = '/p/requirements.txt', kind: DocumentKind = 'requirements', files: Record<string, string> = {}) {
  const model = forMachine(modelOf(path, text, { reader: reader(files) }, kind).model, machine);
  return resolveProject(model, machine);
}

function pkg(text: string, name: string, machine?: Machine, path?: string, kind?: DocumentKind, files?: Record<string, string>): PackageOutcome {
  const env = resolve(text, machine, path, kind, files).environments[0];
  const p = env.packages.find((x) => x.name === name);
  assert.ok(p, `${name} in ${env.packages.map((x) => x.name).join(',')}`);
  return p;
}

test('wheel file names: %2B decoded; version, variant, Python, platform', () => {
  assert.deepEqual(parseWheelUrl('https://x/torch-2.9.0%2Bcu128-cp311-cp311-win_amd64.whl'),
    { name: 'torch', version: '2.9.0+cu128', variant: 'cu128', python: '3.11', platform: 'win32', machine: 'AMD64' });
  assert.equal(parseWheelUrl('https://x/torch-2.5.1-cp312-none-macosx_11_0_arm64.whl')?.variant, 'cpu');
  assert.equal(parseWheelUrl('https://x/not-a-wheel.tar.gz'), null);
});

test('pip: --index-url replaces PyPI; --extra-index-url adds and the highest wins', () => {
  const only = pkg('--index-url https://download.pytorch.org/whl/cpu\ntorch==2.5.1\n', 'torch');
  assert.deepEqual(only.candidates.map((c) => c.version), ['2.5.1+cpu']);
  const extra = pkg('--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.5.1\n', 'torch');
  assert.equal(extra.chosen?.version, '2.5.1+cu121');
  // unpinned: PyPI's newest beats the extra index's newest cu121 build (2.5.1)
  const unpinned = pkg('--extra-index-url https://download.pytorch.org/whl/cu121\ntorch\n', 'torch');
  assert.equal(unpinned.chosen?.source.kind, 'pypi');
});

test('pip: -r includes and -c constraints narrow together', () => {
  const files = { '/p/base.txt': 'torch>=2.1\n', '/p/c.txt': 'torch<2.4\n' };
  const p = pkg('-r base.txt\n-c c.txt\n', 'torch', LINUX, '/p/requirements.txt', 'requirements', files);
  assert.equal(p.chosen?.version, '2.3.1');
});

test('pip: torch_stable.html stopped at 2.3.1; markers exclude lines; Python excludes builds', () => {
  const page = '--find-links https://download.pytorch.org/whl/torch_stable.html\n';
  assert.equal(pkg(`${page}torch==2.1.2+cu118\n`, 'torch').chosen?.version, '2.1.2+cu118');
  const recent = pkg(`${page}torch==2.5.1+cu121\n`, 'torch');
  assert.equal(recent.chosen, null, 'the page does not serve 2.5.1');
  assert.equal(resolve('torch==2.5.1 ; sys_platform == "win32"\n').environments[0].packages.length, 0);
  const py38 = { ...LINUX, python: '3.8' };
  assert.equal(pkg('torch>=2.0,<2.14\n', 'torch', py38).chosen?.version, '2.4.1', 'the newest torch with cp38 wheels');
});

const UV = (extra: string) => `[project]
name = "x"
version = "0"
dependencies = ["torch>=2.0"]
[[tool.uv.index]]
name = "cu121"
url = "https://download.pytorch.org/whl/cu121"
${extra}`;

test('uv: first-index strategy, unsafe-best-match, explicit indexes', () => {
  const first = pkg(UV(''), 'torch', LINUX, '/p/pyproject.toml', 'pyproject');
  assert.equal(first.chosen?.version, '2.5.1+cu121', 'uv takes the first index that has torch');
  const best = pkg(UV('[tool.uv]\nindex-strategy = "unsafe-best-match"\n'), 'torch', LINUX, '/p/pyproject.toml', 'pyproject');
  assert.equal(best.chosen?.source.kind, 'pypi');
  const explicit = pkg(UV('explicit = true\n'), 'torch', LINUX, '/p/pyproject.toml', 'pyproject');
  assert.equal(explicit.chosen?.source.kind, 'pypi', 'an explicit index serves only through a source');
});

test('uv: extras select sources; dependency groups with include-group', () => {
  const text = `[project]
name = "x"
version = "0"
dependencies = ["torch==2.7.1"]
[project.optional-dependencies]
cpu = ["torch==2.7.1"]
[dependency-groups]
dev = [{ include-group = "gpu" }]
gpu = ["torchvision"]
[[tool.uv.index]]
name = "cpu"
url = "https://download.pytorch.org/whl/cpu"
explicit = true
[tool.uv.sources]
torch = [{ index = "cpu", extra = "cpu" }]
`;
  const envs = resolve(text, LINUX, '/p/pyproject.toml', 'pyproject').environments;
  const byName = new Map(envs.map((e) => [e.name, e]));
  assert.equal(byName.get('default')?.packages.find((p) => p.name === 'torch')?.chosen?.source.kind, 'pypi');
  assert.equal(byName.get('extra:cpu')?.packages.find((p) => p.name === 'torch')?.chosen?.version, '2.7.1+cpu');
  assert.ok(byName.get('default')?.packages.some((p) => p.name === 'torchvision'), 'dev includes gpu');
});

test('conda: strict channel priority, the pytorch family, python= pins', () => {
  const env = (channels: string, deps: string) => `name: x\nchannels: [${channels}]\ndependencies:\n${deps}`;
  const deps = '  - python=3.10\n  - pytorch=2.1.2\n  - pytorch-cuda=12.1\n';
  const p1 = pkg(env('pytorch, nvidia, conda-forge', deps), 'pytorch', LINUX, '/p/environment.yml', 'environment');
  assert.deepEqual([p1.chosen?.source.url, p1.chosen?.variant], ['pytorch', 'cu121']);
  const p2 = pkg(env('conda-forge, pytorch', deps), 'pytorch', LINUX, '/p/environment.yml', 'environment');
  assert.equal(p2.chosen?.source.url, 'conda-forge', 'conda-forge first: strict priority takes it from there');
  assert.equal(resolve(env('pytorch', deps), { ...LINUX, python: null }, '/p/environment.yml', 'environment').environments[0].python, '3.10');
  const old = pkg(env('pytorch', '  - pytorch=1.10\n  - cudatoolkit=11.3\n'), 'pytorch', LINUX, '/p/environment.yml', 'environment');
  assert.deepEqual([old.chosen?.version, old.chosen?.variant], ['1.10', 'cu113'], 'older than the data: the CUDA build is still a fact');
});

test('pixi (corpus): the conda-forge pytorch with a cuda system requirement', () => {
  const rel = 'pyproject/matthewfeickert__pytorch-gpu-pixi-example__pixi.toml';
  const out = resolve(corpusText(rel), LINUX, corpusFile(rel).replace(/[^/]+$/, 'pixi.toml'), 'pyproject');
  const p = out.environments[0].packages.find((x) => x.name === 'pytorch');
  assert.equal(p?.chosen?.source.url, 'conda-forge');
  assert.ok(p && p.candidates.every((c) => Number(c.version.split('.')[1]) >= 8 || c.version.startsWith('3')));
});

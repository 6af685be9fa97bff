// readProject on real corpus files: which file drives the env, its name, Python constraints, the pin.
import { corpusPath } from '../../paths';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readProject, requirementsFileNames } from '../../../src/core/createEnv/project';
import { defaultsFor } from '../../../src/core/createEnv/defaults';
import type { Machine } from '../../../src/core/machine';

const corpus = corpusPath();
const DIR = '/work/proj';

/** A virtual folder: name → corpus file (or literal text). */
function folder(files: Record<string, string>) {
  const texts = new Map(Object.entries(files).map(([n, v]) => [`${DIR}/${n}`, v.startsWith('corpus:') ? fs.readFileSync(path.join(corpus, v.slice(7)), 'utf8') : v]));
  return {
    dir: DIR, names: Object.keys(files),
    reader: { read: (p: string) => texts.get(p) ?? null, resolve: (from: string, t: string) => path.posix.resolve(path.posix.dirname(from), t) },
  };
}

test('environment.yml drives the env: its name, python spec and pinned torch', () => {
  const p = readProject(folder({ 'environment.yml': 'corpus:environment/NVlabs__edm__environment.yml', 'requirements.txt': 'numpy\n' }));
  assert.deepEqual(p.source, { kind: 'environment', file: `${DIR}/environment.yml`, envName: 'edm', hasPip: true });
  assert.equal(p.envPythonSpec, '>=3.8,<3.10');
  assert.equal(p.torchPin, '1.12.1');
  assert.deepEqual(p.requirementsFiles, [`${DIR}/requirements.txt`]);
  const y = readProject(folder({ 'environment.yaml': 'corpus:environment/lllyasviel__ControlNet__environment.yaml' }));
  assert.equal(y.source.kind === 'environment' && y.source.envName, 'control');
});

test('requirements.txt: torch pin, existing PyTorch index, includes followed', () => {
  const p = readProject(folder({ 'requirements.txt': 'corpus:requirements/facebookresearch__dinov2/requirements.txt' }));
  assert.deepEqual(p.source, { kind: 'requirements', file: `${DIR}/requirements.txt`, hasTorch: true,
    torchIndex: 'https://download.pytorch.org/whl/cu117' });
  assert.equal(p.torchPin, '2.0.0');
  const c = readProject(folder({ 'requirements.txt': 'corpus:requirements/comfyanonymous__ComfyUI/requirements.txt' }));
  assert.equal(c.torchPin, null, 'unpinned torch');
  assert.equal(c.source.kind === 'requirements' && c.source.hasTorch, true);
  const inc = readProject(folder({ 'requirements.txt': '-r base.txt\n', 'base.txt': 'torch==2.4.1+cu121\n' }));
  assert.equal(inc.torchPin, '2.4.1');
});

test('pyproject: requires-python and project deps; .python-version read', () => {
  const p = readProject(folder({ 'pyproject.toml': 'corpus:pyproject/openai__whisper__pyproject.toml', '.python-version': '# pinned\n3.11.9\n' }));
  assert.equal(p.source.kind, 'pyproject');
  assert.equal(p.requiresPython, '>=3.8');
  assert.equal(p.pythonVersionFile, '3.11.9');
  assert.equal(p.source.kind === 'pyproject' && p.source.hasTorch, true);
  assert.equal(readProject(folder({ 'README.md': 'x' })).source.kind, 'none');
});

test('requirements file order and an explicit choice', () => {
  assert.deepEqual(requirementsFileNames(['requirements-dev.txt', 'requirements.txt', 'requirements_versions.txt', 'notes.txt']),
    ['requirements.txt', 'requirements-dev.txt', 'requirements_versions.txt']);
  const p = readProject({ ...folder({ 'environment.yml': 'name: x\n', 'requirements-gpu.txt': 'torch==2.5.1\n' }), prefer: `${DIR}/requirements-gpu.txt` });
  assert.equal(p.source.kind, 'requirements');
  assert.equal(p.torchPin, '2.5.1');
});

test('defaults: name from the yml, Python from the torch range and the project', () => {
  const machine: Machine = { platform: 'linux', gpu: { vendor: 'none', driver: null, cuda: null, gpus: [], error: null }, python: null, source: 'flags' };
  const edm = defaultsFor(readProject(folder({ 'environment.yml': 'corpus:environment/NVlabs__edm__environment.yml' })), machine);
  assert.equal(edm.name, 'edm');
  assert.equal(edm.python.python, '3.9', 'torch 1.12.1 allows ≤3.10, the yml <3.10');
  const req = defaultsFor(readProject(folder({ 'requirements.txt': 'torch==2.5.1\n' })), machine);
  assert.equal(req.name, 'proj');
  assert.equal(req.torch, '2.5.1');
  assert.equal(req.python.python, '3.12', 'torch 2.5.1 ships wheels up to 3.12 (data/torch.json)');
});

test('defaults without a machine: unpinned torch still bounds Python by a known release', () => {
  const d = defaultsFor(readProject(folder({ 'requirements.txt': 'torch\n' })), null);
  assert.equal(d.recommendation, null);
  assert.ok(d.torch, 'a known torch release bounds the choice');
  assert.ok(d.python.candidates.length > 0);
});

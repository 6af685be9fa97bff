import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, check, codes, corpusFile, corpusText, GPU_CODES, only, preferred } from './helpers';

const WIN4080 = { gpu: 'NVIDIA GeForce RTX 4080', platform: 'win32', driver: '551.78' };

test('Windows + RTX 4080 + unpinned torch → cpu-only-torch with a working fix that pins the family', () => {
  const text = 'numpy>=1.24\ntorch\ntorchvision\n';
  const f = only(check(text, WIN4080), 'cpu-only-torch');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /CPU-only/);
  const fixed = apply(text, preferred(f[0]));
  // Driver 551.78 supports CUDA ≤ 12.4: a 12.x variant, pinned so a newer PyPI torch cannot take over.
  assert.match(fixed, /^numpy>=1\.24\n--extra-index-url https:\/\/download\.pytorch\.org\/whl\/cu12\d\ntorch==\d+\.\d+\.\d+\ntorchvision==\d+\.\d+\.\d+\n$/);
  const after = check(fixed, WIN4080);
  assert.deepEqual(codes(after).filter((c) => GPU_CODES.includes(c) && c !== 'driver-below-toolkit'), []);
  assert.deepEqual(only(after, 'torch-unpinned-with-extra-index'), []);
});

test('Windows + unpinned torch without a driver: still reported, but no fix (the driver decides the CUDA variant)', () => {
  const text = 'torch\n';
  const f = only(check(text, { gpu: 'NVIDIA GeForce RTX 4080', platform: 'win32' }), 'cpu-only-torch');
  assert.equal(f.length, 1);
  // cu130+ need driver ≥ 580, cu12x ≥ 528.33 on Windows: with the driver unknown no variant can be said to run.
  assert.deepEqual(f[0].fixes, []);
});

test('a torch range is respected by the fix', () => {
  const text = 'torch>=2.1,<2.6\n';
  const f = only(check(text, WIN4080), 'cpu-only-torch');
  const fixed = apply(text, preferred(f[0]));
  assert.match(fixed, /torch==2\.5\.1\n$/);
  assert.match(fixed, /whl\/cu124\n/);
});

test('/whl/cpu index and +cpu pins on a GPU machine', () => {
  const m = { gpu: 'NVIDIA GeForce RTX 3090', driver: '550.54.15', platform: 'linux' };
  const a = only(check('--index-url https://download.pytorch.org/whl/cpu\ntorch==2.5.1\n', m), 'cpu-only-torch');
  assert.equal(a.length, 1);
  assert.equal(apply('--index-url https://download.pytorch.org/whl/cpu\ntorch==2.5.1\n', preferred(a[0])), '--index-url https://download.pytorch.org/whl/cu124\ntorch==2.5.1\n');
  const text = '--extra-index-url https://download.pytorch.org/whl/cpu\ntorch==2.6.0+cpu\ntorchaudio==2.6.0+cpu\n';
  const b = only(check(text, m), 'cpu-only-torch');
  assert.equal(b.length, 1);
  assert.equal(apply(text, preferred(b[0])), '--extra-index-url https://download.pytorch.org/whl/cu126\ntorch==2.6.0+cu126\ntorchaudio==2.6.0+cu126\n');
});

test('controls: Linux plain torch is a CUDA build; a Mac or a GPU-less machine is not warned', () => {
  assert.deepEqual(only(check('torch==2.5.1\n', { gpu: 'NVIDIA GeForce RTX 4080', driver: '550.54.15', platform: 'linux' }), 'cpu-only-torch'), []);
  assert.deepEqual(only(check('torch\n', { platform: 'darwin' }), 'cpu-only-torch'), []);
  assert.deepEqual(only(check('torch\n', { platform: 'win32' }), 'cpu-only-torch'), []);
});

test('corpus: ComfyUI requirements on Windows with an RTX 4090 → cpu-only-torch; the fix leaves other lines alone', () => {
  const rel = 'requirements/comfyanonymous__ComfyUI/requirements.txt';
  const text = corpusText(rel);
  const m = { gpu: 'NVIDIA GeForce RTX 4090', driver: '551.78', platform: 'win32' };
  const f = only(check(text, m, corpusFile(rel)), 'cpu-only-torch');
  assert.equal(f.length, 1);
  const fixed = apply(text, preferred(f[0]));
  const before = text.split('\n').filter((l) => !/^torch(vision|audio)?\b/.test(l));
  const after = fixed.split('\n').filter((l) => !/^torch(vision|audio)?\b/.test(l) && !l.startsWith('--extra-index-url'));
  assert.deepEqual(after, before);
  assert.deepEqual(only(check(fixed, m, corpusFile(rel)), 'cpu-only-torch'), []);
});

test('pyproject without a uv index on Windows: fix adds a uv index + sources and keeps the library\'s ranges', () => {
  const text = '[project]\nname = "x"\nversion = "0"\nrequires-python = ">=3.10"\ndependencies = ["torch>=2.4", "torchvision", "numpy"]\n';
  const f = only(check(text, WIN4080, '/p/pyproject.toml'), 'cpu-only-torch');
  assert.equal(f.length, 1);
  const fixed = apply(text, preferred(f[0]));
  // A range (or an unpinned line) in [project].dependencies is a promise to users: never turned into a pin.
  assert.match(fixed, /dependencies = \["torch>=2\.4", "torchvision", "numpy"\]/);
  assert.match(fixed, /\[\[tool\.uv\.index\]\]\nname = "pytorch-cu12\d"\nurl = "https:\/\/download\.pytorch\.org\/whl\/cu12\d"\nexplicit = true\n\n\[tool\.uv\.sources\]\ntorch = \{ index = "pytorch-cu12\d" \}\ntorchvision = /);
  assert.deepEqual(codes(check(fixed, WIN4080, '/p/pyproject.toml')), []);
});

test('conda cpuonly on a GPU machine: fix swaps it for the pytorch-cuda that release offered', () => {
  const text = 'channels:\n  - pytorch\ndependencies:\n  - pytorch=2.4.1\n  - cpuonly\n';
  const f = only(check(text, { driver: '550.54.15', gpu: 'NVIDIA GeForce RTX 3090' }, '/p/environment.yml'), 'cpu-only-torch');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /cpuonly/);
  assert.equal(apply(text, preferred(f[0])), 'channels:\n  - pytorch\ndependencies:\n  - pytorch=2.4.1\n  - pytorch-cuda=12.4\n');
});

// Rules judge the resolution outcome: ranges and unpinned torch, pairing with ranges, wheel URLs,
// pixi and conda packages, macOS conda CUDA packages, files meant for another target; and the
// false-positive controls (macOS extra index, uv platform_machine sources, wheel URLs, macOS files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, codes, corpusFile, corpusText, only } from './helpers';

const T4 = { gpu: 'Tesla T4', driver: '470.256.02' };
const PASCAL = { gpu: 'NVIDIA GeForce GTX 1080', driver: '580.95.05' };
const RTX4090 = { gpu: 'NVIDIA GeForce RTX 4090', driver: '550.54' };
const WHEEL = 'https://download.pytorch.org/whl/cu128/torch-2.9.0%2Bcu128-cp311-cp311-manylinux_2_28_x86_64.whl';

test('ranged torch on driver 470: every build ≥ 2.8 needs a CUDA 12 driver → driver-too-old', () => {
  const f = only(check('torch>=2.8.0\n', T4), 'driver-too-old');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /470\.256\.02/);
  assert.match(f[0].message, /525|580/);
});

test('ranged torch on a GTX 1080: the Linux PyPI builds of ≥ 2.8 lack sm_61 → gpu-arch-unsupported', () => {
  const f = only(check('torch>=2.8\n', PASCAL), 'gpu-arch-unsupported');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /GTX 1080/);
});

test('the installer would pick a failing newest: the message names the version it picks', () => {
  // 2.5 (cu124 on PyPI) runs on driver 535; nothing newer in range, so nothing to say; widen it and
  // the newest (CUDA 13) fails on 535.
  assert.deepEqual(only(check('torch>=2.4,<2.6\n', { gpu: 'NVIDIA A100-SXM4-80GB', driver: '535.183.01' }), 'driver-too-old'), []);
  const f = only(check('torch>=2.4,<2.12\n', { gpu: 'NVIDIA A100-SXM4-80GB', driver: '535.183.01' }), 'driver-too-old');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /cu130/);
  assert.match(f[0].message, /torch 2\.11\.0/);
  assert.match(f[0].message, /would pick torch 2\.11\.0: cu130 wheels/, 'names the version pip picks, not only the variant');
  // an exact pin says nothing about picking
  const pinned = only(check('torch==2.11.0\n', { gpu: 'NVIDIA A100-SXM4-80GB', driver: '535.183.01' }), 'driver-too-old');
  assert.equal(pinned.length, 1);
  assert.doesNotMatch(pinned[0].message, /would pick/);
});

test('pairing with ranges → torch-family-version-mismatch', () => {
  assert.deepEqual(codes(check('torch>=2.1.0\ntorchvision==0.14.1\n', RTX4090)).filter((c) => c === 'torch-family-version-mismatch'), ['torch-family-version-mismatch']);
  const f = only(check('torch==2.10.0\ntorchaudio\n', RTX4090), 'torch-family-version-mismatch');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /torchaudio 2\.11\.0 beside torch 2\.10\.0/);
  // control: an unpinned torchvision follows torch (it pins torch exactly, pip backtracks)
  assert.deepEqual(only(check('torch==2.10.0\ntorchvision\n', RTX4090), 'torch-family-version-mismatch'), []);
});

test('direct-URL wheels are judged by their file names', () => {
  assert.deepEqual(codes(check(`torch @ ${WHEEL}\n`, { ...RTX4090, python: '3.11' })), [], 'no cpu-only-torch on a cu128 wheel');
  assert.deepEqual(codes(check(`torch @ ${WHEEL}\n`, { ...T4, python: '3.11' })), ['driver-too-old']);
});

test('pixi: PyPI deps with an index and conda pytorch + pytorch-cuda are judged', () => {
  const pypi = '[workspace]\nchannels=["conda-forge"]\nplatforms=["linux-64"]\n[pypi-dependencies]\ntorch = { version = "==2.7.1", index = "https://download.pytorch.org/whl/cu128" }\n';
  assert.deepEqual(codes(check(pypi, T4, '/p/pixi.toml')), ['driver-too-old']);
  assert.deepEqual(codes(check(pypi, RTX4090, '/p/pixi.toml')), []);
  const conda = '[workspace]\nchannels=["pytorch","nvidia"]\nplatforms=["linux-64"]\n[dependencies]\npytorch = "2.1.*"\npytorch-cuda = "12.1.*"\n';
  assert.deepEqual(codes(check(conda, T4, '/p/pixi.toml')), ['driver-too-old']);
});

test('conda CUDA packages on macOS → macos-cuda-index; a macOS extra index beside a public pin is not flagged', () => {
  const env = 'name: x\nchannels: [pytorch, nvidia]\ndependencies:\n  - pytorch=2.1\n  - pytorch-cuda=12.1\n';
  assert.equal(only(check(env, { platform: 'darwin' }, '/p/environment.yml'), 'macos-cuda-index').length, 1);
  assert.deepEqual(only(check('--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.5.1\n', { platform: 'darwin' }), 'macos-cuda-index'), []);
  assert.equal(only(check('--index-url https://download.pytorch.org/whl/cu121\ntorch==2.5.1\n', { platform: 'darwin' }), 'macos-cuda-index').length, 1, '--index-url replaces PyPI: nothing installs');
});

test('files meant for another target are judged as what they are', () => {
  // kohya_ss's macOS file on a Linux RTX 4090: judged for macOS, so no CUDA advice
  const mac = 'requirements/bmaltais__kohya_ss/requirements_macos_arm64.txt';
  assert.deepEqual(codes(check(corpusText(mac), RTX4090, corpusFile(mac))).filter((c) => ['cpu-only-torch', 'driver-too-old', 'gpu-arch-unsupported'].includes(c)), []);
  const rocm = 'requirements/bmaltais__kohya_ss/requirements_linux_rocm.txt';
  assert.deepEqual(codes(check(corpusText(rocm), RTX4090, corpusFile(rocm))).filter((c) => ['cpu-only-torch', 'driver-too-old', 'gpu-arch-unsupported'].includes(c)), []);
  // a CPU file: no cpu-only-torch on an NVIDIA machine
  assert.deepEqual(only(check('--index-url https://download.pytorch.org/whl/cpu\ntorch==2.5.1\n', RTX4090, '/p/requirements-cpu.txt'), 'cpu-only-torch'), []);
  assert.equal(only(check('--index-url https://download.pytorch.org/whl/cpu\ntorch==2.5.1\n', RTX4090, '/p/requirements.txt'), 'cpu-only-torch').length, 1);
});

test('uv sources with extras and platform_machine markers (InvokeAI) raise nothing on Linux x86_64 (driver 580) or macOS', () => {
  const inv = corpusText('pyproject/invoke-ai__InvokeAI__pyproject.toml');
  const gpuCodes = (flags: Parameters<typeof check>[1]) => codes(check(inv, flags, '/p/pyproject.toml'))
    .filter((c) => ['cpu-only-torch', 'driver-too-old', 'gpu-arch-unsupported', 'macos-cuda-index'].includes(c));
  for (const flags of [{ ...RTX4090, driver: '580.95.05' }, { platform: 'darwin' as const }]) assert.deepEqual(gpuCodes(flags), [], JSON.stringify(flags));
  // On driver 550 the default install (no extra) takes PyPI's newest torch, a CUDA 13 build: that one is real.
  const f = check(inv, RTX4090, '/p/pyproject.toml').filter((x) => x.code === 'driver-too-old');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /would pick torch 2\.\d+\.\d+ \(cu13\d\)/);
});

test('plain torch>=2.0 from PyPI on a T4 with driver 470: pip picks the newest release, whose PyPI build the data names only as CUDA 13 candidates → driver-too-old naming it', () => {
  const f = only(check('torch>=2.0\n', { ...T4, platform: 'linux' }), 'driver-too-old');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /pick torch 2\.\d+\.\d+ \(cu13\d/);
  assert.match(f[0].message, /≥ 580/);
  // control: a driver that runs CUDA 13 builds gets nothing
  assert.deepEqual(only(check('torch>=2.0\n', { gpu: 'Tesla T4', driver: '580.95.05', platform: 'linux' }), 'driver-too-old'), []);
});

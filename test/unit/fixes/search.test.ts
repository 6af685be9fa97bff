// Fix search: the smallest verified move of torch is preferred (nearest release upward with a build
// that runs here), torchvision moves with it, and nothing is invented when nothing upward runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOnce } from '../../../src/core/analyze';
import { searchCandidates } from '../../../src/core/fixes/search';
import { apply, check, codes, GPU_CODES, machine, only, preferred, reader } from '../rules/helpers';

const RTX5090 = { gpu: 'NVIDIA GeForce RTX 5090', driver: '575.57.08', platform: 'linux' as const };

test('RTX 5090 + torch 2.4.1+cu118: the preferred verified fix is the nearest release upward (2.7.x, cu128), not the newest', () => {
  const text = '--extra-index-url https://download.pytorch.org/whl/cu118\ntorch==2.4.1+cu118\ntorchvision==0.19.1+cu118\n';
  const [f] = only(check(text, RTX5090), 'gpu-arch-unsupported');
  const fix = preferred(f);
  assert.equal(fix.verified, true);
  const fixed = apply(text, fix);
  assert.match(fixed, /torch==2\.7\.\d+\+cu128/);
  assert.match(fixed, /torchvision==0\.22\.\d+\+cu128/, 'torchvision moved with torch');
  assert.deepEqual(codes(check(fixed, RTX5090)).filter((c) => GPU_CODES.includes(c) || c === 'torch-family-version-mismatch'), []);
  assert.ok(f.fixes.length > 1, 'the larger moves stay as alternatives');
});

test('no search candidate when another variant of the pinned release runs (driver 470 + cu121 → cu118 is the rule\'s fix)', () => {
  const text = '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\n';
  const first = analyzeOnce('/p/requirements.txt', text, machine({ driver: '470.82.01' }), { reader: reader() });
  const [f] = only(first.findings, 'driver-too-old');
  assert.deepEqual(searchCandidates(first.ctx, f), []);
});

test('a range is never searched (the rule keeps the project\'s range), nor a file without a machine', () => {
  const text = '--extra-index-url https://download.pytorch.org/whl/cu118\ntorch>=2.0,<2.5\n';
  const first = analyzeOnce('/p/requirements.txt', text, machine(RTX5090), { reader: reader() });
  for (const f of first.findings) assert.deepEqual(searchCandidates(first.ctx, f), []);
  const none = analyzeOnce('/p/requirements.txt', 'torch==2.4.1+cu118\n', null, { reader: reader() });
  for (const f of none.findings) assert.deepEqual(searchCandidates(none.ctx, f), []);
});

test('nothing the range allows runs here: no preferred fix, the widening is an alternative and the message says so', () => {
  const text = '--extra-index-url https://download.pytorch.org/whl/cu118\ntorch>=2.0,<2.5\n';
  const [f] = only(check(text, RTX5090), 'gpu-arch-unsupported');
  assert.equal(f.fixes.filter((x) => x.preferred).length, 0);
  assert.ok(f.fixes.some((x) => x.verified), 'the widening is verified and offered');
  assert.match(f.message, /Nothing torch>=2\.0,<2\.5 allows runs here/);
  assert.match(f.message, /torch ≥ 2\.7/, 'says what would run');
});

test('a pin inside the project\'s range is a narrowing, not a widening: it stays preferred (driver 470, torch>=2.0,<2.3 → 2.2.2+cu118)', () => {
  const text = '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch>=2.0,<2.3\n';
  const T4 = { gpu: 'Tesla T4', driver: '470.82.01', platform: 'linux' as const };
  const [f] = only(check(text, T4), 'driver-too-old');
  const fixed = apply(text, preferred(f));
  assert.match(fixed, /cu118/);
  assert.match(fixed, /torch==2\.2\.\d/);
  assert.deepEqual(only(check(fixed, T4), 'driver-too-old'), []);
});

test('uv sources with markers: the fix rewrites the index of the source that applies here and leaves the CPU one', () => {
  const text = `[project]\nname = "app"\nversion = "0.1"\nrequires-python = ">=3.10"\ndependencies = ["torch==2.5.1"]\n\n[tool.uv.sources]\ntorch = [\n  { index = "pytorch-cpu", marker = "sys_platform == 'darwin' or platform_machine == 'aarch64'" },\n  { index = "pytorch-cu124", marker = "sys_platform == 'linux' and platform_machine == 'x86_64'" },\n]\n\n[[tool.uv.index]]\nname = "pytorch-cpu"\nurl = "https://download.pytorch.org/whl/cpu"\nexplicit = true\n\n[[tool.uv.index]]\nname = "pytorch-cu124"\nurl = "https://download.pytorch.org/whl/cu124"\nexplicit = true\n`;
  const T4 = { gpu: 'Tesla T4', driver: '470.82.01', platform: 'linux' as const };
  const [f] = only(check(text, T4, '/p/pyproject.toml'), 'driver-too-old');
  const fix = preferred(f);
  assert.equal(fix.verified, true);
  const fixed = apply(text, fix);
  assert.match(fixed, /url = "https:\/\/download\.pytorch\.org\/whl\/cpu"/, 'the CPU index macOS and aarch64 use stays');
  assert.match(fixed, /whl\/cu118"/);
  assert.match(fixed, /requires-python = ">=3\.10"/);
  assert.match(fixed, /"torch==2\.5\.1"/);
});

test('range + stale index on an RTX 5090 (driver 570): the fix targets the nearest release in range with Blackwell kernels (2.7.0 cu128), not the newest', () => {
  const M = { gpu: 'NVIDIA GeForce RTX 5090', driver: '570.86.10', platform: 'linux' as const };
  const text = '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch>=2.4,<2.9\n';
  const found = check(text, M);
  const fixes = found.flatMap((f) => f.fixes.filter((x) => x.preferred));
  assert.ok(fixes.length > 0, 'a preferred fix is offered');
  for (const fix of fixes) {
    assert.equal(fix.verified, true);
    const fixed = apply(text, fix);
    assert.match(fixed, /torch==2\.7\.0\b/, 'nearest upward, not 2.8.x');
    assert.match(fixed, /whl\/cu128/);
    assert.deepEqual(codes(check(fixed, M)).filter((c) => GPU_CODES.includes(c)), []);
  }
});

test('range whose index version runs on another variant: the same version is kept, only the variant moves (T4 driver 470, torch>=2.0,<2.3 + cu121)', () => {
  const T4 = { gpu: 'Tesla T4', driver: '470.82.01', platform: 'linux' as const };
  const text = '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch>=2.0,<2.3\n';
  const [f] = only(check(text, T4), 'driver-too-old');
  const fixed = apply(text, preferred(f));
  assert.match(fixed, /torch==2\.2\.2\b/, 'the version the index served, not an older one');
});

test('nothing in range runs: the widening alternative is the nearest release above the range that runs (2.7.0 cu128), not the newest', () => {
  const text = '--extra-index-url https://download.pytorch.org/whl/cu118\ntorch>=2.0,<2.5\n';
  const [f] = only(check(text, RTX5090), 'gpu-arch-unsupported');
  const widen = f.fixes.find((x) => x.verified);
  assert.ok(widen);
  assert.equal(widen.preferred, false);
  assert.match(apply(text, widen), /torch==2\.7\.0\n/);
  assert.match(apply(text, widen), /whl\/cu128/);
});

test('environment python=3.8 with torch==2.9.0: the message says what would run (Python ≥ 3.10) and the Python change is only an alternative', () => {
  const M = { gpu: 'NVIDIA GeForce RTX 4090', driver: '570.86.10', platform: 'linux' as const };
  const text = 'name: x\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.8\n  - pip\n  - pip:\n    - torch==2.9.0\n';
  const [f] = only(check(text, M, '/p/environment.yml'), 'python-unsupported');
  assert.match(f.message, /Python 3\.10–/);
  assert.equal(f.fixes.filter((x) => x.preferred).length, 0, 'never applied unasked');
  const alt = f.fixes.find((x) => /Use Python 3\.10/.test(x.title));
  assert.ok(alt);
  assert.equal(alt.verified, true);
  const fixed = apply(text, alt);
  assert.match(fixed, /- python=3\.10\n/);
  assert.match(fixed, /torch==2\.9\.0/, 'torch is left as pinned');
  assert.deepEqual(only(check(fixed, M, '/p/environment.yml'), 'python-unsupported'), []);
});

test('refusal: a fix for another finding never rewrites the environment\'s python= pin', () => {
  const T4 = { gpu: 'Tesla T4', driver: '470.82.01', platform: 'linux' as const };
  const text = 'name: x\ndependencies:\n  - python=3.8\n  - pip\n  - pip:\n    - --extra-index-url https://download.pytorch.org/whl/cu121\n    - torch==2.9.0\n';
  for (const f of check(text, T4, '/p/environment.yml')) {
    if (f.code === 'python-unsupported') continue;
    for (const x of f.fixes) assert.match(apply(text, x), /- python=3\.8\n/, `${f.code}: ${x.title}`);
  }
});

test('nothing the project allows runs with this driver: the message says which driver would (T4 on 418, torch>=2.0,<2.5 → ≥ 450.80.02)', () => {
  const T4 = { gpu: 'Tesla T4', driver: '418.67', platform: 'linux' as const };
  const text = '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch>=2.0,<2.5\n';
  const [f] = only(check(text, T4), 'driver-too-old');
  assert.match(f.message, /nothing torch>=2\.0,<2\.5 allows runs: update the NVIDIA driver to ≥ 450\.80\.02/);
  assert.equal(f.fixes.filter((x) => x.preferred).length, 0, 'no preferred fix: nothing within the range runs');
});

test('control: when something the range allows runs, no driver update is asked for (T4 on 470, cu121 → cu118)', () => {
  const T4 = { gpu: 'Tesla T4', driver: '470.82.01', platform: 'linux' as const };
  const [f] = only(check('--extra-index-url https://download.pytorch.org/whl/cu121\ntorch>=2.0,<2.3\n', T4), 'driver-too-old');
  assert.doesNotMatch(f.message, /update the NVIDIA driver/);
});

// check --fix applies verified preferred fixes only; --fix=CODE[,CODE...] limits to those codes (and is
// how an advisory fix is applied); check --json carries "verified" on every fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codes, json, runCli, tempProject, type JReport } from './cliHarness';

const T4_470 = ['--no-detect', '--driver', '470.82.01', '--gpu', 'Tesla T4', '--platform', 'linux', '--python', '3.10'];
const RTX4090_LINUX = ['--no-detect', '--driver', '551.78', '--gpu', 'NVIDIA GeForce RTX 4090', '--platform', 'linux', '--python', '3.11'];
const RTX4090_WIN = ['--no-detect', '--driver', '551.78', '--gpu', 'NVIDIA GeForce RTX 4090', '--platform', 'win32', '--python', '3.11'];

const CONDA_PYTORCH = 'name: x\nchannels:\n  - pytorch\n  - nvidia\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pytorch=2.4.1\n  - pytorch-cuda=12.1\n  - pip\n';

test('check --json: every fix says whether it was verified', () => {
  const dir = tempProject({ 'requirements.txt': '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\n' });
  const out = json<JReport>(runCli(['check', '--json', ...T4_470], dir));
  const fixes = out.files.flatMap((f) => f.findings.flatMap((x) => x.fixes));
  assert.ok(fixes.length > 0);
  for (const fx of fixes) assert.equal(typeof fx.verified, 'boolean');
  const [dto] = out.files.flatMap((f) => f.findings).filter((f) => f.code === 'driver-too-old');
  assert.equal(dto.fixes.find((x) => x.preferred)?.verified, true);
});

test('check --fix on driver 470: the verified cu118 fix is applied and nothing is left', () => {
  const dir = tempProject({ 'requirements.txt': '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\n' });
  const r = runCli(['check', '--fix', '--json', ...T4_470], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8'), /cu118/);
  assert.deepEqual(codes(json<JReport>(r)).filter((c) => c === 'driver-too-old'), []);
});

test('check --fix leaves a refused fix alone: a +cpu wheel URL is not "fixed" by adding a CUDA index', () => {
  const text = 'https://download.pytorch.org/whl/cpu/torch-2.5.1%2Bcpu-cp311-cp311-win_amd64.whl\n';
  const dir = tempProject({ 'requirements.txt': text });
  const before = json<JReport>(runCli(['check', '--json', ...RTX4090_WIN], dir));
  const refused = before.files.flatMap((f) => f.findings).filter((f) => f.fixes.length && f.fixes.every((x) => !x.verified));
  runCli(['check', '--fix', ...RTX4090_WIN], dir);
  const after = fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8');
  if (refused.length) {
    for (const f of refused) assert.match(f.message, /not verified/);
    // Only verified fixes of other findings may have changed the file, never a refused one's edits.
    for (const f of refused) for (const fx of f.fixes) for (const e of fx.edits) if (e.newText) assert.ok(!after.includes(e.newText.trim()) || text.includes(e.newText.trim()), e.newText);
  }
});

test('the pytorch-channel move on a file that still installs is applied only with --fix=conda-pytorch-channel-ended', () => {
  const dir = tempProject({ 'environment.yml': CONDA_PYTORCH });
  const file = path.join(dir, 'environment.yml');
  const first = json<JReport>(runCli(['check', '--json', ...RTX4090_LINUX], dir));
  const ended = first.files.flatMap((f) => f.findings).find((f) => f.code === 'conda-pytorch-channel-ended');
  assert.ok(ended, 'the finding is reported');
  assert.equal(ended.severity, 'warning');
  runCli(['check', '--fix', ...RTX4090_LINUX], dir);
  assert.equal(fs.readFileSync(file, 'utf8'), CONDA_PYTORCH, 'plain --fix leaves it');
  const pref = ended.fixes.find((x) => x.preferred);
  const r = runCli(['check', '--fix=conda-pytorch-channel-ended', '--json', ...RTX4090_LINUX], dir);
  const after = fs.readFileSync(file, 'utf8');
  if (pref?.verified) {
    assert.notEqual(after, CONDA_PYTORCH, 'asked for by code: applied');
    assert.doesNotMatch(after, /^\s*- pytorch-cuda/m, 'pytorch-cuda exists only on the pytorch channel: it goes with it');
    assert.deepEqual(codes(json<JReport>(r)).filter((c) => c === 'conda-pytorch-channel-ended'), []);
  } else {
    assert.equal(after, CONDA_PYTORCH, 'an unverified fix is not applied even when asked for');
  }
});

test('--fix=CODE limits to those codes; an unknown code is a usage error', () => {
  const text = '--extra-index-url http://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\n';
  const dir = tempProject({ 'requirements.txt': text });
  runCli(['check', '--fix=insecure-index', ...T4_470], dir);
  const after = fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8');
  assert.match(after, /https:\/\//, 'the insecure index fix applied');
  assert.match(after, /cu121/, 'the driver fix was not asked for');
  const bad = runCli(['check', '--fix=no-such-code', ...T4_470], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /no-such-code/);
});

test('--fix=conda-pytorch-channel-ended moves off the channel with the packages that exist only there (pytorch-mutex, torchtriton)', () => {
  const text = 'name: x\nchannels:\n  - pytorch\n  - nvidia\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pytorch=2.4.1\n  - pytorch-cuda=12.1\n  - pytorch-mutex=1.0=cuda\n  - torchtriton=3.0.0\n  - pip\n';
  const dir = tempProject({ 'environment.yml': text });
  const r = runCli(['check', '--fix=conda-pytorch-channel-ended', '--json', ...RTX4090_LINUX], dir);
  const after = fs.readFileSync(path.join(dir, 'environment.yml'), 'utf8');
  assert.notEqual(after, text, r.stdout);
  for (const gone of ['pytorch-cuda', 'pytorch-mutex', 'torchtriton', '- pytorch\n']) assert.ok(!after.includes(gone), `${gone} left:\n${after}`);
  assert.match(after, /python=3\.11/, 'the python pin stays');
  assert.deepEqual(codes(json<JReport>(r)).filter((c) => c === 'conda-pytorch-channel-ended'), []);
});

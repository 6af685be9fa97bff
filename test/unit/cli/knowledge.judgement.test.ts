// The audit's judgement cases through the real CLI: unpinned and pinned torch from PyPI on Pascal,
// unknown patch releases, cu129 builds that exist, driver/GPU pairs that cannot work, an unknown
// compute capability.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempProject } from './cliHarness';

type Finding = { code: string; message: string };
function findings(text: string, machine: string[]): Finding[] {
  const dir = tempProject({ 'requirements.txt': text });
  const r = runCli(['check', '--json', '--no-detect', '--platform', 'linux', ...machine], dir);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return (JSON.parse(r.stdout) as { files: { findings: Finding[] }[] }).files.flatMap((f) => f.findings);
}
const codes = (f: Finding[]) => f.map((x) => x.code);
const PASCAL = ['--gpu', 'NVIDIA GeForce GTX 1080', '--driver', '580.65.06'];
const ADA = ['--gpu', 'NVIDIA GeForce RTX 4090', '--driver', '580.65.06'];

test('unpinned torch on Linux with a Pascal GPU: PyPI builds are CUDA 13 → gpu-arch-unsupported, naming what runs', () => {
  const f = findings('torch\n', PASCAL);
  const arch = f.find((x) => x.code === 'gpu-arch-unsupported');
  assert.ok(arch, JSON.stringify(f));
  assert.match(arch.message, /sm_61/);
  assert.match(arch.message, /cu126/);
  assert.deepEqual(codes(findings('torch\n', ADA)).filter((c) => c === 'gpu-arch-unsupported'), [], 'Ada runs cu13x');
});

test('torch==2.14.0 from PyPI on Pascal (cu130 wheel) → gpu-arch-unsupported', () => {
  const arch = findings('torch==2.14.0\n', PASCAL).find((x) => x.code === 'gpu-arch-unsupported');
  assert.ok(arch);
  assert.match(arch.message, /2\.14\.0\+cu130/);
});

test('2.14.1 is known; 2.14.2 is reported as unknown', () => {
  assert.ok(!codes(findings('torch==2.14.1\n', ADA)).includes('torch-version-unknown'));
  assert.ok(codes(findings('torch==2.14.2\n', ADA)).includes('torch-version-unknown'));
});

test('--index-url …/cu129 with torch==2.13.0 is fine (those builds exist); with 2.12.0 it is not', () => {
  const ok = findings('--index-url https://download.pytorch.org/whl/cu129\ntorch==2.13.0\n', ADA);
  assert.deepEqual(codes(ok).filter((c) => c === 'torch-variant-unavailable' || c === 'gpu-arch-unsupported'), [], JSON.stringify(ok));
  const bad = findings('--index-url https://download.pytorch.org/whl/cu129\ntorch==2.12.0\n', ADA);
  assert.ok(codes(bad).includes('torch-variant-unavailable'), JSON.stringify(bad));
});

test('detect: an RTX 5090 on R550 is reported as an impossible pair, not "not covered"', () => {
  const dir = tempProject({ 'smi.csv': 'name, driver_version, compute_cap\nNVIDIA GeForce RTX 5090, 550.54.14, 12.0\n' });
  const r = runCli(['detect', '--no-env', '--nvidia-smi-output', 'smi.csv'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Install: +driver 550\.54\.14 cannot drive a GPU of compute capability 12\.0: it needs driver branch R570\+/);
});

test('detect: a driver older than every CUDA build offers the CPU build and says what each needs', () => {
  const dir = tempProject({ 'smi.csv': 'name, driver_version, compute_cap\nNVIDIA GeForce GTX 1080, 418.87.01, 6.1\n' });
  const r = runCli(['detect', '--json', '--no-env', '--nvidia-smi-output', 'smi.csv'], dir);
  const j = JSON.parse(r.stdout) as { recommendation: { variant: string } | null };
  assert.equal(j.recommendation?.variant, 'cpu');
});

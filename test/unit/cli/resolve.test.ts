// `ai-env-doctor resolve --json` through the real CLI: the contract's shape, pip's highest-version
// rule with a local label, wheel URLs, one environment per pixi environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, runCli, tempProject } from './cliHarness';

interface JPackage { name: string; source: string | null; version: string | null; candidates: string[]; variant: string | null; why: string }
interface JEnv { name: string; python: string | null; platform: string; packages: JPackage[]; unknown: string[] }
interface JOut { files: { path: string; environments: JEnv[] }[]; machine: Record<string, unknown> }

const FLAGS = ['--no-detect', '--gpu', 'RTX 4090', '--driver', '550.54', '--python', '3.11'];

function pkg(env: JEnv, name: string): JPackage {
  const p = env.packages.find((x) => x.name === name);
  assert.ok(p, `${name} in ${JSON.stringify(env.packages.map((x) => x.name))}`);
  return p;
}

test('resolve --json: the contract shape; torch==2.5.1 with a cu121 extra index picks 2.5.1+cu121', () => {
  const dir = tempProject({ 'requirements.txt': '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.5.1\ntorchvision\n' });
  const r = runCli(['resolve', '--json', ...FLAGS], dir);
  assert.equal(r.code, 0, r.stderr);
  const out = json<JOut>(r);
  assert.deepEqual(Object.keys(out).sort(), ['files', 'machine']);
  assert.equal(out.files.length, 1);
  assert.deepEqual(Object.keys(out.files[0]).sort(), ['environments', 'path']);
  const env = out.files[0].environments[0];
  assert.deepEqual(Object.keys(env).sort(), ['name', 'packages', 'platform', 'python', 'unknown']);
  assert.equal(env.python, '3.11');
  const torch = pkg(env, 'torch');
  assert.deepEqual(Object.keys(torch).sort(), ['candidates', 'name', 'source', 'variant', 'version', 'why']);
  assert.equal(torch.version, '2.5.1+cu121');
  assert.equal(torch.variant, 'cu121');
  assert.equal(torch.source, 'https://download.pytorch.org/whl/cu121');
  assert.ok(torch.candidates.includes('2.5.1'), 'the PyPI build is a candidate too');
  // torchvision pins torch exactly: pip takes the one that pairs with 2.5.1
  assert.equal(pkg(env, 'torchvision').version, '0.20.1+cu121');
});

test('resolve --json: a direct wheel URL fixes version and variant; %2B is decoded', () => {
  const url = 'https://download.pytorch.org/whl/cu128/torch-2.9.0%2Bcu128-cp311-cp311-manylinux_2_28_x86_64.whl';
  const dir = tempProject({ 'requirements.txt': `torch @ ${url}\n` });
  const out = json<JOut>(runCli(['resolve', '--json', ...FLAGS], dir));
  const torch = pkg(out.files[0].environments[0], 'torch');
  assert.equal(torch.version, '2.9.0+cu128');
  assert.equal(torch.variant, 'cu128');
  assert.equal(torch.source, url);
  const win = json<JOut>(runCli(['resolve', '--json', ...FLAGS, '--platform', 'win32'], dir));
  const t2 = pkg(win.files[0].environments[0], 'torch');
  assert.equal(t2.version, null, 'a Linux wheel does not install on Windows');
  assert.match(t2.why, /refuses/);
});

test('resolve --json: one environment per pixi environment', () => {
  const dir = tempProject({
    'pixi.toml': `[workspace]
channels = ["conda-forge"]
platforms = ["linux-64"]
[dependencies]
python = "3.11.*"
[feature.cpu.pypi-dependencies]
torch = { version = "==2.7.1", index = "https://download.pytorch.org/whl/cpu" }
[feature.gpu.pypi-dependencies]
torch = { version = "==2.7.1", index = "https://download.pytorch.org/whl/cu128" }
[environments]
cpu = ["cpu"]
gpu = ["gpu"]
`,
  });
  const out = json<JOut>(runCli(['resolve', '--json', ...FLAGS], dir));
  const envs = out.files[0].environments;
  assert.deepEqual(envs.map((e) => e.name), ['default', 'cpu', 'gpu']);
  assert.equal(pkg(envs[1], 'torch').version, '2.7.1+cpu');
  assert.equal(pkg(envs[2], 'torch').version, '2.7.1+cu128');
  assert.equal(envs[0].packages.length, 0);
});

test('resolve: text output and usage errors', () => {
  const dir = tempProject({ 'requirements.txt': 'torch>=2.1,<2.3\n' });
  const r = runCli(['resolve', ...FLAGS], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /torch: 2\.2\.2/);
  assert.equal(runCli(['resolve', '--arch', 'sparc', ...FLAGS], dir).code, 2);
  assert.equal(runCli(['resolve', '--bogus'], dir).code, 2);
});

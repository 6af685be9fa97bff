// `knowledge update` against a local index holding a release newer than the bundled data (torch 2.16.0,
// CUDA 13.x builds only, a torchvision that requires it): afterwards check judges it, detect recommends
// it, and a later failed update keeps the catalogue. Runs the real CLI (bundled by cliHarness), with
// async spawns so the server in this process can answer.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliPath, repoRoot, tempProject } from '../cli/cliHarness';
import { sourcesDir } from '../../paths';
import { newestTorchIn, readCatalogue } from '../../../src/core/knowledge/catalogue/model';
import { mergeReleases } from '../../../src/core/knowledge/catalogue/merge';
import type { TorchRelease } from '../../../src/core/knowledge/torch';
import { startIndexServer, type IndexServer, type Wheel } from './indexServer';

const PY = ['cp310', 'cp311', 'cp312', 'cp313', 'cp314'];
const PLAT = ['manylinux_2_28_x86_64', 'win_amd64'];
const torch = (version: string, local: string, requires: string[] = []): Wheel => ({ pkg: 'torch', version, local, python: PY, platforms: PLAT, requires });
const WHEELS: Wheel[] = [
  torch('2.14.0', 'cu126'), torch('2.14.0', 'cu130'), torch('2.14.0', 'cu132'), torch('2.14.0', 'cpu'),
  torch('2.15.0', 'cu130'), torch('2.15.0', 'cu132'), torch('2.15.0', 'cpu'),
  torch('2.16.0', 'cu130', ['triton==3.7.0; platform_system == "Linux"']), torch('2.16.0', 'cu132'), torch('2.16.0', 'cpu'),
  { pkg: 'torchvision', version: '0.29.0', local: 'cu130', python: PY, platforms: PLAT, requires: ['numpy', 'torch==2.14.0'] },
  { pkg: 'torchvision', version: '0.31.0', local: 'cu130', python: PY, platforms: PLAT, requires: ['numpy', 'torch==2.16.0'] },
  { pkg: 'torchaudio', version: '2.11.0', local: 'cu130', python: PY, platforms: PLAT, requires: ['torch>=2.11'] },
];
const PYPI: Wheel[] = [
  { pkg: 'torch', version: '2.16.0', local: null, python: ['cp312'], platforms: ['manylinux_2_28_x86_64'],
    requires: ['nvidia-cuda-runtime==13.0.96; platform_system == "Linux"', 'triton==3.7.0'] },
];

let server: IndexServer;
let cache: string;
before(async () => {
  server = await startIndexServer(WHEELS, PYPI);
  cache = fs.mkdtempSync(path.join(os.tmpdir(), 'aed-cache-'));
});
after(async () => {
  await server.close();
});

function cli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath(), ...args], { cwd, env: { PATH: '/nonexistent', HOME: cwd, AI_ENV_DOCTOR_CACHE_DIR: cache } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

type Finding = { code: string; message: string };
async function findings(text: string, machine: string[]): Promise<Finding[]> {
  const dir = tempProject({ 'requirements.txt': text });
  const r = await cli(['check', '--json', '--no-detect', '--platform', 'linux', ...machine], dir);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const j = JSON.parse(r.stdout) as { files: { findings: Finding[] }[] };
  return j.files.flatMap((f) => f.findings);
}

const PASCAL = ['--gpu', 'NVIDIA GeForce GTX 1080', '--driver', '580.65.06'];

test('before any update: torch 2.16.0 is unknown (bundled data only)', async () => {
  const f = await findings('torch==2.16.0\n', PASCAL);
  assert.ok(f.some((x) => x.code === 'torch-version-unknown'), JSON.stringify(f));
});

test('knowledge update reads the local index and PyPI; show reports it', async () => {
  const dir = tempProject({});
  const r = await cli(['knowledge', 'update', '--index-url', `${server.url}/whl`, '--pypi-url', `${server.url}/pypi`, '--json'], dir);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { ok: boolean; newestTorch: string; catalogue: { indexUrl: string; newestTorch: string; fetchedAt: string } };
  assert.equal(j.ok, true);
  assert.equal(j.catalogue.indexUrl, `${server.url}/whl`);
  assert.equal(j.catalogue.newestTorch, '2.16.0');
  assert.equal(j.newestTorch, '2.16.0');
  assert.ok(server.requests.some((p) => p.endsWith('.metadata')), 'PEP 658 metadata files were read');
  assert.ok(fs.existsSync(path.join(cache, 'catalogue.json')));
  const show = await cli(['knowledge'], dir);
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /Bundled data: as of \d{4}-\d{2}/);
  assert.match(show.stdout, new RegExp(`Wheel catalogue: ${server.url.replace(/[.]/g, '\\.')}/whl.*newest torch 2\\.16\\.0`));
});

test('check: torch==2.16.0 (PyPI cu130, learned from its metadata) on a Pascal GPU → gpu-arch-unsupported, inferred', async () => {
  const f = await findings('torch==2.16.0\n', PASCAL);
  assert.ok(!f.some((x) => x.code === 'torch-version-unknown'), 'known now');
  const arch = f.find((x) => x.code === 'gpu-arch-unsupported');
  assert.ok(arch, JSON.stringify(f));
  assert.match(arch.message, /2\.16\.0\+cu130/);
  assert.match(arch.message, /inferred/);
});

test('check: torchvision 0.29.0 pairs with torch 2.14.0, not 2.16.0; 0.31.0 pairs', async () => {
  const bad = await findings('torch==2.16.0\ntorchvision==0.29.0\n', ['--gpu', 'NVIDIA GeForce RTX 5090', '--driver', '590.48.01']);
  const mm = bad.find((x) => x.code === 'torch-family-version-mismatch');
  assert.ok(mm, JSON.stringify(bad));
  assert.match(mm.message, /0\.31\.0|2\.14\.0/);
  const good = await findings('torch==2.16.0\ntorchvision==0.31.0\n', ['--gpu', 'NVIDIA GeForce RTX 5090', '--driver', '590.48.01']);
  assert.ok(!good.some((x) => x.code === 'torch-family-version-mismatch'), JSON.stringify(good));
});

test('detect recommends 2.16.0 on a new GPU and driver', async () => {
  const dir = tempProject({ 'smi.csv': 'name, driver_version, compute_cap\nNVIDIA GeForce RTX 5090, 590.48.01, 12.0\n' });
  const r = await cli(['detect', '--json', '--no-env', '--nvidia-smi-output', path.join(dir, 'smi.csv')], dir);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { recommendation: { torch: string; variant: string; command: string } | null };
  assert.equal(j.recommendation?.torch, '2.16.0', r.stdout);
  assert.equal(j.recommendation?.variant, 'cu132');
  assert.match(j.recommendation?.command ?? '', /torchvision==0\.31\.0/);
});

test('a later failed update (server error, then a cut-short page) exits 1 and keeps the last good catalogue', async () => {
  const dir = tempProject({});
  const before = fs.readFileSync(path.join(cache, 'catalogue.json'), 'utf8');
  server.override.set('/whl/torch/', { status: 500, body: 'oops' });
  const r = await cli(['knowledge', 'update', '--index-url', `${server.url}/whl`, '--pypi-url', `${server.url}/pypi`], dir);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /HTTP 500.*stays in use/);
  server.override.set('/whl/torch/', { status: 200, body: '<!DOCTYPE html>\n<html>\n  <body>\n    <a href="/whl/cu130/torch-2.16.0%2Bcu130-cp312-cp312-manylinux_2_28_x86_64.whl">torch</a>' });
  const cut = await cli(['knowledge', 'update', '--index-url', `${server.url}/whl`], dir);
  assert.equal(cut.code, 1);
  assert.match(cut.stderr, /not a complete index page/);
  server.override.clear();
  assert.equal(fs.readFileSync(path.join(cache, 'catalogue.json'), 'utf8'), before);
  const f = await findings('torch==2.16.0\n', PASCAL);
  assert.ok(f.some((x) => x.code === 'gpu-arch-unsupported'), 'still judged from the kept catalogue');
});

test('usage errors exit 2', async () => {
  const dir = tempProject({});
  assert.equal((await cli(['knowledge', 'update', '--index-url', 'ftp://x'], dir)).code, 2);
  assert.equal((await cli(['knowledge', 'frobnicate'], dir)).code, 2);
  assert.equal((await cli(['knowledge', '--bogus'], dir)).code, 2);
});

test('npm run data:update: the same reader writes a wheel-index snapshot that the builder bundles', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aed-sources-'));
  fs.cpSync(sourcesDir, dir, { recursive: true });
  const out = path.join(dir, 'wheel-index.json');
  const r = await new Promise<{ code: number | null; err: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts', 'data-update.ts'),
      '--index-url', `${server.url}/whl`, '--pypi-url', `${server.url}/pypi`, '--out', out, '--no-build'], { cwd: repoRoot });
    let err = '';
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.on('close', (code) => resolve({ code, err }));
  });
  assert.equal(r.code, 0, r.err);
  const snapshot = readCatalogue(fs.readFileSync(out, 'utf8'));
  assert.ok(snapshot);
  assert.equal(newestTorchIn(snapshot), '2.16.0');
  const mod = (await import(path.join(repoRoot, 'scripts', 'data', 'build-torch.mjs'))) as { buildAll(d: string): Record<string, string> };
  const built = JSON.parse(mod.buildAll(dir)['torch.json']) as { wheelIndex: unknown; sources: Record<string, unknown>; releases: TorchRelease[] };
  assert.deepEqual(built.wheelIndex, JSON.parse(fs.readFileSync(out, 'utf8')));
  assert.ok('wheel-index' in built.sources);
  assert.ok(mergeReleases(built.releases, snapshot).some((x) => x.torch === '2.16.0'));
  assert.equal(mod.buildAll(dir)['torch.json'], mod.buildAll(dir)['torch.json'], 'reproducible');
});

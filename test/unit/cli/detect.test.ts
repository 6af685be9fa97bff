// `ai-env-doctor detect`: the JSON contract, the saved-output path, the text form, usage errors.
import { corpusPath } from '../../paths';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/args';
import { fakeEnv } from '../system/fakeTools';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const corpus = corpusPath('nvidia-smi');
const posix = process.platform !== 'win32';

async function cli(argv: string[], env: NodeJS.ProcessEnv = fakeEnv()): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => { out += t + '\n'; }, err: (t) => { err += t + '\n'; }, cwd: repoRoot, env };
  const code = await main(argv, io);
  return { code, out, err };
}

test('--json --nvidia-smi-output: the contract shape, names as printed', async () => {
  const r = await cli(['detect', '--json', '--no-env', '--nvidia-smi-output', path.join(corpus, '02-table-windows-wddm-rtx2080super-591.txt')]);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.deepEqual(Object.keys(j).sort(), ['env', 'gpu', 'knowledgeAsOf', 'recommendation', 'torch']);
  assert.deepEqual(Object.keys(j.gpu).filter((k) => ['driver', 'cuda', 'gpus', 'error'].includes(k)).sort(), ['cuda', 'driver', 'error', 'gpus']);
  assert.equal(j.gpu.driver, '591.86');
  assert.equal(j.gpu.cuda, '13.1');
  assert.equal(j.gpu.error, null);
  assert.deepEqual(j.gpu.gpus, [{ name: 'NVIDIA GeForce RTX 2080 ...', memoryTotalMiB: 8192, memoryUsedMiB: 702, computeCapability: '7.5' }]);
  assert.equal(j.env, null);
  assert.equal(j.torch, null);
  assert.match(j.knowledgeAsOf, /^\d{4}-\d{2}/);
  if (j.recommendation !== null) {
    assert.deepEqual(Object.keys(j.recommendation).sort(), ['command', 'indexUrl', 'torch', 'variant']);
    assert.match(j.recommendation.command, /^pip install /);
  }
});

test('error outputs map to the contract error kinds', async () => {
  const cases: [string, string][] = [
    ['23-error-no-driver.txt', 'no-driver'],
    ['25-error-nvml-mismatch-with-libversion-570.txt', 'driver-library-mismatch'],
    ['27-error-no-devices-found.txt', 'no-devices'],
  ];
  for (const [file, error] of cases) {
    const j = JSON.parse((await cli(['detect', '--json', '--no-env', '--nvidia-smi-output', path.join(corpus, file)])).out);
    assert.equal(j.gpu.error, error, file);
    assert.deepEqual(j.gpu.gpus, []);
    assert.equal(j.gpu.driver, null);
  }
});

test('live detection with the fake tools: env and torch filled in', { skip: !posix }, async () => {
  const r = await cli(['detect', '--json', '--python', path.join(repoRoot, 'test', 'fixtures', 'bin', 'python')]);
  const j = JSON.parse(r.out);
  assert.equal(j.gpu.driver, '550.54.14');
  assert.equal(j.gpu.gpus.length, 2);
  assert.equal(j.torch.version, '2.5.1+cu124');
  assert.equal(j.env.python, '3.11.9');
});

test('hang: the timeout flag bounds the run and the JSON says timeout', { skip: !posix }, async () => {
  const r = await cli(['detect', '--json', '--no-env', '--timeout', '0.3'], fakeEnv({ FAKE_NVIDIA_SMI_MODE: 'hang' }));
  assert.equal(JSON.parse(r.out).gpu.error, 'timeout');
});

test('text output and usage errors', { skip: !posix }, async () => {
  const r = await cli(['detect', '--no-env']);
  assert.match(r.out, /NVIDIA GeForce RTX 4090 \(compute 8\.9/);
  assert.match(r.out, /supports CUDA ≤ 12\.4/);
  assert.equal((await cli(['detect', '--bogus'])).code, 2);
  assert.equal((await cli(['detect', '--nvidia-smi-output', '/nonexistent/file'])).code, 2);
  assert.equal((await cli(['detect', '--timeout', 'x'])).code, 2);
  assert.equal((await cli(['detect', '--help'])).code, 0);
});

test('`nvidia-smi -L` output (GPUs, no driver): recommendation null, the text says the driver is unknown', async () => {
  const file = path.join(corpus, '05-list-L-h100-mig.txt');
  const j = JSON.parse((await cli(['detect', '--json', '--no-env', '--nvidia-smi-output', file])).out);
  assert.ok(j.gpu.gpus.length > 0);
  assert.equal(j.gpu.driver, null);
  assert.equal(j.recommendation, null);
  const r = await cli(['detect', '--no-env', '--nvidia-smi-output', file]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Driver: {3}unknown/);
  assert.match(r.out, /Install: {2}unknown: NVIDIA driver not detected.*has kernels for sm_90 in cu\d+ \(driver ≥ /);
});

test('--nvidia-smi-output: a UTF-16 file (PowerShell `>`), with or without a BOM, reads like the UTF-8 one', async () => {
  const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const text = readFileSync(path.join(corpus, '02-table-windows-wddm-rtx2080super-591.txt'), 'utf8');
  const dir = mkdtempSync(path.join(tmpdir(), 'aed-smi-'));
  const be = Buffer.from(text, 'utf16le');
  be.swap16();
  const files: Record<string, Buffer> = {
    'le-bom.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    'be-bom.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
    'le-nobom.txt': Buffer.from(text, 'utf16le'),
    'utf8-bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
  };
  for (const [name, buf] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), buf);
    const r = await cli(['detect', '--json', '--no-env', '--nvidia-smi-output', path.join(dir, name)]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.gpu.driver, '591.86', name);
    assert.equal(j.gpu.gpus.length, 1, name);
  }
});

test('--nvidia-smi-output: an unreadable output means GPU unknown, not "install the CPU build"', async () => {
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const f = path.join(mkdtempSync(path.join(tmpdir(), 'aed-smi-')), 'garbage.txt');
  writeFileSync(f, '\u0001\u0002 this is not nvidia-smi output\n%%%\n');
  const j = JSON.parse((await cli(['detect', '--json', '--no-env', '--nvidia-smi-output', f])).out);
  assert.equal(j.gpu.error, 'unparsed');
  assert.equal(j.recommendation, null);
  const t = await cli(['detect', '--no-env', '--nvidia-smi-output', f]);
  assert.match(t.out, /GPU: +unknown \(nvidia-smi output not recognised\)/);
  assert.match(t.out, /Install: +unknown: the nvidia-smi output was not recognised/);
  assert.doesNotMatch(t.out, /whl\/cpu/);
});

test('--nvidia-smi-output refuses what is not a regular file', { skip: !posix }, async () => {
  const r = await cli(['detect', '--json', '--no-env', '--nvidia-smi-output', '/dev/null/x']);
  assert.equal(r.code, 2);
  const d = await cli(['detect', '--json', '--no-env', '--nvidia-smi-output', '/tmp']);
  assert.equal(d.code, 2);
  assert.match(d.err, /not a regular file/);
});

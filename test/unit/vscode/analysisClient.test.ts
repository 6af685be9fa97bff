// The editor's analysis worker, run for real (the worker entry under tsx): it answers what core's
// analyzeDocument answers in-process (as shown: redacted, capped), reads includes from the open texts sent along (else the disk),
// and a request past its deadline fails without blocking the caller, after which the next one works.
import { after, before, test } from 'node:test';
import * as esbuild from 'esbuild';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeDocument } from '../../../src/core/analyze';
import { shownFindings } from '../../../src/core/redact';
import { machineFromFlags } from '../../../src/core/machineProfile';
import { AnalysisDeadlineError, AnalysisWorkerClient, keyOf } from '../../../src/vscode/analysisClient';
import { createFileReader } from '../../../src/system/fileReader';
import { saveCatalogue } from '../../../src/system/catalogueStore';
import { addIndexFiles, emptyCatalogue } from '../../../src/core/knowledge/catalogue/model';
import { corpusFilesUnder, repoRoot } from '../../paths';

// The worker as shipped: the entry bundled by esbuild (as esbuild.mjs does for dist/analysisWorker.js).
const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aed-worker-bundle-'));
const WORKER = path.join(bundleDir, 'analysisWorker.js');
before(async () => {
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'src', 'vscode', 'analysisWorker.ts')], outfile: WORKER,
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
  });
});
after(() => fs.rmSync(bundleDir, { recursive: true, force: true }));
const machine = machineFromFlags({ gpu: 'NVIDIA GeForce GTX 1080', driver: '470.82.01', platform: 'linux', python: '3.11' });

const corpusFiles = () => corpusFilesUnder(['requirements', 'environment', 'pyproject'], /\.(txt|in|ya?ml|toml)$/);

test('the worker answers exactly what analyzeDocument answers in-process, over the corpus', async () => {
  const client = new AnalysisWorkerClient(WORKER, 60_000);
  try {
    const files = corpusFiles();
    assert.ok(files.length > 20);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const reader = createFileReader(() => undefined);
      const local = analyzeDocument(file, text, machine, { reader, env: process.env, unpinned: true });
      const remote = await client.analyze({ path: file, text, machine, unpinned: true, open: [] });
      assert.equal(remote.kind, local.kind, file);
      const texts = [text, ...[...reader.texts.values()].filter((t): t is string => t !== null)];
      assert.deepEqual(remote.findings, shownFindings(local.findings, texts, process.env), file);
      assert.deepEqual(remote.reads.sort(), [...reader.reads].sort(), file);
    }
  } finally {
    client.dispose();
  }
});

test('includes come from the open texts sent along, else from the disk', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aed-worker-'));
  const client = new AnalysisWorkerClient(WORKER, 60_000);
  try {
    fs.writeFileSync(path.join(dir, 'base.txt'), 'torch==2.5.1\n');
    const root = path.join(dir, 'requirements.txt');
    const text = '-r base.txt\n';
    const fromDisk = await client.analyze({ path: root, text, machine, unpinned: true, open: [] });
    const base = keyOf(path.join(dir, 'base.txt'));
    assert.deepEqual(fromDisk.reads, [base]);
    assert.deepEqual(fromDisk.texts, [[base, 'torch==2.5.1\n']]);
    const edited = 'torch==2.5.1+cu124 --extra-index-url https://download.pytorch.org/whl/cu124\n';
    const fromOpen = await client.analyze({ path: root, text, machine, unpinned: true, open: [[base, edited]] });
    assert.deepEqual(fromOpen.texts, [[base, edited]]);
    assert.notDeepEqual(fromOpen.findings, fromDisk.findings, 'the unsaved include text was analysed');
  } finally {
    client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a request past its deadline fails, the caller is never blocked, and the next request gets a fresh worker', async () => {
  // A worker that never answers stands in for an analysis that never ends.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aed-worker-'));
  const hang = path.join(dir, 'hang.js');
  fs.writeFileSync(hang, "require('node:worker_threads').parentPort.on('message', () => { for (;;) {} });\n");
  const problems: string[] = [];
  const hanging = new AnalysisWorkerClient(hang, 300, (m) => problems.push(m));
  try {
    const a = hanging.analyze({ path: '/p/requirements.txt', text: 'torch\n', machine: null, unpinned: true, open: [] });
    const b = hanging.analyze({ path: '/p/other.txt', text: 'numpy\n', machine: null, unpinned: true, open: [] });
    let ticked = false;
    setImmediate(() => (ticked = true));
    await assert.rejects(a, AnalysisDeadlineError);
    await assert.rejects(b, AnalysisDeadlineError);
    assert.ok(ticked, 'the event loop kept running while the worker was busy');
    assert.equal(problems.length, 1);
  } finally {
    hanging.dispose();
  }
  // The same client recovers with a fresh worker once the script answers.
  const client = new AnalysisWorkerClient(WORKER, 60_000);
  try {
    client.dispose();
    await assert.rejects(client.analyze({ path: '/p/r.txt', text: '', machine: null, unpinned: true, open: [] }), /disposed/);
    const again = new AnalysisWorkerClient(hang, 2000);
    await assert.rejects(again.analyze({ path: '/p/r.txt', text: '', machine: null, unpinned: true, open: [] }), AnalysisDeadlineError);
    fs.writeFileSync(hang, `require('node:worker_threads').parentPort.on('message', ({ id }) => require('node:worker_threads').parentPort.postMessage({ id, ok: true, result: { kind: 'requirements', findings: [], reads: [], texts: [] } }));\n`);
    const r = await again.analyze({ path: '/p/r.txt', text: '', machine: null, unpinned: true, open: [] });
    assert.equal(r.kind, 'requirements');
    again.dispose();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the editor shows what the CLI shows: ${VARS} written back, credentials masked, at most 1000 findings per file', async () => {
  const secret = 'tok-9f8e7d6c5b4a';
  process.env.AED_SECRET_TOKEN = secret; // a worker copies the parent's environment when it starts
  const client = new AnalysisWorkerClient(WORKER, 60_000);
  try {
    const text = '--extra-index-url https://user:${AED_SECRET_TOKEN}@download.pytorch.org/whl/cu122\ntorch==2.1.2\n';
    const r = await client.analyze({ path: '/p/requirements.txt', text, machine, unpinned: true, open: [] });
    assert.ok(r.findings.some((f) => f.code === 'torch-index-unknown'), 'the finding is there');
    assert.ok(!JSON.stringify(r.findings).includes(secret), 'no finding, translation argument, fix title or edit carries the value');
    const many = Array.from({ length: 3000 }, () => 'numpy==1.26.4\n').join('');
    const m = await client.analyze({ path: '/p/requirements.txt', text: many, machine, unpinned: true, open: [] });
    assert.equal(m.findings.length, 1001);
    assert.equal(m.findings[1000].code, 'too-many-findings');
  } finally {
    client.dispose();
    delete process.env.AED_SECRET_TOKEN;
  }
});

test('the worker judges with the catalogue the extension stored (a torch newer than the bundled data)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aed-worker-catalogue-'));
  const cat = emptyCatalogue('https://download.pytorch.org/whl', null, '2027-01-02T03:04:05Z');
  const wheel = (v: string) => ({
    filename: `torch-2.16.0+${v}-cp311-cp311-manylinux_2_28_x86_64.whl`, url: `https://download.pytorch.org/whl/${v}/torch-2.16.0%2B${v}-cp311-cp311-manylinux_2_28_x86_64.whl`,
    sha256: null, requiresPython: '>=3.10', hasMetadata: false, yanked: false,
  });
  addIndexFiles(cat, 'torch', [wheel('cu130')], 'cu130');
  await saveCatalogue(dir, cat, {});
  const client = new AnalysisWorkerClient(WORKER, 60_000);
  try {
    const text = 'torch==2.16.0\n';
    const codesWith = async (fetchedAt: string | null) => (await client.analyze({
      path: '/p/requirements.txt', text, machine, unpinned: false, open: [], catalogue: { dir, fetchedAt },
    })).findings.map((f) => f.code);
    assert.ok((await codesWith(null)).includes('torch-version-unknown'), 'bundled data alone: 2.16.0 is unknown');
    const known = await codesWith(cat.fetchedAt);
    assert.ok(!known.includes('torch-version-unknown'), `with the stored catalogue 2.16.0 is known: ${known.join(', ')}`);
    assert.ok(known.includes('gpu-arch-unsupported') || known.includes('driver-too-old'), `and judged on a GTX 1080 / driver 470: ${known.join(', ')}`);
  } finally {
    client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

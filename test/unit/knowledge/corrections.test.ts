// The 2026-11 audit (data/sources/CORRECTIONS-2026-11.md) is applied to the project's copy of the
// sources, and every record of the generated data is traceable to a key that SOURCES.md defines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sourcesDir } from '../../paths';
import { torchRelease, pypiDefaultVariant, TORCHAUDIO_END, unpinnedTorchaudioBreaks } from '../../../src/core/knowledge/torch';
import { computeCapabilityForName } from '../../../src/core/knowledge/gpus';
import { kernelsFor } from '../../../src/core/knowledge/arches';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const readData = (f: string) => JSON.parse(readFileSync(path.join(repoRoot, 'data', f), 'utf8')) as Record<string, unknown>;
const sourcesMd = readFileSync(path.join(sourcesDir, 'SOURCES.md'), 'utf8');

/** Every `key` written in the first column of a SOURCES.md table, or defined as "`key` = ..." in a row. */
function definedKeys(): Set<string> {
  const keys = new Set<string>();
  for (const line of sourcesMd.split('\n')) {
    const m = /^\|\s*(`[^|]+`)\s*\|([^|]*)\|/.exec(line);
    if (!m) continue;
    for (const k of m[1].matchAll(/`([^`]+)`/g)) keys.add(k[1]);
    for (const k of m[2].matchAll(/`([^`\s]+)`\s+=\s/g)) keys.add(k[1]);
  }
  return keys;
}

/** "test-infra@6c0f529130" is defined by the row `test-infra@<sha>`; "builder-branch@release/2.1" by `builder-branch@release/X`. */
function defined(key: string, keys: Set<string>): boolean {
  if (keys.has(key)) return true;
  const base = key.split('@')[0];
  return [...keys].some((k) => k.split('@')[0] === base && /@(<sha>|release\/X)$/.test(k));
}

function collectSources(node: unknown, out: string[]): void {
  if (Array.isArray(node)) for (const x of node) collectSources(x, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'sources' || k === 'driverBranchSources') && Array.isArray(v)) out.push(...v.filter((s): s is string => typeof s === 'string'));
      else if (k !== 'sources') collectSources(v, out);
    }
  }
}

test('every source key in data/*.json is defined in data/sources/SOURCES.md', () => {
  const keys = definedKeys();
  for (const f of ['torch.json', 'gpus.json', 'cuda-driver.json']) {
    const used: string[] = [];
    collectSources(readData(f), used);
    assert.ok(used.length > 10, f);
    for (const s of used) assert.ok(defined(s, keys), `${f}: source ${s} is not defined in SOURCES.md`);
    const table = readData(f).sources as Record<string, { what: string }>;
    for (const [k, v] of Object.entries(table)) assert.notEqual(v.what, 'see data/sources/SOURCES.md', `${f}: ${k} has no description`);
  }
});

test('every record the corrections touched cites the audit', () => {
  const torch = readData('torch.json') as { releases: { torch: string; sources: string[] }[] };
  for (const v of ['2.9.0', '2.9.1', '2.10.0', '2.11.0', '2.12.0', '2.12.1', '2.13.0', '2.14.0', '2.14.1', '2.15.0']) {
    assert.ok(torch.releases.find((r) => r.torch === v)?.sources.includes('corrections-2026-11'), v);
  }
});

test('torch releases: 2.14.0 released (cu130 on PyPI), 2.14.1, 2.15.0 without cu126, cu129 where published', () => {
  const r14 = torchRelease('2.14.0');
  assert.equal(r14?.verified, true);
  assert.equal(r14?.pypiDefault, 'cu130');
  assert.deepEqual([r14?.python?.min, r14?.python?.max, r14?.python?.experimental], ['3.10', '3.14', []]);
  assert.deepEqual(r14?.variants?.filter((v) => v.startsWith('cu')), ['cu126', 'cu130', 'cu132']);
  assert.equal(torchRelease('2.14.1')?.torchvision, '0.29.1');
  assert.deepEqual(torchRelease('2.14.1')?.variants, ['cu126', 'cu130', 'cu132']);
  const r15 = torchRelease('2.15.0');
  assert.ok(r15?.variants?.length);
  assert.ok(r15.variants.every((v) => v.startsWith('cu13')), 'CUDA variants are 13.x');
  assert.equal(pypiDefaultVariant('2.14.1', 'linux'), 'cu130');
  for (const v of ['2.9.0', '2.9.1', '2.10.0', '2.11.0', '2.12.1', '2.13.0']) assert.ok(torchRelease(v)?.variants?.includes('cu129'), v);
  for (const v of ['2.12.0', '2.14.0', '2.14.1', '2.15.0']) assert.ok(!torchRelease(v)?.variants?.includes('cu129'), v);
  assert.equal(TORCHAUDIO_END.requiresTorch, '>=2.11');
});

test('kernel lists: 2.9.1+cu129 measured, 2.10-2.13 cu129 inferred, PTX stripped where the audit says', () => {
  const k = kernelsFor('2.9.1', 'cu129', 'linux');
  assert.equal(k?.entry.verified, true);
  assert.deepEqual(k?.entry.ptx, ['12.0']);
  assert.equal(kernelsFor('2.13.0', 'cu129', 'linux')?.entry.verified, false);
  assert.match(kernelsFor('2.13.0', 'cu129', 'linux')?.entry.note ?? '', /inferred/);
  assert.deepEqual(kernelsFor('2.11.0', 'cu130', 'linux')?.entry.ptx, []);
  assert.deepEqual(kernelsFor('2.13.0', 'cu130', 'linux')?.entry.ptx, []);
  assert.equal(kernelsFor('2.14.0', 'cu132', 'linux', 'arm64')?.entry.ptxStatus, 'unknown', 'aarch64 PTX stays uncertain');
});

test('GPU names: H20, new names, Maxwell laptop parts', () => {
  const cases: [string, string][] = [
    ['NVIDIA H20', '9.0'], ['NVIDIA H200', '9.0'], ['NVIDIA RTX PRO 500 Blackwell Generation Laptop GPU', '12.0'],
    ['NVIDIA RTX 500 Ada Generation Laptop GPU', '8.9'], ['NVIDIA RTX A500 Laptop GPU', '8.6'],
    ['NVIDIA GeForce GTX 1630', '7.5'], ['NVIDIA GeForce MX450', '7.5'], ['NVIDIA GeForce MX550', '7.5'],
    ['NVIDIA GeForce MX570', '8.6'], ['NVIDIA GeForce RTX 2050', '8.6'], ['Tesla M10', '5.0'],
    ['NVIDIA GeForce MX110', '5.0'], ['NVIDIA GeForce MX130', '5.0'], ['NVIDIA GeForce MX150', '6.1'],
    ['NVIDIA GeForce GTX 950M', '5.0'], ['NVIDIA GeForce GTX 960M', '5.0'], ['NVIDIA GeForce GTX 960', '5.2'],
    ['NVIDIA GeForce RTX 2080', '7.5'], ['NVIDIA RTX A6000', '8.6'],
  ];
  for (const [name, cc] of cases) assert.equal(computeCapabilityForName(name), cc, name);
});

test('driver branches per architecture are modelled with sources', () => {
  const gpus = readData('gpus.json') as { driverBranches: { ccMin: string; lastBranch: string | null; minBranch: string | null; sources: string[] }[] };
  const byMin = Object.fromEntries(gpus.driverBranches.map((r) => [r.ccMin, r]));
  assert.equal(byMin['3.0'].lastBranch, '470');
  assert.equal(byMin['5.0'].lastBranch, '580');
  assert.equal(byMin['10.0'].minBranch, '570');
  for (const r of gpus.driverBranches) assert.ok(r.sources.length > 0);
});

test('torchaudio 2.11.0 needs torch >= 2.11: unpinned beside older torch it breaks', () => {
  assert.deepEqual(unpinnedTorchaudioBreaks('2.10.0'), { torchaudio: '2.11.0', requires: '>=2.11' });
  assert.deepEqual(unpinnedTorchaudioBreaks('1.13.1+cu117'), { torchaudio: '2.11.0', requires: '>=2.11' });
  assert.equal(unpinnedTorchaudioBreaks('2.11.0'), null);
  assert.equal(unpinnedTorchaudioBreaks('2.14.1'), null);
});

// data/torch.json is exactly what scripts/data/build-torch.mjs builds from data/sources, and every
// record keeps its sources (each one defined in the file's own sources table).
import { sourcesDir } from '../../paths';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const reference = sourcesDir;
const committed = readFileSync(path.join(repoRoot, 'data', 'torch.json'), 'utf8');
const data = JSON.parse(committed) as {
  asOf: string; sources: Record<string, unknown>;
  releases: { torch: string; sources: string[]; verified: boolean }[];
  arches: { sources: string[]; verified: boolean; note?: string }[];
};

test('data/torch.json equals the build output from data/sources', async () => {
  const mod = (await import(path.join(repoRoot, 'scripts', 'data', 'build-torch.mjs'))) as { buildAll(dir: string): Record<string, string> };
  assert.equal(mod.buildAll(reference)['torch.json'], committed);
});

test('asOf is a month and every source key used is defined', () => {
  assert.match(data.asOf, /^\d{4}-\d{2}$/);
  const used = [...data.releases.flatMap((r) => r.sources), ...data.arches.flatMap((a) => a.sources)];
  assert.ok(used.length > 50);
  for (const s of used) assert.ok(s in data.sources, `source ${s} is defined`);
});

test('every release has sources; unsourced arch rows are marked unverified', () => {
  for (const r of data.releases) assert.ok(r.sources.length > 0, r.torch);
  for (const a of data.arches) if (a.sources.length === 0) assert.equal(a.verified, false);
});

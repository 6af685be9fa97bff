// data/cuda-driver.json and data/gpus.json are exactly what scripts/data/build-cuda.mjs makes from
// data/sources (when that folder is present): nobody edits the knowledge by hand.
import { sourcesDir } from '../../paths';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const reference = sourcesDir;

test('data/*.json owned by detection match the build script output', async () => {
  const mod = (await import(pathToFileURL(path.join(repoRoot, 'scripts', 'data', 'build-cuda.mjs')).href)) as {
    buildAll(dir: string): Record<string, string>;
  };
  const built = mod.buildAll(reference);
  assert.deepEqual(Object.keys(built).sort(), ['cuda-driver.json', 'gpus.json']);
  for (const [name, text] of Object.entries(built)) {
    assert.equal(readFileSync(path.join(repoRoot, 'data', name), 'utf8'), text, `data/${name} is stale: run node scripts/data/build-cuda.mjs`);
  }
});

test('every record keeps its sources and verified flag', () => {
  const cuda = JSON.parse(readFileSync(path.join(repoRoot, 'data', 'cuda-driver.json'), 'utf8')) as {
    asOf: string; sources: Record<string, unknown>; toolkits: { sources: string[]; verified: boolean }[];
  };
  assert.match(cuda.asOf, /^\d{4}-\d{2}$/);
  for (const t of cuda.toolkits) {
    assert.ok(t.sources.length > 0);
    assert.equal(typeof t.verified, 'boolean');
    for (const s of t.sources) assert.ok(s in cuda.sources, `source key ${s} is described`);
  }
  const gpus = JSON.parse(readFileSync(path.join(repoRoot, 'data', 'gpus.json'), 'utf8')) as {
    models: { name: string; pattern: string; sources: string[]; verified: boolean; note?: string }[];
  };
  for (const m of gpus.models) {
    assert.doesNotThrow(() => new RegExp(m.pattern, 'i'));
    // A few models rest on no source at all (the family value); they must say so.
    if (m.sources.length === 0) assert.ok(m.verified === false && m.note, `${m.name}: unsourced but not marked`);
  }
});

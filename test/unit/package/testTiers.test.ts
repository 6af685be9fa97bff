// test/tiers.mjs names the slow tier by file: each entry must be a test file the runner finds, or a
// renamed file would silently move to the fast tier (or vanish from both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../paths';

async function load<T>(rel: string): Promise<T> {
  return (await import(pathToFileURL(path.join(repoRoot, rel)).href)) as T;
}

test('every slow-tier entry is a test file of the runner, listed once', async () => {
  const { SLOW } = await load<{ SLOW: string[] }>('test/tiers.mjs');
  const { testFiles } = await load<{ testFiles(): string[] }>('scripts/test/build.mjs');
  const all = testFiles();
  assert.ok(all.includes('test/unit/package/testTiers.test.ts'), 'the runner finds this file');
  for (const f of SLOW) assert.ok(all.includes(f), `test/tiers.mjs: ${f} is not a test file`);
  assert.equal(new Set(SLOW).size, SLOW.length, 'an entry is listed twice');
});

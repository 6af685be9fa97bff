// The repository stands alone: no tracked file reaches for the folder beside the checkout that the copied
// corpus (test/corpus) and knowledge sources (data/sources) came from. Those two copies are exempt: they
// keep their provenance notes verbatim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../paths';

// built, so that this file does not name it
const outside = ['..', 'shared'].join('/');
const exempt = ['test/corpus/', 'data/sources/'];

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out.split('\0').filter(Boolean);
}

test(`no tracked file outside ${exempt.join(' and ')} refers to ${outside}`, () => {
  const files = trackedFiles();
  assert.ok(files.includes('package.json'), 'git ls-files lists the repository');
  const offenders: string[] = [];
  for (const f of files) {
    if (exempt.some((e) => f.startsWith(e))) continue;
    const p = path.join(repoRoot, f);
    if (!fs.existsSync(p) || !fs.statSync(p).isFile()) continue; // deleted in the working tree, or a submodule
    const text = fs.readFileSync(p, 'latin1');
    const line = text.split('\n').findIndex((l) => l.includes(outside) || l.includes(outside.replace('/', '\\')));
    if (line >= 0) offenders.push(`${f}:${line + 1}`);
  }
  assert.deepEqual(offenders, []);
});

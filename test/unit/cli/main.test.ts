// The command table's own options: --version prints the manifest's version (no copy to keep in step).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/args';
import { repoRoot } from '../../paths';

test('--version prints the version in package.json', async () => {
  const out: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => out.push(`err:${t}`), cwd: repoRoot, env: {} };
  assert.equal(await main(['--version'], io), 0);
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  assert.deepEqual(out, [pkg.version]);
});

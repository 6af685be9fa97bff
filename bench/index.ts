// npm run bench: runs every benchmark in this folder (bench/<name>.ts), one process each, in name order,
// passing the arguments along (e.g. --json). Each benchmark measures itself against its peers in the same
// run and prints its figures; this runner adds nothing but the sequence and the exit status.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

const dir = __dirname;
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.d.ts'))
  .filter((f) => only.length === 0 || only.includes(path.basename(f, '.ts')))
  .sort();

let failed = 0;
for (const f of benches) {
  console.log(`\n=== bench/${f} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, f), ...flags], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`bench/${f} failed (exit ${r.status ?? r.signal})`);
  }
}
if (benches.length === 0) console.log('no benchmarks found in bench/');
process.exitCode = failed ? 1 : 0;

// npm run bench: every benchmark this runner knows (the registry below), each measured against its
// peers in the same run. Prints a table; with --json prints ONE JSON object keyed by benchmark
// ({"parse": {...}, "statusRefresh": {...}}). Names on the command line select benchmarks
// (e.g. `npm run bench -- parse --json`). A module whose file is missing is skipped.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

interface Entry {
  /** Key in the JSON object. */
  key: string;
  /** Module in this folder and the async function it exports. */
  file: string;
  fn: string;
}

const REGISTRY: Entry[] = [
  { key: 'parse', file: 'parse.ts', fn: 'benchParse' },
  { key: 'statusRefresh', file: 'status.ts', fn: 'benchStatusRefresh' },
  { key: 'condaOutput', file: 'condaOutput.ts', fn: 'benchCondaOutput' },
  { key: 'analysis', file: 'analysis.ts', fn: 'benchAnalysis' },
  { key: 'largeInputs', file: 'largeInputs.ts', fn: 'benchLargeInputs' },
  { key: 'verify', file: 'verify.ts', fn: 'benchVerify' },
];

type Result = Record<string, unknown>;

function table(key: string, r: Result): string {
  const rows: [string, string][] = [];
  const walk = (prefix: string, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(prefix ? `${prefix}.${k}` : k, x);
    } else rows.push([prefix, Array.isArray(v) ? JSON.stringify(v) : String(v)]);
  };
  walk('', r);
  const w = Math.max(...rows.map(([k]) => k.length));
  return [`${key}`, ...rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`)].join('\n');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const only = args.filter((a) => !a.startsWith('-'));
  const out: Record<string, Result> = {};
  let failed = 0;
  for (const e of REGISTRY) {
    if (only.length && !only.includes(e.key) && !only.includes(path.basename(e.file, '.ts'))) continue;
    const file = path.join(__dirname, e.file);
    if (!existsSync(file)) continue;
    try {
      const mod = (await import(file)) as Record<string, unknown>;
      const fn = mod[e.fn];
      if (typeof fn !== 'function') throw new Error(`${e.file} does not export ${e.fn}()`);
      out[e.key] = (await (fn as () => Promise<Result>)()) as Result;
      if (!json) console.log(table(e.key, out[e.key]) + '\n');
    } catch (err) {
      failed++;
      console.error(`bench ${e.key} failed: ${(err as Error).stack ?? String(err)}`);
    }
  }
  if (json) console.log(JSON.stringify(out, null, 2));
  return failed ? 1 : 0;
}

main().then((code) => {
  process.exitCode = code;
});

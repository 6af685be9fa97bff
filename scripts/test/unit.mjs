// Runs the node:test files: bundles them once (scripts/test/build.mjs), then `node --test`'s runner on the
// JavaScript, several files at a time.
//   node scripts/test/unit.mjs fast|slow|all      a tier (test/tiers.mjs); npm run test:unit / test:slow
//   node scripts/test/unit.mjs test/unit/x/y.test.ts ...   just these files (tsx works too:
//     node --import tsx --test test/unit/x/y.test.ts)
// Under CI=true a skipped test fails the run (CI must not pass on what it did not test); elsewhere each
// skip reason is listed once at the end. The last lines are node's TAP summary (`# pass N`, `# fail N`).
// TEST_CONCURRENCY sets how many files run at once (default: the CPU count, at least 2).
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildTests, testFiles, OUT, ROOT } from './build.mjs';
import { SLOW } from '../../test/tiers.mjs';

const CI = process.env.CI === 'true' || process.env.CI === '1';
const args = process.argv.slice(2);
const tier = args.length === 1 && ['fast', 'slow', 'all'].includes(args[0]) ? args[0] : null;

function selected() {
  const all = testFiles();
  if (tier === 'all') return all;
  if (tier === 'slow') return all.filter((f) => SLOW.includes(f));
  if (tier === 'fast') return all.filter((f) => !SLOW.includes(f));
  if (!args.length) usage('name a tier or test files');
  return args.map((a) => {
    const rel = path.relative(ROOT, path.resolve(a)).split(path.sep).join('/');
    if (!rel.endsWith('.test.ts') || rel.startsWith('..') || !fs.existsSync(a)) usage(`not a test file: ${a}`);
    return rel;
  });
}

function usage(why) {
  console.error(`${why}\nusage: node scripts/test/unit.mjs fast|slow|all | <file.test.ts>...`);
  process.exit(2);
}

const files = selected();
const label = tier ? `${tier} tier, ` : '';
const t0 = Date.now();
const bundles = await buildTests(files);
const built = ((Date.now() - t0) / 1000).toFixed(1);

// Stack traces point into the .ts sources.
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --enable-source-maps`.trim();
const concurrency = Number(process.env.TEST_CONCURRENCY) || Math.max(2, os.availableParallelism());

const summary = {};
const skips = new Map(); // reason → test names
const fileTime = new Map(); // test file → ms in its top-level tests (d.file is the .ts source, through the source map)
const timeOf = (d) => {
  if (d.nesting === 0 && d.file && d.name !== d.file) fileTime.set(d.file, (fileTime.get(d.file) ?? 0) + (d.details?.duration_ms ?? 0));
};
const SUMMARY = /^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ([\d.]+)$/;
const stream = run({ files: bundles, concurrency, timeout: 10 * 60_000 });
stream.on('test:fail', timeOf);
stream.on('test:pass', (d) => {
  timeOf(d);
  if (d.skip === undefined) return;
  const reason = typeof d.skip === 'string' ? d.skip : 'no reason given';
  const name = `${path.relative(ROOT, d.file ?? '')}: ${d.name}`;
  skips.set(reason, [...(skips.get(reason) ?? []), name]);
});
stream.on('test:diagnostic', (d) => {
  const m = d.nesting === 0 ? SUMMARY.exec(d.message) : null;
  if (m) summary[m[1]] = Number(m[2]);
});
// spec output for people; the summary is printed once, below, in TAP form
const withoutSummary = async function* (source) {
  for await (const e of source) {
    if (e.type === 'test:diagnostic' && e.data.nesting === 0 && SUMMARY.test(e.data.message)) continue;
    yield e;
  }
};
await new Promise((resolve, reject) => {
  stream.compose(withoutSummary).compose(new spec()).on('end', resolve).on('error', reject).pipe(process.stdout, { end: false });
});

const skipped = [...skips.values()].reduce((n, v) => n + v.length, 0);
if (skipped) {
  console.log(CI ? `\nUnder CI=true nothing may be skipped; ${skipped} test(s) were:` : `\n${skipped} test(s) skipped:`);
  for (const [reason, names] of skips) {
    console.log(`  ${reason} (${names.length}): ${names.slice(0, 3).join('; ')}${names.length > 3 ? '; …' : ''}`);
  }
}
const failed = (summary.fail ?? 0) + (summary.cancelled ?? 0) + (CI ? skipped : 0);
const seconds = ((Date.now() - t0) / 1000).toFixed(1);
// per-file test time (reported against the .ts source), slowest first: for choosing tiers
const times = [...fileTime].map(([f, ms]) => [path.relative(ROOT, f), Math.round(ms)]).sort((a, b) => b[1] - a[1]);
fs.writeFileSync(path.join(OUT, `times-${tier ?? 'files'}.json`), JSON.stringify(Object.fromEntries(times), null, 1));
if (times.length > 1) console.log(`\nslowest files: ${times.slice(0, 5).map(([f, ms]) => `${f} ${(ms / 1000).toFixed(1)}s`).join(', ')}`);
console.log(`\n# unit tests, ${label}${files.length} files, concurrency ${concurrency}, built in ${built}s, total ${seconds}s`);
for (const k of ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo', 'duration_ms']) {
  const v = k === 'fail' ? (summary.fail ?? 0) + (CI ? skipped : 0) : summary[k] ?? 0;
  console.log(`# ${k} ${v}`);
}
process.exitCode = failed || summary.tests === undefined ? 1 : 0;

// npm test: every suite in order; the first failure stops the run with its exit code.
// prerequisites (python3 with pip: scripts/test/prerequisites.mjs) → typecheck → lint → build → unit (the fast
// tier) → slow (the slow unit tier, test/tiers.mjs) → grammar → real VS Code (test/e2e/run.mjs: sets the
// harness up on first use, then the integration suites in code-server's extension host and the browser UI
// checks). Each step's wall time and CPU time (user + system, all its processes) is printed at the end.
//   node scripts/test.mjs [step...]     e.g. `node scripts/test.mjs unit e2e`
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU seconds (user + system) of the finished child processes so far; null where /proc is missing. */
function childCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime in USER_HZ (100 on Linux)
  } catch {
    return null;
  }
}

const steps = [
  ['prerequisites', ['scripts/test/prerequisites.mjs'], process.execPath],
  ['typecheck', ['run', 'typecheck']],
  ['lint', ['run', 'lint']],
  ['build', ['run', 'build']],
  ['unit', ['run', 'test:unit']],
  ['slow', ['run', 'test:slow']],
  ['grammar', ['run', 'test:grammar']],
  ['e2e', ['run', 'test:e2e']],
];
const only = process.argv.slice(2);
// the build step already built dist/: the e2e launcher need not build it again
if (!only.length || only.includes('build')) steps[steps.length - 1][1].push('--', '--no-build');
const timings = [];
const t0 = Date.now();
let failed = null;
for (const [name, args, command = 'npm'] of steps) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  const start = Date.now();
  const cpu = childCpuSeconds();
  const r = spawnSync(command, args, { stdio: 'inherit' });
  const cpuAfter = childCpuSeconds();
  const cpuText = cpu === null || cpuAfter === null ? '' : ` (cpu ${(cpuAfter - cpu).toFixed(1)}s)`;
  timings.push(`${name} ${((Date.now() - start) / 1000).toFixed(1)}s${cpuText}`);
  if (r.status !== 0) {
    failed = [name, r.status ?? r.signal];
    break;
  }
}
console.log(`\n=== timings: ${timings.join(', ')}; total ${((Date.now() - t0) / 1000).toFixed(1)}s ===`);
if (failed) {
  console.error(`\n${failed[0]} failed (exit ${failed[1]})`);
  process.exit(typeof failed[1] === 'number' && failed[1] > 0 ? failed[1] : 1);
}

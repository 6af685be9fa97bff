// npm test: every suite in order; the first failure stops the run with its exit code.
// typecheck → lint → unit (node --test) → grammar → real VS Code (test/e2e/run.mjs).
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', ['run', 'typecheck']],
  ['lint', ['run', 'lint']],
  ['build', ['run', 'build']],
  ['unit', ['run', 'test:unit']],
  ['grammar', ['run', 'test:grammar']],
  ['e2e', ['run', 'test:e2e']],
];
const only = process.argv.slice(2);
for (const [name, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  const r = spawnSync('npm', args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

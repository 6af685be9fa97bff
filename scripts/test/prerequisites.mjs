// The unit tests' system prerequisite: python3 with pip and packaging (the pip conformance, differential and
// edge-case tests run pip's own parser). As root on Debian it is installed, as test/e2e/setup.mjs installs
// chromium for the real-VS-Code step; otherwise a message says what to install. Missing under CI=true:
// exit 1. Outside CI the pip tests then skip, and the runner names the reason.
import { spawnSync } from 'node:child_process';

const CI = process.env.CI === 'true' || process.env.CI === '1';
const PACKAGES = ['python3', 'python3-pip', 'python3-packaging'];

const hasPip = () => spawnSync('python3', ['-c', 'import pip, packaging'], { stdio: 'ignore' }).status === 0;
const onPath = (bin) => spawnSync('sh', ['-c', 'command -v "$0"', bin], { stdio: 'ignore' }).status === 0;

function apt(args) {
  const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) console.error(`apt-get ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  return r.status === 0;
}

let found = hasPip();
if (!found) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && onPath('apt-get')) {
    console.log(`[prerequisites] apt-get install ${PACKAGES.join(' ')}`);
    if (apt(['update', '-qq'])) apt(['install', '-y', '-qq', ...PACKAGES]);
    found = hasPip();
  }
  if (!found) {
    console.error(
      `[prerequisites] python3 with pip and packaging not found; install with: sudo apt-get install -y ${PACKAGES.join(' ')}\n` +
        (CI ? '[prerequisites] under CI=true nothing is skipped: failing' : '[prerequisites] the pip tests will be skipped'),
    );
    if (CI) process.exit(1);
  }
}
if (found) console.log('[prerequisites] python3 with pip and packaging: found');

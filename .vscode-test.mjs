// @vscode/test-cli configuration, for machines that can download VS Code (`npx vscode-test`): the same
// integration suites as `npm run test:e2e` (which runs them in code-server here, where no download is
// possible). Build them first: `npm run build && node test/e2e/run.mjs --build-only`.
import { defineConfig } from '@vscode/test-cli';
import path from 'node:path';

const root = path.dirname(new URL(import.meta.url).pathname);
const fakeBin = path.join(root, 'test', 'fixtures', 'bin');
const env = { PATH: `${fakeBin}${path.delimiter}${process.env.PATH}`, AIENV_FAKE_BIN: fakeBin, AIENV_REPO_ROOT: root };

// The oldest VS Code the manifest accepts (engines.vscode); VSCODE_TEST_VERSION=stable tests the newest.
const version = process.env.VSCODE_TEST_VERSION ?? '1.95.0';

const session = (label, workspaceFolder, suites, extra = {}) => ({
  label,
  version,
  files: suites.map((s) => `out/test/integration/${s}.test.js`),
  workspaceFolder,
  mocha: { ui: 'tdd', timeout: 60_000 },
  env: { ...env, AIENV_SUITES: suites.join(',') },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', ...(extra.launchArgs ?? [])],
});

export default defineConfig([
  session('rules', 'test/fixtures/workspaces/rules.code-workspace', ['activation', 'diagnostics', 'quickfixes']),
  session('machine', 'test/fixtures/workspaces/machine', ['statusbar', 'createEnv']),
  session('zh-cn', 'test/fixtures/workspaces/l10n', ['l10n'], { launchArgs: ['--locale', 'zh-cn'] }),
]);

// Entry of the integration suites inside a real VS Code extension host (the yo-code `run()` shape), used by
// test/e2e/run.mjs (code-server + URL payload `extensionTestsPath`) and by @vscode/test-electron.
// AIENV_SUITES (comma-separated suite names, e.g. "activation,diagnostics") picks the suites of one session;
// unset, every *.test.js beside this file runs. A rejected run() fails the session (exit code 1).
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(p));
    else if (entry.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: Number(process.env.AIENV_TEST_TIMEOUT_MS || 60_000),
    reporter: 'spec',
  });
  const wanted = (process.env.AIENV_SUITES || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const files = findTests(__dirname).filter(
    (f) => !wanted.length || wanted.includes(path.basename(f, '.test.js')),
  );
  if (!files.length) return Promise.reject(new Error(`no integration suites match AIENV_SUITES=${wanted.join(',')}`));
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed.`)) : resolve()));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

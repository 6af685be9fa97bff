// The README's checkable claims: it opens with exactly the two commands, and every script, code,
// setting, dependency and relative link it names exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Codes } from '../../../src/constants';
import { repoRoot, runCli } from '../cli/cliHarness';

const root = path.resolve(__dirname, '..', '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `README has no "## ${title}" section`);
  const end = readme.indexOf('\n## ', start + 4);
  return readme.slice(start, end < 0 ? undefined : end);
}

test('the README opens with exactly two commands: npm ci && npm run demo, npm ci && npm test', () => {
  const m = /^# AI Env Doctor\n\n```bash\n([\s\S]*?)\n```\n/.exec(readme);
  assert.ok(m, 'title followed by a bash block');
  const commands = m[1].split('\n').map((l) => l.replace(/\s+#.*$/, '').trim());
  assert.deepEqual(commands, ['npm ci && npm run demo', 'npm ci && npm test']);
});

test('every npm script the README names exists', () => {
  for (const m of readme.matchAll(/npm run ([\w:-]+)/g)) assert.ok(pkg.scripts[m[1]], `npm run ${m[1]}`);
});

test('the diagnostic code table lists every code, each linking to its docs/rules page', () => {
  const codes = section('Diagnostic codes');
  for (const code of Object.values(Codes)) {
    assert.ok(codes.includes(`[\`${code}\`](docs/rules/${code}.md)`), code);
    assert.ok(fs.existsSync(path.join(root, 'docs', 'rules', `${code}.md`)), `docs/rules/${code}.md`);
  }
});

test('the settings table lists every contributed setting', () => {
  const settings = section('Settings');
  for (const key of Object.keys(pkg.contributes.configuration.properties)) assert.ok(settings.includes(`\`${key}\``), key);
});

test('every runtime and dev dependency has a one-line justification', () => {
  const deps = section('Dependencies');
  for (const name of [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]) {
    const line = deps.split('\n').find((l) => l.startsWith('|') && l.includes(`\`${name}\``));
    assert.ok(line, `${name} is not justified in the README`);
    assert.ok(line.split('|')[2].trim().length > 10, `${name}: empty justification`);
  }
});

test('every relative link and image in the README points at a file of the repository', () => {
  for (const m of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1];
    if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
    assert.ok(fs.existsSync(path.join(root, target.split('#')[0])), target);
  }
});

test('the CLI section documents every check flag', () => {
  const cli = section('Command line');
  for (const flag of ['--json', '--sarif', '--fix', '--no-detect', '--driver', '--gpu', '--compute-cap', '--platform', '--python']) {
    assert.ok(cli.includes(flag), flag);
  }
});

test('the check example in the README is what the CLI prints today', () => {
  const block = /```console\n\$ ai-env-doctor (check [^\n]+)\n([\s\S]*?)\n\$ echo \$\?\n(\d+)\n/.exec(readme);
  assert.ok(block, 'README has a check example followed by its exit status');
  const args = [...block[1].matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
  const r = runCli(args, repoRoot);
  const printed = block[2].split('\n');
  const summary = printed.pop();
  assert.equal(r.stdout.trim(), printed.join('\n'));
  assert.equal(r.stderr.trim(), summary);
  assert.equal(String(r.code), block[3]);
});

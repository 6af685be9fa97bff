// `npm run package` builds the VSIX; its contents must be exactly the .vscodeignore allowlist (plus the
// two files vsce always writes), and it must stay under 1 MB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listZip } from './zip';

const root = path.resolve(__dirname, '..', '..', '..');
const vsix = path.join(root, 'dist-vsix', 'ai-env-doctor.vsix');

/** Files of the working tree that the allowlist names (`**` then `!pattern` lines). */
function allowlisted(): string[] {
  const lines = fs
    .readFileSync(path.join(root, '.vscodeignore'), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  assert.equal(lines[0], '**', '.vscodeignore must start by excluding everything');
  const out = new Set<string>();
  for (const line of lines.slice(1)) {
    assert.ok(line.startsWith('!'), `allowlist line without "!": ${line}`);
    const pattern = line.slice(1);
    if (pattern.endsWith('/**')) {
      const dir = path.join(root, pattern.slice(0, -3));
      assert.ok(fs.existsSync(dir), `allowlisted folder missing: ${pattern}`);
      for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
        if (fs.statSync(path.join(dir, f)).isFile()) out.add(`${pattern.slice(0, -3)}/${f.split(path.sep).join('/')}`);
      }
    } else if (pattern.includes('*')) {
      const dir = path.dirname(pattern);
      const re = new RegExp('^' + path.basename(pattern).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*') + '$');
      for (const f of fs.readdirSync(path.join(root, dir))) if (re.test(f)) out.add(dir === '.' ? f : `${dir}/${f}`);
    } else {
      assert.ok(fs.existsSync(path.join(root, pattern)), `allowlisted file missing after the build: ${pattern}`);
      out.add(pattern);
    }
  }
  return [...out].sort();
}

/** vsce stores these few files under other names. */
const RENAMED: Record<string, string> = { 'README.md': 'readme.md', 'CHANGELOG.md': 'changelog.md', LICENSE: 'LICENSE.txt' };

test('npm run package produces a VSIX holding exactly the allowlist, under 1 MB', { timeout: 300_000 }, () => {
  fs.rmSync(vsix, { force: true });
  const r = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' });
  assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
  assert.ok(fs.existsSync(vsix), 'no VSIX written to dist-vsix/');

  const size = fs.statSync(vsix).size;
  assert.ok(size < 1024 * 1024, `VSIX is ${size} bytes (limit 1 MB)`);

  const entries = listZip(vsix).map((e) => e.name);
  const meta = entries.filter((n) => !n.startsWith('extension/')).sort();
  assert.deepEqual(meta, ['[Content_Types].xml', 'extension.vsixmanifest']);

  const packed = entries
    .filter((n) => n.startsWith('extension/'))
    .map((n) => n.slice('extension/'.length))
    .sort();
  const expected = allowlisted()
    .map((f) => RENAMED[f] ?? f)
    .sort();
  assert.deepEqual(packed, expected);

  // The essentials are there (the allowlist could be wrong in the same way as the tree).
  for (const f of ['package.json', 'dist/extension.js', 'dist/cli.js', 'syntaxes/pip-requirements.tmLanguage.json', 'media/icon.png']) {
    assert.ok(packed.includes(f), `${f} missing from the VSIX`);
  }
  // Nothing from the sources, tests, node_modules or the knowledge files (the bundle inlines data/).
  for (const f of packed) assert.doesNotMatch(f, /^(src|test|node_modules|data|scripts|bench|examples|docs)\//);
});

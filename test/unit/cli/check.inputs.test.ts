// What check and parse read, write and print: FIFOs and devices are never read, files over the size
// limit are refused with a reason, a file with 150,000 findings is reported (capped), secrets and
// out-of-tree contents never reach the output, --fix keeps each file's encoding and line endings and
// never writes outside the checked paths, and control characters never reach the terminal raw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { codes, json, runCli, tempProject, type JReport } from './cliHarness';

const OLD_DRIVER = ['--no-detect', '--driver', '470.82.01', '--gpu', 'NVIDIA GeForce RTX 3090', '--platform', 'linux'];
const posix = process.platform !== 'win32';

test('FIFOs, /dev/stdin, /dev/zero and /proc are never read: missing-include, and the check ends', { skip: !posix }, () => {
  const dir = tempProject({});
  execFileSync('mkfifo', [path.join(dir, 'fifo')]);
  for (const target of ['fifo', '/dev/stdin', '/dev/zero', 'file:///proc/self/environ', '/proc/self/environ']) {
    fs.writeFileSync(path.join(dir, 'requirements.txt'), `numpy==1.26.4\n-r ${target}\n`);
    const r = runCli(['check', '--json', '--no-detect', 'requirements.txt'], dir, { SECRET_FOR_TEST: 'hunter2-do-not-print' });
    assert.equal(r.code, 1, `${target}: ${r.stderr}`);
    assert.deepEqual(codes(json<JReport>(r)), ['missing-include'], target);
    assert.doesNotMatch(r.stdout, /hunter2/);
  }
  // named on the command line: a usage error that says why
  const named = runCli(['check', '--no-detect', 'fifo'], dir);
  assert.equal(named.code, 2);
  assert.match(named.stderr, /not a regular file/);
});

test('parse and check refuse a file over the size limit and say it is too large', () => {
  const dir = tempProject({});
  const big = path.join(dir, 'requirements.txt');
  fs.writeFileSync(big, 'numpy==1.26.4\n'.repeat(Math.ceil((50 * 1024 * 1024) / 14)));
  const p = runCli(['parse', '--json', 'requirements.txt'], dir);
  assert.equal(p.code, 2);
  assert.match(p.stderr, /too large/);
  const c = runCli(['check', '--no-detect', 'requirements.txt'], dir);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /too large/);
});

test('a file of 150,000 lines with a finding each: reported, capped with one too-many-findings', () => {
  const text = Array.from({ length: 150_000 }, (_, i) => `numpy==1.${i}\n`).join('');
  const dir = tempProject({ 'requirements.txt': text });
  const r = runCli(['check', '--json', '--no-detect', 'requirements.txt'], dir);
  assert.equal(r.code, 0, r.stderr);
  const found = codes(json<JReport>(r));
  assert.equal(found.filter((c) => c === 'too-many-findings').length, 1);
  assert.equal(found.length, 1001);
  const sarif = runCli(['check', '--sarif', '--no-detect', 'requirements.txt'], dir);
  assert.equal(JSON.parse(sarif.stdout).runs[0].results.length, 1001);
});

test('an include outside the project is reported without its content', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aed-outside-'));
  fs.mkdirSync(path.join(root, 'project'));
  fs.mkdirSync(path.join(root, 'outside'));
  fs.writeFileSync(path.join(root, 'outside', 'credentials'), 'aws_secret_access_key = AKIAVERYSECRET\n');
  fs.writeFileSync(path.join(root, 'project', 'requirements.txt'), '-r ../outside/credentials\nnumpy==1.26.4\n');
  const cwd = path.join(root, 'project');
  for (const format of [[], ['--json'], ['--sarif']]) {
    const r = runCli(['check', ...format, '--no-detect', '.'], cwd);
    assert.doesNotMatch(r.stdout + r.stderr, /AKIAVERYSECRET|aws_secret/, format.join(' '));
    assert.match(r.stdout, /invalid-requirement/);
  }
});

test('${TOKEN} in an index URL is printed unexpanded, and URL credentials are masked', () => {
  const dir = tempProject({
    'requirements.txt': '--index-url http://${TOKEN}@download.pytorch.org/whl/cu999\n--extra-index-url http://user:pa55word@example.com/simple\ntorch==2.1.2\nbad line ${TOKEN}!\n',
  });
  for (const format of [[], ['--json'], ['--sarif']]) {
    const r = runCli(['check', ...format, ...OLD_DRIVER], dir, { TOKEN: 'tok-s3cr3t-value' });
    assert.doesNotMatch(r.stdout + r.stderr, /tok-s3cr3t-value|pa55word/, format.join(' '));
    assert.match(r.stdout, /insecure-index/);
  }
  const p = runCli(['parse', '--json', 'requirements.txt'], dir, { TOKEN: 'tok-s3cr3t-value' });
  assert.doesNotMatch(p.stdout, /tok-s3cr3t-value|pa55word/);
});

test('findings of a file: include land on the included file, at its own line', () => {
  const dir = tempProject({ 'reqs/base.txt': '# base\ntorch==2.1.2+cu121\n' });
  fs.writeFileSync(path.join(dir, 'requirements.txt'), `-r ${pathToFileURL(path.join(dir, 'reqs/base.txt')).href}\n`);
  const out = json<JReport>(runCli(['check', '--json', ...OLD_DRIVER, 'requirements.txt'], dir));
  const base = out.files.find((f) => f.path === 'reqs/base.txt');
  assert.ok(base, JSON.stringify(out.files.map((f) => f.path)));
  assert.ok(base.findings.some((f) => f.code === 'driver-too-old' && f.range.start.line === 1));
  assert.deepEqual(out.files.find((f) => f.path === 'requirements.txt')?.findings ?? [], []);
});

test('control characters from a file are escaped in text output', () => {
  const dir = tempProject({ 'requirements.txt': 'numpy==1.26.4\nbad\u001b[2J\u009b1m line\u0000!\n' });
  const r = runCli(['check', '--no-detect', 'requirements.txt'], dir);
  assert.match(r.stdout, /invalid-requirement/);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(r.stdout + r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  assert.match(r.stdout, /\\x1b\[2J/);
});

/** A torch line the old driver cannot run: --fix rewrites it to +cu118. */
const FIXABLE = 'torch==2.1.2+cu121';

test('--fix keeps a Latin-1 file (coding cookie) byte for byte outside the fix', () => {
  const bytes = Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\n# caf'), Buffer.from([0xe9]), Buffer.from(` r\u00e9sum\u00e9\n${FIXABLE}\n`, 'latin1')]);
  const dir = tempProject({});
  fs.writeFileSync(path.join(dir, 'requirements.txt'), bytes);
  runCli(['check', '--fix', ...OLD_DRIVER], dir);
  const after = fs.readFileSync(path.join(dir, 'requirements.txt'));
  const head = bytes.subarray(0, bytes.indexOf('torch'));
  assert.deepEqual(after.subarray(0, head.length), head, 'the untouched lines keep their Latin-1 bytes');
  assert.match(after.toString('latin1'), /torch==2\.1\.2\+cu118\n$/);
  assert.ok(!after.includes(Buffer.from('\ufffd', 'utf8')));
});

test('--fix refuses a file that is not valid UTF-8 (and has no cookie) and says so', () => {
  const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9, 0x0a]), Buffer.from(`${FIXABLE}\n`)]);
  const dir = tempProject({});
  fs.writeFileSync(path.join(dir, 'requirements.txt'), bytes);
  const r = runCli(['check', '--fix', ...OLD_DRIVER], dir);
  assert.deepEqual(fs.readFileSync(path.join(dir, 'requirements.txt')), bytes);
  assert.match(r.stderr, /not fixed: requirements\.txt: not valid in its encoding/);
});

test('--fix writes UTF-16LE back as UTF-16LE and keeps CR-only line endings', () => {
  const dir = tempProject({});
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`numpy==1.26.4\r\n${FIXABLE}\r\n`, 'utf16le')]);
  fs.writeFileSync(path.join(dir, 'requirements.txt'), utf16);
  fs.writeFileSync(path.join(dir, 'requirements-cr.txt'), `# gpu\rnumpy==1.26.4\r${FIXABLE}\r`);
  runCli(['check', '--fix', ...OLD_DRIVER], dir);
  const after = fs.readFileSync(path.join(dir, 'requirements.txt'));
  assert.deepEqual([after[0], after[1]], [0xff, 0xfe]);
  const decoded = after.subarray(2).toString('utf16le');
  assert.ok(decoded.startsWith('numpy==1.26.4\r\n'), JSON.stringify(decoded));
  assert.match(decoded, /torch==2\.1\.2\+cu118\r\n$/);
  assert.doesNotMatch(decoded.replace(/\r\n/g, ''), /[\r\n]/, 'only CRLF line breaks');
  const cr = fs.readFileSync(path.join(dir, 'requirements-cr.txt'), 'utf8');
  assert.match(cr, /cu118/);
  assert.doesNotMatch(cr, /\n/);
});

test('--fix writes nothing outside the checked paths: not an include in ../outside, not through a symlink', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aed-fixscope-'));
  const project = path.join(root, 'project');
  fs.mkdirSync(project);
  fs.mkdirSync(path.join(root, 'outside'));
  const outsideText = `${FIXABLE}\n`;
  fs.writeFileSync(path.join(root, 'outside', 'base.txt'), outsideText);
  fs.writeFileSync(path.join(root, 'outside', 'linked.txt'), outsideText);
  fs.writeFileSync(path.join(project, 'requirements.txt'), '-r ../outside/base.txt\nnumpy==1.26.4\n');
  if (posix) fs.symlinkSync(path.join(root, 'outside', 'linked.txt'), path.join(project, 'requirements-gpu.txt'));
  const r = runCli(['check', '--fix', '--json', ...OLD_DRIVER, '.'], project);
  assert.equal(fs.readFileSync(path.join(root, 'outside', 'base.txt'), 'utf8'), outsideText);
  assert.equal(fs.readFileSync(path.join(root, 'outside', 'linked.txt'), 'utf8'), outsideText);
  const report = json<{ files: { path: string; notFixed?: string }[] }>(r);
  assert.ok(report.files.some((f) => f.notFixed === 'outside the checked paths'), JSON.stringify(report.files));
});

test('a UTF-16LE requirements.txt (pip freeze > in PowerShell 5) is checked like its UTF-8 twin', () => {
  const text = `numpy==1.26.4\r\n${FIXABLE}\r\n`;
  const a = tempProject({ 'requirements.txt': text });
  const b = tempProject({});
  fs.writeFileSync(path.join(b, 'requirements.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const ra = json<JReport>(runCli(['check', '--json', ...OLD_DRIVER], a));
  const rb = json<JReport>(runCli(['check', '--json', ...OLD_DRIVER], b));
  assert.ok(codes(ra).includes('driver-too-old'));
  assert.deepEqual(rb.files, ra.files);
});

import { corpusPath } from '../../paths';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createFileReader, pathKey, readTextFile, resolveInclude } from '../../../src/system/fileReader';

const corpus = corpusPath('requirements');

test('resolveInclude: relative to the including file, URLs kept, file:// turned into a path', () => {
  const from = path.join(corpus, 'Lightning-AI__pytorch-lightning', 'requirements.txt');
  assert.equal(resolveInclude(from, 'requirements/pytorch/base.txt'), path.join(corpus, 'Lightning-AI__pytorch-lightning', 'requirements', 'pytorch', 'base.txt'));
  assert.equal(resolveInclude(from, 'https://example.com/r.txt'), 'https://example.com/r.txt');
  const abs = path.join(os.tmpdir(), 'x.txt');
  assert.equal(resolveInclude(from, pathToFileURL(abs).href), abs);
});

test('reads the real corpus include chain from disk and records what it read', () => {
  const root = path.join(corpus, 'Lightning-AI__pytorch-lightning', 'requirements.txt');
  const reader = createFileReader(() => undefined);
  const text = reader.read(root);
  assert.ok(text !== null);
  const includes = [...text.matchAll(/^-r\s+(\S+)/gm)].map((m) => reader.resolve(root, m[1]));
  assert.ok(includes.length > 0, 'the corpus file has -r includes');
  let found = 0;
  for (const target of includes) {
    const onDisk = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
    if (onDisk !== null) found++;
    assert.equal(reader.read(target), onDisk, target);
    assert.ok(reader.reads.has(pathKey(target)));
  }
  assert.ok(found > 0, 'at least one include of the corpus file is in the corpus');
  assert.ok(reader.reads.has(pathKey(root)));
  assert.equal(reader.read(path.join(corpus, 'no-such-file.txt')), null);
  assert.equal(reader.reads.size, new Set([root, ...includes]).size + 1);
});

test('open documents win over the disk and URLs are never fetched', () => {
  const root = path.join(corpus, 'openai__whisper', 'requirements.txt');
  const reader = createFileReader((p) => (pathKey(p) === pathKey(root) ? 'torch==2.0\n' : undefined));
  assert.equal(reader.read(root), 'torch==2.0\n');
  assert.equal(reader.texts.get(pathKey(root)), 'torch==2.0\n');
  assert.equal(reader.read('https://example.com/r.txt'), null);
});

test('readTextFile: missing, directory and too-large files read as null', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aed-reader-'));
  try {
    const p = path.join(dir, 'big.txt');
    fs.writeFileSync(p, 'x'.repeat(100));
    assert.equal(readTextFile(p), 'x'.repeat(100));
    assert.equal(readTextFile(p, 10), null);
    assert.equal(readTextFile(dir), null);
    assert.equal(readTextFile(path.join(dir, 'missing.txt')), null);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---- the one reader: what it refuses, how it decodes, and the same text on every path ----

import { execFileSync } from 'node:child_process';
import {
  decodeBytes,
  encodeText,
  fileIdentity,
  MAX_FILE_BYTES,
  readFileDecoded,
} from '../../../src/system/fileReader';
import { fileReader as createEnvReader, loadProject } from '../../../src/system/createEnvProject';
import { parseRequirementsSet } from '../../../src/core/requirements/index';

const posix = process.platform !== 'win32';

test('never reads a FIFO, a device or a system path, and never blocks on one', { skip: !posix }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aed-reader-'));
  const fifo = path.join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  assert.deepEqual(readFileDecoded(fifo), { ok: false, reason: 'not-a-file' });
  for (const p of ['/dev/zero', '/dev/stdin', '/dev/null', '/proc/self/environ', '/sys/kernel/mm']) {
    assert.deepEqual(readFileDecoded(p), { ok: false, reason: 'system-path' }, p);
  }
  // a symlink in the project that points into /proc is refused too
  fs.symlinkSync('/proc/self/environ', path.join(dir, 'env.txt'));
  assert.deepEqual(readFileDecoded(path.join(dir, 'env.txt')), { ok: false, reason: 'system-path' });
  assert.equal(createFileReader().read(fifo), null);
});

test('one size limit, sized for real files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aed-reader-'));
  const p = path.join(dir, 'requirements.txt');
  fs.writeFileSync(p, Buffer.alloc(MAX_FILE_BYTES + 1, 0x61));
  assert.deepEqual(readFileDecoded(p), { ok: false, reason: 'too-large' });
  fs.truncateSync(p, MAX_FILE_BYTES);
  assert.equal(readFileDecoded(p).ok, true);
  assert.ok(MAX_FILE_BYTES <= 8 * 1024 * 1024);
});

/** Python codecs a requirements file is written in, and a text each can hold. */
const SAMPLES: { encoding: string; bom: boolean; text: string }[] = [
  { encoding: 'utf-8', bom: false, text: 'torch==2.1.2 # café 日本\n' },
  { encoding: 'utf-8', bom: true, text: 'numpy\r\n# ünïcode\r\n' },
  { encoding: 'utf-16-le', bom: true, text: 'torch==2.1.2+cu121\r\nnumpy==1.26.4\r\n' },
  { encoding: 'utf-16-be', bom: true, text: 'torch\n# 🙂\n' },
  { encoding: 'utf-32-le', bom: true, text: 'torch\n# 🙂\n' },
  { encoding: 'utf-32-be', bom: true, text: 'scipy\n' },
];

test('property: decode(encode(text)) is the text, for every encoding pip reads by its byte-order mark', () => {
  let seed = 99;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const alphabet = ['a', '=', '\n', '\r\n', '\r', ' ', 'é', '日', '🙂', '#', '\t', '\u00ff'];
  for (const s of SAMPLES) {
    for (let round = 0; round < 30; round++) {
      let text = s.text;
      for (let k = 0; k < 20; k++) text += alphabet[rand(alphabet.length)];
      const bytes = encodeText(text, s);
      assert.ok(bytes);
      const d = decodeBytes(bytes);
      assert.deepEqual({ text: d.text, encoding: d.encoding, bom: d.bom, lossy: d.lossy }, { text, encoding: s.encoding, bom: s.bom, lossy: false });
      assert.deepEqual(encodeText(d.text, d), bytes, 'bytes written back unchanged');
    }
  }
});

test('PEP 263 coding cookie in the first two lines; else UTF-8, marked lossy when invalid', () => {
  const latin = Buffer.concat([Buffer.from('#!/x\n# -*- coding: latin-1 -*-\n# caf'), Buffer.from([0xe9, 0x0a])]);
  const d = decodeBytes(latin);
  assert.deepEqual([d.encoding, d.lossy, d.text.endsWith('café\n')], ['latin-1', false, true]);
  assert.deepEqual(encodeText(d.text, d), latin);
  // a cookie on the third line is not a cookie
  const late = Buffer.concat([Buffer.from('\n\n# coding: latin-1\n# caf'), Buffer.from([0xe9])]);
  assert.deepEqual([decodeBytes(late).encoding, decodeBytes(late).lossy], ['utf-8', true]);
  // other codecs via TextDecoder: read, but not written back here
  const cp = decodeBytes(Buffer.concat([Buffer.from('# coding=iso-8859-15\n'), Buffer.from([0xa4])]));
  assert.deepEqual([cp.encoding, cp.text.endsWith('€')], ['iso-8859-15', true]);
  assert.equal(encodeText(cp.text, cp), null);
  // a Latin-1 file cannot take characters outside Latin-1
  assert.equal(encodeText('日本', { encoding: 'latin-1', bom: false }), null);
});

test('a UTF-16LE requirements.txt (pip freeze > in PowerShell 5) reads the same in the CLI reader, the editor reader and create-env', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aed-utf16-'));
  const text = 'torch==2.1.2+cu121\r\nnumpy==1.26.4\r\n';
  const file = path.join(dir, 'requirements.txt');
  fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const names = (reader: Parameters<typeof parseRequirementsSet>[2]) => {
    const t = reader.read(file);
    assert.equal(t, text);
    return parseRequirementsSet(file, t ?? '', reader).requirements.map((r) => `${r.name}${r.specifier}`);
  };
  const want = ['torch==2.1.2+cu121', 'numpy==1.26.4'];
  assert.deepEqual(names(readerForCli()), want, 'CLI');
  assert.deepEqual(names(createFileReader(() => undefined)), want, 'editor include reader');
  assert.deepEqual(names(createEnvReader()), want, 'create-env');
  const project = loadProject(dir);
  assert.equal(project.torchPin, '2.1.2');
});

/** What check and parse build for each analysed file. */
function readerForCli() {
  return createFileReader();
}

test('identity: a symlink and its target are one file', { skip: !posix }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aed-reader-'));
  fs.writeFileSync(path.join(dir, 'a.txt'), 'x\n');
  fs.symlinkSync('a.txt', path.join(dir, 'b.txt'));
  assert.equal(fileIdentity(path.join(dir, 'b.txt')), fileIdentity(path.join(dir, 'a.txt')));
  assert.equal(fileIdentity(path.join(dir, 'missing.txt')), null);
  assert.equal(fileIdentity('https://example.com/r.txt'), null);
});

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

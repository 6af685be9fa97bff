// Include graphs: each real file is expanded once per analysis, cycles are found on real files
// (symlinks included), and the work of one analysis is bounded. Bombs are built on disk and read with
// the one file reader, so realpaths are the real ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseRequirementsSet, type FileReader } from '../../../src/core/requirements/index';
import { MAX_INCLUDE_DEPTH, MAX_INCLUDE_FILES } from '../../../src/core/requirements/set';
import { createFileReader } from '../../../src/system/fileReader';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'aed-set-'));
}

/** The reader, counting the reads per real file. */
function countingReader(): { reader: FileReader; reads: () => number } {
  const inner = createFileReader();
  let n = 0;
  return {
    reader: { read: (p) => (n++, inner.read(p)), resolve: inner.resolve, identity: inner.identity },
    reads: () => n,
  };
}

function codes(set: ReturnType<typeof parseRequirementsSet>): string[] {
  return set.files.flatMap((f) => f.diagnostics.map((d) => d.code));
}

test('30 files that all include each other: each is read once, cycles reported', () => {
  const dir = tempDir();
  const n = 30;
  for (let i = 0; i < n; i++) {
    const lines = [`pkg${i}==1.0`];
    for (let j = 0; j < n; j++) if (j !== i) lines.push(`-r f${j}.txt`);
    fs.writeFileSync(path.join(dir, `f${i}.txt`), lines.join('\n') + '\n');
  }
  const root = path.join(dir, 'f0.txt');
  const { reader, reads } = countingReader();
  const set = parseRequirementsSet(root, fs.readFileSync(root, 'utf8'), reader);
  assert.equal(set.files.length, n);
  assert.ok(reads() <= n, `read ${reads()} times`);
  assert.deepEqual(new Set(set.requirements.map((r) => r.name)), new Set(Array.from({ length: n }, (_, i) => `pkg${i}`)));
  assert.ok(codes(set).includes('include-cycle'));
});

test('a 20-level chain with three includes per level finishes and reads each level once', () => {
  const dir = tempDir();
  for (let i = 0; i < 20; i++) {
    const next = i < 19 ? Array(3).fill(`-r level${i + 1}.txt`) : [];
    fs.writeFileSync(path.join(dir, `level${i}.txt`), [`p${i}==1`, ...next].join('\n') + '\n');
  }
  const root = path.join(dir, 'level0.txt');
  const { reader, reads } = countingReader();
  const set = parseRequirementsSet(root, fs.readFileSync(root, 'utf8'), reader);
  assert.equal(set.requirements.length, 20);
  assert.equal(reads(), 19);
  assert.deepEqual(codes(set), []);
});

test('a folder with two symlinks to itself: include-cycle on the real file', { skip: process.platform === 'win32' }, () => {
  const dir = tempDir();
  fs.symlinkSync('.', path.join(dir, 'a'));
  fs.symlinkSync('.', path.join(dir, 'b'));
  fs.writeFileSync(path.join(dir, 'requirements.txt'), 'torch==2.1\n-r a/requirements.txt\n-r b/a/requirements.txt\n');
  const root = path.join(dir, 'requirements.txt');
  const { reader, reads } = countingReader();
  const set = parseRequirementsSet(root, fs.readFileSync(root, 'utf8'), reader);
  assert.equal(reads(), 0);
  assert.deepEqual(codes(set), ['include-cycle', 'include-cycle']);
  assert.equal(set.requirements.length, 1);
});

test('a chain deeper than the limit stops with one include-limit finding', () => {
  const dir = tempDir();
  const depth = MAX_INCLUDE_DEPTH + 10;
  for (let i = 0; i < depth; i++) fs.writeFileSync(path.join(dir, `d${i}.txt`), `p${i}==1\n-r d${i + 1}.txt\n`);
  const root = path.join(dir, 'd0.txt');
  const set = parseRequirementsSet(root, fs.readFileSync(root, 'utf8'), createFileReader());
  assert.deepEqual(codes(set), ['include-limit']);
  assert.ok(set.requirements.length <= MAX_INCLUDE_DEPTH + 2);
});

test('more distinct files than the budget: reading stops at the budget, reported once', () => {
  const dir = tempDir();
  const n = MAX_INCLUDE_FILES + 20;
  const root = path.join(dir, 'root.txt');
  fs.writeFileSync(root, Array.from({ length: n }, (_, i) => `-r f${i}.txt`).join('\n') + '\n');
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, `f${i}.txt`), `p${i}==1\n`);
  const { reader, reads } = countingReader();
  const set = parseRequirementsSet(root, fs.readFileSync(root, 'utf8'), reader);
  assert.equal(reads(), MAX_INCLUDE_FILES);
  assert.deepEqual(codes(set), ['include-limit']);
});

/** pip's reading: every include expanded again where it stands, cycles cut (the reference). */
function pipOrder(files: Map<string, string[]>, name: string, stack: string[] = []): string[] {
  const out: string[] = [];
  for (const line of files.get(name) ?? []) {
    if (line.startsWith('-r ')) {
      const t = line.slice(3);
      if (!stack.includes(t) && t !== name) out.push(...pipOrder(files, t, [...stack, name]));
    } else out.push(`${name}:${line}`);
  }
  return out;
}

test('property: on random include DAGs, the set is pip`s reading order without repeats', () => {
  let seed = 12345;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let round = 0; round < 40; round++) {
    const dir = tempDir();
    const count = 2 + rand(7);
    const files = new Map<string, string[]>();
    for (let i = count - 1; i >= 0; i--) {
      const lines: string[] = [];
      for (let k = 0; k < 1 + rand(5); k++) {
        if (i + 1 < count && rand(2) === 0) lines.push(`-r f${i + 1 + rand(count - i - 1)}.txt`);
        else lines.push(`p${i}x${k}==1`);
      }
      files.set(`f${i}.txt`, lines);
      fs.writeFileSync(path.join(dir, `f${i}.txt`), lines.join('\n') + '\n');
    }
    const want = [...new Set(pipOrder(files, 'f0.txt'))];
    const root = path.join(dir, 'f0.txt');
    const set = parseRequirementsSet(root, fs.readFileSync(root, 'utf8'), createFileReader());
    const got = set.requirements.map((r) => `${path.basename(r.file)}:${r.name}==1`);
    assert.deepEqual(got, want, `round ${round}`);
  }
});

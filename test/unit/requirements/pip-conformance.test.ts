// Conformance against pip itself: scripts/pip_parse.py runs pip's own requirements-file parser
// (req_file.parse_requirements + req/constructors) over every corpus file; our `parse --json` model
// must agree on every requirement of every file pip accepts, and every file pip rejects must get
// at least one error diagnostic. The agreement figure is printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseFile, type JsonRequirement } from '../../../src/cli/parse';
import { nodeFileReader } from '../../../src/system/fileReader';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus', 'requirements');

export function corpusFiles(dir = corpus): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...corpusFiles(p));
    else out.push(p);
  }
  return out;
}

interface PipRequirement {
  file: string;
  line: number;
  name: string | null;
  extras: string[];
  specifier: string[];
  marker: string | null;
  url: string | null;
  editable: boolean;
  constraint: boolean;
  hashes: string[];
}
interface PipFile {
  file: string;
  ok: boolean;
  error: string | null;
  requirements: PipRequirement[];
}

export function runPip(files: string[]): PipFile[] | null {
  const r = spawnSync('python3', [path.join(repoRoot, 'scripts', 'pip_parse.py'), ...files], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 300_000,
  });
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout) as PipFile[];
}

/** Our requirement in the shape the pip helper prints. */
export function ours(r: JsonRequirement): PipRequirement {
  return {
    file: r.file,
    line: r.line,
    name: r.name,
    extras: [...r.extras].sort(),
    specifier: r.specifier ? r.specifier.split(',').sort() : [],
    marker: r.marker,
    url: r.url,
    editable: r.editable,
    constraint: r.constraint,
    hashes: [...r.hashes].sort(),
  };
}

/** Field-by-field differences between our list and pip's for one file ([] when they agree). */
export function compareFile(mine: PipRequirement[], pip: PipRequirement[]): string[] {
  const diffs: string[] = [];
  if (mine.length !== pip.length) diffs.push(`count: ours ${mine.length}, pip ${pip.length}`);
  const n = Math.min(mine.length, pip.length);
  for (let i = 0; i < n; i++) {
    for (const k of Object.keys(pip[i]) as (keyof PipRequirement)[]) {
      const a = JSON.stringify(mine[i][k]);
      const b = JSON.stringify(pip[i][k]);
      if (a !== b) diffs.push(`#${i} (${pip[i].name ?? pip[i].url} line ${pip[i].line}) ${k}: ours ${a}, pip ${b}`);
    }
  }
  return diffs;
}

const hasPip = spawnSync('python3', ['-c', 'import pip, packaging'], { encoding: 'utf8' }).status === 0;

test('agrees with pip on every corpus requirements file', { skip: !hasPip && 'python3 with pip and packaging not found' }, () => {
  const files = corpusFiles();
  assert.ok(files.length >= 60, `corpus has ${files.length} files`);
  const pip = runPip(files);
  assert.ok(pip, 'scripts/pip_parse.py failed');
  let compared = 0;
  let agreeing = 0;
  let reqs = 0;
  let reqsAgreeing = 0;
  let rejected = 0;
  const failures: string[] = [];
  for (const p of pip) {
    const text = nodeFileReader.read(p.file);
    assert.ok(text !== null);
    const out = parseFile(p.file, text, nodeFileReader, { env: {}, unpinned: false });
    if (!p.ok) {
      rejected++;
      if (!out.diagnostics.some((d) => d.severity === 'error'))
        failures.push(`${p.file}: pip rejects it (${p.error}) but we report no error`);
      continue;
    }
    compared++;
    const mine = out.requirements.map(ours);
    const diffs = compareFile(mine, p.requirements);
    reqs += p.requirements.length;
    reqsAgreeing += p.requirements.filter((r, i) => mine[i] && compareFile([mine[i]], [r]).length === 0).length;
    if (diffs.length === 0) agreeing++;
    else failures.push(`${p.file}:\n    ${diffs.slice(0, 10).join('\n    ')}`);
  }
  console.log(
    `pip conformance: ${agreeing}/${compared} files agree (${reqsAgreeing}/${reqs} requirements); ` +
      `${rejected} file(s) pip rejects, each with an error diagnostic: ${failures.every((f) => !f.includes('we report no error'))}`,
  );
  assert.deepEqual(failures, []);
});

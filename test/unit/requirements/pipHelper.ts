// Shared by the pip conformance tests: run scripts/pip_parse.py (pip's own parser) and compare its
// output with our `parse --json` model, field by field.
import { corpusPath } from '../../paths';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { JsonRequirement } from '../../../src/cli/parse';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const corpus = corpusPath('requirements');

export const hasPip = spawnSync('python3', ['-c', 'import pip, packaging'], { encoding: 'utf8' }).status === 0;
/** The skip reason of the pip tests (false when pip is there); under CI=true the runner fails on it. */
export const noPip = !hasPip && 'python3 with pip and packaging not found (Debian: apt-get install python3-pip python3-packaging)';

export function corpusFiles(dir = corpus): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...corpusFiles(p));
    else out.push(p);
  }
  return out;
}

export interface PipRequirement {
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
export interface PipFile {
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


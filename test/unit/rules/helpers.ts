// Test helpers for the rules: analyse a text as a given file against a machine from CLI-style flags,
// apply a finding's preferred fix, and find the corpus.
import { corpusPath } from '../../paths';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeDocument } from '../../../src/core/analyze';
import type { Finding, Fix } from '../../../src/core/finding';
import { applyEdits } from '../../../src/core/fixes/apply';
import type { Machine } from '../../../src/core/machine';
import { machineFromFlags, type MachineFlags } from '../../../src/core/machineProfile';
import type { FileReader } from '../../../src/core/requirements/types';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const corpus = corpusPath();

/** Reads real files; `files` adds in-memory ones (absolute paths). */
export function reader(files: Record<string, string> = {}): FileReader {
  return {
    read: (p) => files[p] ?? (existsSync(p) ? readFileSync(p, 'utf8') : null),
    resolve: (from, target) => (/^\w+:\/\//.test(target) ? target : path.resolve(path.dirname(from), target)),
  };
}

export function machine(flags: MachineFlags | null): Machine | null {
  return flags ? machineFromFlags(flags) : null;
}

export function check(text: string, flags: MachineFlags | null, file = '/project/requirements.txt', files: Record<string, string> = {}): Finding[] {
  return analyzeDocument(file, text, machine(flags), { reader: reader(files) }).findings;
}

export function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}

export function only(findings: Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

export function preferred(f: Finding): Fix {
  const p = f.fixes.filter((x) => x.preferred);
  if (p.length !== 1) throw new Error(`${f.code}: expected exactly one preferred fix, got ${p.length}`);
  return p[0];
}

/** Apply a fix's edits (all in the same file) to `text`. */
export function apply(text: string, fix: Fix): string {
  if (fix.edits.some((e) => e.file)) throw new Error('edit targets another file');
  return applyEdits(text, fix.edits);
}

/** GPU-related codes (a correct file for the machine yields none of them). */
export const GPU_CODES = ['driver-too-old', 'gpu-arch-unsupported', 'cpu-only-torch', 'driver-below-toolkit'];

export function corpusFile(rel: string): string {
  return path.join(corpus, rel);
}

export function corpusText(rel: string): string {
  return readFileSync(corpusFile(rel), 'utf8');
}

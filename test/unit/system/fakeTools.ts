// Helpers for tests that put the fake tools of test/fixtures/bin first on PATH.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const fakeBin = path.join(repoRoot, 'test', 'fixtures', 'bin');
export const fakeNvidiaSmi = path.join(fakeBin, 'nvidia-smi');
export const fakePython = path.join(fakeBin, 'python');

/** A process environment with only the fake tools + the basic system folders on PATH. */
export function fakeEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: [fakeBin, '/usr/bin', '/bin'].join(path.delimiter), HOME: tmp(), ...extra };
}

export function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), 'aied-'));
}

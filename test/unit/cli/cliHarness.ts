// Runs the real CLI: src/cli/main.ts bundled once by esbuild into a temp folder, then spawned with node
// in a chosen working folder (so exit codes, stdout and stderr are the real ones).
import { corpusDir } from '../../paths';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const corpus = corpusDir;

let bundled: string | null = null;

export function cliPath(): string {
  // AED_TEST_CLI: test an already built CLI (e.g. dist/cli.js) instead of bundling the sources.
  if (process.env.AED_TEST_CLI) return path.resolve(process.env.AED_TEST_CLI);
  if (bundled) return bundled;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aed-cli-'));
  const out = path.join(dir, 'cli.js');
  buildSync({
    entryPoints: [path.join(repoRoot, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: out,
    logLevel: 'silent',
  });
  bundled = out;
  return out;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [cliPath(), ...args], {
    cwd,
    encoding: 'utf8',
    // No real nvidia-smi/python probing unless a test asks for detection: a PATH without them.
    env: { PATH: '/nonexistent', HOME: cwd, ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temp folder holding `files` (relative path → text). */
export function tempProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aed-check-'));
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return dir;
}

export function json<T = unknown>(r: CliResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

export interface JFinding {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  fixes: { title: string; preferred: boolean; verified: boolean; edits: { range: JFinding['range']; newText: string; file?: string }[] }[];
}
export interface JReport {
  files: { path: string; findings: JFinding[]; fixed?: number }[];
  machine: Record<string, unknown> & { source: string; platform: string | null; gpu: { driver: string | null; gpus: { name: string; computeCapability: string | null }[] } | null };
}

export function codes(r: JReport): string[] {
  return r.files.flatMap((f) => f.findings.map((x) => x.code));
}

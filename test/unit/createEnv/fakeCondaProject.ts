// A temporary project with the conda stand-in (test/fixtures/bin) first on PATH, a CLI io that collects
// output, and the calls the stand-in logged.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const BIN = path.resolve(__dirname, '..', '..', 'fixtures', 'bin');

export function fakeCondaProject(
  files: Record<string, string | Buffer> = { 'requirements.txt': 'torch==2.5.1\nnumpy\n' },
  opts: { prefix?: string; dirName?: string } = {},
) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), opts.prefix ?? 'aied-cli-'));
  const dir = path.join(tmp, opts.dirName ?? 'proj');
  fs.mkdirSync(dir);
  for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), t);
  const log = path.join(tmp, 'calls.jsonl');
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}`,
    FAKE_CONDA_ROOT: path.join(tmp, 'root'), FAKE_CONDA_LOG: log, CONDA_EXE: undefined, MAMBA_EXE: undefined };
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd: tmp, env };
  const calls = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { tool: string; argv: string[] }) : []);
  return { tmp, dir, env, io, out, err, calls };
}

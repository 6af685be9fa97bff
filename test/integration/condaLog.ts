// Reads the conda stand-in's invocation log (FAKE_CONDA_LOG, one JSON line per call: {tool, argv, cwd}).
import * as fs from 'fs';

export interface CondaCall {
  tool: string;
  argv: string[];
  cwd: string;
}

export function condaCalls(): CondaCall[] {
  const file = process.env.FAKE_CONDA_LOG;
  if (!file || !fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as CondaCall);
}

/** conda calls that change something (not the read-only info / env list probes; not the nested pip). */
export function mutatingCalls(): CondaCall[] {
  return condaCalls().filter((c) => c.tool === 'conda' && !(c.argv[0] === 'info' || (c.argv[0] === 'env' && c.argv[1] === 'list')));
}

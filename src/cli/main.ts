// ai-env-doctor: check | detect | parse | create-env. Each subcommand lives in its own module.
import { version } from '../../package.json';
import { UsageError, type CliIO } from './args';

const USAGE = `Usage: ai-env-doctor <command> [options]

Commands:
  check [PATH...]       judge requirements/environment/pyproject files against this machine
  detect                show the GPU, driver, CUDA, active env and installed torch
  parse FILE --json     print the parsed model of a requirements/environment/pyproject file
  create-env [DIR]      create a conda env for a project with the right PyTorch build
  resolve [PATH...]     show what pip/uv/conda would install of the torch family here

Run "ai-env-doctor <command> --help" for a command's options.`;

type Runner = (argv: string[], io: CliIO) => Promise<number>;

const commands: Record<string, () => Promise<{ run: Runner }>> = {
  check: () => import('./check'),
  detect: () => import('./detect'),
  parse: () => import('./parse'),
  'create-env': () => import('./createEnv'),
  resolve: () => import('./resolve'),
};

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.out(version);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    io.err(`ai-env-doctor: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load()).run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`ai-env-doctor ${name}: ${e.message}`);
      return 2;
    }
    io.err(`ai-env-doctor ${name}: ${(e as Error).stack ?? String(e)}`);
    return 3;
  }
}

if (require.main === module) {
  const io: CliIO = {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    cwd: process.cwd(),
    env: process.env,
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}

// Shared argument handling for the CLI: node:util parseArgs with strict checking, and a UsageError
// that main.ts turns into exit code 2 with a clear message.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Machine flags shared by check and create-env. */
export const machineOptions = {
  'no-detect': { type: 'boolean' },
  driver: { type: 'string' },
  gpu: { type: 'string' },
  'compute-cap': { type: 'string' },
  platform: { type: 'string' },
  python: { type: 'string' },
} as const satisfies Options;

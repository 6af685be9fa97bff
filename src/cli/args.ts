// Shared argument handling for the CLI: node:util parseArgs with strict checking, and a UsageError
// that main.ts turns into exit code 2 with a clear message.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseTimeoutFlag } from '../core/probeTimeout';

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
  timeout: { type: 'string' },
} as const satisfies Options;

/** --timeout SECONDS as milliseconds (clamped to 1..600 s); undefined when not given. */
export function timeoutFlag(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseTimeoutFlag(text);
  if (ms === null) throw new UsageError(`--timeout must be a positive number of seconds, not '${text}'`);
  return ms;
}

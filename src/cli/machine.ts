// The machine a CLI command judges against: detection (unless --no-detect), overridden by the machine
// flags shared by check and create-env. Flags are validated before anything is probed, so a typo
// fails fast with exit 2.
import type { Machine } from '../core/machine';
import { MachineFlagError, machineFromFlags, type MachineFlags } from '../core/machineProfile';
import { detectMachine } from '../system/detect';
import { timeoutFlag, UsageError, type CliIO } from './args';

const DETECT_TIMEOUT_MS = 15_000;

export async function resolveMachine(
  values: Record<string, unknown>,
  io: CliIO,
  opts: { pythonFromActiveEnv: boolean },
): Promise<Machine | null> {
  const flags: MachineFlags = {
    driver: values.driver as string | undefined,
    gpu: values.gpu as string | undefined,
    computeCap: values['compute-cap'] as string | undefined,
    platform: values.platform as string | undefined,
    python: values.python as string | undefined,
  };
  try {
    machineFromFlags(flags, null);
  } catch (e) {
    if (e instanceof MachineFlagError) throw new UsageError(e.message);
    throw e;
  }
  const timeoutMs = timeoutFlag(values.timeout as string | undefined) ?? DETECT_TIMEOUT_MS;
  const anyFlag = Object.values(flags).some((v) => v !== undefined);
  let base: Machine | null = null;
  if (!values['no-detect']) {
    const detection = await detectMachine({ timeoutMs, env: io.env });
    base = detection.machine;
    // check judges the project's Python against the active env's interpreter when nothing else says.
    const envPython = opts.pythonFromActiveEnv ? detection.env?.python ?? null : null;
    if (envPython && !base.python) base = { ...base, python: envPython.split('.').slice(0, 2).join('.') };
  }
  return anyFlag ? machineFromFlags(flags, base) : base;
}

// The `aiEnvDoctor.target` setting (a GPU server described by hand) read into the flags core's
// machineFromFlags takes, with every problem named so the log can say why a value was ignored. Values
// are judged by the same validator as the CLI's machine flags (checkMachineValue).
import type { Platform } from './machine';
import { checkMachineValue, type MachineField } from './machineProfile';

export interface TargetFlags {
  driver?: string;
  gpu?: string;
  computeCap?: string;
  platform?: Platform;
  python?: string;
}

export interface TargetParse {
  /** null when the setting is unset, empty or holds nothing usable. */
  flags: TargetFlags | null;
  /** English descriptions of ignored entries (for the log). */
  problems: string[];
}

/** Setting key → flag. */
const KEYS: Record<string, MachineField> = {
  driver: 'driver',
  gpu: 'gpu',
  computeCapability: 'computeCap',
  platform: 'platform',
  python: 'python',
};

export function parseTargetSetting(value: unknown): TargetParse {
  const problems: string[] = [];
  if (value === null || value === undefined) return { flags: null, problems };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { flags: null, problems: ['aiEnvDoctor.target must be an object'] };
  }
  const flags: Record<string, string> = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const field = Object.hasOwn(KEYS, key) ? KEYS[key] : undefined;
    if (!field) {
      problems.push(`aiEnvDoctor.target.${key}: unknown key`);
      continue;
    }
    // Blank means unset, as an empty CLI flag does.
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) continue;
    if (typeof raw !== 'string') {
      problems.push(`aiEnvDoctor.target.${key}: ignored ${JSON.stringify(raw)} (a string is expected)`);
      continue;
    }
    const r = checkMachineValue(field, raw);
    if ('error' in r) problems.push(`aiEnvDoctor.target.${key}: ignored ${JSON.stringify(raw)}: ${r.error}`);
    else flags[field] = r.value;
  }
  return { flags: Object.keys(flags).length > 0 ? (flags as TargetFlags) : null, problems };
}

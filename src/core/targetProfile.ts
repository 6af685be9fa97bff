// The `aiEnvDoctor.target` setting (a GPU server described by hand) read into the flags core's
// machineFromFlags takes, with every problem named so the log can say why a value was ignored.
import type { Platform } from './machine';

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

const PLATFORMS: readonly Platform[] = ['linux', 'win32', 'darwin'];
const CHECKS: Record<Exclude<keyof TargetFlags, 'platform'>, { key: string; pattern: RegExp }> = {
  driver: { key: 'driver', pattern: /^\d+(?:\.\d+){1,3}$/ },
  gpu: { key: 'gpu', pattern: /\S/ },
  computeCap: { key: 'computeCapability', pattern: /^\d+\.\d+$/ },
  python: { key: 'python', pattern: /^\d+\.\d+(?:\.\d+)?$/ },
};

export function parseTargetSetting(value: unknown): TargetParse {
  const problems: string[] = [];
  if (value === null || value === undefined) return { flags: null, problems };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { flags: null, problems: ['aiEnvDoctor.target must be an object'] };
  }
  const v = value as Record<string, unknown>;
  const flags: TargetFlags = {};
  for (const [flag, { key, pattern }] of Object.entries(CHECKS) as [keyof typeof CHECKS, (typeof CHECKS)[keyof typeof CHECKS]][]) {
    const raw = v[key];
    if (raw === undefined || raw === null || raw === '') continue;
    if (typeof raw !== 'string' || !pattern.test(raw.trim())) {
      problems.push(`aiEnvDoctor.target.${key}: ignored ${JSON.stringify(raw)}`);
      continue;
    }
    flags[flag] = raw.trim();
  }
  const platform = v.platform;
  if (platform !== undefined && platform !== null && platform !== '') {
    if (typeof platform === 'string' && (PLATFORMS as readonly string[]).includes(platform)) flags.platform = platform as Platform;
    else problems.push(`aiEnvDoctor.target.platform: ignored ${JSON.stringify(platform)} (linux, win32 or darwin)`);
  }
  for (const key of Object.keys(v)) {
    if (key !== 'platform' && !Object.values(CHECKS).some((c) => c.key === key)) problems.push(`aiEnvDoctor.target.${key}: unknown key`);
  }
  return { flags: Object.keys(flags).length > 0 ? flags : null, problems };
}

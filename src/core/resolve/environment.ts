// The PEP 508 marker environment of a machine: what `packaging.markers.default_environment()` would
// report on it. Values the machine does not pin down (kernel release, patch level) are typical ones.
import type { Machine, Platform } from '../machine';
import { evaluateMarkerText, type MarkerEnvironment } from '../requirements/markerEvaluate';

/** Pythons tried when the machine's Python is unknown: a line applies when it applies to one of them. */
export const PYTHONS_WHEN_UNKNOWN = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'];

const SYSTEM: Record<Platform, { sys: string; system: string; os: string; release: string; version: string }> = {
  linux: { sys: 'linux', system: 'Linux', os: 'posix', release: '6.8.0', version: '#1 SMP PREEMPT_DYNAMIC' },
  win32: { sys: 'win32', system: 'Windows', os: 'nt', release: '10', version: '10.0.22631' },
  darwin: { sys: 'darwin', system: 'Darwin', os: 'posix', release: '24.0.0', version: 'Darwin Kernel Version 24.0.0' },
};

/** platform.machine() for a Node arch name (x64, arm64) or an already-native name, per platform. */
export function platformMachine(platform: Platform, arch: string | null | undefined, appleSilicon?: boolean): string {
  const a = (arch ?? '').toLowerCase();
  const arm = a === 'arm64' || a === 'aarch64' || (!a && platform === 'darwin' && appleSilicon !== false);
  if (platform === 'win32') return arm ? 'ARM64' : 'AMD64';
  if (platform === 'darwin') return arm ? 'arm64' : 'x86_64';
  return arm ? 'aarch64' : 'x86_64';
}

/** "3.11" → "3.11.0"; "3.11.4" stays. */
function fullVersion(python: string): string {
  const parts = python.split('.');
  return parts.length >= 3 ? python : `${parts[0]}.${parts[1] ?? '0'}.0`;
}

export function markerEnvironment(platform: Platform, arch: string | null | undefined, python: string, appleSilicon?: boolean): MarkerEnvironment {
  const s = SYSTEM[platform];
  const full = fullVersion(python);
  return {
    implementation_name: 'cpython',
    implementation_version: full,
    os_name: s.os,
    platform_machine: platformMachine(platform, arch, appleSilicon),
    platform_release: s.release,
    platform_system: s.system,
    platform_version: s.version,
    python_full_version: full,
    platform_python_implementation: 'CPython',
    python_version: full.split('.').slice(0, 2).join('.'),
    sys_platform: s.sys,
    extra: '',
  };
}

/** The environments a machine stands for: one, or one per plausible Python when its Python is unknown. */
export function machineEnvironments(machine: Machine, python?: string | null): MarkerEnvironment[] {
  const py = python ?? machine.python;
  const pythons = py ? [py] : PYTHONS_WHEN_UNKNOWN;
  return pythons.map((p) => markerEnvironment(machine.platform, machine.arch, p, machine.gpu.appleSilicon));
}

/**
 * Whether a requirement's marker lets it install on the machine: true without a marker or a machine,
 * true when it holds for one of the machine's environments, and true when it cannot be evaluated
 * (pip would report the error; the line is not silently dropped).
 */
export function markerApplies(marker: string | null, machine: Machine | null, python?: string | null): boolean {
  if (!marker || !machine) return true;
  return machineEnvironments(machine, python).some((env) => evaluateMarkerText(marker, env) !== false);
}

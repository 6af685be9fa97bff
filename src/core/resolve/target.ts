// A file meant for another platform or accelerator says so by name (requirements_macOS.txt,
// requirements-rocm.txt, -cpu, -xpu): it is judged against the machine it is meant for.
import { msg } from '../l10n';
import { noGpu, type Machine } from '../machine';
import type { Text } from './types';

export type FileTarget = 'macOS' | 'ROCm' | 'CPU' | 'XPU';

function baseName(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).toLowerCase();
}

/** The platform or accelerator a file's name says it is for, or null. */
export function fileTarget(path: string): FileTarget | null {
  const stem = baseName(path).replace(/\.(txt|in|ya?ml|toml)$/, '');
  const words = stem.split(/[-_.@\s]+/);
  if (words.some((w) => ['macos', 'mac', 'osx', 'darwin', 'apple', 'mps', 'm1', 'silicon'].includes(w))) return 'macOS';
  if (words.some((w) => w === 'rocm' || w === 'amd' || /^rocm\d/.test(w))) return 'ROCm';
  if (words.some((w) => w === 'xpu' || w === 'intel')) return 'XPU';
  if (words.some((w) => w === 'cpu' || w === 'cpuonly')) return 'CPU';
  return null;
}

/** The machine a targeted file is judged against: this machine's Python, the target's platform and devices. */
export function targetMachine(target: FileTarget, machine: Machine): Machine {
  switch (target) {
    case 'macOS': return { ...machine, platform: 'darwin', arch: 'arm64', gpu: { ...noGpu(), vendor: 'apple', appleSilicon: true } };
    case 'ROCm': return { ...machine, platform: 'linux', gpu: { ...noGpu(), vendor: 'amd' } };
    case 'XPU': case 'CPU': return { ...machine, gpu: noGpu() };
  }
}

export function targetNote(target: FileTarget): Text {
  return msg('Judged for {0}, the target its file name names, not for this machine.', target);
}

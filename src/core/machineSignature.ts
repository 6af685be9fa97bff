// Whether a new detection can change any finding: compare machines on what the rules read.
import type { Machine } from './machine';

/** What of a machine the rules can depend on (not memory use or utilisation, which change every refresh). */
export function machineSignature(m: Machine | null): string {
  if (!m) return 'null';
  const g = m.gpu;
  return JSON.stringify([
    m.platform,
    m.arch ?? null,
    m.python,
    m.source,
    g.vendor,
    g.driver,
    g.cuda,
    g.error,
    g.amdGfx ?? null,
    g.appleSilicon ?? null,
    g.gpus.map((x) => [x.name, x.computeCapability, x.memoryTotalMiB]),
  ]);
}

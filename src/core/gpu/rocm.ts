// AMD: the gfx target (what ROCm torch wheels are built for) and marketing names, from `rocminfo`
// or `rocm-smi --showproductname` (text or --json).
import type { GpuInfo, GpuReport } from '../machine';

export interface AmdGpu {
  name: string;
  gfx: string | null;
}

/** `rocminfo`: one "Agent N" block per agent; GPU agents have "Name: gfxNNNN" and a "Marketing Name". */
export function parseRocminfo(text: string): AmdGpu[] {
  const out: AmdGpu[] = [];
  const blocks = text.split(/^\*{3,}\s*$|^Agent\s+\d+\s*$/m);
  for (const b of blocks) {
    if (!/Device Type:\s*GPU/i.test(b)) continue;
    const gfx = /^\s*Name:\s*(gfx[0-9a-f]+)\s*$/im.exec(b);
    const marketing = /^\s*Marketing Name:\s*(.+?)\s*$/im.exec(b);
    if (!gfx && !marketing) continue;
    out.push({ name: marketing ? marketing[1] : (gfx ? gfx[1] : 'AMD GPU'), gfx: gfx ? gfx[1].toLowerCase() : null });
  }
  return out;
}

/** `rocm-smi --showproductname` as text ("GPU[0] : GFX Version: gfx1100") or with --json. */
export function parseRocmSmi(text: string): AmdGpu[] {
  const t = text.trim();
  if (t.startsWith('{')) {
    try {
      const doc = JSON.parse(t) as Record<string, Record<string, unknown>>;
      return Object.keys(doc).filter((k) => /^card\d+$/i.test(k)).map((k) => {
        const card = doc[k];
        const gfx = typeof card['GFX Version'] === 'string' ? (card['GFX Version'] as string).trim().toLowerCase() : null;
        const series = card['Card Series'] ?? card['Card series'] ?? card['Card model'];
        return { name: typeof series === 'string' ? series.trim() : 'AMD GPU', gfx: gfx && /^gfx[0-9a-f]+$/.test(gfx) ? gfx : null };
      });
    } catch {
      return [];
    }
  }
  const byIndex = new Map<number, AmdGpu>();
  for (const line of t.split(/\r?\n/)) {
    const m = /^GPU\[(\d+)\]\s*:\s*([^:]+?):\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    const i = Number(m[1]);
    const g = byIndex.get(i) ?? { name: 'AMD GPU', gfx: null };
    const key = m[2].trim().toLowerCase();
    const value = m[3].trim();
    if (key === 'gfx version' && /^gfx[0-9a-f]+$/i.test(value)) g.gfx = value.toLowerCase();
    else if (key === 'card series' && value) g.name = value;
    else if (key === 'card model' && value && g.name === 'AMD GPU' && !/^0x/i.test(value)) g.name = value;
    byIndex.set(i, g);
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
}

export function amdReport(gpus: AmdGpu[]): GpuReport {
  return {
    vendor: 'amd',
    driver: null,
    cuda: null,
    gpus: gpus.map((g, index): GpuInfo => ({
      index, name: g.name, computeCapability: null, memoryTotalMiB: null, memoryUsedMiB: null, utilizationPercent: null,
    })),
    error: null,
    amdGfx: [...new Set(gpus.map((g) => g.gfx).filter((g): g is string => g !== null))],
  };
}

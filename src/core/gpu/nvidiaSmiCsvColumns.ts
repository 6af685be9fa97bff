// The columns of a headerless `nvidia-smi --query-gpu=... --format=csv,noheader[,nounits]` row, as
// people paste it ("NVIDIA GeForce RTX 4090, 550.54.14, 24564, 1021"), inferred from the shapes of
// its cells: one GPU name, a driver version (three-digit major), a compute capability (8.9), a UUID,
// a PCI bus id, percentages, an index before the name, and memory figures. Only what is unambiguous is
// named; anything else is left unnamed ('') and ignored, and a row without a name is not inferred.

type Kind = 'name' | 'driver' | 'cc' | 'uuid' | 'bus' | 'percent' | 'mem' | 'int' | 'na' | 'other';

const NA = /^\[?(N\/A|Not Supported|Unknown Error|Insufficient Permissions)\]?$/i;
const GPU_BRAND = /^(NVIDIA|Tesla|Quadro|GeForce|TITAN|GRID)\b/i;

function kind(c: string): Kind {
  if (c === '' || NA.test(c)) return 'na';
  if (/^GPU-[0-9a-f-]{8,}$/i.test(c)) return 'uuid';
  if (/^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i.test(c)) return 'bus';
  if (/^\d{3,}\.\d+(\.\d+)*$/.test(c)) return 'driver';
  if (/^\d{1,2}\.\d$/.test(c)) return 'cc';
  if (/^\d+(\.\d+)?\s*(MiB|GiB)$/i.test(c)) return 'mem';
  if (/^\d+(\.\d+)?\s*%$/.test(c)) return 'percent';
  if (/^\d+$/.test(c)) return 'int';
  if (/[A-Za-z]/.test(c)) return 'name';
  return 'other';
}

/** Field names for one row ('' = not inferred), or null when the row names no GPU unambiguously. */
export function inferColumns(cells: readonly string[]): string[] | null {
  if (cells.length < 2) return null;
  const kinds = cells.map(kind);
  if (kinds.includes('other')) return null;
  let names = kinds.flatMap((k, i) => (k === 'name' ? [i] : []));
  // Other words (pstate "P8", "Default", "WDDM") may sit beside the name: then the brand decides.
  if (names.length > 1) names = names.filter((i) => GPU_BRAND.test(cells[i]));
  if (names.length !== 1) return null;
  const nameAt = names[0];
  const single = (k: Kind): number => (kinds.filter((x) => x === k).length === 1 ? kinds.indexOf(k) : -1);
  const cols = cells.map(() => '');
  cols[nameAt] = 'name';
  const named: [Kind, string][] = [['driver', 'driver_version'], ['cc', 'compute_cap'], ['uuid', 'uuid'], ['bus', 'pci.bus_id'], ['percent', 'utilization.gpu']];
  for (const [k, field] of named) {
    const at = single(k);
    if (at >= 0) cols[at] = field;
  }
  // An integer before the name is the index (nvidia-smi lists index first when asked for it).
  const ints = kinds.flatMap((k, i) => (k === 'int' && i > nameAt ? [i] : []));
  if (nameAt > 0 && kinds[0] === 'int') cols[0] = 'index';
  // Memory: figures with units, else the bare integers after the name. Two of them are total and used
  // (used ≤ total); one alone is the total; more is ambiguous (free, reserved, utilisation...).
  const withUnits = kinds.flatMap((k, i) => (k === 'mem' ? [i] : []));
  const mem = withUnits.length ? withUnits : ints;
  const value = (i: number) => Number.parseFloat(cells[i]) * (/GiB/i.test(cells[i]) ? 1024 : 1);
  if (mem.length === 1) cols[mem[0]] = 'memory.total';
  else if (mem.length === 2 && value(mem[0]) !== value(mem[1])) {
    const [big, small] = value(mem[0]) > value(mem[1]) ? [mem[0], mem[1]] : [mem[1], mem[0]];
    cols[big] = 'memory.total';
    cols[small] = 'memory.used';
  }
  // A row that is only a name and unnamed cells is not evidence of a query.
  return cols.some((c, i) => c !== '' && i !== nameAt) ? cols : null;
}

/**
 * Columns for a headerless table: every row must infer to the same field set. Memory columns are
 * judged on all rows together (a row where used = total stays consistent with the others).
 */
export function inferTable(rows: readonly (readonly string[])[]): string[] | null {
  if (!rows.length) return null;
  const width = rows[0].length;
  if (rows.some((r) => r.length !== width)) return null;
  let cols: string[] | null = null;
  for (const r of rows) {
    const c = inferColumns(r);
    if (!c) return null;
    if (!cols) {
      cols = c;
      continue;
    }
    const merged: string[] = [];
    for (let i = 0; i < width; i++) {
      const a = cols[i];
      const b = c[i];
      if (a === b || b === '') merged.push(a);
      else if (a === '') merged.push(b);
      else return null;
    }
    cols = merged;
  }
  return cols;
}

// `nvidia-smi --query-gpu=... --format=csv[,noheader][,nounits]` and `--query-compute-apps=...`.
// With a header, columns are found by name (units in brackets dropped); without one, the field list
// is given (the probe knows what it asked for), or is one of the probe's own queries, or is inferred
// from the cells' shapes when that is unambiguous (nvidiaSmiCsvColumns.ts: what people paste).
import { inferColumns, inferTable } from './nvidiaSmiCsvColumns';
import { emptyReport, intOrNull, mib, percent, versionOrNull, type NvidiaGpu, type NvidiaSmiReport } from './nvidiaSmiReport';

/** The probe's query (src/system/nvidiaSmiProbe.ts), and the fallback for drivers without compute_cap. */
export const PROBE_FIELDS = ['index', 'name', 'driver_version', 'memory.total', 'memory.used', 'utilization.gpu', 'compute_cap'] as const;
export const PROBE_FIELDS_NO_CC = PROBE_FIELDS.slice(0, 6);

const KNOWN_FIELDS = /^(timestamp|driver_version|count|name|gpu_name|index|uuid|gpu_uuid|serial|gpu_serial|pci\.bus_id|gpu_bus_id|memory\.(total|used|free|reserved)|utilization\.(gpu|memory)|compute_cap|pid|process_name|used_gpu_memory|temperature\.gpu|fan\.speed|pstate|power\.draw|vbios_version|persistence_mode|driver_model\.current|clocks\.|kmd_version)/;

function splitRow(line: string): string[] {
  return line.split(',').map((c) => c.trim());
}

function normaliseHeader(h: string): string {
  return h.replace(/\s*\[[^\]]*\]\s*$/, '').trim().toLowerCase();
}

export function isCsvHeader(line: string): boolean {
  const cols = splitRow(line).map(normaliseHeader);
  return cols.every((c) => /^[a-z_][a-z0-9_.]*$/.test(c)) && cols.some((c) => KNOWN_FIELDS.test(c));
}

/** A row of the probe's own noheader query: "0, NVIDIA GeForce RTX 4090, 550.54.14, 24564, 1, 0, 8.9". */
function probeShaped(cells: string[]): boolean {
  return (cells.length === PROBE_FIELDS.length || cells.length === PROBE_FIELDS_NO_CC.length)
    && /^\d+$/.test(cells[0]) && /[A-Za-z]/.test(cells[1]) && versionOrNull(cells[2]) !== null;
}

/** Index of the first line that starts the CSV (a header, a probe-shaped or an inferable row), within the first few. */
function csvStart(lines: string[]): number {
  for (let i = 0; i < Math.min(lines.length, 6); i++) {
    const l = lines[i];
    if (l.includes(',') && (isCsvHeader(l) || probeShaped(splitRow(l)) || inferColumns(splitRow(l)) !== null)) return i;
  }
  return -1;
}

export function looksLikeCsv(text: string): boolean {
  return csvStart(text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '')) >= 0;
}

const NA = /^\[?(N\/A|Not Supported|Unknown Error|Insufficient Permissions|GPU is lost|Requested functionality has been deprecated)\]?$/i;

function cell(v: string | undefined): string | null {
  if (v === undefined) return null;
  const t = v.trim();
  return t === '' || NA.test(t) ? null : t;
}

export function parseQueryCsv(text: string, fields?: readonly string[]): NvidiaSmiReport {
  const r = emptyReport('csv');
  let lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const first = fields ? 0 : csvStart(lines);
  if (first > 0) {
    r.leadingNoise = lines.slice(0, first);
    lines = lines.slice(first);
  }
  let cols: string[] | null = fields ? fields.map((f) => f.toLowerCase()) : null;
  let start = 0;
  if (lines.length && isCsvHeader(lines[0])) {
    cols = splitRow(lines[0]).map(normaliseHeader);
    start = 1;
  }
  if (!cols && lines.length && probeShaped(splitRow(lines[0]))) {
    cols = [...(splitRow(lines[0]).length === PROBE_FIELDS.length ? PROBE_FIELDS : PROBE_FIELDS_NO_CC)];
  }
  if (!cols && lines.length) cols = inferTable(lines.map(splitRow));
  if (!cols) {
    r.error = 'unparsed';
    return r;
  }
  const at = (row: string[], ...names: string[]) => {
    for (const n of names) {
      const i = cols!.indexOf(n);
      if (i >= 0) return cell(row[i]);
    }
    return null;
  };
  const isApps = cols.includes('pid');
  for (const line of lines.slice(start)) {
    const row = splitRow(line);
    if (row.length !== cols.length) continue; // a wrapped or foreign line
    if (isApps) {
      const pid = intOrNull(at(row, 'pid'));
      if (pid === null) continue;
      r.processes.push({
        pid, name: at(row, 'process_name') ?? '', usedMiB: mib(at(row, 'used_gpu_memory', 'used_memory')),
        gpuName: at(row, 'gpu_name', 'name'),
      });
      continue;
    }
    const name = at(row, 'name', 'gpu_name');
    if (name === null) continue;
    const gpu: NvidiaGpu = {
      index: intOrNull(at(row, 'index')),
      name,
      computeCapability: versionOrNull(at(row, 'compute_cap')),
      memoryTotalMiB: mib(at(row, 'memory.total')),
      memoryUsedMiB: mib(at(row, 'memory.used')),
      utilizationPercent: percent(at(row, 'utilization.gpu')),
      busId: at(row, 'pci.bus_id', 'gpu_bus_id'),
      uuid: at(row, 'uuid', 'gpu_uuid'),
      driverModel: at(row, 'driver_model.current'),
    };
    r.gpus.push(gpu);
    const driver = versionOrNull(at(row, 'driver_version')) ?? versionOrNull(at(row, 'kmd_version'));
    if (driver && r.driver === null) r.driver = driver;
  }
  if (r.gpus.length === 0 && r.processes.length === 0 && lines.length > start) r.error = 'unparsed';
  return r;
}

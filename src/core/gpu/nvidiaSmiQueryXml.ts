// `nvidia-smi -q -x`: the same facts as -q, as XML. MIG devices carry their own <fb_memory_usage>
// before the GPU-level one; only the <gpu>'s direct child counts.
import { XMLParser } from 'fast-xml-parser';
import { emptyReport, intOrNull, mib, percent, versionOrNull, type NvidiaGpu, type NvidiaSmiReport } from './nvidiaSmiReport';

export function looksLikeXml(text: string): boolean {
  return /<nvidia_smi_log\b/.test(text);
}

type Node = Record<string, unknown>;

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return str((v as Node)['#text']);
  return null;
}

function child(n: unknown, key: string): unknown {
  return n && typeof n === 'object' ? (n as Node)[key] : undefined;
}

function driverModel(dm: string | null): string | null {
  return dm && dm !== 'N/A' ? dm : null;
}

export function parseXml(text: string): NvidiaSmiReport {
  const r = emptyReport('q-xml');
  const start = text.indexOf('<');
  if (start > 0) r.leadingNoise = text.slice(0, start).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  let doc: Node;
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      processEntities: false,
      isArray: (name) => name === 'gpu' || name === 'mig_device' || name === 'process_info',
    });
    doc = parser.parse(text.slice(Math.max(0, start))) as Node;
  } catch {
    r.error = 'unparsed';
    return r;
  }
  const log = child(doc, 'nvidia_smi_log');
  if (!log) {
    r.error = 'unparsed';
    return r;
  }
  r.driver = versionOrNull(str(child(log, 'driver_version')));
  const cuda = str(child(log, 'cuda_version'));
  r.cuda = versionOrNull(cuda);
  r.cudaRaw = cuda !== null && r.cuda === null ? cuda : null;
  const gpus = child(log, 'gpu');
  for (const g of Array.isArray(gpus) ? gpus : []) {
    const fb = child(g, 'fb_memory_usage');
    const gpu: NvidiaGpu = {
      index: intOrNull(str(child(g, 'minor_number'))) ?? r.gpus.length,
      name: str(child(g, 'product_name')) ?? '',
      computeCapability: versionOrNull(str(child(g, 'compute_cap'))),
      memoryTotalMiB: mib(str(child(fb, 'total'))),
      memoryUsedMiB: mib(str(child(fb, 'used'))),
      utilizationPercent: percent(str(child(child(g, 'utilization'), 'gpu_util'))),
      busId: str(child(g, '@_id')),
      uuid: str(child(g, 'uuid')),
      driverModel: driverModel(str(child(child(g, 'driver_model'), 'current_dm'))),
    };
    if (gpu.name) r.gpus.push(gpu);
  }
  const attached = intOrNull(str(child(log, 'attached_gpus')));
  if (attached !== null && attached > r.gpus.length) r.truncated = true;
  return r;
}

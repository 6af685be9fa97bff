// `nvidia-smi --version`: "NVIDIA-SMI version : 550.54.14", "DRIVER version : ...", "CUDA Version : 12.4".
// From driver 610 the DRIVER/CUDA lines read "Deprecated, see ..." and the values move to
// "KMD version" and "CUDA UMD version".
import { emptyReport, versionOrNull, type NvidiaSmiReport } from './nvidiaSmiReport';

export function looksLikeVersion(text: string): boolean {
  return /^\s*NVIDIA-SMI version\s*:/im.test(text);
}

export function parseVersion(text: string): NvidiaSmiReport {
  const r = emptyReport('version');
  const fields = new Map<string, string>();
  let started = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const m = /^([A-Za-z][A-Za-z -]*?)\s*:\s*(.*)$/.exec(line);
    if (m && /version$/i.test(m[1])) {
      started = true;
      fields.set(m[1].toLowerCase(), m[2].trim());
    } else if (!started && line) r.leadingNoise.push(line);
  }
  const smi = versionOrNull(fields.get('nvidia-smi version'));
  r.driver = versionOrNull(fields.get('driver version')) ?? versionOrNull(fields.get('kmd version'));
  r.cuda = versionOrNull(fields.get('cuda version')) ?? versionOrNull(fields.get('cuda umd version'));
  r.smiVersion = smi !== null && smi !== r.driver ? smi : null;
  if (r.driver === null && r.cuda === null) r.error = 'unparsed';
  return r;
}

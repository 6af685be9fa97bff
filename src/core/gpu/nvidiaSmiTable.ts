// The default `nvidia-smi` table, every layout seen in the wild: the pre-450 two-line rows, the 450+
// rows with a "MIG M." line, the 2023+ wide layout, Windows (Driver-Model column: WDDM/TCC), ERR!
// cells, a "MIG devices:" table (instances, not GPUs), pasted fragments and leading shell prompts.
import { emptyReport, intOrNull, percent, versionOrNull, type NvidiaGpu, type NvidiaSmiReport } from './nvidiaSmiReport';

const BANNER = /NVIDIA-SMI\s+(\S+)\s+Driver Version:\s*(\S+)(?:\s+CUDA Version:\s*(\S+))?/;
// "|   0  NVIDIA GeForce RTX 2080 ...  WDDM  |   00000000:0C:00.0 Off |                  N/A |"
const GPU_ROW = /^\|\s*(\d+)\s+(.+?)\s+(On|Off|WDDM|TCC|MCDM|N\/A|ERR!)\s*\|\s*([0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-9A-Fa-f]|N\/A|ERR!)\s+(\S+)\s*\|/;
// "| N/A   52C    P0            432W /  700W |   11125MiB /  81559MiB |     N/A      Default |"
const MEM_ROW = /\|\s*(\d+|N\/A|ERR!)\s*MiB\s*\/\s*(\d+|N\/A|ERR!)\s*MiB\s*\|\s*(\S+)/;

export function looksLikeTable(text: string): boolean {
  return BANNER.test(text) || /^\|\s*GPU\s+Name\b/m.test(text);
}

export function parseTable(text: string): NvidiaSmiReport {
  const r = emptyReport('table');
  const lines = text.split(/\r?\n/);
  let section: 'pre' | 'gpus' | 'mig' | 'processes' = 'pre';
  let current: NvidiaGpu | null = null;
  let firstLine = -1;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (firstLine < 0 && (line.startsWith('+--') || line.startsWith('|') || BANNER.test(line))) {
      firstLine = i;
      // Keep whatever came before (prompt, command, timestamp) as noise, minus the timestamp line.
      r.leadingNoise = lines.slice(0, i).map((l) => l.trim())
        .filter((l) => l !== '' && !/^\w{3} \w{3}\s+\d+ \d\d:\d\d:\d\d \d{4}$/.test(l));
    }
    const banner = BANNER.exec(line);
    if (banner) {
      const smi = banner[1];
      r.driver = versionOrNull(banner[2]);
      const cudaField = banner[3] ?? null;
      r.cuda = versionOrNull(cudaField);
      r.cudaRaw = cudaField !== null && r.cuda === null ? cudaField : null;
      r.smiVersion = smi !== r.driver ? versionOrNull(smi) : null;
      continue;
    }
    if (/^\|\s*GPU\s+Name\b/.test(line)) {
      section = 'gpus';
      continue;
    }
    if (/^\|\s*MIG devices:/i.test(line)) {
      section = 'mig';
      current = null;
      continue;
    }
    if (/^\|\s*Processes:/i.test(line)) {
      section = 'processes';
      current = null;
      continue;
    }
    if (section === 'gpus') {
      const g = GPU_ROW.exec(line);
      if (g) {
        current = {
          index: Number.parseInt(g[1], 10),
          name: g[2].trim(),
          computeCapability: null,
          memoryTotalMiB: null,
          memoryUsedMiB: null,
          utilizationPercent: null,
          driverModel: /^(WDDM|TCC|MCDM)$/.test(g[3]) ? g[3] : null,
          busId: /:/.test(g[4]) ? g[4] : null,
        };
        r.gpus.push(current);
        continue;
      }
      const m = current ? MEM_ROW.exec(line) : null;
      if (m && current && current.memoryTotalMiB === null) {
        current.memoryUsedMiB = intOrNull(m[1]);
        current.memoryTotalMiB = intOrNull(m[2]);
        current.utilizationPercent = percent(m[3]);
        continue;
      }
      if (line === '' && r.gpus.length > 0) section = 'pre';
    } else if (section === 'processes') {
      // "|    0   N/A  N/A            2056    C+G   C:\Windows\System32\dwm.exe           N/A      |"
      // "|    4     32263      C   ...L.CA/u12345/venv-ivadomed/bin/python3.6 10243MiB |"
      const p = /^\|\s*(\d+)\s+(?:(?:\d+|N\/A)\s+(?:\d+|N\/A)\s+)?(\d+)\s+(C\+G|C|G|M|M\+C)\s+(.+?)\s+(\d+MiB|N\/A)\s*\|$/.exec(line);
      if (p) {
        r.processes.push({
          pid: Number.parseInt(p[2], 10),
          name: p[4].trim(),
          usedMiB: p[5] === 'N/A' ? null : Number.parseInt(p[5], 10),
        });
      }
    }
  }
  // A fragment: no GPU rows, a GPU without its memory line, or text that does not end on a box's
  // closing border (a border right after a blank line or another border opens the next box).
  const tail = lines.map((l) => l.trim()).filter((l, i, a) => l !== '' || a.slice(i).some((x) => x.trim() !== ''));
  while (tail.length && tail[tail.length - 1] === '') tail.pop();
  const last = tail[tail.length - 1] ?? '';
  const before = tail[tail.length - 2] ?? '';
  const closed = /^\+-[-+]*\+$/.test(last) && before !== '' && !/^\+-[-+]*\+$/.test(before);
  r.truncated = r.gpus.length === 0 || r.gpus.some((g) => g.memoryTotalMiB === null) || !closed;
  if (r.driver === null && r.gpus.length === 0) r.error = 'unparsed';
  return r;
}

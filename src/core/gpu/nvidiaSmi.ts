// parseNvidiaSmiOutput: any nvidia-smi output a machine prints or a user pastes, form detected from
// the text (XML, -q text, table, --query CSV, -L, --version, or an error message).
import { matchSmiError } from './nvidiaSmiErrors';
import { looksLikeCsv, parseQueryCsv } from './nvidiaSmiQueryCsv';
import { looksLikeList, parseList } from './nvidiaSmiList';
import { looksLikeQText, parseQText } from './nvidiaSmiQueryText';
import { looksLikeTable, parseTable } from './nvidiaSmiTable';
import { emptyReport, type NvidiaSmiReport } from './nvidiaSmiReport';
import { looksLikeVersion, parseVersion } from './nvidiaSmiVersion';
import { looksLikeXml, parseXml } from './nvidiaSmiQueryXml';

export type { NvidiaSmiReport, NvidiaGpu, NvidiaProcess, NvidiaSmiFormat } from './nvidiaSmiReport';
export { parseQueryCsv, PROBE_FIELDS, PROBE_FIELDS_NO_CC } from './nvidiaSmiQueryCsv';

/** Drop a BOM and ANSI colour codes; keep everything else (offsets do not matter here). */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/^\uFEFF/, '').replace(/\u001b\[[0-9;]*m/g, '');
}

/** Lines a paste may start with before the output: a prompt and/or the command itself. */
function stripLeadingCommand(text: string): { text: string; noise: string[] } {
  const lines = text.split(/\r?\n/);
  const noise: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const l = lines[i].trim();
    if (l === '') { i++; continue; }
    if (/(^|[\s$#>%])nvidia-smi(\.exe)?(\s.*)?$/.test(l) && !/NVIDIA-SMI/.test(l) && !/has failed/.test(l)) {
      noise.push(l);
      i++;
      continue;
    }
    break;
  }
  return { text: lines.slice(i).join('\n'), noise };
}

export function parseNvidiaSmiOutput(input: string): NvidiaSmiReport {
  const text = clean(input);
  if (text.trim() === '') {
    const r = emptyReport('unknown');
    r.error = 'unparsed';
    return r;
  }
  const { text: body, noise } = stripLeadingCommand(text);
  let report: NvidiaSmiReport | null = null;
  if (looksLikeXml(body)) report = parseXml(body);
  else if (looksLikeQText(body)) report = parseQText(body);
  else if (looksLikeTable(body)) report = parseTable(body);
  else if (looksLikeVersion(body)) report = parseVersion(body);
  else if (looksLikeList(body)) report = parseList(body);
  else if (looksLikeCsv(body)) report = parseQueryCsv(body);

  const err = matchSmiError(body);
  if (err && (!report || (report.gpus.length === 0 && report.driver === null))) {
    report = emptyReport('error');
    report.error = err.error;
    report.errorDetail = err.detail;
    report.nvmlLibraryVersion = err.nvmlLibraryVersion;
  }
  if (!report) {
    report = emptyReport('unknown');
    report.error = 'unparsed';
    report.errorDetail = body.trim().split(/\r?\n/)[0].slice(0, 200);
  }
  report.leadingNoise = [...noise, ...report.leadingNoise];
  return report;
}

// --json: {"files": [{"path", "findings": [{"code", "severity", "message", "range", "fixes": [{"title",
// "preferred", "verified", "edits": [{"range", "newText"}]}]}]}], "machine": {...}}. Ranges are 0-based
// {start: {line, character}, end: {...}} in UTF-16 code units, as in LSP and VS Code.
import type { Finding } from '../../core/finding';
import type { Machine } from '../../core/machine';
import type { Range } from '../../core/text';
import type { Report, ReportFile } from './model';
import { writeJson as writeJsonValue } from './stream';

export interface JsonEdit {
  range: Range;
  newText: string;
  /** Present only when the edit targets another file than the finding's (an included file). */
  file?: string;
}

export interface JsonFinding {
  code: string;
  severity: Finding['severity'];
  message: string;
  range: Range;
  /** verified: applying the fix to a copy and checking again showed it works here (see fixes/verify.ts). */
  fixes: { title: string; preferred: boolean; verified: boolean; edits: JsonEdit[] }[];
}

export interface JsonFile {
  path: string;
  findings: JsonFinding[];
  fixed?: number;
  /** Why --fix left this file alone. */
  notFixed?: string;
}

/** The machine as printed: the judged machine, or an object saying none was known. */
export type JsonMachine = Machine | { source: 'none'; platform: null; gpu: null; python: null };

export interface JsonReport {
  files: JsonFile[];
  machine: JsonMachine;
}

export function toJson(report: Report): JsonReport {
  return {
    files: report.files.map((f) => jsonFile(report, f)),
    machine: report.machine ?? { source: 'none', platform: null, gpu: null, python: null },
  };
}

function jsonFile(report: Report, file: ReportFile): JsonFile {
  const out: JsonFile = {
    path: file.path,
    findings: file.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      range: file.index.rangeOf(f.span),
      fixes: f.fixes.map((fix) => ({
        title: fix.title,
        preferred: fix.preferred,
        verified: fix.verified === true,
        edits: fix.edits.map((e) => {
          const target = e.file && e.file !== file.absPath ? e.file : null;
          const index = target ? (report.indexOf(target) ?? file.index) : file.index;
          const edit: JsonEdit = { range: index.rangeOf(e.span), newText: e.newText };
          if (target) edit.file = report.displayPath(target);
          return edit;
        }),
      })),
    })),
  };
  if (file.fixed !== undefined) out.fixed = file.fixed;
  if (file.notFixed !== undefined) out.notFixed = file.notFixed;
  return out;
}

export function formatJson(report: Report): string {
  return JSON.stringify(toJson(report), null, 2);
}

/** formatJson written in blocks (a large report can exceed V8's largest string). */
export function writeJson(report: Report, out: (text: string) => void): void {
  writeJsonValue(toJson(report), out);
}

// --sarif: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, VS Code's SARIF viewer). One run, the
// rules that fired (each with helpUri to docs/rules/<code>.md), one result per finding with a
// 1-based region, and the preferred fix as a SARIF fix.
import { DOCS_BASE } from '../../constants';
import type { Finding, Severity } from '../../core/finding';
import type { LineIndex, Span } from '../../core/text';
import type { Report } from './model';
import { ruleDescription } from './ruleDescriptions';
import { oneLine } from './text';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(s: Severity): SarifLevel {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export function sarifRegion(index: LineIndex, span: Span): SarifRegion {
  const r = index.rangeOf(span);
  return {
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

/** A file URI relative to the run's %SRCROOT% (the current folder), or absolute when outside it. */
function artifact(displayPath: string): { uri: string; uriBaseId?: string } {
  if (displayPath.startsWith('/') || /^[A-Za-z]:/.test(displayPath)) {
    return { uri: 'file://' + (displayPath.startsWith('/') ? '' : '/') + encodeURI(displayPath.replace(/\\/g, '/')) };
  }
  return { uri: encodeURI(displayPath), uriBaseId: '%SRCROOT%' };
}

export function toSarif(report: Report, opts: { version: string; cwd: string }): object {
  const ruleIds: string[] = [];
  const ruleLevel = new Map<string, SarifLevel>();
  for (const file of report.files) {
    for (const f of file.findings) {
      if (!ruleLevel.has(f.code)) {
        ruleIds.push(f.code);
        ruleLevel.set(f.code, sarifLevel(f.severity));
      }
    }
  }
  ruleIds.sort();
  const rules = ruleIds.map((id) => ({
    id,
    name: id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: ruleDescription(id) ?? id.replace(/-/g, ' ') },
    helpUri: `${DOCS_BASE}${id}.md`,
    help: {
      text: `${ruleDescription(id) ?? id} Why it matters and how to fix it: ${DOCS_BASE}${id}.md`,
      markdown: `${ruleDescription(id) ?? id} [Why it matters and how to fix it](${DOCS_BASE}${id}.md).`,
    },
    defaultConfiguration: { level: ruleLevel.get(id) },
  }));
  const results = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      results.push(result(report, file.absPath, file.path, file.index, f, ruleIds.indexOf(f.code)));
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ai-env-doctor',
            fullName: 'AI Env Doctor',
            version: opts.version,
            semanticVersion: opts.version,
            informationUri: DOCS_BASE.replace(/\/blob\/main\/docs\/rules\/$/, ''),
            rules,
          },
        },
        originalUriBaseIds: {
          '%SRCROOT%': { uri: 'file://' + encodeURI(opts.cwd.replace(/\\/g, '/').replace(/\/?$/, '/')) },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function result(report: Report, absPath: string, displayPath: string, index: LineIndex, f: Finding, ruleIndex: number) {
  const out: Record<string, unknown> = {
    ruleId: f.code,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: oneLine(f.message) },
    locations: [{ physicalLocation: { artifactLocation: artifact(displayPath), region: sarifRegion(index, f.span) } }],
  };
  const fix = f.fixes.find((x) => x.preferred) ?? f.fixes[0];
  if (fix && fix.edits.length > 0) {
    const byFile = new Map<string, { deletedRegion: SarifRegion; insertedContent: { text: string } }[]>();
    for (const e of fix.edits) {
      const target = e.file ?? absPath;
      const idx = target === absPath ? index : (report.indexOf(target) ?? index);
      const list = byFile.get(target) ?? [];
      list.push({ deletedRegion: sarifRegion(idx, e.span), insertedContent: { text: e.newText } });
      byFile.set(target, list);
    }
    out.fixes = [
      {
        description: { text: fix.title },
        artifactChanges: [...byFile].map(([target, replacements]) => ({
          artifactLocation: artifact(target === absPath ? displayPath : report.displayPath(target)),
          replacements,
        })),
      },
    ];
  }
  return out;
}

export function formatSarif(report: Report, opts: { version: string; cwd: string }): string {
  return JSON.stringify(toSarif(report, opts), null, 2);
}

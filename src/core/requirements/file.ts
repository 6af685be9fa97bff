// A requirements file as pip reads it, and the two single-string entry points (one logical line, as
// in an environment.yml `pip:` entry, and one PEP 508 string, as in pyproject.toml).
import { logicalLines } from './lines';
import { parseLogicalLine } from './line';
import { normalizeName } from './names';
import { IDENTITY, mapSpan, parseRequirementString, Pep508Error } from './pep508';
import type { Finding } from '../finding';
import { format } from '../l10n';
import { expandedVariables, unexpand } from '../redact';
import { truncate, type Span } from '../text';
import type { Env, Include, OptionLine, Requirement, RequirementsFile } from './types';

/** Longest quote of file text in a message (a line can be megabytes long). */
const MAX_QUOTED = 200;

/**
 * A diagnostic as reported: text it quotes shows ${NAME} where pip expanded a variable (the value can
 * be a token) and is cut to MAX_QUOTED characters.
 */
function quotedRaw(d: Finding, vars: ReadonlyMap<string, string>): Finding {
  const l = d.l10n;
  if (!l || l.args.some((a) => typeof a === 'object')) return d;
  const changed = l.args.map((a) => (typeof a === 'string' ? shortQuote(vars.size ? unexpand(a, vars) : a) : a)) as (string | number)[];
  if (changed.every((a, i) => a === l.args[i])) return d;
  return { ...d, message: format(l.template, changed), l10n: { template: l.template, args: changed } };
}

function shortQuote(s: string): string {
  if (s.length <= MAX_QUOTED) return s;
  const quoted = s.length > 2 && s.startsWith("'") && s.endsWith("'");
  return quoted ? `'${truncate(s.slice(1, -1), MAX_QUOTED)}'` : truncate(s, MAX_QUOTED);
}

export function parseRequirementsText(text: string, file: string, opts: { env?: Env; constraint?: boolean } = {}): RequirementsFile {
  const out: RequirementsFile = { file, text, requirements: [], options: [], includes: [], diagnostics: [] };
  const ctx = { file, constraint: opts.constraint ?? false, source: text };
  const vars = opts.env ? expandedVariables([text], opts.env) : new Map<string, string>();
  for (const ll of logicalLines(text, opts.env)) {
    const r = parseLogicalLine(ll, ctx);
    if (r.requirement) out.requirements.push(r.requirement);
    for (const o of r.options) out.options.push(o);
    if (r.include) out.includes.push(r.include);
    for (const d of r.diagnostics) out.diagnostics.push(quotedRaw(d, vars));
  }
  return out;
}

/**
 * One logical requirements-file line in source[start, end) (an environment.yml `pip:` entry).
 * ctx.line is the 0-based line of `start`.
 */
export function parseRequirementsLine(
  source: string,
  start: number,
  end: number,
  ctx: { file: string; line: number; env?: Env },
): { requirement: Requirement | null; option: OptionLine | null; include: Include | null; diagnostics: Finding[] } {
  end = Math.min(end, source.length);
  const lines = logicalLines(source, ctx.env, Math.max(0, start), end, ctx.line);
  const result = { requirement: null as Requirement | null, option: null as OptionLine | null, include: null as Include | null, diagnostics: [] as Finding[] };
  for (const ll of lines) {
    const r = parseLogicalLine(ll, { file: ctx.file, constraint: false, source });
    result.requirement ??= r.requirement;
    result.option ??= r.option;
    result.include ??= r.include;
    const vars = ctx.env ? expandedVariables([source.slice(start, end)], ctx.env) : new Map<string, string>();
    for (const x of r.diagnostics) result.diagnostics.push(quotedRaw(x, vars));
  }
  return result;
}

/** source[start, end) as one PEP 508 string (spans are offsets into `source`). */
export function parsePep508(
  source: string,
  start: number,
  end: number,
  ctx: { file: string; line: number },
): { requirement: Requirement; error: null } | { requirement: null; error: { message: string; span: Span } } {
  const map = IDENTITY;
  end = Math.min(end, source.length);
  start = Math.max(0, Math.min(start, end));
  try {
    const p = parseRequirementString(source, start, end);
    const span = { start, end };
    while (span.end > span.start && (source.charCodeAt(span.end - 1) === 32 || source.charCodeAt(span.end - 1) === 9)) span.end--;
    while (span.start < span.end && (source.charCodeAt(span.start) === 32 || source.charCodeAt(span.start) === 9)) span.start++;
    return {
      requirement: {
        file: ctx.file,
        line: ctx.line,
        name: p.name,
        normalizedName: normalizeName(p.name),
        nameSpan: { start: p.nameStart, end: p.nameEnd },
        extras: p.extras,
        specifier: p.specifiers.map((x) => x.op + x.version).join(','),
        specifiers: p.specifiers.map((x) => ({ op: x.op, version: x.version, span: { start: x.start, end: x.end } })),
        specifierSpan: p.specStart >= 0 ? { start: p.specStart, end: p.specEnd } : null,
        marker: p.marker ? source.slice(p.markerStart, p.markerEnd) : null,
        markerSpan: p.marker ? { start: p.markerStart, end: p.markerEnd } : null,
        url: p.url,
        urlSpan: p.url !== null ? { start: p.urlStart, end: p.urlEnd } : null,
        editable: false,
        constraint: false,
        hashes: [],
        options: [],
        span,
        lineSpan: { start, end },
      },
      error: null,
    };
  } catch (err) {
    if (!(err instanceof Pep508Error)) throw err;
    const text = source.slice(start, end);
    const span = mapSpan(map, err.start, err.end > err.start ? err.end : Math.max(end, err.start));
    return { requirement: null, error: { message: `Invalid requirement: '${text}': ${err.reason}`, span } };
  }
}

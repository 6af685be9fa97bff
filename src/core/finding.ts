// A finding is what a parser or rule reports: plain data, turned into a Diagnostic by src/vscode and
// into text/JSON/SARIF by src/cli. Fixes are edits on offsets of the same document text.
import type { Code } from '../constants';
import { msg, type Localizable } from './l10n';
import type { Span } from './text';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  /** Span in the text of the file the finding belongs to (or `file`, when set). */
  span: Span;
  newText: string;
  /** Absolute path when the edit targets another file than the finding's (rare: an include). */
  file?: string;
}

export interface Fix {
  /** English title, ready to print. */
  title: string;
  /** Template and arguments so the editor can show the title in the display language. */
  l10n?: Localizable;
  /** Exactly one fix per finding is preferred (the one `--fix` and fix-all apply). */
  preferred: boolean;
  edits: TextEdit[];
  /**
   * Set by verification (fixes/verify.ts): true when applying the fix to a copy and analysing again
   * showed the problem gone, nothing new wrong, and torch running here. Absent when not verified yet.
   */
  verified?: boolean;
}

export interface Finding {
  /** Diagnostic code: a contract shared by the CLI and the editor (see src/constants.ts). */
  code: Code;
  severity: Severity;
  /** English message, ready to print. */
  message: string;
  /** Template and arguments so the editor can show the message in the display language. */
  l10n?: Localizable;
  span: Span;
  /** Absolute path of the file the span belongs to, when it is not the file being checked. */
  file?: string;
  fixes: Fix[];
}

/** Build a finding from a msg(...) result (see l10n.ts), so its text can be translated. */
export function finding(
  code: Code,
  severity: Severity,
  text: { message: string; l10n?: Localizable } | string,
  span: Span,
  fixes: Fix[] = [],
): Finding {
  return typeof text === 'string'
    ? { code, severity, message: text, span, fixes }
    : { code, severity, message: text.message, l10n: text.l10n, span, fixes };
}

/** A fix's title (and its l10n) from a msg(...) result: `{ ...fixTitle(msg('Use https')), preferred, edits }`. */
export function fixTitle(text: { message: string; l10n?: Localizable }): { title: string; l10n?: Localizable } {
  return text.l10n ? { title: text.message, l10n: text.l10n } : { title: text.message };
}

/** Findings reported one by one per file; the rest are summed up in one `too-many-findings`. */
export const MAX_FINDINGS_PER_FILE = 1000;

/**
 * The first `max` findings (in the given order), then one finding that says how many more there are,
 * placed where the first one left out is.
 */
export function capFindings(findings: readonly Finding[], max = MAX_FINDINGS_PER_FILE): Finding[] {
  if (findings.length <= max) return findings.slice();
  const kept = findings.slice(0, max);
  const first = findings[max];
  const more = finding('too-many-findings', 'information', msg('… and {0} more findings in this file', findings.length - max), first.span);
  if (first.file !== undefined) more.file = first.file;
  kept.push(more);
  return kept;
}

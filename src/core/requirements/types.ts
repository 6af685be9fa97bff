// The model of a pip requirements file. Produced by the parser in this folder; consumed by the
// rules, the CLI's `parse --json` and the editor. All spans are offsets into the text of `file`.
import type { Finding } from '../finding';
import type { Span } from '../text';

export interface VersionSpecifier {
  /** "==", "!=", "<=", ">=", "<", ">", "~=", "===" */
  op: string;
  /** Version text as written ("2.1.2+cu121", "1.*"). */
  version: string;
  span: Span;
}

export interface Requirement {
  /** Absolute path (or the id the reader gave) of the file the requirement is written in. */
  file: string;
  /** 0-based line where the logical line starts. */
  line: number;
  /**
   * 1-based line number as pip reports it (additive). Differs from line + 1 only when the file
   * contains line breaks Python's splitlines() knows but editors do not (\f, \v, U+2028, ...).
   */
  pipLine?: number;
  /** Name as written, or null for a bare URL/path without #egg=. */
  name: string | null;
  /** PEP 503 normalised name ("torch-vision" → "torch-vision", "Torch_Vision" → "torch-vision"). */
  normalizedName: string | null;
  nameSpan: Span | null;
  extras: string[];
  /** Specifier text joined with "," as written, without spaces (">=1.0,<2"); "" when none. */
  specifier: string;
  specifiers: VersionSpecifier[];
  /** Span of the whole specifier list (from the first operator to the last version), when present. */
  specifierSpan: Span | null;
  /** Marker text as written (after ";"), or null. */
  marker: string | null;
  markerSpan: Span | null;
  /** Direct URL or path (`name @ URL`, a bare URL/path, an editable target), or null. */
  url: string | null;
  urlSpan: Span | null;
  editable: boolean;
  /** True when the requirement comes through -c/--constraint. */
  constraint: boolean;
  /** "sha256:<hex>" entries from --hash options. */
  hashes: string[];
  /** Per-requirement options other than --hash (--config-settings, --global-option). */
  options: { name: string; value: string }[];
  /** The requirement text proper (name through marker or URL), excluding per-line options and comments. */
  span: Span;
  /** The whole logical line (continuations included), excluding a trailing comment and the line break. */
  lineSpan: Span;
}

export interface OptionLine {
  file: string;
  line: number;
  /** 1-based line number as pip reports it (additive; see Requirement.pipLine). */
  pipLine?: number;
  /** Canonical long name: "--extra-index-url", "--index-url", "--find-links", "--requirement", ... */
  name: string;
  /** The argument after environment-variable expansion, or null for flags such as --pre. */
  value: string | null;
  /** The argument as written (before ${VAR} expansion). */
  rawValue: string | null;
  valueSpan: Span | null;
  /** The whole option (name and value). */
  span: Span;
  lineSpan: Span;
}

export interface Include {
  file: string;
  line: number;
  /** 1-based line number as pip reports it (additive; see Requirement.pipLine). */
  pipLine?: number;
  kind: 'requirement' | 'constraint';
  /** Path as written. */
  target: string;
  /** Resolved absolute path, or null when it could not be resolved. */
  resolved: string | null;
  span: Span;
}

export interface RequirementsFile {
  file: string;
  text: string;
  requirements: Requirement[];
  options: OptionLine[];
  includes: Include[];
  /** Syntax findings (invalid-requirement, unknown-option, missing-include, ...) for this file only. */
  diagnostics: Finding[];
}

/** A requirements file with its -r/-c includes resolved, in pip's reading order. */
export interface RequirementsSet {
  root: RequirementsFile;
  /** Every file read, root first, each once. */
  files: RequirementsFile[];
  /** Requirements from every file, in pip's order (includes expanded in place). */
  requirements: Requirement[];
  options: OptionLine[];
}

/** Reads included files; injected so core stays free of I/O. Returns null when the file is missing. */
export interface FileReader {
  read(path: string): string | null;
  /** Resolve `target` as written in `from` (pip: relative to the including file; URLs kept). */
  resolve(from: string, target: string): string;
  /**
   * The real file behind `path` (its realpath), or null when unknown. With it, an analysis expands each
   * real file once and finds cycles through symlinks; without it, paths are compared as written.
   */
  identity?(path: string): string | null;
}

/** Environment variables for ${NAME} expansion (pip expands only ${UPPER_CASE_NAMES} that exist). */
export type Env = Record<string, string | undefined>;

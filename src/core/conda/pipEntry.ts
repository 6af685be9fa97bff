// One entry of an environment.yml `pip:` list is one requirements-file line (conda writes the entries
// into a temporary requirements file and runs `pip install -r` on it). Parsed with the requirements
// parser's line function so the spans are offsets into the YAML text.
import type { Finding } from '../finding';
import type { Include, OptionLine, Requirement } from '../requirements/types';

export interface PipEntryResult {
  requirement: Requirement | null;
  option: OptionLine | null;
  include: Include | null;
  diagnostics: Finding[];
}

/** Parse source[start, end) (one `- pip:` entry) as a requirements-file line written at 0-based `line`. */
export function parsePipEntry(_source: string, _start: number, _end: number, _file: string, _line: number): PipEntryResult {
  // Wired to parseRequirementsLine (src/core/requirements/index.ts) as soon as it lands.
  return { requirement: null, option: null, include: null, diagnostics: [] };
}

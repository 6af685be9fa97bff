// One entry of an environment.yml `pip:` list is one requirements-file line (conda writes the entries
// into a temporary requirements file and runs `pip install -r` on it). Parsed with the requirements
// parser's line function so the spans are offsets into the YAML text.
import type { Finding } from '../finding';
import { parseRequirementsLine } from '../requirements/index';
import type { Include, OptionLine, Requirement } from '../requirements/types';

export interface PipEntryResult {
  requirement: Requirement | null;
  option: OptionLine | null;
  include: Include | null;
  diagnostics: Finding[];
}

/** Parse source[start, end) (one `- pip:` entry) as a requirements-file line written at 0-based `line`. */
export function parsePipEntry(source: string, start: number, end: number, file: string, line: number): PipEntryResult {
  return parseRequirementsLine(source, start, end, { file, line });
}

// One dependency string of a pyproject.toml, parsed as PEP 508 in place with the requirements
// parser (src/core/requirements), so spans are offsets into the TOML text.
import type { Span } from '../text';
import type { Requirement } from '../requirements/types';

export type DependencyResult =
  | { requirement: Requirement; error: null }
  | { requirement: null; error: { message: string; span: Span } }
  | { requirement: null; error: null };

export function parseDependencyString(_source: string, _start: number, _end: number, _file: string, _line: number): DependencyResult {
  // Wired to parsePep508 (src/core/requirements/index.ts) as soon as it lands.
  return { requirement: null, error: null };
}

// One dependency string of a pyproject.toml, parsed as PEP 508 in place with the requirements
// parser (src/core/requirements), so spans are offsets into the TOML text.
import { parsePep508 } from '../requirements/index';
import type { Span } from '../text';
import type { Requirement } from '../requirements/types';

export type DependencyResult =
  | { requirement: Requirement; error: null }
  | { requirement: null; error: { message: string; span: Span } };

export function parseDependencyString(source: string, start: number, end: number, file: string, line: number): DependencyResult {
  return parsePep508(source, start, end, { file, line });
}

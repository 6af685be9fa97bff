// One line per diagnostic code, for SARIF rule metadata (code-scanning UIs list rules by these),
// read from the rules' own metadata.
import { ruleMeta } from '../../core/rules/index';

export function ruleDescription(code: string): string | null {
  return ruleMeta(code)?.description ?? null;
}

// The requirements-file parser: pip's format with exact offsets. See types.ts for the model.
export { parseRequirementsText, parseRequirementsLine, parsePep508 } from './file';
export { parseRequirementsSet } from './set';
export { checkSetDiagnostics } from './checks';
export { normalizeName } from './names';
export type * from './types';

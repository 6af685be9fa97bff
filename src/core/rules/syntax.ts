// The codes the parsers emit (requirements, environment.yml, TOML), described like the rules.
import { Codes } from '../../constants';
import type { RuleMeta } from './context';

const syntax = (code: RuleMeta['code'], description: string): RuleMeta => ({ code, kind: 'syntax', description });

export const SYNTAX_META: readonly RuleMeta[] = [
  syntax(Codes.invalidRequirement, 'A line pip cannot parse as a requirement.'),
  syntax(Codes.unknownOption, 'An option pip does not accept in a requirements file.'),
  syntax(Codes.missingInclude, 'A -r/-c include that cannot be read.'),
  syntax(Codes.includeCycle, 'Requirements files that include each other.'),
  syntax(Codes.duplicateRequirement, 'The same package required more than once.'),
  syntax(Codes.conflictingSpecifiers, 'Version specifiers for one package that no version satisfies.'),
  syntax(Codes.unpinnedRequirement, 'A requirement not pinned to one version.'),
  syntax(Codes.invalidYaml, 'environment.yml is not valid YAML.'),
  syntax(Codes.invalidToml, 'pyproject.toml / pixi.toml is not valid TOML.'),
  syntax(Codes.invalidCondaSpec, 'A conda dependency that is not a valid match spec.'),
  syntax(Codes.invalidEnvironment, 'environment.yml does not have the shape conda expects.'),
];

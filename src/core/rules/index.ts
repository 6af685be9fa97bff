// Every environment rule, in reporting order, each a module with its metadata in its own file; the
// rule list, SARIF descriptions, the coverage test and fix filters derive from RULE_META.
import type { Code } from '../../constants';
import { condaPipMissingRule } from './condaPipMissing';
import { condaPipOptionOutsidePipRule } from './condaPipOptionOutsidePip';
import { condaPytorchChannelEndedRule } from './condaPytorchChannelEnded';
import type { RuleMeta, RuleModule } from './context';
import { cpuOnlyTorchRule } from './cpuOnlyTorch';
import { driverBelowToolkitRule } from './driverBelowToolkit';
import { driverTooOldRule } from './driverTooOld';
import { gpuArchUnsupportedRule } from './gpuArchUnsupported';
import { indexUrlReplacesPypiRule } from './indexUrlReplacesPypi';
import { insecureIndexRule } from './insecureIndex';
import { macosCudaIndexRule } from './macosCudaIndex';
import { pythonUnsupportedRule } from './pythonUnsupported';
import { SYNTAX_META } from './syntax';
import { torchCompanionMismatchRule } from './torchCompanionMismatch';
import { torchFamilyVersionMismatchRule } from './torchFamilyVersionMismatch';
import { torchIndexUnknownRule } from './torchIndexUnknown';
import { torchLocalVersionWithoutIndexRule } from './torchLocalVersionWithoutIndex';
import { torchUnpinnedWithExtraIndexRule } from './torchUnpinnedWithExtraIndex';
import { torchVariantMismatchRule } from './torchVariantMismatch';
import { torchVariantUnavailableRule } from './torchVariantUnavailable';
import { torchVersionUnknownRule } from './torchVersionUnknown';

export const RULE_MODULES: readonly RuleModule[] = [
  torchIndexUnknownRule,
  torchVariantUnavailableRule,
  torchVersionUnknownRule,
  torchLocalVersionWithoutIndexRule,
  torchVariantMismatchRule,
  torchFamilyVersionMismatchRule,
  torchCompanionMismatchRule,
  driverTooOldRule,
  gpuArchUnsupportedRule,
  cpuOnlyTorchRule,
  driverBelowToolkitRule,
  pythonUnsupportedRule,
  indexUrlReplacesPypiRule,
  torchUnpinnedWithExtraIndexRule,
  macosCudaIndexRule,
  insecureIndexRule,
  condaPytorchChannelEndedRule,
  condaPipOptionOutsidePipRule,
  condaPipMissingRule,
];

/** The checks, in reporting order. */
export const RULES = RULE_MODULES.map((r) => r.check);

/** Metadata of every diagnostic code: the parsers' syntax codes, then the rules. */
export const RULE_META: readonly RuleMeta[] = [
  ...SYNTAX_META,
  ...RULE_MODULES.map(({ code, kind, description }) => ({ code, kind, description })),
];

export function ruleMeta(code: string): RuleMeta | null {
  return RULE_META.find((m) => m.code === code) ?? null;
}

/** Codes whose preferred fix changes what gets installed (what fix-all and create-env apply). */
export function environmentRuleCodes(): Code[] {
  return RULE_META.filter((m) => m.kind === 'environment').map((m) => m.code);
}

export type { Rule, RuleContext, RuleKind, RuleMeta, RuleModule } from './context';

/** Every code a rule module reports (the parsers' syntax codes are not among them). */
export const RULE_CODES: ReadonlySet<Code> = new Set(RULE_MODULES.map((r) => r.code));

// Every environment rule, in reporting order. Each is check(context) -> Finding[] in its own file.
import { RuleCodes } from '../../constants';
import { condaPipMissing } from './condaPipMissing';
import { condaPipOptionOutsidePip } from './condaPipOptionOutsidePip';
import { condaPytorchChannelEnded } from './condaPytorchChannelEnded';
import type { Rule } from './context';
import { cpuOnlyTorch } from './cpuOnlyTorch';
import { driverBelowToolkit } from './driverBelowToolkit';
import { driverTooOld } from './driverTooOld';
import { gpuArchUnsupported } from './gpuArchUnsupported';
import { indexUrlReplacesPypi } from './indexUrlReplacesPypi';
import { insecureIndex } from './insecureIndex';
import { macosCudaIndex } from './macosCudaIndex';
import { pythonUnsupported } from './pythonUnsupported';
import { torchFamilyVersionMismatch } from './torchFamilyVersionMismatch';
import { torchIndexUnknown } from './torchIndexUnknown';
import { torchLocalVersionWithoutIndex } from './torchLocalVersionWithoutIndex';
import { torchUnpinnedWithExtraIndex } from './torchUnpinnedWithExtraIndex';
import { torchVariantMismatch } from './torchVariantMismatch';
import { torchVariantUnavailable } from './torchVariantUnavailable';
import { torchVersionUnknown } from './torchVersionUnknown';

export const RULES: readonly Rule[] = [
  torchIndexUnknown,
  torchVariantUnavailable,
  torchVersionUnknown,
  torchLocalVersionWithoutIndex,
  torchVariantMismatch,
  torchFamilyVersionMismatch,
  driverTooOld,
  gpuArchUnsupported,
  cpuOnlyTorch,
  driverBelowToolkit,
  pythonUnsupported,
  indexUrlReplacesPypi,
  torchUnpinnedWithExtraIndex,
  macosCudaIndex,
  insecureIndex,
  condaPytorchChannelEnded,
  condaPipOptionOutsidePip,
  condaPipMissing,
];

/** The codes the rules report (create-env's fix preview takes only these); a test holds RULES to them. */
export const RULE_CODES: ReadonlySet<string> = new Set(Object.values(RuleCodes));

export type { Rule, RuleContext } from './context';

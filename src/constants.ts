// Identifiers shared by the manifest, the extension, the CLI and the tests. A unit test checks the
// command ids and setting keys against package.json, so the two cannot drift.

export const EXTENSION_ID = 'ai-env-doctor.ai-env-doctor';
export const LANGUAGE_ID = 'pip-requirements';
export const DIAGNOSTIC_SOURCE = 'AI Env Doctor';

export const Commands = {
  refresh: 'aiEnvDoctor.refresh',
  createCondaEnv: 'aiEnvDoctor.createCondaEnv',
  showReport: 'aiEnvDoctor.showReport',
  copyInstallCommand: 'aiEnvDoctor.copyInstallCommand',
  showLog: 'aiEnvDoctor.showLog',
  statusActions: 'aiEnvDoctor.statusActions',
  fixAll: 'aiEnvDoctor.fixAll',
  updateKnowledge: 'aiEnvDoctor.updateKnowledge',
} as const;

export const Settings = {
  section: 'aiEnvDoctor',
  target: 'aiEnvDoctor.target',
  condaPath: 'aiEnvDoctor.condaPath',
  nvidiaSmiPath: 'aiEnvDoctor.nvidiaSmiPath',
  pythonPath: 'aiEnvDoctor.pythonPath',
  refreshIntervalSeconds: 'aiEnvDoctor.refreshIntervalSeconds',
  probeTimeoutSeconds: 'aiEnvDoctor.probeTimeoutSeconds',
  unpinnedRequirements: 'aiEnvDoctor.unpinnedRequirements',
  statusBarEnabled: 'aiEnvDoctor.statusBar.enabled',
  knowledgeUpdate: 'aiEnvDoctor.knowledge.update',
  knowledgeIndexUrl: 'aiEnvDoctor.knowledge.indexUrl',
} as const;

// Diagnostic codes: a contract (CLI JSON, editor, docs/rules/<code>.md). Add freely; never rename.

/** Codes of the parsers' findings (syntax and style of one file). */
export const SyntaxCodes = {
  invalidRequirement: 'invalid-requirement',
  unknownOption: 'unknown-option',
  missingInclude: 'missing-include',
  includeCycle: 'include-cycle',
  includeLimit: 'include-limit',
  tooManyFindings: 'too-many-findings',
  duplicateRequirement: 'duplicate-requirement',
  conflictingSpecifiers: 'conflicting-specifiers',
  unpinnedRequirement: 'unpinned-requirement',
  invalidYaml: 'invalid-yaml',
  invalidToml: 'invalid-toml',
  invalidCondaSpec: 'invalid-conda-spec',
  invalidEnvironment: 'invalid-environment',
} as const;

/** Codes of the environment rules (src/core/rules): the file judged against a machine. */
export const RuleCodes = {
  driverTooOld: 'driver-too-old',
  driverBelowToolkit: 'driver-below-toolkit',
  gpuArchUnsupported: 'gpu-arch-unsupported',
  cpuOnlyTorch: 'cpu-only-torch',
  torchIndexUnknown: 'torch-index-unknown',
  torchVariantUnavailable: 'torch-variant-unavailable',
  torchLocalVersionWithoutIndex: 'torch-local-version-without-index',
  torchVariantMismatch: 'torch-variant-mismatch',
  torchFamilyVersionMismatch: 'torch-family-version-mismatch',
  pythonUnsupported: 'python-unsupported',
  indexUrlReplacesPypi: 'index-url-replaces-pypi',
  torchUnpinnedWithExtraIndex: 'torch-unpinned-with-extra-index',
  torchVersionUnknown: 'torch-version-unknown',
  macosCudaIndex: 'macos-cuda-index',
  insecureIndex: 'insecure-index',
  condaPytorchChannelEnded: 'conda-pytorch-channel-ended',
  condaPipOptionOutsidePip: 'conda-pip-option-outside-pip',
  condaPipMissing: 'conda-pip-missing',
  torchCompanionMismatch: 'torch-companion-mismatch',
} as const;

export const Codes = { ...SyntaxCodes, ...RuleCodes } as const;

export type Code = (typeof Codes)[keyof typeof Codes];
export type RuleCode = (typeof RuleCodes)[keyof typeof RuleCodes];

/** Where each code is documented (docs/rules/<code>.md in the repository). */
export const DOCS_BASE = 'https://github.com/ai-env-doctor/ai-env-doctor/blob/main/docs/rules/';

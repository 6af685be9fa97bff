// The model of a conda environment.yml. Spans are offsets into the YAML text.
import type { Finding } from '../finding';
import type { Span } from '../text';
import type { OptionLine, Requirement } from '../requirements/types';
import type { CondaVersionClause } from './matchSpec';

/** One `- pip:` list entry as written (a requirements-file line). */
export interface PipEntry {
  text: string;
  span: Span;
  /** 0-based line of the entry. */
  line: number;
}

export interface CondaSpec {
  /** The entry as written ("pytorch::pytorch>=2", "python>=3.8, < 3.10"). */
  raw: string;
  span: Span;
  channel: string | null;
  /** Package name, lower-cased as conda treats it. */
  name: string;
  nameSpan: Span;
  /** Version part as written ("3.10", ">=2", "*", "2.1.*"), or null. */
  version: string | null;
  versionSpan: Span | null;
  /** Build string ("cuda*", "py3.9_cuda11.3_cudnn8.2.0_0"), or null. */
  build: string | null;
  // Additive (src/core/conda/matchSpec.ts fills them all):
  channelSpan?: Span | null;
  /** Platform subdir from `channel/linux-64::name` or `[subdir=...]`. */
  subdir?: string | null;
  buildSpan?: Span | null;
  /** The version as OR (`|`) of AND (`,`) clauses, conda semantics (`=1.2` → fuzzy 1.2); null when none. */
  clauses?: CondaVersionClause[][] | null;
  /** `[key=value,...]` bracket section. */
  brackets?: Record<string, string>;
  /** Package URL/file given instead of a name. */
  url?: string | null;
  /** Why conda would reject this spec (also reported as an invalid-conda-spec diagnostic), or null. */
  error?: string | null;
  errorSpan?: Span | null;
}

export interface CondaEnvironment {
  file: string;
  text: string;
  name: { value: string; span: Span } | null;
  prefix: { value: string; span: Span } | null;
  channels: { value: string; span: Span }[];
  dependencies: CondaSpec[];
  /** Span of the `dependencies:` sequence (for inserting entries), when present. */
  dependenciesSpan: Span | null;
  /** The nested `- pip:` block, when present. */
  pip: {
    span: Span;
    /** Span of the `- pip:` key entry, for messages. */
    keySpan: Span;
    requirements: Requirement[];
    options: OptionLine[];
    /** `-r file` entries inside the pip block. */
    includes: { target: string; span: Span; kind?: 'requirement' | 'constraint' }[];
    /** Every string entry as written, in order (additive). */
    entries: PipEntry[];
  } | null;
  variables: Record<string, string>;
  diagnostics: Finding[];
  /** Pip options (`--extra-index-url ...`, `-r f`, `-e .`) written directly under dependencies (additive). */
  pipOptionsOutsidePip: PipEntry[];
  /** Top-level keys conda does not know (it ignores them with a warning) (additive). */
  unknownSections: { key: string; span: Span }[];
}

/** What `conda info --json` reports that the extension uses (see src/core/conda/output.ts). */
export interface CondaInfo {
  activePrefix: string | null;
  activePrefixName: string | null;
  rootPrefix: string | null;
  envs: string[];
  condaVersion: string | null;
  /** "3.11.4" (conda prints "3.11.4.final.0"). */
  pythonVersion: string | null;
  /** conda's subdir: "linux-64", "osx-arm64", "win-64". */
  platform: string | null;
  virtualPackages: { name: string; version: string; build: string }[];
  /** Version of the `__cuda` virtual package (the driver's CUDA), or null. */
  cuda: string | null;
  /** micromamba / mamba 2 version when the output came from them (additive). */
  mambaVersion?: string | null;
}

/** One row of plain `conda env list` output. */
export interface CondaEnvListEntry {
  /** Null for environments outside the envs directories (listed by path only). */
  name: string | null;
  prefix: string;
  active: boolean;
}

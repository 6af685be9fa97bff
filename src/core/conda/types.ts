// The model of a conda environment.yml. Spans are offsets into the YAML text.
import type { Finding } from '../finding';
import type { Span } from '../text';
import type { OptionLine, Requirement } from '../requirements/types';

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
    includes: { target: string; span: Span }[];
  } | null;
  variables: Record<string, string>;
  diagnostics: Finding[];
}

// The model of a pyproject.toml (and pixi.toml). Spans are offsets into the TOML text.
import type { Finding } from '../finding';
import type { Span } from '../text';
import type { Requirement } from '../requirements/types';

export interface PyprojectRequirement extends Requirement {
  /** Where it was declared: "project", "optional:<extra>", "group:<name>", "pixi". */
  group: string;
}

export interface UvIndex {
  name: string | null;
  url: string;
  urlSpan: Span;
  explicit: boolean;
  /** Span of the whole [[tool.uv.index]] table, for messages. */
  span: Span;
}

export interface UvSource {
  /** Normalised package name the source applies to. */
  package: string;
  /** Index name (`{ index = "pytorch-cu121" }`), or null for other source kinds. */
  index: string | null;
  /** Marker on the source entry, when present. */
  marker: string | null;
  span: Span;
  indexSpan: Span | null;
}

export interface PixiDependency {
  name: string;
  version: string;
  span: Span;
  /** "conda" for [tool.pixi.dependencies], "pypi" for pypi-dependencies. */
  kind: 'conda' | 'pypi';
  /** Feature/environment name, or null for the default. */
  feature: string | null;
}

export interface Pyproject {
  file: string;
  text: string;
  requiresPython: { value: string; span: Span } | null;
  requirements: PyprojectRequirement[];
  uvIndexes: UvIndex[];
  uvSources: UvSource[];
  pixi: {
    dependencies: PixiDependency[];
    /** [system-requirements] cuda = "12.0" (per feature when given). */
    cuda: { value: string; span: Span; feature: string | null }[];
  } | null;
  diagnostics: Finding[];
}

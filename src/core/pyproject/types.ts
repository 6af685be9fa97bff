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
  /** `default = true` (replaces PyPI), or the legacy `tool.uv.index-url` (additive). */
  default?: boolean;
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
  // Additive:
  /** `extra = "cu128"` / `group = "..."` conditions on the source entry. */
  extra?: string | null;
  group?: string | null;
  kind?: 'index' | 'git' | 'path' | 'url' | 'workspace' | 'other';
  /** Span of the package key in [tool.uv.sources]. */
  keySpan?: Span | null;
}

export interface PixiDependency {
  name: string;
  version: string;
  span: Span;
  /** "conda" for [tool.pixi.dependencies], "pypi" for pypi-dependencies. */
  kind: 'conda' | 'pypi';
  /** Feature/environment name, or null for the default. */
  feature: string | null;
  // Additive:
  /** Platform of a `target.<platform>.dependencies` table, or null. */
  target?: string | null;
  nameSpan?: Span;
  /** pypi-dependencies `{ index = "..." }`. */
  index?: string;
  channel?: string;
  build?: string;
  extras?: string[];
  /** "path:...", "git:...", "url:..." for non-registry sources. */
  source?: string;
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
    cuda: { value: string; span: Span; feature: string | null; platform?: string | null }[];
  } | null;
  diagnostics: Finding[];
  /** PEP 735 `{ include-group = "name" }` entries (additive). */
  groupIncludes: { group: string; include: string; span: Span }[];
}

// The outcome of resolving a project file for a machine: per environment, what each torch-family
// package would be installed from, at which version and build variant, and why; "unknown" where the
// knowledge cannot tell.
import type { Localizable } from '../l10n';
import type { Span } from '../text';

export type SourceKind = 'pypi' | 'index' | 'find-links' | 'url' | 'conda';

export interface Source {
  kind: SourceKind;
  /** Index or page URL, the direct URL, or the conda channel name. */
  url: string;
}

export interface Candidate {
  /** Version as the installer sees it, local label included ("2.5.1+cu121"). */
  version: string;
  /** Build variant (cpu, cu121, rocm6.2, xpu), null when unknown. */
  variant: string | null;
  source: Source;
  /** The torch release this build belongs to (torchvision 0.20.1 → "2.5.1"), when known. */
  torch: string | null;
}

export interface Text {
  message: string;
  l10n?: Localizable;
}

export interface PackageOutcome {
  /** torch, torchvision, torchaudio, or a conda package of the torch build family. */
  name: string;
  /** The installer's choice; null when several candidates remain (or none). */
  chosen: Candidate | null;
  /** Every build that satisfies the project's constraints here, newest first. */
  candidates: Candidate[];
  why: Text;
  /** Where the requirement is written (for findings), when it is a line of the file set. */
  site: { span: Span; file?: string } | null;
  /** True when the knowledge cannot say what would be installed. */
  unknown: boolean;
}

export interface EnvironmentOutcome {
  /** "default", or a pixi environment / uv extra name. */
  name: string;
  /** Python judged against ("3.11"), or null when neither machine nor project fixes it. */
  python: string | null;
  platform: string;
  /** What the environment is meant for when the file says so by name or config ("macOS", "ROCm", "CPU"). */
  target: string | null;
  packages: PackageOutcome[];
  /** What could not be told, one sentence each. */
  unknown: Text[];
}

export interface FileOutcome {
  path: string;
  environments: EnvironmentOutcome[];
}

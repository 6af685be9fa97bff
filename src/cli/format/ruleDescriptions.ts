// One line per diagnostic code, for SARIF rule metadata (code-scanning UIs list rules by these).
// Typed over every code in constants.ts, so a new code cannot ship without a description.
import type { Code } from '../../constants';

export const RULE_DESCRIPTIONS: Record<Code, string> = {
  'invalid-requirement': 'A line pip cannot parse as a requirement.',
  'unknown-option': 'An option pip does not accept in a requirements file.',
  'missing-include': 'A -r/-c include that cannot be read.',
  'include-cycle': 'Requirements files that include each other.',
  'include-limit': 'An include graph too deep or too large to read in one analysis.',
  'too-many-findings': 'A file with more findings than are reported one by one.',
  'duplicate-requirement': 'The same package required more than once.',
  'conflicting-specifiers': 'Version specifiers for one package that no version satisfies.',
  'unpinned-requirement': 'A requirement not pinned to one version.',
  'invalid-yaml': 'environment.yml is not valid YAML.',
  'invalid-toml': 'pyproject.toml / pixi.toml is not valid TOML.',
  'invalid-conda-spec': 'A conda dependency that is not a valid match spec.',
  'invalid-environment': 'environment.yml does not have the shape conda expects.',
  'driver-too-old': 'The selected CUDA build needs a newer NVIDIA driver than the machine has.',
  'driver-below-toolkit': "The driver runs the CUDA build only under minor-version compatibility (no PTX JIT).",
  'gpu-arch-unsupported': 'The selected torch build ships no kernels this GPU can run.',
  'cpu-only-torch': 'An NVIDIA GPU is present but the file installs a CPU-only torch.',
  'torch-index-unknown': 'A PyTorch index URL names a variant that was never published.',
  'torch-variant-unavailable': 'The pinned torch version has no wheel for the chosen variant.',
  'torch-local-version-without-index': 'A +cuXXX/+cpu pin with no index that serves it.',
  'torch-variant-mismatch': 'torch-family packages pinned to different variants.',
  'torch-family-version-mismatch': 'torchvision/torchaudio versions that do not pair with torch.',
  'python-unsupported': "The project's Python is outside the torch version's supported range.",
  'index-url-replaces-pypi': '--index-url points at the PyTorch index while other packages need PyPI.',
  'torch-unpinned-with-extra-index': 'Unpinned torch with --extra-index-url can resolve to a PyPI build.',
  'torch-version-unknown': 'The pinned torch version is newer than the knowledge data, so its variants are not checked.',
  'macos-cuda-index': 'A CUDA index or pin on macOS, where no CUDA wheels exist.',
  'insecure-index': 'A package index over plain http://.',
  'conda-pytorch-channel-ended': 'The pytorch conda channel ended at 2.5.1.',
  'conda-pip-option-outside-pip': 'A pip option written as a conda dependency instead of inside pip:.',
  'conda-pip-missing': 'A pip: block without pip in the dependencies.',
};

export function ruleDescription(code: string): string | null {
  return (RULE_DESCRIPTIONS as Record<string, string>)[code] ?? null;
}

// One view of a project for the rules, whatever file it came from: the torch-family requirements,
// the package indexes in play (requirements options, pip-block options, uv indexes), the project's
// Python, and the conda specs. Spans are offsets into the text of the file each element lives in.
import type { CondaEnvironment, CondaSpec } from '../conda/types';
import type { Pyproject, UvIndex } from '../pyproject/types';
import type { OptionLine, Requirement, RequirementsSet } from '../requirements/types';
import type { Span } from '../text';
import type { Machine } from '../machine';
import { markerApplies } from '../resolve/environment';
import { isTorchFamily, splitLocal, type TorchFamily } from '../knowledge/torch';
import { parsePytorchIndexUrl, type PytorchIndex } from '../knowledge/variants';

export type DocumentKind = 'requirements' | 'environment' | 'pyproject';

export interface TorchReq {
  pkg: TorchFamily;
  req: Requirement;
  /** Path of the file the line lives in; undefined when it is the analysed document. */
  file: string | undefined;
  /** Text of that file (for computing insert positions). */
  text: string;
  /** The exact pin ("2.1.2+cu121") of a single `==`/`===` specifier without wildcard, else null. */
  exact: string | null;
  base: string | null;
  local: string | null;
  /** Span of the pinned version text (for rewriting it). */
  versionSpan: Span | null;
}

export interface IndexRef {
  kind: 'index-url' | 'extra-index-url' | 'find-links' | 'uv-index';
  url: string;
  /** Span of the URL text (rewrite target). */
  urlSpan: Span;
  /** The whole option line / uv index table. */
  lineSpan: Span;
  /** Span of the option name as written ("--index-url", "-i"), for requirements/pip options. */
  nameSpan: Span | null;
  file: string | undefined;
  parsed: PytorchIndex | null;
  uv?: { name: string | null; explicit: boolean };
  /** True when written inside an environment.yml pip: block. */
  inPipBlock?: boolean;
}

export interface ProjectModel {
  kind: DocumentKind;
  path: string;
  text: string;
  torch: TorchReq[];
  /** Normalised names of the other (non torch-family) requirements installed by pip. */
  others: { name: string; req: Requirement }[];
  indexes: IndexRef[];
  /** Python the project declares (environment.yml python spec, pyproject requires-python). */
  python: { value: string; span: Span; source: 'environment' | 'requires-python' } | null;
  env: CondaEnvironment | null;
  pyproject: Pyproject | null;
  set: RequirementsSet | null;
  /** conda dependencies that install torch (pytorch / pytorch-cuda / cudatoolkit / cpuonly / cuda-version). */
  condaTorch: CondaSpec[];
}

/** The model as seen from a machine: torch-family lines whose markers exclude it are dropped. */
export function forMachine(model: ProjectModel, machine: Machine | null): ProjectModel {
  const torch = model.torch.filter((t) => markerApplies(t.req.marker, machine));
  return torch.length === model.torch.length ? model : { ...model, torch };
}

export function torchReq(req: Requirement, docPath: string, text: string): TorchReq | null {
  if (!isTorchFamily(req.normalizedName)) return null;
  let exact: string | null = null;
  let versionSpan: Span | null = null;
  if (req.specifiers.length === 1 && (req.specifiers[0].op === '==' || req.specifiers[0].op === '===') && !req.specifiers[0].version.includes('*')) {
    exact = req.specifiers[0].version;
    const s = req.specifiers[0].span;
    // The specifier span covers the operator and version; the version is its tail.
    const written = text.slice(s.start, s.end);
    const at = written.lastIndexOf(exact);
    versionSpan = at >= 0 ? { start: s.start + at, end: s.start + at + exact.length } : null;
  }
  const { base, local } = exact ? splitLocal(exact) : { base: null, local: null };
  return {
    pkg: req.normalizedName, req, file: req.file === docPath ? undefined : req.file, text, exact, base, local, versionSpan,
  };
}

function optionName(text: string, o: OptionLine): Span | null {
  const m = /^(--?[A-Za-z-]+)/.exec(text.slice(o.span.start, o.span.end));
  return m ? { start: o.span.start, end: o.span.start + m[1].length } : null;
}

export function optionIndex(o: OptionLine, docPath: string, text: string, inPipBlock = false): IndexRef | null {
  const kind = o.name === '--index-url' ? 'index-url' : o.name === '--extra-index-url' ? 'extra-index-url'
    : o.name === '--find-links' ? 'find-links' : null;
  if (!kind || !o.value || !o.valueSpan) return null;
  return {
    kind, url: o.value, urlSpan: o.valueSpan, lineSpan: o.lineSpan, nameSpan: optionName(text, o),
    file: o.file === docPath ? undefined : o.file, parsed: parsePytorchIndexUrl(o.value), inPipBlock,
  };
}

export function uvIndex(ix: UvIndex): IndexRef {
  return {
    kind: 'uv-index', url: ix.url, urlSpan: ix.urlSpan, lineSpan: ix.span, nameSpan: null, file: undefined,
    parsed: parsePytorchIndexUrl(ix.url), uv: { name: ix.name, explicit: ix.explicit },
  };
}

const CONDA_TORCH = new Set(['pytorch', 'pytorch-gpu', 'pytorch-cpu', 'torchvision', 'torchaudio', 'pytorch-cuda', 'cudatoolkit', 'cpuonly', 'cuda-version']);

export function fromRequirements(set: RequirementsSet, path: string): ProjectModel {
  const texts = new Map(set.files.map((f) => [f.file, f.text]));
  const model: ProjectModel = {
    kind: 'requirements', path, text: set.root.text, torch: [], others: [], indexes: [], python: null,
    env: null, pyproject: null, set, condaTorch: [],
  };
  for (const r of set.requirements) {
    if (r.constraint) continue;
    const t = torchReq(r, path, texts.get(r.file) ?? set.root.text);
    if (t) model.torch.push(t);
    else if (r.normalizedName) model.others.push({ name: r.normalizedName, req: r });
  }
  for (const o of set.options) {
    const ix = optionIndex(o, path, texts.get(o.file) ?? set.root.text);
    if (ix) model.indexes.push(ix);
  }
  return model;
}

export function fromEnvironment(env: CondaEnvironment, path: string): ProjectModel {
  const model: ProjectModel = {
    kind: 'environment', path, text: env.text, torch: [], others: [], indexes: [], python: null,
    env, pyproject: null, set: null, condaTorch: [],
  };
  for (const d of env.dependencies) {
    if (d.name === 'python' && d.version && d.versionSpan) model.python = { value: d.version, span: d.versionSpan, source: 'environment' };
    if (CONDA_TORCH.has(d.name)) model.condaTorch.push(d);
  }
  if (env.pip) {
    for (const r of env.pip.requirements) {
      const t = torchReq(r, path, env.text);
      if (t) model.torch.push(t);
      else if (r.normalizedName) model.others.push({ name: r.normalizedName, req: r });
    }
    for (const o of env.pip.options) {
      const ix = optionIndex(o, path, env.text, true);
      if (ix) model.indexes.push(ix);
    }
  }
  return model;
}

export function fromPyproject(py: Pyproject, path: string): ProjectModel {
  const model: ProjectModel = {
    kind: 'pyproject', path, text: py.text, torch: [], others: [], indexes: [], python: null,
    env: null, pyproject: py, set: null, condaTorch: [],
  };
  if (py.requiresPython) model.python = { value: py.requiresPython.value, span: py.requiresPython.span, source: 'requires-python' };
  const seen = new Set<string>();
  for (const r of py.requirements) {
    // Optional extras / groups often hold alternatives (cpu vs cu121); judge the main dependencies
    // and, when torch is only in an extra/group, the first place it appears.
    const t = torchReq(r, path, py.text);
    if (t) {
      if (seen.has(t.pkg) && r.group !== 'project') continue;
      seen.add(t.pkg);
      model.torch.push(t);
    } else if (r.normalizedName && r.group === 'project') model.others.push({ name: r.normalizedName, req: r });
  }
  for (const ix of py.uvIndexes) model.indexes.push(uvIndex(ix));
  return model;
}

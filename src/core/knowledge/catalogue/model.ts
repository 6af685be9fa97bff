// The wheel catalogue: what the PyTorch index (and PyPI) publish for the torch family, as versions ×
// build variants × Python tags × platforms, plus each build's Requires-Dist pins. Built from parsed
// index pages and metadata files; stored by the CLI/extension and read back with readCatalogue().
import type { IndexFile } from './simple';
import { cudaVariantOfRequires, exactPin, specifierFor, type RequiresDist } from './metadata';
import { cpythonOf, parseWheelName, platformFamily } from './wheel';

export const CATALOGUE_SCHEMA = 1;
/** Build key of a wheel without a local label on a page that names no variant (PyPI's plain wheel). */
export const PLAIN = 'plain';

export interface CatalogueWheel {
  python: string;
  abi: string;
  platform: string;
}

export interface CatalogueBuild {
  wheels: CatalogueWheel[];
  /** Exact torch version this build requires (torchvision/torchaudio), when pinned exactly. */
  torch?: string;
  /** Its torch specifier when not an exact pin (torchaudio 2.11: ">=2.11"). */
  torchSpec?: string;
  /** Exact triton version torch pins. */
  triton?: string;
  /** CUDA variant learned from the CUDA runtime pins (PyPI's plain wheel). */
  cudaFromPins?: string;
}

export interface Catalogue {
  schema: number;
  indexUrl: string;
  pypiUrl: string | null;
  /** ISO time of the fetch that produced this catalogue. */
  fetchedAt: string;
  /** package → version → build variant (or "plain") → build. */
  packages: Record<string, Record<string, Record<string, CatalogueBuild>>>;
  /** torch version → CUDA variant of PyPI's plain Linux x86_64 wheel. */
  pypiDefaults: Record<string, string>;
  /** What the fetch could not read (PyPI unreachable, a metadata file missing). */
  warnings: string[];
}

export function emptyCatalogue(indexUrl: string, pypiUrl: string | null, fetchedAt: string): Catalogue {
  return { schema: CATALOGUE_SCHEMA, indexUrl, pypiUrl, fetchedAt, packages: {}, pypiDefaults: {}, warnings: [] };
}

function build(cat: Catalogue, pkg: string, version: string, variant: string): CatalogueBuild {
  const versions = (cat.packages[pkg] ??= {});
  const builds = (versions[version] ??= {});
  return (builds[variant] ??= { wheels: [] });
}

/** The wheels of one index page for `pkg` (other projects' files and non-wheels are ignored). Returns how many were added. */
export function addIndexFiles(cat: Catalogue, pkg: string, files: readonly IndexFile[], pageVariant: string | null): number {
  let n = 0;
  for (const f of files) {
    const w = parseWheelName(f.filename);
    if (!w || w.name !== pkg || f.yanked) continue;
    const b = build(cat, pkg, w.version, w.local ?? pageVariant ?? PLAIN);
    for (const python of w.python) {
      for (const platform of w.platforms) {
        if (!b.wheels.some((x) => x.python === python && x.abi === w.abi && x.platform === platform)) {
          b.wheels.push({ python, abi: w.abi, platform });
          n++;
        }
      }
    }
  }
  return n;
}

/** Record what a build's metadata says: its torch / triton pins and its CUDA runtime. */
export function setRequires(cat: Catalogue, pkg: string, version: string, variant: string, reqs: readonly RequiresDist[]): void {
  const b = build(cat, pkg, version, variant);
  const torch = exactPin(reqs, 'torch');
  if (torch) b.torch = torch;
  else {
    const spec = specifierFor(reqs, 'torch');
    if (spec) b.torchSpec = spec;
  }
  const triton = exactPin(reqs, 'triton') ?? exactPin(reqs, 'pytorch-triton');
  if (triton) b.triton = triton;
  const cuda = cudaVariantOfRequires(reqs);
  if (cuda) {
    b.cudaFromPins = cuda;
    if (pkg === 'torch' && variant === PLAIN) cat.pypiDefaults[version] = cuda;
  }
}

/** Final releases only ("2.9.0", not "2.10.0.dev20260101" or "2.9.0rc1"). */
export function isFinalVersion(v: string): boolean {
  return /^\d+(\.\d+)+$/.test(v);
}

/** Python range of a set of wheels: lowest/highest regular CPython, free-threaded tags. */
export function pythonOfWheels(wheels: readonly CatalogueWheel[]): { min: string | null; max: string | null; freethreaded: string[] } {
  const regular = new Set<string>();
  const ft = new Set<string>();
  for (const w of wheels) {
    const py = cpythonOf(w.python);
    if (!py) continue;
    if (py.endsWith('t')) ft.add(py);
    else regular.add(py);
  }
  const key = (v: string) => v.replace(/t$/, '').split('.').map(Number);
  const cmp = (a: string, b: string) => { const [x, y] = [key(a), key(b)]; return x[0] - y[0] || x[1] - y[1]; };
  const r = [...regular].sort(cmp);
  return { min: r[0] ?? null, max: r[r.length - 1] ?? null, freethreaded: [...ft].sort(cmp) };
}

/** Platform families a build has wheels for ("linux-x86_64", "windows", …). */
export function platformsOf(b: CatalogueBuild): string[] {
  return [...new Set(b.wheels.map((w) => platformFamily(w.platform)))].sort();
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A stored catalogue, checked for shape; null when it is not one (then the bundled data stands alone). */
export function readCatalogue(text: string): Catalogue | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(doc) || doc.schema !== CATALOGUE_SCHEMA || typeof doc.indexUrl !== 'string' || typeof doc.fetchedAt !== 'string'
    || !isRecord(doc.packages) || !isRecord(doc.pypiDefaults) || !Array.isArray(doc.warnings)) return null;
  for (const versions of Object.values(doc.packages)) {
    if (!isRecord(versions)) return null;
    for (const builds of Object.values(versions)) {
      if (!isRecord(builds)) return null;
      for (const b of Object.values(builds)) if (!isRecord(b) || !Array.isArray(b.wheels)) return null;
    }
  }
  return doc as unknown as Catalogue;
}

/** Newest final torch version in a catalogue, or null. */
export function newestTorchIn(cat: Catalogue): string | null {
  const key = (v: string) => v.split('.').map(Number);
  let best: string | null = null;
  for (const v of Object.keys(cat.packages.torch ?? {})) {
    if (!isFinalVersion(v)) continue;
    if (!best) { best = v; continue; }
    const [a, b] = [key(v), key(best)];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = (a[i] ?? 0) - (b[i] ?? 0);
      if (d !== 0) { if (d > 0) best = v; break; }
    }
  }
  return best;
}

// Reads the wheel catalogue from a PyTorch index (download.pytorch.org/whl or a mirror) and PyPI:
// the all-variant project pages <base>/<package>/ (per-variant pages <base>/<variant>/<package>/ when
// a mirror has no all-variant page), PEP 658 metadata files for the pins, and PyPI's simple API for
// the CUDA build of the plain torch wheel. The torch page is required; the rest only adds facts, and
// what could not be read becomes a warning.
import { addIndexFiles, emptyCatalogue, isFinalVersion, PLAIN, setRequires, type Catalogue } from '../core/knowledge/catalogue/model';
import { parseRequiresDist } from '../core/knowledge/catalogue/metadata';
import { parseIndexPage, type IndexFile } from '../core/knowledge/catalogue/simple';
import { parseWheelName, platformFamily } from '../core/knowledge/catalogue/wheel';
import { compareVersions } from '../core/knowledge/cuda';
import { allKnownVariants, BUNDLED_TORCH_RELEASES } from '../core/knowledge/torch';
import type { HttpGet } from './httpGet';

export const DEFAULT_INDEX_URL = 'https://download.pytorch.org/whl';
export const DEFAULT_PYPI_URL = 'https://pypi.org';
const ACCEPT = 'application/vnd.pypi.simple.v1+json;q=0.9, text/html;q=0.5';
const FAMILY = ['torch', 'torchvision', 'torchaudio'] as const;
/** Metadata files read per package and update (the newest versions the bundled data cannot pair). */
const METADATA_PER_PACKAGE = 8;

/** ETag and files of each page read before, so an unchanged page costs a 304. */
export type PageCache = Record<string, { etag: string; files: IndexFile[] }>;

export interface FetchOptions {
  indexUrl: string;
  pypiUrl: string | null;
  get: HttpGet;
  now: Date;
  pages?: PageCache;
  /** The catalogue in use, for the partial-page check. */
  previous?: Catalogue | null;
  timeoutMs?: number;
  onProgress?: (what: string) => void;
}

export type FetchResult = { ok: true; catalogue: Catalogue; pages: PageCache } | { ok: false; error: string };

const trimSlash = (u: string) => u.replace(/\/+$/, '');

async function readPage(url: string, o: FetchOptions, pages: PageCache): Promise<{ files: IndexFile[] } | { status: number; error: string }> {
  const cached = o.pages?.[url];
  const r = await o.get(url, { accept: ACCEPT, etag: cached?.etag ?? null, timeoutMs: o.timeoutMs ?? 60_000 });
  if (r.status === 304 && cached) {
    pages[url] = cached;
    return { files: cached.files };
  }
  if (r.status !== 200) return { status: r.status, error: r.error ?? `${url}: HTTP ${r.status}` };
  const files = parseIndexPage(r.body, r.contentType, r.url);
  if (!files) return { status: 200, error: `${url}: not a complete index page (malformed or cut short)` };
  if (r.etag) pages[url] = { etag: r.etag, files };
  return { files };
}

/** Prefer a Linux x86_64 wheel with a metadata file, then any wheel with one. */
function metadataWheel(files: readonly IndexFile[], pkg: string, version: string, variant: string | null): IndexFile | null {
  const mine = files.filter((f) => {
    const w = parseWheelName(f.filename);
    return f.hasMetadata && w !== null && w.name === pkg && w.version === version && (variant === null || (w.local ?? PLAIN) === variant);
  });
  return mine.find((f) => parseWheelName(f.filename)?.platforms.some((p) => platformFamily(p) === 'linux-x86_64')) ?? mine[0] ?? null;
}

async function readMetadata(file: IndexFile, o: FetchOptions): Promise<string | null> {
  const r = await o.get(`${file.url}.metadata`, { timeoutMs: o.timeoutMs ?? 60_000, maxBytes: 4 * 1024 * 1024 });
  return r.status === 200 ? r.body : null;
}

/** Versions of a package on the page, newest first, limited to final releases. */
function versionsOn(files: readonly IndexFile[], pkg: string): string[] {
  const s = new Set<string>();
  for (const f of files) {
    const w = parseWheelName(f.filename);
    if (w && w.name === pkg && isFinalVersion(w.version)) s.add(w.version);
  }
  return [...s].sort((a, b) => compareVersions(b, a));
}

async function readPackage(pkg: string, cat: Catalogue, o: FetchOptions, pages: PageCache): Promise<{ files: IndexFile[] } | { error: string }> {
  const base = trimSlash(o.indexUrl);
  o.onProgress?.(`${base}/${pkg}/`);
  const all = await readPage(`${base}/${pkg}/`, o, pages);
  if ('files' in all) {
    addIndexFiles(cat, pkg, all.files, null);
    return all;
  }
  if (all.status !== 404) return { error: all.error };
  // No all-variant page (some mirrors): read the per-variant pages the data knows of.
  const files: IndexFile[] = [];
  const errors: string[] = [];
  for (const variant of [...allKnownVariants()].sort()) {
    const page = await readPage(`${base}/${variant}/${pkg}/`, o, pages);
    if ('files' in page) {
      addIndexFiles(cat, pkg, page.files, variant);
      for (const f of page.files) files.push(f);
    } else if (page.status !== 404) errors.push(page.error);
  }
  if (errors.length) return { error: errors[0] };
  return files.length ? { files } : { error: all.error };
}

/** torchvision/torchaudio versions the bundled data does not pair with a torch: read their pins. */
function unpaired(pkg: 'torchvision' | 'torchaudio', versions: string[]): string[] {
  const known = new Set(BUNDLED_TORCH_RELEASES.map((r) => r[pkg]).filter((v): v is string => v !== null));
  return versions.filter((v) => !known.has(v)).slice(0, METADATA_PER_PACKAGE);
}

async function readPypiDefaults(cat: Catalogue, o: FetchOptions, pages: PageCache): Promise<void> {
  if (!o.pypiUrl) return;
  const url = `${trimSlash(o.pypiUrl)}/simple/torch/`;
  o.onProgress?.(url);
  const page = await readPage(url, o, pages);
  if (!('files' in page)) {
    cat.warnings.push(`PyPI not read (${page.error}): the CUDA build of PyPI's plain torch wheel stays as the bundled data says`);
    return;
  }
  const known = new Map(BUNDLED_TORCH_RELEASES.map((r) => [r.torch, r.pypiDefault]));
  const wanted = versionsOn(page.files, 'torch').filter((v) => !known.get(v)).slice(0, METADATA_PER_PACKAGE);
  for (const v of wanted) {
    const f = metadataWheel(page.files, 'torch', v, PLAIN);
    const text = f ? await readMetadata(f, o) : null;
    if (text === null) {
      cat.warnings.push(`PyPI: no metadata read for torch ${v}`);
      continue;
    }
    setRequires(cat, 'torch', v, PLAIN, parseRequiresDist(text));
    if (!cat.pypiDefaults[v] && f && parseWheelName(f.filename)?.platforms.some((p) => platformFamily(p) === 'linux-x86_64')) {
      cat.pypiDefaults[v] = 'cpu';
    }
  }
}

/** Fetch a whole catalogue; `ok: false` leaves the caller's last good one in use. */
export async function fetchCatalogue(o: FetchOptions): Promise<FetchResult> {
  const cat = emptyCatalogue(trimSlash(o.indexUrl), o.pypiUrl ? trimSlash(o.pypiUrl) : null, o.now.toISOString());
  const pages: PageCache = {};
  const read: Record<string, IndexFile[]> = {};
  for (const pkg of FAMILY) {
    const r = await readPackage(pkg, cat, o, pages);
    if ('error' in r) {
      if (pkg === 'torch') return { ok: false, error: r.error };
      cat.warnings.push(`${pkg} not read: ${r.error}`);
      continue;
    }
    read[pkg] = r.files;
  }
  const torchVersions = Object.keys(cat.packages.torch ?? {}).filter(isFinalVersion);
  if (!torchVersions.length) return { ok: false, error: `${trimSlash(o.indexUrl)}/torch/ lists no torch wheels` };
  const prev = o.previous && o.previous.indexUrl === cat.indexUrl ? Object.keys(o.previous.packages.torch ?? {}).filter(isFinalVersion) : [];
  if (prev.length && torchVersions.length * 2 < prev.length) {
    return { ok: false, error: `${cat.indexUrl}/torch/ lists ${torchVersions.length} torch versions where the last good read had ${prev.length}: a partial page` };
  }
  for (const pkg of ['torchvision', 'torchaudio'] as const) {
    const files = read[pkg];
    if (!files) continue;
    for (const v of unpaired(pkg, versionsOn(files, pkg))) {
      const f = metadataWheel(files, pkg, v, null);
      const text = f ? await readMetadata(f, o) : null;
      if (text === null || !f) {
        cat.warnings.push(`${pkg} ${v}: no metadata file read`);
        continue;
      }
      setRequires(cat, pkg, v, parseWheelName(f.filename)?.local ?? PLAIN, parseRequiresDist(text));
    }
  }
  await readPypiDefaults(cat, o, pages);
  return { ok: true, catalogue: cat, pages };
}

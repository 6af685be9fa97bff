// Where the fetched catalogue lives: AI_ENV_DOCTOR_CACHE_DIR, else the platform's cache folder
// ($XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows), in
// "ai-env-doctor"; the extension passes its global storage instead. Writes are atomic (a temporary
// file renamed over the old one), so a crash or a failed fetch never leaves a half-written catalogue.
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readCatalogue, type Catalogue } from '../core/knowledge/catalogue/model';
import type { PageCache } from './catalogueFetch';

export const CATALOGUE_FILE = 'catalogue.json';
const PAGES_FILE = 'index-pages.json';

export function cacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (env.AI_ENV_DOCTOR_CACHE_DIR) return env.AI_ENV_DOCTOR_CACHE_DIR;
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'ai-env-doctor');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'ai-env-doctor');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'ai-env-doctor');
}

async function writeAtomic(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fs.writeFile(tmp, text);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/** The stored catalogue, or null when there is none or it is unreadable. */
export async function loadCatalogue(dir: string): Promise<Catalogue | null> {
  try {
    return readCatalogue(await fs.readFile(path.join(dir, CATALOGUE_FILE), 'utf8'));
  } catch {
    return null;
  }
}

/** The same, read synchronously: for the extension's activation, before the first document is judged. */
export function loadCatalogueSync(dir: string): Catalogue | null {
  try {
    return readCatalogue(readFileSync(path.join(dir, CATALOGUE_FILE), 'utf8'));
  } catch {
    return null;
  }
}

export async function saveCatalogue(dir: string, cat: Catalogue, pages: PageCache): Promise<void> {
  await writeAtomic(path.join(dir, PAGES_FILE), JSON.stringify(pages));
  await writeAtomic(path.join(dir, CATALOGUE_FILE), JSON.stringify(cat, null, 1) + '\n');
}

/** ETags and files of the pages read last time (empty when none or unreadable). */
export async function loadPageCache(dir: string): Promise<PageCache> {
  try {
    const doc: unknown = JSON.parse(await fs.readFile(path.join(dir, PAGES_FILE), 'utf8'));
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as PageCache) : {};
  } catch {
    return {};
  }
}

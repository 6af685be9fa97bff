// ai-env-doctor knowledge [show] [--json] | knowledge update [--index-url URL] [--pypi-url URL] [--json]
// What the tool knows (the bundled data's date; the stored wheel catalogue: where from, when, newest
// torch), and the one command that reads the network: update fetches the catalogue and stores it.
// Every other command only loads the stored catalogue (loadStoredCatalogue, called by main.ts).
import * as os from 'node:os';
import { parse, UsageError, type CliIO } from './args';
import { KNOWLEDGE_AS_OF } from '../core/knowledge/recommend';
import { catalogueStatus, setCatalogue } from '../core/knowledge/catalogue/overlay';
import { newestTorchIn } from '../core/knowledge/catalogue/model';
import { newestKnownTorch, BUNDLED_TORCH_RELEASES } from '../core/knowledge/torch';
import { compareVersions } from '../core/knowledge/cuda';
import { DEFAULT_INDEX_URL, DEFAULT_PYPI_URL, fetchCatalogue } from '../system/catalogueFetch';
import { cacheDir, loadCatalogue, loadPageCache, saveCatalogue } from '../system/catalogueStore';
import { nodeHttpGet } from '../system/httpGet';

const HELP = `Usage: ai-env-doctor knowledge [show] [--json]
       ai-env-doctor knowledge update [--index-url URL] [--pypi-url URL] [--json]

show     the bundled data's date and, when a wheel catalogue was fetched, where it came from,
         when, and the newest torch it knows (the default)
update   read the PyTorch wheel index (default ${DEFAULT_INDEX_URL}) and PyPI (default
         ${DEFAULT_PYPI_URL}) and store the catalogue; every other command then uses it, offline

Options:
  --index-url URL   a PyTorch wheel index or a mirror of it (…/whl)
  --pypi-url URL    PyPI or a mirror of it (unreachable: a warning)
  --timeout SECONDS limit per request (default 60)
  --json            machine-readable output
  -h, --help        this help

The catalogue is stored in AI_ENV_DOCTOR_CACHE_DIR, else the platform's cache folder.
Exit codes: 0 done, 1 the update failed (the last good catalogue stays in use), 2 usage error.`;

const options = {
  json: { type: 'boolean' },
  'index-url': { type: 'string' },
  'pypi-url': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function storeDir(io: CliIO): string {
  return cacheDir(io.env, process.platform, io.env.HOME || io.env.USERPROFILE || os.homedir());
}

/** Load the stored catalogue into the knowledge queries (no network); silently none when absent or unreadable. */
export async function loadStoredCatalogue(io: CliIO): Promise<void> {
  setCatalogue(await loadCatalogue(storeDir(io)));
}

export interface KnowledgeJson {
  bundled: { asOf: string; newestTorch: string };
  catalogue: { indexUrl: string; pypiUrl: string | null; fetchedAt: string; newestTorch: string | null; warnings: string[] } | null;
  cacheDir: string;
  newestTorch: string;
}

function describe(io: CliIO): KnowledgeJson {
  const bundledNewest = BUNDLED_TORCH_RELEASES.reduce((a, r) => (compareVersions(r.torch, a) > 0 ? r.torch : a), '0');
  return { bundled: { asOf: KNOWLEDGE_AS_OF, newestTorch: bundledNewest }, catalogue: catalogueStatus(), cacheDir: storeDir(io), newestTorch: newestKnownTorch() };
}

function printShow(k: KnowledgeJson, io: CliIO): void {
  io.out(`Bundled data: as of ${k.bundled.asOf} (newest torch ${k.bundled.newestTorch})`);
  if (k.catalogue) {
    io.out(`Wheel catalogue: ${k.catalogue.indexUrl}${k.catalogue.pypiUrl ? ` + ${k.catalogue.pypiUrl}` : ''}, read ${k.catalogue.fetchedAt} (newest torch ${k.catalogue.newestTorch ?? 'none'})`);
    for (const w of k.catalogue.warnings) io.out(`  warning: ${w}`);
  } else {
    io.out('Wheel catalogue: none fetched (run "ai-env-doctor knowledge update")');
  }
  io.out(`Newest torch known: ${k.newestTorch}`);
  io.out(`Stored in: ${k.cacheDir}`);
}

function urlOption(v: string | undefined, name: string, dflt: string): string {
  if (v === undefined) return dflt;
  try {
    const u = new URL(v);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new UsageError(`--${name} must be an http(s) URL: ${v}`);
  }
  return v;
}

async function update(values: { json?: boolean; 'index-url'?: string; 'pypi-url'?: string; timeout?: string }, io: CliIO): Promise<number> {
  const indexUrl = urlOption(values['index-url'], 'index-url', DEFAULT_INDEX_URL);
  const pypiUrl = urlOption(values['pypi-url'], 'pypi-url', DEFAULT_PYPI_URL);
  const seconds = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a positive number of seconds: ${values.timeout}`);
  const dir = storeDir(io);
  const previous = await loadCatalogue(dir);
  setCatalogue(previous);
  const r = await fetchCatalogue({
    indexUrl, pypiUrl, get: nodeHttpGet(), now: new Date(), pages: await loadPageCache(dir), previous, timeoutMs: seconds * 1000,
    onProgress: values.json ? undefined : (what) => io.err(`reading ${what}`),
  });
  if (!r.ok) {
    const kept = previous ? `the catalogue read ${previous.fetchedAt} from ${previous.indexUrl} stays in use` : 'the bundled data stays in use';
    if (values.json) io.out(JSON.stringify({ ok: false, error: r.error, kept: describe(io) }, null, 2));
    io.err(`ai-env-doctor knowledge update: ${r.error}; ${kept}`);
    return 1;
  }
  try {
    await saveCatalogue(dir, r.catalogue, r.pages);
  } catch (e) {
    io.err(`ai-env-doctor knowledge update: could not store the catalogue in ${dir}: ${(e as Error).message}`);
    return 1;
  }
  setCatalogue(r.catalogue);
  const k = describe(io);
  if (values.json) io.out(JSON.stringify({ ok: true, ...k }, null, 2));
  else {
    io.out(`Read ${indexUrl}: newest torch ${newestTorchIn(r.catalogue) ?? 'none'}`);
    for (const w of r.catalogue.warnings) io.err(`warning: ${w}`);
    printShow(k, io);
  }
  return 0;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, options);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const [sub = 'show', ...extra] = positionals;
  if (extra.length) throw new UsageError(`unexpected argument: ${extra[0]}`);
  if (sub === 'update') return update(values, io);
  if (sub !== 'show') throw new UsageError(`unknown subcommand '${sub}' (show, update)`);
  if (values['index-url'] || values['pypi-url']) throw new UsageError('--index-url and --pypi-url belong to "knowledge update"');
  await loadStoredCatalogue(io);
  const k = describe(io);
  if (values.json) io.out(JSON.stringify(k, null, 2));
  else printShow(k, io);
  return 0;
}

// The analysis worker (bundled to dist/analysisWorker.js): core's analyzeDocument on a request from
// AnalysisWorkerClient, includes read from the open documents' texts sent along, else from disk.
import { parentPort } from 'node:worker_threads';
import { analyzeDocument } from '../core/analyze';
import { shownFindings } from '../core/redact';
import { setCatalogue } from '../core/knowledge/catalogue/overlay';
import { loadCatalogueSync } from '../system/catalogueStore';
import { keyOf, type AnalysisRequest, type AnalysisResult } from './analysisClient';
import { createFileReader } from '../system/fileReader';

let catalogueLoaded: string | null = null;

/** The catalogue the extension uses, loaded into this thread's knowledge when it changed. */
function syncCatalogue(c: AnalysisRequest['catalogue']): void {
  const want = c?.fetchedAt ?? null;
  if (want === catalogueLoaded) return;
  const stored = c && want ? loadCatalogueSync(c.dir) : null;
  setCatalogue(stored && stored.fetchedAt === want ? stored : null);
  catalogueLoaded = stored && stored.fetchedAt === want ? want : null;
}

function analyze(request: AnalysisRequest): AnalysisResult {
  syncCatalogue(request.catalogue);
  const open = new Map(request.open);
  const reader = createFileReader((p) => open.get(keyOf(p)));
  const { kind, findings } = analyzeDocument(request.path, request.text, request.machine, {
    reader,
    env: process.env,
    unpinned: request.unpinned,
  });
  const texts = [request.text, ...[...reader.texts.values()].filter((t): t is string => t !== null)];
  const shown = shownFindings(findings, texts, process.env);
  return { kind, findings: shown, reads: [...reader.reads], texts: [...reader.texts] };
}

parentPort?.on('message', ({ id, request }: { id: number; request: AnalysisRequest }) => {
  try {
    parentPort?.postMessage({ id, ok: true, result: analyze(request) });
  } catch (e) {
    parentPort?.postMessage({ id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});

// Squiggles for requirements files, environment.yml and pyproject.toml/pixi.toml:
// debounce (per document) → analyse (core, in a worker thread) → drop stale results (a newer run, a
// changed or closed document) → publish. Findings that belong to an
// included file are shown on that file. The last analysis of each document is kept (with its version)
// so quick fixes never recompute.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Finding, Severity } from '../core/finding';
import { findingIdentity, uniqueBy } from '../core/findingIdentity';
import type { Machine } from '../core/machine';
import { LineIndex } from '../core/text';
import { DIAGNOSTIC_SOURCE, Settings } from '../constants';
import type { AnalysisRequest, AnalysisResult } from './analysisClient';
import { onDidChangeSettings, readSettings } from './config';
import { Debouncer, Generations } from './debounce';
import { documentSelector } from '../core/documents';
import { analyzedKind, docsUri, documentPath, keyOf, openDocumentAt, rangeIn, uriForPath } from './documentIdentity';
import { readTextFile } from '../system/fileReader';
import { logRejection } from './log';
import type { MachineResolver } from './machineResolver';
import { trMessage } from './translate';

export { analyzedKind, docsUri, documentPath, keyOf, openDocumentAt, rangeInFile, uriForPath } from './documentIdentity';

/** Core's analyzeDocument, run off the extension host's thread (AnalysisWorkerClient). */
export type Analyzer = (request: AnalysisRequest) => Promise<AnalysisResult>;

export const DEBOUNCE_MS = 300;
/** Documents larger than this are not analysed (no requirements file is this big). */
const MAX_DOCUMENT_CHARS = 8 * 1024 * 1024;

/** Documents the extension handles, for providers (the same documents kindForDocument takes). */
export const ANALYZED_SELECTOR: vscode.DocumentFilter[] = documentSelector();

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** One finding as shown: the diagnostic, where, and from which analysis. */
export interface DiagnosticEntry {
  /** The finding with `file` always set (absolute path, or the untitled URI text). */
  finding: Finding;
  diagnostic: vscode.Diagnostic;
  /** Document the diagnostic is shown on. */
  uri: vscode.Uri;
  /** Version of the open document whose text was analysed for `uri`; null when it was read from disk. */
  version: number | null;
  /** The analysis (root document) that produced it. */
  analysis: Analysis;
}

export interface Analysis {
  /** uri.toString() of the analysed document. */
  key: string;
  uri: vscode.Uri;
  path: string;
  version: number;
  kind: string;
  machine: Machine | null;
  findings: Finding[];
  entries: DiagnosticEntry[];
  /** pathKeys of every include read (to re-check when one of them changes). */
  reads: ReadonlySet<string>;
}

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('aiEnvDoctor');
  private readonly analyses = new Map<string, Analysis>();
  private readonly debouncer = new Debouncer<string>(DEBOUNCE_MS);
  private readonly generations = new Generations<string>();
  private readonly failed = new Set<string>();
  /** The analysis running per document (the worker answers asynchronously). */
  private readonly running = new Map<string, { gen: number; version: number; result: Promise<Analysis | undefined> }>();
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly machines: MachineResolver,
    private readonly analyze: Analyzer,
  ) {
    const subs = this.disposables;
    subs.push(this.collection, { dispose: () => this.debouncer.dispose() });
    vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0), this, subs);
    vscode.workspace.onDidChangeTextDocument(
      (e) => {
        if (e.contentChanges.length === 0) return;
        this.schedule(e.document);
        this.scheduleDependents(e.document);
      },
      this,
      subs,
    );
    vscode.workspace.onDidCloseTextDocument(
      (d) => {
        this.forget(d.uri.toString());
        this.scheduleDependents(d, 0); // they now read this file from disk
      },
      this,
      subs,
    );
    // An include changed on disk (checkout, another tool): re-check the open documents that read it.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{txt,in}');
    subs.push(watcher);
    const onDisk = (uri: vscode.Uri) => {
      if (!openDocumentAt(uri.fsPath)) this.scheduleDependents(uri);
    };
    watcher.onDidChange(onDisk, this, subs);
    watcher.onDidCreate(onDisk, this, subs);
    watcher.onDidDelete(onDisk, this, subs);
    machines.onDidChange(() => this.scheduleAll(), this, subs);
    onDidChangeSettings(
      (e) => {
        if (e.affectsConfiguration(Settings.unpinnedRequirements)) this.scheduleAll();
      },
      this,
      subs,
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /** The last analysis of `doc`, only if it is of the document's current version. */
  current(doc: vscode.TextDocument): Analysis | undefined {
    const a = this.analyses.get(doc.uri.toString());
    return a && a.version === doc.version ? a : undefined;
  }

  /** Whether an analysis of `doc` is waiting for its debounce or running. */
  isPending(doc: vscode.TextDocument): boolean {
    const key = doc.uri.toString();
    return this.debouncer.isPending(key) || this.running.has(key);
  }

  /** Every current entry shown on `doc` (from its own analysis and from files that include it). */
  entriesFor(doc: vscode.TextDocument): DiagnosticEntry[] {
    const fresh = (e: DiagnosticEntry) => (e.version === null ? !doc.isDirty : e.version === doc.version);
    return this.entriesOn(doc.uri.toString(), fresh).sort((x, y) => x.diagnostic.range.start.compareTo(y.diagnostic.range.start));
  }

  /** What every analysis reports on the document `key`, each finding once. */
  private entriesOn(key: string, keep: (e: DiagnosticEntry) => boolean = () => true): DiagnosticEntry[] {
    const all = [...this.analyses.values()].flatMap((a) => a.entries.filter((e) => e.uri.toString() === key && keep(e)));
    return uniqueBy(all, (e) => findingIdentity(e.finding, keyOf(e.finding.file ?? key)));
  }

  /** An analysis of `doc` as it is now (waiting for a pending or running one); used by commands. */
  async ensureCurrent(doc: vscode.TextDocument): Promise<Analysis | undefined> {
    // A result for an older version is dropped; typing during the wait asks again (a few times at most).
    for (let attempt = 0; attempt < 3; attempt++) {
      const done = this.current(doc);
      if (done) return done;
      if (doc.isClosed || analyzedKind(doc) === null) return undefined;
      const running = this.running.get(doc.uri.toString());
      const a = running && running.version === doc.version ? await running.result : await this.analyzeNow(doc);
      if (a) return a;
    }
    return this.current(doc);
  }

  private schedule(doc: vscode.TextDocument, delayMs = DEBOUNCE_MS): void {
    const key = doc.uri.toString();
    if (analyzedKind(doc) === null) {
      if (this.analyses.has(key)) this.forget(key); // e.g. the language mode was changed
      return;
    }
    this.debouncer.schedule(
      key,
      () => {
        const live = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
        if (live && !live.isClosed) logRejection(this.log, `analysis of ${key}`, this.analyzeNow(live));
      },
      delayMs,
    );
  }

  /** Re-check documents that read `doc` (or the file at `uri`) as an include. */
  private scheduleDependents(doc: vscode.TextDocument | vscode.Uri, delayMs = DEBOUNCE_MS): void {
    const uri = doc instanceof vscode.Uri ? doc : doc.uri;
    if (uri.scheme !== 'file') return;
    const key = keyOf(uri.fsPath);
    const self = uri.toString();
    for (const a of this.analyses.values()) {
      if (a.key === self || !a.reads.has(key)) continue;
      const dependent = vscode.workspace.textDocuments.find((d) => d.uri.toString() === a.key);
      if (dependent) this.schedule(dependent, delayMs);
    }
  }

  /** The machine or a setting changed: re-check every open analysed document (debounced, once). */
  private scheduleAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 50);
  }

  /** Texts of the other open documents an include may name (by keyOf), with their versions. */
  private openTexts(except: vscode.TextDocument): { texts: [string, string][]; versions: Map<string, number> } {
    const texts: [string, string][] = [];
    const versions = new Map<string, number>();
    for (const d of vscode.workspace.textDocuments) {
      if (d === except || d.isClosed || d.uri.scheme !== 'file') continue;
      // A clean document that we do not analyse reads the same from disk: not worth copying to the worker.
      if (!d.isDirty && analyzedKind(d) === null) continue;
      const text = d.getText();
      if (text.length > MAX_DOCUMENT_CHARS) continue;
      const k = keyOf(documentPath(d));
      texts.push([k, text]);
      versions.set(k, d.version);
    }
    return { texts, versions };
  }

  private analyzeNow(doc: vscode.TextDocument): Promise<Analysis | undefined> {
    const key = doc.uri.toString();
    this.debouncer.cancel(key);
    if (analyzedKind(doc) === null || doc.isClosed) return Promise.resolve(undefined);
    const gen = this.generations.next(key);
    const version = doc.version;
    const result = this.run(doc, key, gen, version).finally(() => {
      if (this.running.get(key)?.gen === gen) this.running.delete(key);
    });
    this.running.set(key, { gen, version, result });
    return result;
  }

  private async run(doc: vscode.TextDocument, key: string, gen: number, version: number): Promise<Analysis | undefined> {
    const text = doc.getText();
    if (text.length > MAX_DOCUMENT_CHARS) {
      this.logOnce(key, `${doc.uri.fsPath}: not analysed (${text.length} characters)`);
      this.forget(key);
      return undefined;
    }
    const docPath = documentPath(doc);
    const machine = this.machines.machineFor(doc.uri);
    const open = this.openTexts(doc);
    const started = Date.now();
    let result: AnalysisResult;
    try {
      result = await this.analyze({ path: docPath, text, machine, unpinned: readSettings(doc.uri).unpinnedRequirements, open: open.texts });
    } catch (e) {
      if (this.disposed || !this.generations.isCurrent(key, gen)) return undefined;
      this.logOnce(key, `analysis of ${doc.uri.toString(true)} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      this.forget(key); // no stale squiggles from an older text
      return undefined;
    }
    // Drop a stale result: a newer run started, the document closed or changed meanwhile.
    if (this.disposed || !this.generations.isCurrent(key, gen) || doc.isClosed || doc.version !== version) return undefined;
    this.failed.delete(key);
    const analysis: Analysis = {
      key, uri: doc.uri, path: docPath, version, kind: result.kind, machine, findings: result.findings, entries: [], reads: new Set(result.reads),
    };
    analysis.entries = entriesOf(doc, analysis, new Map(result.texts), open.versions);
    const previous = this.analyses.get(key);
    this.analyses.set(key, analysis);
    this.publish(targets(previous, analysis));
    this.log.debug(`checked ${doc.uri.toString(true)} v${version}: ${result.findings.length} findings in ${Date.now() - started} ms`);
    return analysis;
  }

  private forget(key: string): void {
    this.debouncer.cancel(key);
    this.generations.delete(key);
    const previous = this.analyses.get(key);
    this.analyses.delete(key);
    const uris = targets(previous, undefined);
    uris.set(key, vscode.Uri.parse(key));
    this.publish(uris);
  }

  /** Set each URI's diagnostics to the union of what every analysis reports on it. */
  private publish(uris: Map<string, vscode.Uri>): void {
    for (const [key, uri] of uris) {
      const diags = this.entriesOn(key).map((e) => e.diagnostic);
      if (diags.length) this.collection.set(uri, diags);
      else this.collection.delete(uri);
    }
  }

  private logOnce(key: string, message: string): void {
    if (this.failed.has(key)) return;
    this.failed.add(key);
    this.log.error(message);
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    this.analyses.clear();
  }
}

/**
 * The entries of an analysis of `doc`: each finding placed on its file (the root document, or an
 * include as the analysis read it), with the version of the text it was placed in.
 */
function entriesOf(doc: vscode.TextDocument, analysis: Analysis, texts: Map<string, string | null>, openVersions: Map<string, number>): DiagnosticEntry[] {
  const rootKey = keyOf(analysis.path);
  const indexes = new Map<string, LineIndex>();
  return analysis.findings.map((raw) => {
    const file = raw.file ?? analysis.path;
    const fileKey = keyOf(file);
    const finding: Finding = { ...raw, file };
    if (fileKey === rootKey) {
      const range = new vscode.Range(doc.positionAt(raw.span.start), doc.positionAt(raw.span.end));
      return { finding, diagnostic: toDiagnostic(finding, range), uri: doc.uri, version: analysis.version, analysis };
    }
    let index = indexes.get(fileKey);
    if (!index) {
      index = new LineIndex(texts.get(fileKey) ?? openDocumentAt(file)?.getText() ?? readTextFile(file) ?? '');
      indexes.set(fileKey, index);
    }
    const diagnostic = toDiagnostic(finding, rangeIn(index, raw.span));
    diagnostic.relatedInformation = [
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(doc.uri, new vscode.Position(0, 0)),
        vscode.l10n.t('Reported while checking {0}, which includes this file', path.basename(doc.uri.path)),
      ),
    ];
    return { finding, diagnostic, uri: uriForPath(file), version: openVersions.get(fileKey) ?? null, analysis };
  });
}

function targets(...analyses: (Analysis | undefined)[]): Map<string, vscode.Uri> {
  const out = new Map<string, vscode.Uri>();
  for (const a of analyses) {
    if (!a) continue;
    out.set(a.key, a.uri);
    for (const e of a.entries) out.set(e.uri.toString(), e.uri);
  }
  return out;
}

function entryId(d: vscode.Diagnostic): string {
  const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
  const r = d.range;
  return `${code}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${d.message}`;
}

/** The Diagnostic for a finding: translated message, severity, source, code linking to the rule's docs. */
export function toDiagnostic(f: Finding, range: vscode.Range): vscode.Diagnostic {
  const message = trMessage(f);
  const d = new vscode.Diagnostic(range, message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.code, target: docsUri(f.code) };
  return d;
}

/** True when a diagnostic handed back by the editor is the one an entry published. */
export function sameDiagnostic(a: vscode.Diagnostic, b: vscode.Diagnostic): boolean {
  return entryId(a) === entryId(b) && a.source === b.source;
}

export function registerDiagnostics(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  machines: MachineResolver,
  analyze: Analyzer,
): DiagnosticsController {
  const controller = new DiagnosticsController(log, machines, analyze);
  context.subscriptions.push(controller);
  return controller;
}

// Squiggles for requirements files, environment.yml and pyproject.toml/pixi.toml:
// debounce (per document) → analyse (core) → drop stale results → publish. Findings that belong to an
// included file are shown on that file. The last analysis of each document is kept (with its version)
// so quick fixes never recompute.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Finding, Severity } from '../core/finding';
import type { Machine } from '../core/machine';
import type { Env, FileReader } from '../core/requirements/types';
import { LineIndex, type Span } from '../core/text';
import { DIAGNOSTIC_SOURCE, DOCS_BASE, Settings } from '../constants';
import { onDidChangeSettings, readSettings } from './config';
import type { CurrentMachine } from './currentMachine';
import { Debouncer, Generations } from './free/debounce';
import { ANALYZED_SCHEMES, documentSelector, kindForDocument, type AnalyzedKind } from '../core/documents';
import { createFileReader, pathKey, readTextFile } from './free/fileReader';
import { trMessage } from './translate';

/** Core's analyzeDocument (injected by the composition root). */
export type Analyzer = (
  path: string,
  text: string,
  machine: Machine | null,
  opts: { reader: FileReader; env?: Env; unpinned?: boolean },
) => { kind: string; findings: Finding[] };

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

/** The path core sees for a document: the file path, or the URI text for an untitled document. */
export function documentPath(doc: vscode.TextDocument): string {
  return doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.uri.toString();
}

export function analyzedKind(doc: vscode.TextDocument): AnalyzedKind | null {
  if (!ANALYZED_SCHEMES.includes(doc.uri.scheme)) return null;
  return kindForDocument(doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.uri.path, doc.languageId);
}

/** Comparable key for a core path: pathKey for a file path, the text itself for a URI (untitled). */
export function keyOf(p: string): string {
  return /^[a-z][a-z0-9+.-]+:/i.test(p) ? p : pathKey(p);
}

/** The open document at a core path, if any. */
export function openDocumentAt(p: string): vscode.TextDocument | undefined {
  const key = keyOf(p);
  return vscode.workspace.textDocuments.find((d) => keyOf(documentPath(d)) === key);
}

/** Range of `span` in the file at `p` as it is now (open buffer, else disk). */
export function rangeInFile(p: string, span: Span): vscode.Range {
  const doc = openDocumentAt(p);
  if (doc) return new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end));
  const r = new LineIndex(readTextFile(p) ?? '').rangeOf(span);
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** URI of the file at a core path. */
export function uriForPath(p: string): vscode.Uri {
  return openDocumentAt(p)?.uri ?? vscode.Uri.file(p);
}

export function docsUri(code: string): vscode.Uri {
  return vscode.Uri.parse(`${DOCS_BASE}${encodeURIComponent(code)}.md`);
}

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
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly machines: CurrentMachine,
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

  /** Whether an analysis of `doc` is waiting for its debounce. */
  isPending(doc: vscode.TextDocument): boolean {
    return this.debouncer.isPending(doc.uri.toString());
  }

  /** Every current entry shown on `doc` (from its own analysis and from files that include it). */
  entriesFor(doc: vscode.TextDocument): DiagnosticEntry[] {
    const key = doc.uri.toString();
    const out: DiagnosticEntry[] = [];
    const seen = new Set<string>();
    for (const a of this.analyses.values()) {
      for (const e of a.entries) {
        if (e.uri.toString() !== key) continue;
        if (e.version === null ? doc.isDirty : e.version !== doc.version) continue; // stale
        const id = entryId(e.diagnostic);
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(e);
      }
    }
    return out.sort((x, y) => x.diagnostic.range.start.compareTo(y.diagnostic.range.start));
  }

  /** Analyse `doc` now (pending debounce included) and publish; used by commands that need fresh results. */
  ensureCurrent(doc: vscode.TextDocument): Analysis | undefined {
    return this.current(doc) ?? this.analyzeNow(doc);
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
        if (live && !live.isClosed) this.analyzeNow(live);
      },
      delayMs,
    );
  }

  /** Re-check documents that read `doc` (or the file at `uri`) as an include. */
  private scheduleDependents(doc: vscode.TextDocument | vscode.Uri, delayMs = DEBOUNCE_MS): void {
    const uri = doc instanceof vscode.Uri ? doc : doc.uri;
    if (uri.scheme !== 'file') return;
    const key = pathKey(uri.fsPath);
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

  private analyzeNow(doc: vscode.TextDocument): Analysis | undefined {
    const key = doc.uri.toString();
    this.debouncer.cancel(key);
    const kind = analyzedKind(doc);
    if (kind === null || doc.isClosed) return undefined;
    const gen = this.generations.next(key);
    const version = doc.version;
    const text = doc.getText();
    if (text.length > MAX_DOCUMENT_CHARS) {
      this.logOnce(key, `${doc.uri.fsPath}: not analysed (${text.length} characters)`);
      this.forget(key);
      return undefined;
    }
    const docPath = documentPath(doc);
    const machine = this.machines.machineFor(doc.uri);
    const settings = readSettings(doc.uri);
    const openVersions = new Map<string, number>();
    const reader = createFileReader((p) => {
      const open = openDocumentAt(p);
      if (!open) return undefined;
      openVersions.set(pathKey(p), open.version);
      return open.getText();
    });
    let result: { kind: string; findings: Finding[] };
    const started = Date.now();
    try {
      result = this.analyze(docPath, text, machine, { reader, env: process.env, unpinned: settings.unpinnedRequirements });
    } catch (e) {
      this.logOnce(key, `analysis of ${doc.uri.toString(true)} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      this.forget(key); // no stale squiggles from an older text
      return undefined;
    }
    // Drop a stale result: a newer run started, the document closed or changed meanwhile.
    if (!this.generations.isCurrent(key, gen) || doc.isClosed || doc.version !== version) return undefined;
    this.failed.delete(key);

    const analysis: Analysis = {
      key,
      uri: doc.uri,
      path: docPath,
      version,
      kind: result.kind,
      machine,
      findings: result.findings,
      entries: [],
      reads: reader.reads,
    };
    const rootKey = keyOf(docPath);
    const indexes = new Map<string, LineIndex>();
    for (const raw of result.findings) {
      const file = raw.file ?? docPath;
      const fileKey = keyOf(file);
      const isRoot = fileKey === rootKey;
      const finding: Finding = { ...raw, file };
      let range: vscode.Range;
      let uri: vscode.Uri;
      let entryVersion: number | null;
      if (isRoot) {
        range = new vscode.Range(doc.positionAt(raw.span.start), doc.positionAt(raw.span.end));
        uri = doc.uri;
        entryVersion = version;
      } else {
        let index = indexes.get(fileKey);
        if (!index) {
          index = new LineIndex(reader.texts.get(fileKey) ?? openDocumentAt(file)?.getText() ?? readTextFile(file) ?? '');
          indexes.set(fileKey, index);
        }
        const r = index.rangeOf(raw.span);
        range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
        uri = uriForPath(file);
        entryVersion = openVersions.get(fileKey) ?? null;
      }
      const diagnostic = toDiagnostic(finding, range);
      if (!isRoot) {
        diagnostic.relatedInformation = [
          new vscode.DiagnosticRelatedInformation(
            new vscode.Location(doc.uri, new vscode.Position(0, 0)),
            vscode.l10n.t('Reported while checking {0}, which includes this file', path.basename(doc.uri.path)),
          ),
        ];
      }
      analysis.entries.push({ finding, diagnostic, uri, version: entryVersion, analysis });
    }

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
      const diags: vscode.Diagnostic[] = [];
      const seen = new Set<string>();
      for (const a of this.analyses.values()) {
        for (const e of a.entries) {
          if (e.uri.toString() !== key) continue;
          const id = entryId(e.diagnostic);
          if (seen.has(id)) continue;
          seen.add(id);
          diags.push(e.diagnostic);
        }
      }
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
    for (const d of this.disposables) d.dispose();
    this.analyses.clear();
  }
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
  machines: CurrentMachine,
  analyze: Analyzer,
): DiagnosticsController {
  const controller = new DiagnosticsController(log, machines, analyze);
  context.subscriptions.push(controller);
  return controller;
}

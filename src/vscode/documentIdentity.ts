// Which document a core path means, and where a span of it is: the path core sees for a document, the
// open document at a path, ranges and URIs of files that may or may not be open, the docs link of a code.
import * as vscode from 'vscode';
import { DOCS_BASE } from '../constants';
import { LineIndex, type Span } from '../core/text';
import { keyOf } from './analysisClient';
import { ANALYZED_SCHEMES, kindForDocument, type AnalyzedKind } from '../core/documents';
import { readTextFile } from '../system/fileReader';

export { keyOf };

/** The path core sees for a document: the file path, or the URI text for an untitled document. */
export function documentPath(doc: vscode.TextDocument): string {
  return doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.uri.toString();
}

export function analyzedKind(doc: vscode.TextDocument): AnalyzedKind | null {
  if (!ANALYZED_SCHEMES.includes(doc.uri.scheme)) return null;
  return kindForDocument(doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.uri.path, doc.languageId);
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
  return rangeIn(new LineIndex(readTextFile(p) ?? ''), span);
}

/** Range of `span` through a line index of the text it refers to. */
export function rangeIn(index: LineIndex, span: Span): vscode.Range {
  const r = index.rangeOf(span);
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** URI of the file at a core path. */
export function uriForPath(p: string): vscode.Uri {
  return openDocumentAt(p)?.uri ?? vscode.Uri.file(p);
}

export function docsUri(code: string): vscode.Uri {
  return vscode.Uri.parse(`${DOCS_BASE}${encodeURIComponent(code)}.md`);
}

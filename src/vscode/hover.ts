// Hovers on torch-family lines and PyTorch index URLs: core's hoverAt renders the Markdown lines (values it
// interpolates are escaped there, the templates carry the Markdown); the editor translates each line into the
// display language and shows the result untrusted, without HTML or command links.
import * as vscode from 'vscode';
import type { HoverResult } from '../core/hover';
import type { Machine } from '../core/machine';
import type { Env, FileReader } from '../core/requirements/types';
import type { MachineResolver } from './machineResolver';
import { ANALYZED_SELECTOR, analyzedKind, documentPath, openDocumentAt } from './diagnostics';
import { createFileReader } from '../system/fileReader';
import { trMessage } from './translate';

/** Core's hoverAt (injected by the composition root). */
export type HoverFn = (
  path: string,
  text: string,
  offset: number,
  machine: Machine | null,
  opts: { reader: FileReader; env?: Env },
) => HoverResult | null;

export class HoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly machines: MachineResolver,
    private readonly hoverAt: HoverFn,
  ) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (analyzedKind(doc) === null) return undefined;
    const reader = createFileReader((p) => openDocumentAt(p)?.getText());
    let result: HoverResult | null;
    try {
      result = this.hoverAt(documentPath(doc), doc.getText(), doc.offsetAt(position), this.machines.machineFor(doc.uri), { reader, env: process.env });
    } catch (e) {
      this.log.error(`hover in ${doc.uri.toString(true)} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return undefined;
    }
    if (!result) return undefined;
    const md = new vscode.MarkdownString(result.lines.map(trMessage).join('\n'));
    md.isTrusted = false;
    md.supportHtml = false;
    md.supportThemeIcons = false;
    return new vscode.Hover(md, new vscode.Range(doc.positionAt(result.span.start), doc.positionAt(result.span.end)));
  }
}

export function registerHover(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, machines: MachineResolver, hoverAt: HoverFn): void {
  context.subscriptions.push(vscode.languages.registerHoverProvider(ANALYZED_SELECTOR, new HoverProvider(log, machines, hoverAt)));
}

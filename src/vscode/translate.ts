// Core's messages (msg(...) results: English + template and args) in the display language, nested
// messages translated first (see src/core/l10n.ts).
import * as vscode from 'vscode';
import { localized, translate, type Localizable } from '../core/l10n';

const t = (template: string, args: (string | number)[]): string => vscode.l10n.t(template, ...args);

/** A Localizable in the display language. */
export function tr(l: Localizable): string {
  return translate(l, t);
}

/** A message (finding, fix title, hover line...) in the display language; its English when it has no template. */
export function trMessage(m: { message: string; l10n?: Localizable }): string {
  return localized(m, t);
}

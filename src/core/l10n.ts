// Core stays free of the editor API, so it cannot call vscode.l10n.t itself. Messages are built from a
// template with {0}-style placeholders (vscode.l10n.t's format); the English text is ready to print,
// and the template + args travel along so src/vscode can translate (l10n/bundle.l10n.<lang>.json).
// An argument may itself be a msg(...) result (a sentence embedded in another): its English goes into
// the English text, its Localizable into the args, and translate() translates it first.

export interface Localizable {
  template: string;
  args: (string | number | Localizable)[];
}

/** What msg() accepts as an argument: a value, or another message (msg(...) result). */
export type MsgArg = string | number | { message: string; l10n?: Localizable };

export function format(template: string, args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => {
    const v = args[Number(i)];
    return v === undefined ? m : String(v);
  });
}

/** English text plus what a translator needs. */
export function msg(template: string, ...args: MsgArg[]): { message: string; l10n: Localizable } {
  const english = args.map((a) => (typeof a === 'object' ? a.message : a));
  const l10nArgs = args.map((a) => (typeof a === 'object' ? (a.l10n ?? a.message) : a));
  return { message: format(template, english), l10n: { template, args: l10nArgs } };
}

/**
 * Translate a Localizable with `t` (vscode.l10n.t in the editor, format() for English), nested
 * messages first, innermost out.
 */
export function translate(l: Localizable, t: (template: string, args: (string | number)[]) => string): string {
  return t(l.template, l.args.map((a) => (typeof a === 'object' ? translate(a, t) : a)));
}

/** A message's text in the display language: its Localizable translated, else its English. */
export function localized(m: { message: string; l10n?: Localizable }, t: (template: string, args: (string | number)[]) => string): string {
  return m.l10n ? translate(m.l10n, t) : m.message;
}

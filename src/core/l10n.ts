// Core stays free of the editor API, so it cannot call vscode.l10n.t itself. Messages are built from a
// template with {0}-style placeholders (vscode.l10n.t's format); the English text is ready to print,
// and the template + args travel along so src/vscode can translate (l10n/bundle.l10n.<lang>.json).

export interface Localizable {
  template: string;
  args: (string | number)[];
}

export function format(template: string, args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => {
    const v = args[Number(i)];
    return v === undefined ? m : String(v);
  });
}

/** English text plus what a translator needs. */
export function msg(template: string, ...args: (string | number)[]): { message: string; l10n: Localizable } {
  return { message: format(template, args), l10n: { template, args } };
}

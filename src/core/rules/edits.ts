// Building blocks for fixes: plain TextEdits on offsets that touch only what must change (a URL's
// variant segment, a version, an inserted line), never unrelated lines, comments or formatting.
import type { TextEdit } from '../finding';
import type { Span } from '../text';
import type { TorchRelease } from '../knowledge/torch';
import { pairedVersion } from '../knowledge/torch';
import { indexUrlFor, withVariant } from '../knowledge/variants';
import type { IndexRef, ProjectModel, TorchReq } from './model';

export function edit(span: Span, newText: string, file?: string): TextEdit {
  return file ? { span, newText, file } : { span, newText };
}

/** Start of the line containing `offset`. */
export function lineStartAt(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** End of the line containing `offset`, after its line break (or the end of the text). */
export function lineEndAfterBreak(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  if (i < text.length) return i + 1;
  return i;
}

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Leading whitespace of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const s = lineStartAt(text, offset);
  const m = /^[ \t]*/.exec(text.slice(s));
  return m ? m[0] : '';
}

/** Rewrite the variant segment of an index URL. */
export function rewriteIndex(ix: IndexRef, variant: string): TextEdit | null {
  const next = ix.parsed?.variantRange ? withVariant(ix.url, variant) : indexUrlFor(variant, ix.parsed?.channel ?? 'stable');
  return next === ix.url ? null : edit(ix.urlSpan, next, ix.file);
}

/** Where the version text of an unpinned requirement goes (after the name and extras). */
function pinInsertPoint(t: TorchReq): { span: Span; text: string } | null {
  const r = t.req;
  if (r.url) return null;
  if (r.specifierSpan) return { span: r.specifierSpan, text: '' };
  if (!r.nameSpan) return null;
  let at = r.nameSpan.end;
  const rest = t.text.slice(at);
  const m = /^\s*\[[^\]]*\]/.exec(rest);
  if (m) at += m[0].length;
  return { span: { start: at, end: at }, text: '' };
}

export interface Retarget {
  /** New variant for index URLs and +local labels; null keeps them. */
  variant: string | null;
  /** Torch release to pin every family line to; null keeps versions as they are. */
  release: TorchRelease | null;
  /** Strip +local labels instead of rewriting them. */
  stripLocal?: boolean;
}

/**
 * Edits that move every torch-family line (and the deciding indexes) to one variant / version, with
 * torchvision/torchaudio paired. Lines and indexes already right are left alone.
 */
export function retargetEdits(model: ProjectModel, indexes: IndexRef[], t: Retarget): TextEdit[] {
  const edits: TextEdit[] = [];
  if (t.variant) for (const ix of indexes) {
    const e = rewriteIndex(ix, t.variant);
    if (e) edits.push(e, ...renameUvIndex(model, ix, t.variant));
  }
  for (const line of model.torch) {
    const file = line.file;
    let base: string | null = line.base;
    if (t.release) {
      base = line.pkg === 'torch' ? t.release.torch : pairedVersion(line.pkg, t.release.torch);
      if (!base) continue;
    }
    let local = line.local;
    if (local && t.variant) local = t.stripLocal ? null : t.variant;
    if (line.exact && line.versionSpan) {
      const next = `${base}${local ? `+${local}` : ''}`;
      if (next !== line.exact) edits.push(edit(line.versionSpan, next, file));
    } else if (t.release && base) {
      const p = pinInsertPoint(line);
      if (p) edits.push(edit(p.span, `==${base}`, file));
    }
  }
  return edits;
}

/**
 * A uv index named for its variant ("pytorch-cu124") keeps telling the truth after its URL moves: the
 * name and every `index = "…"` that routes to it are renamed together. Left alone when the name does
 * not carry the variant or the new name is already taken.
 */
export function renameUvIndex(model: ProjectModel, ix: IndexRef, variant: string): TextEdit[] {
  const name = ix.uv?.name;
  const old = ix.parsed?.variant;
  if (model.kind !== 'pyproject' || ix.kind !== 'uv-index' || !name || !old || old === variant) return [];
  const re = new RegExp(`(^|[^a-z0-9])${old.replace(/\./g, '\\.')}(?![a-z0-9.])`, 'i');
  if (!re.test(name)) return [];
  const next = name.replace(re, (_m, pre: string) => `${pre}${variant}`);
  if (model.indexes.some((i) => i.uv?.name === next)) return [];
  const text = model.text;
  const q = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const out: TextEdit[] = [];
  const own = new RegExp(`^([ \\t]*name[ \\t]*=[ \\t]*["'])${q}["']`, 'gm');
  const refs = new RegExp(`(\\bindex[ \\t]*=[ \\t]*["'])${q}["']`, 'g');
  for (const r of [own, refs]) {
    for (const m of text.matchAll(r)) {
      const start = (m.index ?? 0) + m[1].length;
      if (r === own && (start < ix.lineSpan.start || start > ix.lineSpan.end)) continue;
      out.push(edit({ start, end: start + name.length }, next, ix.file));
    }
  }
  return out;
}

/** Insert an index option line before the first torch-family line (requirements file or pip block). */
export function insertIndexLine(model: ProjectModel, variant: string, option = '--extra-index-url'): TextEdit | null {
  const first = model.torch[0];
  if (!first) return null;
  const url = indexUrlFor(variant);
  if (model.kind === 'requirements') {
    const at = lineStartAt(first.text, first.req.lineSpan.start);
    return edit({ start: at, end: at }, `${option} ${url}${eolOf(first.text)}`, first.file);
  }
  if (model.kind === 'environment' && model.env?.pip) {
    // pip-block entries: "    - torch==..." → insert "    - --extra-index-url URL" before it.
    const at = lineStartAt(model.text, first.req.lineSpan.start);
    const lineText = model.text.slice(at, first.req.lineSpan.start);
    if (!/^\s*-\s*["']?$/.test(lineText)) return null;
    const prefix = lineText.replace(/["']$/, '');
    return edit({ start: at, end: at }, `${prefix}${option} ${url}${eolOf(model.text)}`);
  }
  return null;
}

/**
 * pyproject.toml without any uv index for torch: append a [[tool.uv.index]] for the variant and a
 * [tool.uv.sources] table routing the torch family to it (only when the file has no uv sources yet,
 * so no table is declared twice).
 */
export function appendUvIndex(model: ProjectModel, variant: string): TextEdit | null {
  const py = model.pyproject;
  if (!py || model.kind !== 'pyproject' || /^\s*\[\s*tool\.uv\.sources\s*\]|^\s*\[\s*tool\.uv\s*\][^[]*\bsources\s*=/m.test(py.text)) return null;
  if (/^\s*\[\s*tool\.pixi\b/m.test(py.text) || /pixi\.toml$/i.test(model.path)) return null;
  const eol = eolOf(py.text);
  const name = `pytorch-${variant}`;
  const pkgs = [...new Set(model.torch.map((t) => t.pkg))];
  const sep = py.text.length === 0 || /(\r?\n){2}$/.test(py.text) ? '' : /\r?\n$/.test(py.text) ? eol : eol + eol;
  const block = `${sep}[[tool.uv.index]]${eol}name = "${name}"${eol}url = "${indexUrlFor(variant)}"${eol}explicit = true${eol}${eol}`
    + `[tool.uv.sources]${eol}${pkgs.map((p) => `${p} = { index = "${name}" }`).join(eol)}${eol}`;
  return edit({ start: py.text.length, end: py.text.length }, block);
}

export function sameEdits(a: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return a.filter((e) => {
    const k = `${e.file ?? ''}:${e.span.start}:${e.span.end}:${e.newText}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

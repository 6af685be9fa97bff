// A fix is offered as verified only when applying it to a copy of the file set and analysing again
// with the same machine shows that it worked: the finding it fixes is gone, nothing new went wrong
// anywhere in the file set, and what would be installed still runs here. Pure: the analysis is passed
// in, the copy is an in-memory overlay over the reader.
import type { Finding, Fix, TextEdit } from '../finding';
import { fixTitle } from '../finding';
import { msg, type Localizable } from '../l10n';
import type { FileReader } from '../requirements/types';
import { applyEdits } from './apply';
import { staysWithin, type StatedConstraint } from './constraints';
import { fixEdits } from './plan';

/** Analyse `path` (with `text`) reading every other file through `reader`: the analysis being verified. */
export type Reanalyze = (path: string, text: string, reader: FileReader) => Finding[];

/** Codes saying the installed torch would not run here: none of them may appear or grow after a fix. */
const RUNS_CODES: ReadonlySet<string> = new Set([
  'driver-too-old',
  'gpu-arch-unsupported',
  'python-unsupported',
  'cpu-only-torch',
  'torch-variant-unavailable',
  'torch-companion-mismatch',
]);

/** At most this many fixes per finding are verified (the preferred one first); the rest stay unverified. */
export const MAX_VERIFIED_PER_FINDING = 3;

/** At most this many re-analyses per document (each costs one analysis of the file set). */
export const MAX_REANALYSES_PER_DOCUMENT = 24;

export type Refusal = 'still-reported' | 'new-problem' | 'does-not-run' | 'not-applicable' | 'not-checked' | 'changes-constraint';

export interface Verdict {
  verified: boolean;
  /** Why not, when not verified. */
  refusal?: Refusal;
  /** The code of a new problem the fix would cause (refusal 'new-problem' / 'does-not-run'). */
  newCode?: string;
  /** The stated constraint the fix would rewrite (refusal 'changes-constraint'). */
  constraint?: string;
}

function bucket(f: Finding, documentPath: string): string {
  return `${f.code}\0${f.file ?? documentPath}`;
}

function counts(findings: readonly Finding[], documentPath: string, keep: (f: Finding) => boolean): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) {
    if (!keep(f)) continue;
    const k = bucket(f, documentPath);
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** The file set after `fix`: new texts by path, or null when an edit targets a file that cannot be read. */
export function applyFixToCopy(
  fix: Fix,
  target: Finding,
  documentPath: string,
  documentText: string,
  reader: FileReader,
): Map<string, string> | null {
  const byFile = new Map<string, { span: { start: number; end: number }; newText: string }[]>();
  for (const e of fixEdits(fix, target, documentPath)) {
    const list = byFile.get(e.file) ?? [];
    list.push({ span: e.span, newText: e.newText });
    byFile.set(e.file, list);
  }
  const out = new Map<string, string>();
  for (const [file, edits] of byFile) {
    const text = file === documentPath ? documentText : reader.read(file);
    if (text === null) return null;
    if (edits.some((e) => e.span.start < 0 || e.span.end > text.length || e.span.start > e.span.end)) return null;
    out.set(file, applyEdits(text, edits));
  }
  return out;
}

/** A reader that sees `overlay` texts in place of the files on disk. */
export function overlayReader(reader: FileReader, overlay: ReadonlyMap<string, string>): FileReader {
  return { read: (p) => overlay.get(p) ?? reader.read(p), resolve: (from, target) => reader.resolve(from, target) };
}

/**
 * Verify one fix of `target` (one of `before`, the findings of the document as analysed now):
 * (a) the finding is gone (its code reports less on its file), (b) no error or warning grows anywhere
 * in the file set, (c) no "does not run here" finding grows.
 */
export function verifyFix(
  fix: Fix,
  target: Finding,
  before: readonly Finding[],
  documentPath: string,
  documentText: string,
  reader: FileReader,
  reanalyze: Reanalyze,
): Verdict {
  return judge(fix, target, before, documentPath, documentText, reader, reanalyze).verdict;
}

function judge(
  fix: Fix,
  target: Finding,
  before: readonly Finding[],
  documentPath: string,
  documentText: string,
  reader: FileReader,
  reanalyze: Reanalyze,
): { verdict: Verdict; after: Finding[] } {
  const copy = applyFixToCopy(fix, target, documentPath, documentText, reader);
  if (!copy || copy.size === 0) return { verdict: { verified: false, refusal: 'not-applicable' }, after: [] };
  const after = reanalyze(documentPath, copy.get(documentPath) ?? documentText, overlayReader(reader, copy));
  const all = (): boolean => true;
  const b = counts(before, documentPath, all);
  const a = counts(after, documentPath, all);
  const own = bucket(target, documentPath);
  if ((a.get(own) ?? 0) >= (b.get(own) ?? 0)) return { verdict: { verified: false, refusal: 'still-reported' }, after };
  for (const [k, n] of a) {
    if (n <= (b.get(k) ?? 0)) continue;
    const code = k.split('\0')[0];
    if (RUNS_CODES.has(code)) return { verdict: { verified: false, refusal: 'does-not-run', newCode: code }, after };
  }
  const serious = (f: Finding): boolean => f.severity === 'error' || f.severity === 'warning';
  const bs = counts(before, documentPath, serious);
  for (const [k, n] of counts(after, documentPath, serious)) {
    if (n > (bs.get(k) ?? 0)) return { verdict: { verified: false, refusal: 'new-problem', newCode: k.split('\0')[0] }, after };
  }
  return { verdict: { verified: true }, after };
}

/** Map an offset of the text after `edits` back to the text before them; null inside an inserted text. */
function mapBack(offset: number, edits: readonly { span: { start: number; end: number }; newText: string }[]): number | null {
  let delta = 0;
  for (const e of [...edits].sort((x, y) => x.span.start - y.span.start)) {
    const at = e.span.start + delta;
    if (offset < at) break;
    if (offset < at + e.newText.length) return offset === at ? e.span.start : null;
    delta += e.newText.length - (e.span.end - e.span.start);
  }
  return offset - delta;
}

/**
 * A move of torch that leaves companions contradicting it (nvidia-*-cu13 after cu130 → cu126) is
 * extended with the companions' own fixes, mapped back onto the original text, when they do not
 * overlap the move.
 */
function withCompanions(fix: Fix, target: Finding, before: readonly Finding[], after: readonly Finding[], documentPath: string): Fix | null {
  const had = new Set(before.filter((f) => f.code === COMPANION).map((f) => `${f.file ?? documentPath}\0${f.message}`));
  const added = after.filter((f) => f.code === COMPANION && !had.has(`${f.file ?? documentPath}\0${f.message}`));
  if (!added.length) return null;
  const own = fixEdits(fix, target, documentPath);
  const extra: TextEdit[] = [];
  for (const f of added) {
    const p = f.fixes.find((x) => x.preferred);
    if (!p) return null;
    for (const e of fixEdits(p, f, documentPath)) {
      const mine = own.filter((o) => o.file === e.file);
      const start = mapBack(e.span.start, mine);
      const end = mapBack(e.span.end, mine);
      if (start === null || end === null || end < start) return null;
      if (mine.some((o) => start < o.span.end && o.span.start < end)) return null;
      extra.push({ span: { start, end }, newText: e.newText, ...(e.file !== (target.file ?? documentPath) ? { file: e.file } : {}) });
    }
  }
  return { ...fix, edits: [...fix.edits, ...extra] };
}

const COMPANION = 'torch-companion-mismatch';

/**
 * The fix without its edits that rewrite a constraint the project states (unless the finding is about
 * it); a refusal when nothing else is left.
 */
function respectingConstraints(
  fix: Fix,
  target: Finding,
  documentPath: string,
  stated: readonly StatedConstraint[],
): { fix: Fix; widens?: string; own?: boolean; refused?: undefined } | { fix?: undefined; refused: Verdict } {
  const inDoc = (e: TextEdit): boolean => (e.file ?? target.file ?? documentPath) === documentPath;
  const overlaps = (e: TextEdit, c: StatedConstraint): boolean =>
    e.span.start === e.span.end ? c.span.start <= e.span.start && e.span.start <= c.span.end : e.span.start < c.span.end && c.span.start < e.span.end;
  const hit = (e: TextEdit, widen: boolean): StatedConstraint | undefined =>
    inDoc(e)
      ? stated.find((c) => !c.about.includes(target.code) && !!c.widenOnly === widen && overlaps(e, c) && !(widen && c.spec && staysWithin(e.newText, c.spec)))
      : undefined;
  const widened = fix.edits.map((e) => hit(e, true)).find((c) => c);
  const touched = fix.edits.map((e) => hit(e, false)).find((c) => c);
  // A stated constraint the finding is about may change, but only by an alternative the user picks.
  const own = fix.edits.filter(inDoc).map((e) => stated.find((c) => c.about.includes(target.code) && overlaps(e, c))).find((c) => c);
  if (!touched && own) return { fix, widens: own.label, own: true };
  if (!touched) return widened ? { fix, widens: widened.label } : { fix };
  const rest = fix.edits.filter((e) => !hit(e, false));
  return rest.length ? { fix: { ...fix, ...keptTitle(fix, rest), edits: rest } } : { refused: { verified: false, refusal: 'changes-constraint', constraint: touched.label } };
}

/** After a pin was dropped, the title names only what is left: the index the edits still point torch at. */
function keptTitle(fix: Fix, rest: readonly TextEdit[]): { title: string; l10n?: Localizable } {
  for (const e of rest) {
    const m = /download\.pytorch\.org\/whl\/(?:(?:nightly|test)\/)?([a-z]+[0-9.]*)\b/.exec(e.newText);
    if (m) return fixTitle(msg('Use the {0} index for torch', m[1]));
  }
  return fix.l10n ? { title: fix.title, l10n: fix.l10n } : { title: fix.title };
}

function refusalText(v: Verdict): { message: string; l10n?: Localizable } {
  switch (v.refusal) {
    case 'still-reported':
      return msg('after it the problem is still reported');
    case 'does-not-run':
      return msg('after it torch would still not run here ({0})', v.newCode ?? '');
    case 'new-problem':
      return msg('it would cause a new problem ({0})', v.newCode ?? '');
    case 'not-checked':
      return msg('it was not checked');
    case 'changes-constraint':
      return msg('it would rewrite {0}, which the project states', v.constraint ?? '');
    default:
      return msg('it cannot be applied to the file');
  }
}

/**
 * Annotate every fix of `findings` with `verified` (verifying the preferred fix and alternatives, at
 * most MAX_VERIFIED_PER_FINDING per finding). A finding whose fixes are all refused says why in its
 * message, and its first fix is no longer marked preferred, so nothing applies it unasked.
 */
export function annotateVerified(
  findings: Finding[],
  documentPath: string,
  documentText: string,
  reader: FileReader,
  reanalyze: Reanalyze,
  stated: readonly StatedConstraint[] = [],
): { findings: Finding[]; verified: number; refused: number } {
  let verified = 0;
  let refused = 0;
  let budget = MAX_REANALYSES_PER_DOCUMENT;
  const counted: Reanalyze = (p, t, r) => {
    budget--;
    return reanalyze(p, t, r);
  };
  const out = findings.map((f) => {
    if (f.fixes.length === 0) return f;
    const order = f.fixes.map((_, i) => i).sort((x, y) => Number(f.fixes[y].preferred) - Number(f.fixes[x].preferred));
    const verdicts = new Map<number, Verdict>();
    const moved = new Map<number, Fix>();
    const widening = new Map<number, string>();
    const changesOwn = new Set<number>();
    // A fix its rule marks `verified: false` rests on facts the data does not hold: never verified.
    for (const i of order.filter((x) => f.fixes[x].verified !== false).slice(0, MAX_VERIFIED_PER_FINDING)) {
      if (budget <= 0) break;
      const within = respectingConstraints(f.fixes[i], f, documentPath, stated);
      if (!within.fix) {
        verdicts.set(i, within.refused);
        continue;
      }
      const kept = within.fix;
      if (within.widens) widening.set(i, within.widens);
      if (within.own) changesOwn.add(i);
      if (kept !== f.fixes[i]) moved.set(i, kept);
      const first = judge(kept, f, findings, documentPath, documentText, reader, counted);
      let v = first.verdict;
      if (!v.verified && v.newCode === COMPANION && f.code !== COMPANION) {
        const extended = withCompanions(kept, f, findings, first.after, documentPath);
        if (extended) {
          v = judge(extended, f, findings, documentPath, documentText, reader, counted).verdict;
          if (v.verified) moved.set(i, extended);
        }
      }
      if (!v.verified && moved.get(i) === kept) moved.delete(i);
      verdicts.set(i, v);
    }
    const fixes = f.fixes.map((orig, i) => {
      const fix = moved.get(i) ?? orig;
      const v = verdicts.get(i) ?? { verified: false, refusal: 'not-checked' as const };
      if (v.verified) verified++;
      else refused++;
      return { ...fix, verified: v.verified };
    });
    const firstVerified = order.find((i) => fixes[i].verified && !widening.has(i));
    if (firstVerified !== undefined) {
      // The preferred fix is the first verified one (the rule's own preference when it qualifies).
      return { ...f, fixes: fixes.map((x, i) => ({ ...x, preferred: i === firstVerified })) };
    }
    const widen = order.find((i) => fixes[i].verified && widening.has(i));
    if (widen !== undefined) {
      // Nothing the project's range allows runs here: widening it is offered, never preferred.
      const why = changesOwn.has(widen)
        ? msg('{0} (Changing {1} is offered as an alternative; it is not applied unasked.)', f.l10n ? { message: f.message, l10n: f.l10n } : f.message, widening.get(widen) ?? '')
        : msg('{0} (Nothing {1} allows runs here: the fix that widens it is offered as an alternative.)', f.l10n ? { message: f.message, l10n: f.l10n } : f.message, widening.get(widen) ?? '');
      return { ...f, message: why.message, l10n: why.l10n, fixes: fixes.map((x) => ({ ...x, preferred: false })) };
    }
    const first = verdicts.get(order[0]) ?? { verified: false, refusal: 'not-checked' as const };
    const why = msg('{0} (The offered fix is not verified: {1}.)', f.l10n ? { message: f.message, l10n: f.l10n } : f.message, refusalText(first));
    return { ...f, message: why.message, l10n: why.l10n, fixes: fixes.map((x) => ({ ...x, preferred: false })) };
  });
  return { findings: out, verified, refused };
}

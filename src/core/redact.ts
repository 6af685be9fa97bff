// What a report may quote from a file. pip expands ${NAME} from the environment while reading, so a
// message built from the expanded line would print a token; URL credentials are masked as pip masks
// them, and long quotes are cut.
import { capFindings, type Finding } from './finding';
import type { Localizable } from './l10n';
import type { Env } from './requirements/types';
import { redactUrlsIn } from './uri';

/** The ${NAME} references in `texts` that pip would expand (upper-case names set and non-empty). */
export function expandedVariables(texts: Iterable<string>, env: Env): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of texts) {
    for (const m of t.matchAll(/\$\{([A-Z0-9_]+)\}/g)) {
      const value = env[m[1]];
      // very short values (a digit, a word) are not secrets and would garble unrelated text
      if (value && value.length >= 4) out.set(m[1], value);
    }
  }
  return out;
}

/** Each expanded value in `text` written back as the ${NAME} it came from (longest values first). */
export function unexpand(text: string, vars: ReadonlyMap<string, string>): string {
  const byLength = [...vars].sort((a, b) => b[1].length - a[1].length);
  let out = text;
  for (const [name, value] of byLength) out = out.split(value).join('${' + name + '}');
  return out;
}

/** Text safe to print from a finding: variables unexpanded, URL credentials masked. */
export function redactMessage(text: string, vars: ReadonlyMap<string, string> = new Map()): string {
  return redactUrlsIn(vars.size ? unexpand(text, vars) : text);
}

function redactLocalizable(l: Localizable, vars: ReadonlyMap<string, string>): Localizable {
  return { template: l.template, args: l.args.map((a) => (typeof a === 'string' ? redactMessage(a, vars) : typeof a === 'number' ? a : redactLocalizable(a, vars))) };
}

/**
 * A finding as it may be shown: message, translation arguments and fix titles with variables written
 * back and credentials masked; an edit writes ${VAR} back where the file had it (never the value, or a
 * fix would save the secret into the file).
 */
export function redactFinding(f: Finding, vars: ReadonlyMap<string, string>): Finding {
  const out: Finding = { ...f, message: redactMessage(f.message, vars) };
  if (f.l10n) out.l10n = redactLocalizable(f.l10n, vars);
  out.fixes = f.fixes.map((x) => {
    const fix = {
      ...x,
      title: redactMessage(x.title, vars),
      edits: x.edits.map((e) => (vars.size ? { ...e, newText: unexpand(e.newText, vars) } : e)),
    };
    if (x.l10n) fix.l10n = redactLocalizable(x.l10n, vars);
    return fix;
  });
  return out;
}

/**
 * Findings as the editor shows them: redacted (above) with the ${VARS} of `texts` expanded from `env`,
 * and at most MAX_FINDINGS_PER_FILE per file (a huge file must not turn into 150,000 squiggles).
 */
export function shownFindings(findings: readonly Finding[], texts: Iterable<string>, env: Env): Finding[] {
  const vars = expandedVariables(texts, env);
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file ?? '') ?? [];
    list.push(redactFinding(f, vars));
    byFile.set(f.file ?? '', list);
  }
  const shown: Finding[] = [];
  for (const list of byFile.values()) for (const f of capFindings(list)) shown.push(f);
  return shown;
}

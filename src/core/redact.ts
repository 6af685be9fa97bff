// What a report may quote from a file. pip expands ${NAME} from the environment while reading, so a
// message built from the expanded line would print a token; URL credentials are masked as pip masks
// them, and long quotes are cut.
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

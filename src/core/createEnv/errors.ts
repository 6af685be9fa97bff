// The last error lines of a failed conda/mamba/pip run, quoted in the failure message. conda prints
// "SomethingError: ..." blocks; pip prints "ERROR: ..." lines (and "error: ..." for build failures);
// conda env create wraps pip's failure in "Pip subprocess error:" ... "CondaEnvException: Pip failed",
// and conda run adds "ERROR conda.cli.main_run:execute(...)"; those wrappers keep the block before them.

const ERROR_START = [
  /^[A-Z][A-Za-z]*(Error|Exception|NotFound)\b[^:]*:/, // CondaValueError:, EnvironmentNameNotFound:, ...
  /^ERROR:/,
  /^error:/,
  /^critical libmamba/i,
  /^error\s+libmamba/i,
  /^Traceback \(most recent call last\):/,
];

/** Lines that only say "the thing above failed". */
const WRAPPER = [/^CondaEnvException: Pip failed/, /^ERROR conda\.cli\.main_run/, /^Pip subprocess error:/];

/** Splits output into lines; "\r" progress redraws count as line ends. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

const isStart = (l: string) => ERROR_START.some((re) => re.test(l));
const isWrapper = (l: string) => WRAPPER.some((re) => re.test(l));

/** Error blocks: a start line, then following lines up to a blank line not followed by an indented one. */
function errorBlocks(lines: string[]): string[][] {
  const blocks: string[][] = [];
  let cur: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (isStart(l) || isWrapper(l)) {
      if (cur && isStart(l) && cur.length && !isWrapper(cur[0]) && /^(ERROR|error):/.test(l) && /^(ERROR|error):/.test(cur[0])) {
        cur.push(l); // consecutive pip ERROR: lines form one block
        continue;
      }
      cur = [l];
      blocks.push(cur);
      continue;
    }
    if (!cur) continue;
    if (l.trim() === '') {
      const next = lines.slice(i + 1).find((x) => x.trim() !== '');
      if (next === undefined || !/^\s/.test(next)) cur = null;
      continue;
    }
    cur.push(l);
  }
  return blocks;
}

/**
 * The last error block of the output (up to `max` lines; a wrapper line brings the block before it),
 * or the last non-empty lines when no recognisable error line is present.
 */
export function lastErrorLines(output: string, max = 6): string[] {
  const lines = splitLines(output).map((l) => l.replace(/\s+$/, ''));
  const blocks = errorBlocks(lines).filter((b) => !(b.length === 1 && /^Pip subprocess error:/.test(b[0])));
  if (!blocks.length) return lines.filter((l) => l.trim() !== '').slice(-Math.min(3, max));
  let i = blocks.length - 1;
  while (i > 0 && blocks[i].every((l) => isWrapper(l))) i--;
  const picked = blocks[i].filter((l) => !isWrapper(l));
  // Keep conda's own verdict ("CondaEnvException: Pip failed"), not conda run's "see above" line.
  const wrappers = blocks.slice(i + 1).flat().filter((l) => isWrapper(l) && !/^Pip subprocess error:|^ERROR conda\.cli\.main_run/.test(l));
  const all = [...(picked.length ? picked : blocks[i]), ...wrappers];
  return all.slice(0, max);
}

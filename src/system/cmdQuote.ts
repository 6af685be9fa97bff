// The command line cmd.exe runs for a Windows .bat/.cmd (conda.bat, pyenv-win's python.bat): Node
// refuses to spawn those without a shell since CVE-2024-27980. The escaping is cross-spawn's
// (lib/util/escape.js, MIT, https://github.com/moxystudio/node-cross-spawn, after
// https://qntm.org/cmd): quote for the program's argv parser first, then caret-escape every cmd.exe
// metacharacter (quotes included, so cmd never enters a quoted state in which ^ would be literal).
// Escaped twice, as cross-spawn does for npm's .cmd shims: a batch file that forwards `%*` (conda.bat,
// pyenv-win's python.bat) makes cmd parse the arguments a second time. The batch file's own path is
// quoted instead (a Windows path holds no quote; spaces and & in it stay inside the quotes).
// A line break cannot be passed at all: cmd ends the command there.

const META = /([()\][%!^"`<>&|;, *?])/g;


/**
 * One argument quoted for the C runtime's argv parser: backslashes before a quote are doubled and the
 * quote escaped, trailing backslashes doubled (they precede the closing quote). A linear scan: the
 * lookahead regex of cross-spawn 7.0.6 doubles only one backslash of a run before a quote.
 */
export function quoteForArgv(arg: string): string {
  let out = '"';
  let slashes = 0;
  for (const c of arg) {
    if (c === '\\') {
      slashes++;
      continue;
    }
    out += c === '"' ? '\\'.repeat(2 * slashes + 1) + '"' : '\\'.repeat(slashes) + c;
    slashes = 0;
  }
  return out + '\\'.repeat(2 * slashes) + '"';
}

/** One argument, quoted for the program and caret-escaped for cmd.exe (cross-spawn's escapeArgument). */
export function escapeCmdArgument(arg: string, doubleEscape = true): string {
  const a = quoteForArgv(arg).replace(META, '^$1');
  return doubleEscape ? a.replace(META, '^$1') : a;
}

/** Why an argument list cannot go through cmd.exe, or null. */
export function cmdRefusal(file: string, args: readonly string[]): string | null {
  if (/["\r\n\0]/.test(file)) return 'the .bat/.cmd path contains a quote or a line break';
  return args.some((a) => /[\r\n\0]/.test(a))
    ? 'an argument contains a line break or NUL, which cmd.exe cannot pass to a .bat/.cmd'
    : null;
}

/**
 * argv for spawning cmd.exe (with windowsVerbatimArguments) so that it runs `file args...` and the
 * batch file sees exactly `args`: /d skips AutoRun, /s keeps the outer quotes rule simple.
 */
export function cmdArgv(file: string, args: readonly string[]): string[] {
  const line = [`"${file}"`, ...args.map((a) => escapeCmdArgument(a))].join(' ');
  return ['/d', '/s', '/c', `"${line}"`];
}

// The options part of a requirements-file line, read as pip reads it: break_args_options() (the
// first " "-separated token starting with "-" begins the options), shlex.split() in POSIX mode, then
// optparse with pip's option table (long-option abbreviations, "--opt=value", "-rFILE", "-r FILE").

export interface OptionSpec {
  /** Canonical long name. */
  name: string;
  long: string[];
  short: string | null;
  takesValue: boolean;
  /** Applies to the requirement on the same line (SUPPORTED_OPTIONS_REQ). */
  perRequirement: boolean;
  choices?: string[];
}

export const OPTION_SPECS: OptionSpec[] = [
  { name: '--index-url', long: ['--index-url', '--pypi-url'], short: '-i', takesValue: true, perRequirement: false },
  { name: '--extra-index-url', long: ['--extra-index-url'], short: null, takesValue: true, perRequirement: false },
  { name: '--no-index', long: ['--no-index'], short: null, takesValue: false, perRequirement: false },
  { name: '--constraint', long: ['--constraint'], short: '-c', takesValue: true, perRequirement: false },
  { name: '--requirement', long: ['--requirement'], short: '-r', takesValue: true, perRequirement: false },
  { name: '--editable', long: ['--editable'], short: '-e', takesValue: true, perRequirement: false },
  { name: '--find-links', long: ['--find-links'], short: '-f', takesValue: true, perRequirement: false },
  { name: '--no-binary', long: ['--no-binary'], short: null, takesValue: true, perRequirement: false },
  { name: '--only-binary', long: ['--only-binary'], short: null, takesValue: true, perRequirement: false },
  { name: '--prefer-binary', long: ['--prefer-binary'], short: null, takesValue: false, perRequirement: false },
  { name: '--require-hashes', long: ['--require-hashes'], short: null, takesValue: false, perRequirement: false },
  { name: '--pre', long: ['--pre'], short: null, takesValue: false, perRequirement: false },
  { name: '--trusted-host', long: ['--trusted-host'], short: null, takesValue: true, perRequirement: false },
  {
    name: '--use-feature',
    long: ['--use-feature'],
    short: null,
    takesValue: true,
    perRequirement: false,
    // union over recent pip releases, so a newer pip's feature is not reported as an error
    choices: ['fast-deps', 'truststore', 'no-binary-enable-wheel-cache', '2020-resolver', 'in-tree-build', 'build-constraint', 'inprocess-build-deps'],
  },
  { name: '--global-option', long: ['--global-option'], short: null, takesValue: true, perRequirement: true },
  { name: '--hash', long: ['--hash'], short: null, takesValue: true, perRequirement: true },
  { name: '--config-settings', long: ['--config-settings'], short: '-C', takesValue: true, perRequirement: true },
];

const LONG = new Map<string, OptionSpec>();
const SHORT = new Map<string, OptionSpec>();
for (const spec of OPTION_SPECS) {
  for (const l of spec.long) LONG.set(l, spec);
  if (spec.short) SHORT.set(spec.short, spec);
}
const LONG_NAMES = [...LONG.keys()];

export const STRONG_HASHES = ['sha256', 'sha384', 'sha512'];

export interface ShToken {
  value: string;
  /** Logical positions of the raw token (quotes included). */
  start: number;
  end: number;
  /** Position in `value` → logical position, for simple tokens (no quotes/escapes) -1 means "not 1:1". */
  simple: boolean;
}

export class OptionError extends Error {
  constructor(
    message: string,
    readonly kind: 'unknown' | 'invalid',
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

/** Start of the options part: the first " "-separated token that starts with "-" (or text length). */
export function optionsStart(text: string): number {
  if (text.charCodeAt(0) === 45) return 0;
  let i = text.indexOf(' -');
  return i < 0 ? text.length : ++i;
}

/** shlex.split(text[a, e)) in POSIX mode, with positions. Throws OptionError. */
export function shlexSplit(text: string, a: number, e: number): ShToken[] {
  const out: ShToken[] = [];
  let i = a;
  while (i < e) {
    let c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || c === 10) {
      i++;
      continue;
    }
    const start = i;
    let value = '';
    let simple = true;
    while (i < e) {
      c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13 || c === 10) break;
      if (c === 92 /* \ */) {
        simple = false;
        if (i + 1 >= e) throw new OptionError('No escaped character', 'invalid', i, e);
        value += text[i + 1];
        i += 2;
      } else if (c === 39 /* ' */) {
        simple = false;
        const k = text.indexOf("'", i + 1);
        if (k < 0 || k >= e) throw new OptionError('No closing quotation', 'invalid', i, e);
        value += text.slice(i + 1, k);
        i = k + 1;
      } else if (c === 34 /* " */) {
        simple = false;
        i++;
        for (;;) {
          if (i >= e) throw new OptionError('No closing quotation', 'invalid', start, e);
          const d = text.charCodeAt(i);
          if (d === 34) {
            i++;
            break;
          }
          if (d === 92) {
            if (i + 1 >= e) throw new OptionError('No closing quotation', 'invalid', start, e);
            const n = text.charCodeAt(i + 1);
            value += n === 34 || n === 92 ? text[i + 1] : text.slice(i, i + 2);
            i += 2;
          } else {
            value += text[i];
            i++;
          }
        }
      } else {
        value += text[i];
        i++;
      }
    }
    out.push({ value, start, end: i, simple });
  }
  return out;
}

export interface ParsedOption {
  spec: OptionSpec;
  /** The option string as matched ("--index-url" after expanding an abbreviation). */
  opt: string;
  value: string | null;
  /** Logical positions of the option (name through value) and of the value. */
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
}

function matchLong(opt: string, start: number, end: number): OptionSpec & { matched: string } {
  const exact = LONG.get(opt);
  if (exact) return { ...exact, matched: opt };
  const cands = LONG_NAMES.filter((l) => l.startsWith(opt));
  if (cands.length === 1) return { ...LONG.get(cands[0])!, matched: cands[0] };
  if (cands.length === 0) throw new OptionError(`no such option: ${opt}`, 'unknown', start, end);
  throw new OptionError(`ambiguous option: ${opt} (${cands.join(', ')}?)`, 'unknown', start, end);
}

/** Value span of a token, without enclosing quotes when the whole token is one quoted string. */
function valueSpan(text: string, start: number, end: number): [number, number] {
  const q = text.charCodeAt(start);
  if (end - start >= 2 && (q === 34 || q === 39) && text.charCodeAt(end - 1) === q) return [start + 1, end - 1];
  return [start, end];
}

/** optparse over shlex tokens. Positional arguments are ignored, as pip ignores them. */
export function parseOptions(text: string, tokens: ShToken[]): ParsedOption[] {
  const out: ParsedOption[] = [];
  let k = 0;
  while (k < tokens.length) {
    const tok = tokens[k++];
    const arg = tok.value;
    if (arg === '--') break;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const optName = eq >= 0 ? arg.slice(0, eq) : arg;
      const spec = matchLong(optName, tok.start, tok.end);
      const opt = spec.matched;
      if (spec.takesValue) {
        if (eq >= 0) {
          let vs = tok.end;
          let ve = tok.end;
          if (tok.simple) {
            [vs, ve] = valueSpan(text, tok.start + eq + 1, tok.end);
          } else {
            const rawEq = text.indexOf('=', tok.start);
            if (rawEq >= 0 && rawEq < tok.end) [vs, ve] = valueSpan(text, rawEq + 1, tok.end);
          }
          out.push(check({ spec, opt, value: arg.slice(eq + 1), start: tok.start, end: tok.end, valueStart: vs, valueEnd: ve }));
        } else {
          const v = tokens[k++];
          if (!v) throw new OptionError(`${opt} option requires 1 argument`, 'invalid', tok.start, tok.end);
          const [vs, ve] = valueSpan(text, v.start, v.end);
          out.push(check({ spec, opt, value: v.value, start: tok.start, end: v.end, valueStart: vs, valueEnd: ve }));
        }
      } else {
        if (eq >= 0) throw new OptionError(`${opt} option does not take a value`, 'invalid', tok.start, tok.end);
        out.push({ spec, opt, value: null, start: tok.start, end: tok.end, valueStart: tok.end, valueEnd: tok.end });
      }
    } else if (arg.startsWith('-') && arg !== '-') {
      // short options: every short option of ours takes a value
      const opt = arg.slice(0, 2);
      const spec = SHORT.get(opt);
      if (!spec) throw new OptionError(`no such option: ${opt}`, 'unknown', tok.start, tok.end);
      if (arg.length > 2) {
        const [vs, ve] = tok.simple ? valueSpan(text, tok.start + 2, tok.end) : [tok.start + 2, tok.end];
        out.push(check({ spec, opt, value: arg.slice(2), start: tok.start, end: tok.end, valueStart: vs, valueEnd: ve }));
      } else {
        const v = tokens[k++];
        if (!v) throw new OptionError(`${opt} option requires 1 argument`, 'invalid', tok.start, tok.end);
        const [vs, ve] = valueSpan(text, v.start, v.end);
        out.push(check({ spec, opt, value: v.value, start: tok.start, end: v.end, valueStart: vs, valueEnd: ve }));
      }
    }
    // else: a positional argument, which pip's line parser discards
  }
  return out;
}

/** pip's option callbacks and choices. */
function check(o: ParsedOption): ParsedOption {
  const v = o.value ?? '';
  if (o.spec.name === '--hash') {
    const colon = v.indexOf(':');
    if (colon < 0)
      throw new OptionError(
        `Arguments to ${o.opt} must be a hash name followed by a value, like --hash=sha256:abcde...`,
        'invalid',
        o.start,
        o.end,
      );
    if (!STRONG_HASHES.includes(v.slice(0, colon)))
      throw new OptionError(`Allowed hash algorithms for ${o.opt} are ${STRONG_HASHES.join(', ')}.`, 'invalid', o.valueStart, o.valueEnd);
  } else if (o.spec.name === '--config-settings') {
    if (v.indexOf('=') < 0) throw new OptionError(`Arguments to ${o.opt} must be of the form KEY=VAL`, 'invalid', o.valueStart, o.valueEnd);
  } else if (o.spec.choices && !o.spec.choices.includes(v)) {
    throw new OptionError(
      `option ${o.opt}: invalid choice: '${v}' (choose from ${o.spec.choices.map((c) => `'${c}'`).join(', ')})`,
      'invalid',
      o.valueStart,
      o.valueEnd,
    );
  }
  return o;
}

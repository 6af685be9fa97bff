// cmd.exe escaping for .bat/.cmd, checked against a model of how cmd.exe and the program's argv parser
// read the line: percent expansion, then caret/quote handling (an unescaped & | < > ends the command),
// then the Microsoft C runtime's argv rules. Hostile arguments must arrive unchanged and run nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cmdArgv, cmdRefusal, escapeCmdArgument } from '../../../src/system/cmdQuote';

const ENV: Record<string, string> = { PATH: 'C:\\Windows', USERPROFILE: 'C:\\Users\\x', CD: 'C:\\' };

/** Phase 1 of cmd's parser on a command line: %NAME% of a defined variable is replaced. */
function expandPercent(line: string): string {
  return line.replace(/%([^%]+)%/g, (m, name: string) => ENV[name.toUpperCase()] ?? m);
}

/** Phase 2: carets escape outside quotes, quotes toggle; returns the text and whether an operator was live. */
function cmdPhase2(line: string): { text: string; operator: boolean } {
  let out = '';
  let quoted = false;
  let operator = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      quoted = !quoted;
      out += c;
    } else if (!quoted && c === '^') {
      i++;
      if (i < line.length) out += line[i];
    } else {
      if (!quoted && /[&|<>]/.test(c)) operator = true;
      out += c;
    }
  }
  return { text: out, operator };
}

/** The Microsoft C runtime's argv parsing (2008+ rules). */
function msvcrtArgv(line: string): string[] {
  const args: string[] = [];
  let cur = '';
  let inArg = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      let n = 0;
      while (line[i] === '\\') { n++; i++; }
      if (line[i] === '"') {
        cur += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) cur += '"';
        else { quoted = !quoted; }
        inArg = true;
      } else {
        cur += '\\'.repeat(n);
        i--;
        inArg = true;
      }
    } else if (c === '"') {
      if (quoted && line[i + 1] === '"') { cur += '"'; i++; } else quoted = !quoted;
      inArg = true;
    } else if (!quoted && (c === ' ' || c === '\t')) {
      if (inArg) args.push(cur);
      cur = '';
      inArg = false;
    } else {
      cur += c;
      inArg = true;
    }
  }
  if (inArg) args.push(cur);
  return args;
}

/**
 * cmd /d /s /c "<line>" runs the batch file, which forwards %* (conda.bat: "%CONDA_EXE%" %*): the
 * argument text is parsed by cmd a second time (phase 2 only: %* is not expanded again), then by the
 * program's C runtime.
 */
function throughCmd(file: string, args: string[]): { batch: string; argv: string[]; operator: boolean } {
  const v = cmdArgv(file, args);
  assert.deepEqual(v.slice(0, 3), ['/d', '/s', '/c']);
  // /s: cmd drops the first and the last quote of the /c text.
  const inner = v[3].slice(1, -1);
  const first = cmdPhase2(expandPercent(inner));
  const m = /^"([^"]*)"(.*)$/s.exec(first.text);
  assert.ok(m, first.text);
  const forwarded = cmdPhase2(`"C:\\conda\\conda.exe"${m[2]}`);
  return { batch: m[1], argv: msvcrtArgv(forwarded.text).slice(1), operator: first.operator || forwarded.operator };
}

const HOSTILE = [
  'plain', 'a b', '', 'x&y', 'a|b', '<in', '>out', 'a^b', '^', '"', 'say "hi"', '\\"', 'C:\\dir\\', 'C:\\dir with space\\',
  '%PATH%', '%USERPROFILE%\\x', '100%', '!x!', '(a)', 'a;b', 'a,b', '*?', '`cmd`', '" & calc & "', '\\\\"&whoami',
  'import sys;exec(bytes.fromhex("41"))', '--query-gpu=name,driver_version', '"%CD%"',
];

test('hostile arguments reach the batch file unchanged, and no operator is live', () => {
  for (const a of HOSTILE) {
    const r = throughCmd('C:\\Program Files\\conda\\condabin\\conda.bat', ['run', a]);
    assert.equal(r.operator, false, `operator live for ${JSON.stringify(a)}`);
    assert.equal(r.batch, 'C:\\Program Files\\conda\\condabin\\conda.bat');
    assert.deepEqual(r.argv, ['run', a], JSON.stringify(a));
  }
});

test('property: any printable argument list arrives unchanged', () => {
  const arg = fc.array(fc.constantFrom(...'ab \\"^%!&|<>()[];,*?`=PATH'.split('')), { maxLength: 12 }).map((cs) => cs.join(''));
  fc.assert(fc.property(fc.array(arg, { maxLength: 4 }), (args) => {
    const r = throughCmd('C:\\x\\python.bat', args);
    assert.equal(r.operator, false);
    assert.deepEqual(r.argv, args);
  }), { numRuns: 500 });
});

test('line breaks and NULs are refused: cmd would end the command there', () => {
  assert.match(cmdRefusal('python.bat', ['-c', 'import os\nos.system("x")']) ?? '', /line break/);
  assert.ok(cmdRefusal('python.bat', ['a\rb']));
  assert.ok(cmdRefusal('python.bat', ['a\0b']));
  assert.equal(cmdRefusal('C:\\R&D dir\\python.bat', ['plain', 'a & b']), null);
});

test('^ is never emitted inside a cmd-quoted region', () => {
  // Every quote is itself caret-escaped, so cmd never enters a quoted state where ^ would be literal.
  for (const a of HOSTILE) assert.doesNotMatch(escapeCmdArgument(a), /(^|[^^])"/, JSON.stringify(a));
});

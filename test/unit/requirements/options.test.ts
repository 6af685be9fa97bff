// Options as pip reads them: break_args_options, shlex.split (POSIX), optparse with abbreviations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { optionsStart, OptionError, parseOptions, shlexSplit } from '../../../src/core/requirements/options';

const opts = (s: string) => parseOptions(s, shlexSplit(s, 0, s.length)).map((o) => [o.spec.name, o.value]);

test('the options part starts at the first " "-separated token starting with "-"', () => {
  assert.equal(optionsStart('-r x'), 0);
  assert.equal(optionsStart('foo --hash=sha256:a'), 4);
  assert.equal(optionsStart('foo\t--hash=sha256:a'), 19, 'a tab does not separate tokens');
  assert.equal(optionsStart('foo'), 3);
});

test('shlex: quotes, escapes, adjacency', () => {
  const s = `a "b c" 'd e'f g\\ h "x\\"y"`;
  assert.deepEqual(shlexSplit(s, 0, s.length).map((t) => t.value), ['a', 'b c', 'd ef', 'g h', 'x"y']);
  assert.throws(() => shlexSplit('"open', 0, 5), OptionError);
});

test('long, short, glued and abbreviated forms', () => {
  assert.deepEqual(opts('--index-url=https://a -ihttps://b -i https://c --extra https://d --pypi-url e'), [
    ['--index-url', 'https://a'],
    ['--index-url', 'https://b'],
    ['--index-url', 'https://c'],
    ['--extra-index-url', 'https://d'],
    ['--index-url', 'e'],
  ]);
  assert.deepEqual(opts('-rfile.txt -c c.txt -e . -f ./w --pre --no-index'), [
    ['--requirement', 'file.txt'],
    ['--constraint', 'c.txt'],
    ['--editable', '.'],
    ['--find-links', './w'],
    ['--pre', null],
    ['--no-index', null],
  ]);
  assert.deepEqual(opts('--hash sha256:a --hash=sha512:b -C k=v --global-option=--x'), [
    ['--hash', 'sha256:a'],
    ['--hash', 'sha512:b'],
    ['--config-settings', 'k=v'],
    ['--global-option', '--x'],
  ]);
});

test('pip\'s errors: unknown, ambiguous, missing argument, flag with a value, callbacks, choices', () => {
  const kind = (s: string) => {
    try {
      opts(s);
      return null;
    } catch (e) {
      return e instanceof OptionError ? `${e.kind}: ${e.message}` : String(e);
    }
  };
  assert.equal(kind('--bogus'), 'unknown: no such option: --bogus');
  assert.match(kind('--pr') ?? '', /^unknown: ambiguous option: --pr \(/);
  assert.equal(kind('-r'), 'invalid: -r option requires 1 argument');
  assert.equal(kind('--pre=1'), 'invalid: --pre option does not take a value');
  assert.equal(kind('--hash=md5:x'), 'invalid: Allowed hash algorithms for --hash are sha256, sha384, sha512.');
  assert.equal(kind('--config-settings x'), 'invalid: Arguments to --config-settings must be of the form KEY=VAL');
  assert.match(kind('--use-feature nope') ?? '', /invalid choice: 'nope'/);
  assert.equal(kind('--use-feature fast-deps'), null);
  assert.equal(kind('-- --bogus'), null, 'after "--" everything is positional (ignored)');
});

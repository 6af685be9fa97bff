// The PEP 508 tokenizer/parser: packaging's grammar and its error messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMarkerString, parseRequirementString, Pep508Error } from '../../../src/core/requirements/pep508';

const ok = (s: string) => parseRequirementString(s, 0, s.length);
const err = (s: string) => {
  try {
    ok(s);
  } catch (e) {
    if (e instanceof Pep508Error) return e.reason;
    throw e;
  }
  return null;
};

test('names, extras, specifiers, URL, marker', () => {
  const r = ok('Foo.Bar_baz [ x , y ] >= 1.0rc1 , != 1.5.* ; python_version < "3.9"');
  assert.equal(r.name, 'Foo.Bar_baz');
  assert.deepEqual(r.extras, ['x', 'y']);
  assert.deepEqual(r.specifiers.map((s) => s.op + s.version), ['>=1.0rc1', '!=1.5.*']);
  assert.ok(r.marker);
  const u = ok('pkg @ https://x.org/p.whl ; os_name == "nt"');
  assert.equal(u.url, 'https://x.org/p.whl');
  assert.equal(ok('pkg (>=1,<2)').specifiers.length, 2);
  assert.equal(ok('pkg===anything-goes').specifiers[0].version, 'anything-goes');
  assert.equal(ok('pkg==1.0+cu121').specifiers[0].version, '1.0+cu121');
  assert.equal(ok('pkg~=1.4.post2.dev3').specifiers[0].op, '~=');
  assert.equal(ok('pkg>=1,').specifiers.length, 1, 'a trailing comma is accepted, as packaging does');
});

test('error messages are packaging\'s', () => {
  assert.equal(err('>=1'), 'Expected package name at the start of dependency specifier');
  assert.equal(err('pkg>=1.*'), '.* suffix can only be used with `==` or `!=` operators');
  assert.equal(err('pkg<1+local'), 'Local version label can only be used with `==` or `!=` operators');
  assert.equal(err('pkg==1 foo'), 'Expected comma (within version specifier), semicolon (after version specifier) or end');
  assert.equal(err('pkg foo'), 'Expected semicolon (after name with no version specifier) or end');
  assert.equal(err('pkg[a b]'), 'Expected comma between extra names');
  assert.equal(err('pkg[a'), 'Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras');
  assert.equal(err('pkg @'), 'Expected URL after @');
  assert.equal(err('pkg~=1'), 'Expected semicolon (after name with no version specifier) or end');
  assert.equal(err('pkg; os_name'), 'Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in');
  assert.equal(err('pkg; os_name == nt'), 'Expected a marker variable or quoted string');
  assert.equal(err('pkg; "a" not"b"'), "Expected whitespace after 'not'");
  assert.equal(err('pkg; "a" not "b"'), "Expected 'in' after 'not'");
});

const marker = (s: string) => parseMarkerString(s, 0, s.length).node;

test('markers: precedence (and over or), parentheses, both quotes, in / not in, dotted names', () => {
  const m = marker('os_name == "nt" or python_version < \'3\' and sys_platform in "linux"');
  assert.ok('bool' in m && m.bool === 'or' && 'bool' in m.right && m.right.bool === 'and');
  const p = marker('(os.name == "nt" or extra == "x") and "l" not in platform_release');
  assert.ok('bool' in p && p.bool === 'and');
  assert.throws(() => marker('os_name == "nt" or'), Pep508Error);
  assert.throws(() => marker('('.repeat(500) + 'os_name=="nt"' + ')'.repeat(500)), Pep508Error);
});

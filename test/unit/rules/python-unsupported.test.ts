import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, corpusText, only } from './helpers';

test('environment.yml python=3.8 with torch 2.9.0 in the pip block → python-unsupported on the python spec', () => {
  const text = 'name: x\ndependencies:\n  - python=3.8\n  - pip\n  - pip:\n    - torch==2.9.0\n';
  const f = only(check(text, null, '/p/environment.yml'), 'python-unsupported');
  assert.equal(f.length, 1);
  assert.equal(text.slice(f[0].span.start, f[0].span.end), '3.8');
  assert.match(f[0].message, /3\.10–3\.14/);
});

test('the active interpreter / --python outside the range', () => {
  const f = only(check('torch==2.1.2\n', { python: '3.12' }), 'python-unsupported');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /3\.8–3\.11/);
  assert.deepEqual(only(check('torch==2.1.2\n', { python: '3.11' }), 'python-unsupported'), []);
});

test('pyproject requires-python lower bound below the pinned torch floor', () => {
  const text = '[project]\nname = "x"\nversion = "0"\nrequires-python = ">=3.8"\ndependencies = ["torch==2.9.0"]\n';
  const f = only(check(text, null, '/p/pyproject.toml'), 'python-unsupported');
  assert.equal(f.length, 1);
  assert.equal(text.slice(f[0].span.start, f[0].span.end).replace(/"/g, ''), '>=3.8');
});

test('controls: experimental Python is not an error; unpinned torch is not judged', () => {
  assert.deepEqual(only(check('torch==2.5.1\n', { python: '3.13' }), 'python-unsupported'), []);
  assert.deepEqual(only(check('torch\n', { python: '3.7' }), 'python-unsupported'), []);
});

test('corpus environments: no python-unsupported without a torch pin', () => {
  const text = corpusText('environment/lllyasviel__Fooocus__environment.yaml');
  assert.deepEqual(only(check(text, null, '/p/environment.yaml'), 'python-unsupported'), []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, check, corpusText, only, preferred } from './helpers';

test('pip: block without pip → warning; fix adds "- pip" above it with the same indentation', () => {
  const text = 'name: x\ndependencies:\n  - python=3.11\n  - pip:\n      - requests\n';
  const f = only(check(text, null, '/p/environment.yml'), 'conda-pip-missing');
  assert.equal(f.length, 1);
  const fixed = apply(text, preferred(f[0]));
  assert.equal(fixed, 'name: x\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n      - requests\n');
  assert.deepEqual(only(check(fixed, null, '/p/environment.yml'), 'conda-pip-missing'), []);
});

test('corpus: cuML all_cuda-129 environment has a pip: block without pip', () => {
  const text = corpusText('environment/rapidsai__cuml__conda__environments__all_cuda-129_arch-x86_64.yaml');
  const f = only(check(text, null, '/p/environment.yaml'), 'conda-pip-missing');
  assert.equal(f.length, 1);
  const fixed = apply(text, preferred(f[0]));
  assert.deepEqual(only(check(fixed, null, '/p/environment.yaml'), 'conda-pip-missing'), []);
});

test('control: pip listed', () => {
  assert.deepEqual(only(check('dependencies:\n  - pip\n  - pip:\n    - requests\n', null, '/p/environment.yml'), 'conda-pip-missing'), []);
});

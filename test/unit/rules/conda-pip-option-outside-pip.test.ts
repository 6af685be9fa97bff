import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, check, only, preferred } from './helpers';

test('--extra-index-url as a conda dependency → error; fix moves it into the pip: block', () => {
  const text = 'name: x\ndependencies:\n  - python=3.11\n  - --extra-index-url https://download.pytorch.org/whl/cu121\n  - pip\n  - pip:\n    - torch==2.1.2\n';
  const f = only(check(text, null, '/p/environment.yml'), 'conda-pip-option-outside-pip');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  const fixed = apply(text, preferred(f[0]));
  assert.equal(fixed, 'name: x\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n    - --extra-index-url https://download.pytorch.org/whl/cu121\n    - torch==2.1.2\n');
  assert.deepEqual(only(check(fixed, null, '/p/environment.yml'), 'conda-pip-option-outside-pip'), []);
});

test('control: options inside the pip block', () => {
  const text = 'dependencies:\n  - pip\n  - pip:\n    - --extra-index-url https://download.pytorch.org/whl/cu121\n    - torch==2.1.2\n';
  assert.deepEqual(only(check(text, null, '/p/environment.yml'), 'conda-pip-option-outside-pip'), []);
});

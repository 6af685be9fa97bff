import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, check, only, preferred } from './helpers';

test('http:// index → insecure-index, fix to https', () => {
  const text = '--extra-index-url http://mirror.example.org/pytorch/whl/cu121\ntorch\n';
  const f = only(check(text, null), 'insecure-index');
  assert.equal(f.length, 1);
  assert.equal(apply(text, preferred(f[0])), '--extra-index-url https://mirror.example.org/pytorch/whl/cu121\ntorch\n');
});

test('controls: https and localhost', () => {
  assert.deepEqual(only(check('--index-url https://pypi.org/simple\ntorch\n', null), 'insecure-index'), []);
  assert.deepEqual(only(check('--index-url http://localhost:8080/simple\ntorch\n', null), 'insecure-index'), []);
});

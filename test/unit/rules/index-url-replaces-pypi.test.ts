import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, check, corpusFile, corpusText, only, preferred } from './helpers';

test('--index-url PyTorch + other packages → warning, fix switches to --extra-index-url', () => {
  const text = '--index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2\ntransformers==4.40.0\n';
  const f = only(check(text, null), 'index-url-replaces-pypi');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /transformers/);
  assert.equal(apply(text, preferred(f[0])), '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2\ntransformers==4.40.0\n');
});

test('controls: only torch (and its own dependencies) under --index-url; a non-PyTorch --index-url mirror', () => {
  assert.deepEqual(only(check('--index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2\nnumpy\n', null), 'index-url-replaces-pypi'), []);
  assert.deepEqual(only(check('--index-url https://mirrors.example.org/pypi/simple\ntorch\ntransformers\n', null), 'index-url-replaces-pypi'), []);
});

test('corpus: unsloth requirements_cu121 (xformers from the cu121 index only)', () => {
  const rel = 'requirements/unslothai__unsloth/requirements_cu121@68af199.txt';
  const f = only(check(corpusText(rel), null, corpusFile(rel)), 'index-url-replaces-pypi');
  assert.equal(f.length, 1);
});

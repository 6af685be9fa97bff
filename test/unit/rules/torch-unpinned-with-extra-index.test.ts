import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, check, corpusFile, corpusText, only, preferred } from './helpers';

test('unpinned torch with a cu121 extra index → warning; fix pins the family to the newest cu121 release', () => {
  const text = '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch\ntorchvision\n';
  const f = only(check(text, null), 'torch-unpinned-with-extra-index');
  assert.equal(f.length, 1);
  const fixed = apply(text, preferred(f[0]));
  assert.equal(fixed, '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.5.1\ntorchvision==0.20.1\n');
  assert.deepEqual(only(check(fixed, null), 'torch-unpinned-with-extra-index'), []);
});

test('controls: pinned torch; a capped range the index serves; --index-url (single index)', () => {
  assert.deepEqual(only(check('--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2\n', null), 'torch-unpinned-with-extra-index'), []);
  assert.deepEqual(only(check('--extra-index-url https://download.pytorch.org/whl/cu130\ntorch>=2.9.0a0,<=2.9.0\n', null), 'torch-unpinned-with-extra-index'), []);
  assert.deepEqual(only(check('--index-url https://download.pytorch.org/whl/cu121\ntorch\n', null), 'torch-unpinned-with-extra-index'), []);
});

test('corpus: llama.cpp convert requirements (torch~= with the cpu extra index)', () => {
  const rel = 'requirements/ggml-org__llama.cpp/requirements/requirements-convert_hf_to_gguf.txt';
  const text = corpusText(rel);
  const f = only(check(text, null, corpusFile(rel)), 'torch-unpinned-with-extra-index');
  assert.ok(f.length <= 1);
});

test('GPU known but driver unknown: the fix pins the index\'s own variant, never a variant the driver may not run', () => {
  const text = '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch\ntorchvision\n';
  const f = only(check(text, { gpu: 'NVIDIA GeForce RTX 4090' }), 'torch-unpinned-with-extra-index');
  assert.equal(f.length, 1);
  assert.equal(apply(text, preferred(f[0])), '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.5.1\ntorchvision==0.20.1\n');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, check, corpusFile, corpusText, only, preferred } from './helpers';

test('torchvision 0.15.2 with torch 2.1.2 → fix to 0.16.2 (local label kept)', () => {
  const text = 'torch==2.1.2+cu121\ntorchvision==0.15.2+cu121\n';
  const f = only(check(text, null), 'torch-family-version-mismatch');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /0\.16\.2/);
  assert.equal(apply(text, preferred(f[0])), 'torch==2.1.2+cu121\ntorchvision==0.16.2+cu121\n');
});

test('torch ≥ 2.12 pairs with torchaudio 2.11.0 (no later torchaudio)', () => {
  assert.deepEqual(only(check('torch==2.12.0\ntorchaudio==2.11.0\n', null), 'torch-family-version-mismatch'), []);
  const f = only(check('torch==2.12.0\ntorchaudio==2.12.0\n', null), 'torch-family-version-mismatch');
  assert.equal(f.length, 1);
});

test('controls: torch 2.0.0 with conda-era torchvision 0.15.0 (published pairing); unpinned torch', () => {
  assert.deepEqual(only(check('torch==2.0.0\ntorchvision==0.15.0\n', null), 'torch-family-version-mismatch'), []);
  assert.deepEqual(only(check('torch\ntorchvision==0.15.2\n', null), 'torch-family-version-mismatch'), []);
});

test('corpus: kohya sd-scripts test requirements pair torchaudio 2.2.0 with torch 2.0.1', () => {
  const rel = 'requirements/kohya-ss__sd-scripts/test_pip_requirements@6255661.txt';
  const text = corpusText(rel);
  const f = only(check(text, null, corpusFile(rel)), 'torch-family-version-mismatch');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /torchaudio 2\.2\.0/);
  assert.match(apply(text, preferred(f[0])), /torchaudio==2\.0\.2/);
});

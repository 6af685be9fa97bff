import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allKnownVariants, isNewerThanKnown, newestWithVariant, pairedVersion, pairs, pypiDefaultVariant, pythonSupport,
  splitLocal, torchForPaired, torchRelease, variantsFor,
} from '../../../src/core/knowledge/torch';

test('variants per version (published), unknown versions are null', () => {
  assert.deepEqual(variantsFor('2.1.2'), ['cpu', 'cu118', 'cu121', 'rocm5.5', 'rocm5.6']);
  assert.ok(variantsFor('2.9.0')?.includes('cu130'));
  assert.ok(variantsFor('2.9.0')?.includes('cu129'), 'cu129 builds of 2.9.x exist (corrections 2026-11)');
  assert.ok(!variantsFor('2.12.0')?.includes('cu129'), 'but not of 2.12.0');
  assert.deepEqual(variantsFor('2.15.0'), ['cu130', 'cu132'], '2.15.0: CUDA 13.x only, no cu126');
  assert.equal(variantsFor('3.0.0'), null);
  assert.equal(torchRelease('2.1')?.torch, '2.1.0');
  assert.equal(torchRelease('2.1.2+cu121')?.torch, '2.1.2');
});

test('PyPI default per OS: Linux CUDA build, Windows and macOS CPU', () => {
  assert.equal(pypiDefaultVariant('2.5.1', 'linux'), 'cu124');
  assert.equal(pypiDefaultVariant('2.11.0', 'linux'), 'cu130');
  assert.equal(pypiDefaultVariant('2.5.1', 'win32'), 'cpu');
  assert.equal(pypiDefaultVariant('2.5.1', 'darwin'), 'cpu');
  assert.equal(pypiDefaultVariant('2.14.0', 'linux'), 'cu130', 'CUDA 13.0 remained the default for 2.14 (corrections 2026-11)');
  assert.equal(pypiDefaultVariant('2.15.0', 'linux'), null, 'not read for 2.15');
});

test('torchvision / torchaudio pairing', () => {
  assert.equal(pairedVersion('torchvision', '2.1.2'), '0.16.2');
  assert.equal(pairedVersion('torchaudio', '2.13.0'), '2.11.0');
  assert.equal(pairs('torchvision', '0.16.2', '2.1.2'), true);
  assert.equal(pairs('torchvision', '0.16.1', '2.1.2'), false);
  assert.equal(pairs('torchvision', '0.15.0', '2.0.0'), true, 'conda-era pairing');
  assert.equal(pairs('torchvision', '0.99.0', '9.9.9'), null);
  assert.deepEqual(torchForPaired('torchvision', '0.20.1'), ['2.5.1']);
});

test('Python range', () => {
  assert.equal(pythonSupport('2.9.0', '3.9'), 'too-old');
  assert.equal(pythonSupport('2.9.0', '3.14'), 'supported');
  assert.equal(pythonSupport('2.1.2', '3.12'), 'too-new');
  assert.equal(pythonSupport('2.5.1', '3.13'), 'experimental');
  assert.equal(pythonSupport('2.15.0', '3.12'), 'unknown');
});

test('unknown versions and variants', () => {
  assert.equal(isNewerThanKnown('2.16.0'), true);
  assert.equal(isNewerThanKnown('2.5.1'), false);
  assert.ok(!allKnownVariants().has('cu122'));
  assert.ok(allKnownVariants().has('cu129'));
  assert.equal(newestWithVariant('cu121')?.torch, '2.5.1');
  assert.equal(newestWithVariant('cu118')?.torch, '2.7.1');
  assert.deepEqual(splitLocal('2.1.2+cu121'), { base: '2.1.2', local: 'cu121' });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, only } from './helpers';

test('driver between the minor-compat floor and the toolkit driver, GPU unknown → information (PTX JIT unavailable)', () => {
  const f = only(check('--index-url https://download.pytorch.org/whl/cu124\ntorch==2.5.1\n', { driver: '535.104.05' }), 'driver-below-toolkit');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'information');
  assert.match(f[0].message, /PTX JIT/);
  assert.match(f[0].message, /525\.60\.13/);
});

test('no crying wolf: the common working case (native kernels for this GPU) says nothing', () => {
  const f = only(check('--index-url https://download.pytorch.org/whl/cu124\ntorch==2.5.1\n', { driver: '535.104.05', gpu: 'NVIDIA GeForce RTX 4090' }), 'driver-below-toolkit');
  assert.deepEqual(f, []);
});

test('controls: driver at or above the toolkit driver; no machine', () => {
  assert.deepEqual(only(check('--index-url https://download.pytorch.org/whl/cu124\ntorch==2.5.1\n', { driver: '550.54.15' }), 'driver-below-toolkit'), []);
  assert.deepEqual(only(check('--index-url https://download.pytorch.org/whl/cu124\ntorch==2.5.1\n', null), 'driver-below-toolkit'), []);
});

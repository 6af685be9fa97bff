import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, check, only, preferred } from './helpers';

test('torchvision +cu118 next to torch +cu121 → torch-variant-mismatch on the torchvision line', () => {
  const text = '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\ntorchvision==0.16.2+cu118 # keep\n';
  const f = only(check(text, null), 'torch-variant-mismatch');
  assert.equal(f.length, 1);
  assert.equal(text.slice(f[0].span.start, f[0].span.end), '0.16.2+cu118');
  assert.equal(apply(text, preferred(f[0])), '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\ntorchvision==0.16.2+cu121 # keep\n');
});

test('control: consistent labels', () => {
  assert.deepEqual(only(check('torch==2.1.2+cu121\ntorchvision==0.16.2+cu121\n', null), 'torch-variant-mismatch'), []);
});

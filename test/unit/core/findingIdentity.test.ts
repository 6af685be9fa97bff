import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Code } from '../../../src/constants';
import { finding, type Finding } from '../../../src/core/finding';
import { findingIdentity, uniqueBy } from '../../../src/core/findingIdentity';

const f = (code: Code, start: number, end: number, message: string) => finding(code, 'warning', message, { start, end });

test('same code, file, span and message is one finding; any difference is another', () => {
  const a = f('driver-too-old', 3, 9, 'needs driver 525');
  const copy: Finding = { ...a, fixes: [], severity: 'error' };
  assert.equal(findingIdentity(a, '/p/base.txt'), findingIdentity(copy, '/p/base.txt'));
  const others = [
    findingIdentity(f('torch-variant-mismatch', 3, 9, 'needs driver 525'), '/p/base.txt'),
    findingIdentity(a, '/p/other.txt'),
    findingIdentity(f('driver-too-old', 4, 9, 'needs driver 525'), '/p/base.txt'),
    findingIdentity(f('driver-too-old', 3, 10, 'needs driver 525'), '/p/base.txt'),
    findingIdentity(f('driver-too-old', 3, 9, 'needs driver 530'), '/p/base.txt'),
  ];
  assert.equal(new Set([findingIdentity(a, '/p/base.txt'), ...others]).size, 6);
});

test('separators inside a path or message cannot make two findings one', () => {
  assert.notEqual(findingIdentity(f('driver-too-old', 1, 2, 'a|b'), '/p'), findingIdentity(f('driver-too-old', 1, 2, 'a'), '/p|b'));
});

test('uniqueBy keeps the first of each and the order', () => {
  const items = [f('insecure-index', 0, 1, 'm'), f('cpu-only-torch', 0, 1, 'm'), f('insecure-index', 0, 1, 'm'), f('include-cycle', 2, 3, 'm')];
  assert.deepEqual(uniqueBy(items, (x) => findingIdentity(x, '/p')).map((x) => x.code), ['insecure-index', 'cpu-only-torch', 'include-cycle']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, fixedText, preferredEdits } from '../../../src/core/createEnv/fixes';
import type { Finding } from '../../../src/core/finding';

const text = 'torch==2.1.2+cu121\n--extra-index-url https://download.pytorch.org/whl/cu121\nnumpy\n';
const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
const f = (code: string, edits: { s: string; t: string }[], preferred = true): Finding => ({
  code, severity: 'error', message: code, span: at(edits[0].s),
  fixes: [{ title: 'alt', preferred: false, edits: [{ span: at(edits[0].s), newText: 'WRONG' }] },
    { title: 'fix', preferred, edits: edits.map((e) => ({ span: at(e.s), newText: e.t })) }],
});

test('applies only preferred fixes of environment rules, skipping overlaps and duplicates', () => {
  const findings = [
    f('driver-too-old', [{ s: '+cu121', t: '+cu118' }, { s: 'whl/cu121', t: 'whl/cu118' }]),
    f('torch-variant-mismatch', [{ s: '+cu121', t: '+cu118' }]), // same edit again
    f('torch-index-unknown', [{ s: 'whl/cu121', t: 'whl/cu126' }]), // overlaps the first
    f('unpinned-requirement', [{ s: 'numpy', t: 'numpy==1' }]), // not an env rule
  ];
  assert.equal(preferredEdits(findings, '/p/requirements.txt').length, 2);
  assert.equal(fixedText(text, findings, '/p/requirements.txt'),
    'torch==2.1.2+cu118\n--extra-index-url https://download.pytorch.org/whl/cu118\nnumpy\n');
});

test('no preferred fix → null; edits for other files are left out', () => {
  assert.equal(fixedText(text, [f('driver-too-old', [{ s: '+cu121', t: '+cu118' }], false)], '/p/r.txt'), null);
  const other: Finding = { ...f('driver-too-old', [{ s: '+cu121', t: '+cu118' }]), file: '/p/other.txt' };
  assert.equal(fixedText(text, [other], '/p/r.txt'), null);
  assert.equal(applyEdits('abc', [{ span: { start: 0, end: 1 }, newText: 'X' }, { span: { start: 2, end: 3 }, newText: 'Z' }]), 'XbZ');
});

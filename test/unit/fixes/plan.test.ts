import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, Fix } from '../../../src/core/finding';
import { applyEdits } from '../../../src/core/fixes/apply';
import { editsConflict, planFixAll, preferredIndex } from '../../../src/core/fixes/plan';

const DOC = '/w/requirements.txt';

function fix(title: string, preferred: boolean, edits: [number, number, string, string?][]): Fix {
  return { title, preferred, edits: edits.map(([start, end, newText, file]) => ({ span: { start, end }, newText, ...(file ? { file } : {}) })) };
}
/** A finding told apart by its message (the planner never looks at codes). */
function f(label: string, fixes: Fix[], file?: string): Finding {
  return { code: 'torch-index-unknown', severity: 'error', message: label, span: { start: 0, end: 1 }, fixes, ...(file ? { file } : {}) };
}

test('preferredIndex: the flagged fix, else the first, else none', () => {
  assert.equal(preferredIndex([]), -1);
  assert.equal(preferredIndex([fix('a', false, []), fix('b', true, []), fix('c', true, [])]), 1);
  assert.equal(preferredIndex([fix('a', false, []), fix('b', false, [])]), 0);
});

test('editsConflict: overlap, shared start, identical and touching edits', () => {
  const e = (file: string, start: number, end: number, newText: string) => ({ file, span: { start, end }, newText });
  assert.equal(editsConflict(e(DOC, 0, 5, 'x'), e(DOC, 3, 8, 'y')), true);
  assert.equal(editsConflict(e(DOC, 0, 5, 'x'), e(DOC, 5, 8, 'y')), false, 'touching ranges do not overlap');
  assert.equal(editsConflict(e(DOC, 4, 4, 'a'), e(DOC, 4, 4, 'b')), true, 'two insertions at one point');
  assert.equal(editsConflict(e(DOC, 4, 4, 'a'), e(DOC, 4, 4, 'a')), false, 'identical edits are one edit');
  assert.equal(editsConflict(e(DOC, 0, 5, 'x'), e('/w/other.txt', 0, 5, 'y')), false, 'different files');
  assert.equal(editsConflict(e(DOC, 2, 2, 'i'), e(DOC, 0, 5, 'x')), true, 'insertion inside a replacement');
});

test('planFixAll applies every preferred fix that does not overlap, earlier findings first', () => {
  const text = 'torch==2.1.2+cu121\ntorchvision==0.16.2+cu121\n--extra-index-url https://download.pytorch.org/whl/cu121\n';
  const idx = text.indexOf('cu121\n--') ;
  const urlStart = text.indexOf('https://');
  const findings = [
    f('driver-too-old', [fix('to cu118', true, [[13, 18, 'cu118'], [idx, idx + 5, 'cu118'], [text.indexOf('whl/cu121') + 4, text.indexOf('whl/cu121') + 9, 'cu118']]), fix('cpu', false, [[13, 18, 'cpu']])]),
    // the same index rewrite again (identical edit) plus nothing else: compatible
    f('torch-variant-mismatch', [fix('same', true, [[text.indexOf('whl/cu121') + 4, text.indexOf('whl/cu121') + 9, 'cu118']])]),
    // overlaps the first finding's edit on line 1 with different text: skipped
    f('other', [fix('conflicting', true, [[7, 18, '2.2.0']])]),
    f('no-fix', []),
  ];
  const plan = planFixAll(findings, DOC);
  assert.deepEqual(plan.applied.map((x) => x.message), ['driver-too-old', 'torch-variant-mismatch']);
  assert.deepEqual(plan.skipped.map((x) => x.message), ['other']);
  assert.equal(plan.edits.length, 3);
  assert.ok(plan.edits.every((e, i) => i === 0 || e.span.start >= plan.edits[i - 1].span.end));
  assert.equal(
    applyEdits(text, plan.edits),
    'torch==2.1.2+cu118\ntorchvision==0.16.2+cu118\n--extra-index-url https://download.pytorch.org/whl/cu118\n',
  );
  assert.ok(urlStart > 0);
});

test('planFixAll skips a fix whose own edits overlap and routes edits to their files', () => {
  const plan = planFixAll(
    [
      f('bad', [fix('self-overlap', true, [[0, 4, 'a'], [2, 6, 'b']])]),
      f('include', [fix('in include', true, [[0, 3, 'abc']])], '/w/base.txt'),
      f('explicit', [fix('explicit file', true, [[5, 6, 'z', '/w/c.txt']])]),
    ],
    DOC,
  );
  assert.deepEqual(plan.skipped.map((x) => x.message), ['bad']);
  assert.deepEqual(plan.edits.map((e) => e.file), ['/w/base.txt', '/w/c.txt']);
});

test('a fix without the preferred flag still counts as the preferred one when it is the only fix', () => {
  const plan = planFixAll([f('x', [fix('only', false, [[0, 1, 'y']])])], DOC);
  assert.equal(plan.applied.length, 1);
  assert.equal(applyEdits('abc', plan.edits), 'ybc');
});

test('property: the plan never holds conflicting edits, and every applied fix is in it whole', async () => {
  const fc = await import('fast-check');
  const edit = fc.record({
    start: fc.nat({ max: 40 }),
    len: fc.nat({ max: 6 }),
    text: fc.constantFrom('', 'a', 'bb', 'cu118'),
    other: fc.boolean(),
  });
  const findingArb = fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { maxLength: 8 });
  fc.assert(
    fc.property(findingArb, (specs) => {
      const findings = specs.map((edits, i) =>
        f(`c${i}`, [fix(`t${i}`, true, edits.map((e) => [e.start, e.start + e.len, e.text, e.other ? '/w/other.txt' : undefined] as [number, number, string, string?]))]),
      );
      const plan = planFixAll(findings, DOC);
      for (let i = 0; i < plan.edits.length; i++) {
        for (let j = i + 1; j < plan.edits.length; j++) assert.equal(editsConflict(plan.edits[i], plan.edits[j]), false);
      }
      assert.equal(plan.applied.length + plan.skipped.length, findings.length);
      for (const a of plan.applied) {
        for (const e of a.fixes[0].edits) {
          assert.ok(plan.edits.some((p) => p.file === (e.file ?? DOC) && p.span.start === e.span.start && p.span.end === e.span.end && p.newText === e.newText));
        }
      }
      const text = 'x'.repeat(50);
      const mine = plan.edits.filter((e) => e.file === DOC);
      assert.equal(typeof applyEdits(text, mine), 'string');
    }),
    { numRuns: 500 },
  );
});

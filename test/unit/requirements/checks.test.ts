// Cross-line findings: duplicate-requirement, conflicting-specifiers (PEP 440), unpinned-requirement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSetDiagnostics, parseRequirementsSet, type FileReader } from '../../../src/core/requirements/index';

function check(files: Record<string, string>, unpinned = false) {
  const reader: FileReader = { read: (p) => files[p] ?? null, resolve: (_from, t) => `/p/${t}` };
  const set = parseRequirementsSet('/p/r.txt', files['/p/r.txt'], reader);
  return checkSetDiagnostics(set, { unpinned }).map((d) => [d.code, d.file ?? null, set.root.text.slice(d.span.start, d.span.end)]);
}
const conflicts = (files: Record<string, string>) => check(files).filter((x) => x[0] === 'conflicting-specifiers');

test('conflicts are decided with PEP 440 semantics', () => {
  assert.deepEqual(conflicts({ '/p/r.txt': 'a>=2\na<1\n' }), [['conflicting-specifiers', null, '<1']]);
  assert.deepEqual(conflicts({ '/p/r.txt': 'a>=1.0,<1.1\na!=1.0.5\n' }), []);
  assert.deepEqual(conflicts({ '/p/r.txt': 'a>1.0\na<1.0.1\n' }), [], '1.0.0.1 satisfies both');
  assert.deepEqual(conflicts({ '/p/r.txt': 'a==2.1.0+cu121\na==2.1.0+cu118\n' }).length, 1);
  assert.deepEqual(conflicts({ '/p/r.txt': 'a==2.1.0+cu121\na>=2.1\n' }), []);
  assert.deepEqual(conflicts({ '/p/r.txt': 'a~=1.4\na>=2\n' }).length, 1);
  assert.deepEqual(conflicts({ '/p/r.txt': 'a>=1.2,<1.3\na!=1.2.*\n' }).length, 1);
});

test('complementary markers are not conflicts nor duplicates; unmarked entries apply to every marker', () => {
  assert.deepEqual(check({ '/p/r.txt': 'a==1; python_version<"3.9"\na==2; python_version>="3.9"\n' }), []);
  assert.equal(conflicts({ '/p/r.txt': 'a==1; python_version<"3.9"\na>=2\n' }).length, 1);
});

test('constraints from -c count for conflicts; the finding carries the file it lives in', () => {
  const r = check({ '/p/r.txt': '-r inc.txt\n-c c.txt\n', '/p/inc.txt': 'numpy<2\n', '/p/c.txt': 'numpy>=2\n' });
  // reported on the later line (the constraint, read after the include)
  assert.deepEqual(r.map((x) => [x[0], x[1]]), [['conflicting-specifiers', '/p/c.txt']]);
});

test('duplicates: same name and marker and extras, warning on the later line', () => {
  assert.deepEqual(check({ '/p/r.txt': 'A_b==1\na-b==1\nimageio[ffmpeg]\nimageio[pyav]\n' }), [['duplicate-requirement', null, 'a-b']]);
});

test('unpinned: named, not constraints, not URLs or editables, no == / ===', () => {
  const r = check({ '/p/r.txt': 'a\nb==1\nc>=1\nd==1.*\ne===x\nf @ https://x/f.whl\n-e ./g\n' }, true);
  assert.deepEqual(r.map((x) => x[2]), ['a', 'c', 'd']);
});

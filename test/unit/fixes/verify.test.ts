// Fix verification: each fix is applied to an in-memory copy of the file set and judged again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOnce } from '../../../src/core/analyze';
import type { Finding, Fix } from '../../../src/core/finding';
import { annotateVerified, verifyFix, type Reanalyze } from '../../../src/core/fixes/verify';
import type { FileReader } from '../../../src/core/requirements/types';
import { check, machine, only, reader } from '../rules/helpers';

const T4_470 = { driver: '470.82.01' };
const RTX4090_WIN = { driver: '551.78', gpu: 'NVIDIA GeForce RTX 4090', platform: 'win32' as const, python: '3.11' };

function reanalyzer(flags: Parameters<typeof machine>[0]): Reanalyze {
  return (p: string, t: string, r: FileReader) => analyzeOnce(p, t, machine(flags), { reader: r }).findings;
}

test('driver 470 + cu121: the preferred cu118 fix is verified and stays preferred', () => {
  const text = '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\n';
  const [f] = only(check(text, T4_470), 'driver-too-old');
  assert.ok(f.fixes.length >= 1);
  const pref = f.fixes.filter((x) => x.preferred);
  assert.equal(pref.length, 1);
  assert.equal(pref[0].verified, true);
  assert.ok(f.fixes.every((x) => typeof x.verified === 'boolean'));
});

test('a fix that leaves torch unable to run is refused (does-not-run), naming the code', () => {
  const path = '/p/requirements.txt';
  const text = '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\n';
  const before = analyzeOnce(path, text, machine(T4_470), { reader: reader() }).findings;
  const [target] = only(before, 'driver-too-old');
  // Moves to a cu130 build: the driver problem stays, in another form.
  const line = text.indexOf('torch==');
  const bad: Fix = { title: 'to cu130', preferred: true, edits: [{ span: { start: 0, end: text.length }, newText: '--extra-index-url https://download.pytorch.org/whl/cu130\ntorch==2.9.0+cu130\n' }] };
  assert.ok(line > 0);
  const v = verifyFix(bad, target, before, path, text, reader(), reanalyzer(T4_470));
  assert.equal(v.verified, false);
  assert.ok(v.refusal === 'still-reported' || v.refusal === 'does-not-run', JSON.stringify(v));
});

test('a fix that trades the problem for another error is refused (new-problem)', () => {
  const path = '/p/requirements.txt';
  const text = '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\n';
  const before = analyzeOnce(path, text, machine(T4_470), { reader: reader() }).findings;
  const [target] = only(before, 'driver-too-old');
  // Fixes the driver problem but writes an invalid requirement line.
  const bad: Fix = { title: 'cu118 + junk', preferred: true, edits: [{ span: { start: 0, end: text.length }, newText: '--extra-index-url https://download.pytorch.org/whl/cu118\ntorch==2.1.2+cu118\nnumpy>=<1\n' }] };
  const v = verifyFix(bad, target, before, path, text, reader(), reanalyzer(T4_470));
  assert.equal(v.verified, false);
  assert.equal(v.refusal, 'new-problem');
  assert.equal(v.newCode, 'invalid-requirement');
});

test('a wheel URL with +cpu on an RTX 4090: an extra CUDA index changes nothing, so the fix is refused and the message says why', () => {
  const text = 'https://download.pytorch.org/whl/cpu/torch-2.5.1%2Bcpu-cp311-cp311-win_amd64.whl\n';
  const fs = check(text, RTX4090_WIN).filter((f) => f.code === 'cpu-only-torch');
  for (const f of fs) {
    if (f.fixes.some((x) => x.verified)) continue;
    assert.equal(f.fixes.filter((x) => x.preferred).length, 0, 'no preferred fix when none is verified');
    if (f.fixes.length) assert.match(f.message, /not verified/);
  }
});

test('a fix in an included file is verified through the in-memory overlay (the file on disk is not read for it)', () => {
  const main = '/p/requirements.txt';
  const inc = '/p/torch.txt';
  const files = { [inc]: '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\n' };
  const findings = check('-r torch.txt\nnumpy==1.26.4\n', T4_470, main, files);
  const [f] = only(findings, 'driver-too-old');
  assert.ok(f, 'driver-too-old reported through the include');
  const pref = f.fixes.find((x) => x.preferred);
  assert.ok(pref && pref.verified === true, JSON.stringify(f.fixes));
  assert.equal(files[inc].includes('cu121'), true, 'the included file is untouched');
});

test('annotateVerified: the first verified fix becomes preferred when the rule\'s preferred one is refused', () => {
  const path = '/p/requirements.txt';
  const text = '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\n';
  const before = analyzeOnce(path, text, machine(T4_470), { reader: reader() }).findings;
  const target = only(before, 'driver-too-old')[0];
  const good = target.fixes.find((x) => x.preferred)!;
  const refused: Fix = { title: 'no-op', preferred: true, edits: [{ span: { start: 0, end: 0 }, newText: '# nothing\n' }] };
  const withBoth: Finding = { ...target, fixes: [refused, { ...good, preferred: false }] };
  const out = annotateVerified([withBoth], path, text, reader(), reanalyzer(T4_470));
  const [f] = out.findings;
  assert.deepEqual(f.fixes.map((x) => [x.preferred, x.verified]), [[false, false], [true, true]]);
  assert.equal(out.verified, 1);
  assert.equal(out.refused, 1);
});

test('a library range in pyproject is never turned into a pin: the fix keeps only its index/source edits', () => {
  const text = '[project]\nname = "lib"\nversion = "1.0"\nrequires-python = ">=3.10"\ndependencies = ["torch>=2.0.0", "numpy"]\n';
  const findings = check(text, RTX4090_WIN, '/p/pyproject.toml');
  const [f] = only(findings, 'cpu-only-torch');
  assert.ok(f, 'reported');
  const pref = f.fixes.find((x) => x.preferred);
  if (pref) {
    assert.equal(pref.verified, true);
    for (const e of pref.edits) assert.ok(e.span.start >= text.indexOf('numpy"]') || e.span.end <= text.indexOf('torch>='), `edit ${JSON.stringify(e)} touches the range`);
  } else {
    assert.match(f.message, /not verified/);
  }
});

test('a fix whose only edit rewrites requires-python is refused unless its finding is about Python', () => {
  const path = '/p/pyproject.toml';
  const text = '[project]\nname = "app"\nrequires-python = ">=3.10"\ndependencies = ["torch==2.1.2"]\n';
  const m = machine(T4_470);
  const first = analyzeOnce(path, text, m, { reader: reader() });
  const span = { start: text.indexOf('">=3.10"'), end: text.indexOf('">=3.10"') + 8 };
  const fake: Finding = { code: 'driver-too-old', severity: 'error', message: 'x', span, fixes: [{ title: 'py', preferred: true, edits: [{ span, newText: '">=3.12"' }] }] };
  const stated = [{ span, label: 'requires-python', about: ['python-unsupported' as const] }];
  const out = annotateVerified([...first.findings, fake], path, text, reader(), reanalyzer(T4_470), stated);
  const got = out.findings[out.findings.length - 1];
  assert.equal(got.fixes[0].verified, false);
  assert.match(got.message, /requires-python, which the project states/);
});

// create-env's fix preview (fixedText): the rules' preferred fixes for one file, planned by the fix-all
// planner. Where the preview's former planner differed from fix-all, these tests pin the agreed rules:
// one notion of the preferred fix, fix-all's overlap rule, whole fixes only, the rules' codes only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SyntaxCodes, type Code } from '../../../src/constants';
import { analyzeDocument, modelOf } from '../../../src/core/analyze';
import type { Finding } from '../../../src/core/finding';
import { fixedText } from '../../../src/core/fixes/oneFile';
import { RULE_CODES } from '../../../src/core/rules/index';
import { corpusPath } from '../../paths';
import { machine, reader } from '../rules/helpers';

const FILE = '/p/requirements.txt';
const text = 'torch==2.1.2+cu121\n--extra-index-url https://download.pytorch.org/whl/cu121\nnumpy\n';
const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
const f = (code: Code, edits: { s: string; t: string; file?: string }[], preferred = true): Finding => ({
  code, severity: 'error', message: code, span: at(edits[0].s),
  fixes: [{ title: 'fix', preferred, edits: edits.map((e) => ({ span: at(e.s), newText: e.t, ...(e.file ? { file: e.file } : {}) })) },
    { title: 'alt', preferred: false, edits: [{ span: at(edits[0].s), newText: 'WRONG' }] }],
});

test('applies the preferred fixes of rule findings; identical edits count once, an overlapping fix is left out', () => {
  const findings = [
    f('driver-too-old', [{ s: '+cu121', t: '+cu118' }, { s: 'whl/cu121', t: 'whl/cu118' }]),
    f('torch-variant-mismatch', [{ s: '+cu121', t: '+cu118' }]), // the same edit again
    f('torch-index-unknown', [{ s: 'whl/cu121', t: 'whl/cu126' }]), // overlaps the first
    f('unpinned-requirement', [{ s: 'numpy', t: 'numpy==1' }]), // a parser's finding, not a rule's
  ];
  assert.equal(fixedText(text, findings, FILE), 'torch==2.1.2+cu118\n--extra-index-url https://download.pytorch.org/whl/cu118\nnumpy\n');
});

test('the preferred fix is the one the editor marks preferred: the flagged one, else the first', () => {
  const unflagged = f('driver-too-old', [{ s: '+cu121', t: '+cu118' }], false);
  assert.equal(fixedText(text, [unflagged], FILE), text.replace('+cu121', '+cu118'));
  assert.equal(fixedText(text, [{ ...unflagged, fixes: [] }], FILE), null);
});

test('an insertion where an earlier fix replaces text conflicts (fix-all\'s rule), so the later fix is left out', () => {
  const replace = f('driver-too-old', [{ s: 'torch==2.1.2', t: 'torch==2.1.0' }]);
  const insert: Finding = { ...f('torch-variant-mismatch', [{ s: 'torch==2.1.2', t: '' }]) };
  insert.fixes[0].edits = [{ span: { start: 0, end: 0 }, newText: '# pinned\n' }];
  assert.equal(fixedText(text, [replace, insert], FILE), text.replace('torch==2.1.2', 'torch==2.1.0'));
});

test('a fix whose own edits overlap is left out rather than garbling the line', () => {
  const bad = f('driver-too-old', [{ s: 'torch==2.1.2+cu121', t: 'a' }, { s: '2.1.2+cu121', t: 'b' }]);
  assert.equal(fixedText(text, [bad], FILE), null);
});

test('findings in another file, and fixes that also edit another file, are left out whole', () => {
  const other: Finding = { ...f('driver-too-old', [{ s: '+cu121', t: '+cu118' }]), file: '/p/other.txt' };
  assert.equal(fixedText(text, [other], FILE), null);
  const spanning = f('driver-too-old', [{ s: '+cu121', t: '+cu118' }, { s: 'whl/cu121', t: 'whl/cu118', file: '/p/base.txt' }]);
  assert.equal(fixedText(text, [spanning], FILE), null);
  const explicitHere = f('driver-too-old', [{ s: '+cu121', t: '+cu118', file: FILE }]);
  assert.equal(fixedText(text, [explicitHere], FILE), text.replace('+cu121', '+cu118'));
});

test('the filter is the rules\' codes: over the corpus, every rule finding has one of them and no parser finding does', () => {
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(path.join(d, n)).isDirectory() ? walk(path.join(d, n)) : [path.join(d, n)]));
  const files = ['requirements', 'environment', 'pyproject'].flatMap((k) => walk(corpusPath(k)));
  const machines = [null, { driver: '470.82.01', gpu: 'NVIDIA GeForce RTX 3090' }, { platform: 'darwin' as const }, { platform: 'win32' as const, gpu: 'NVIDIA GeForce RTX 4080' }].map(machine);
  const seen = new Set<string>();
  for (const file of files) {
    const as = file.includes('/environment/') ? path.join(path.dirname(file), 'environment.yml')
      : file.includes('/pyproject/') ? path.join(path.dirname(file), file.endsWith('pixi.toml') ? 'pixi.toml' : 'pyproject.toml') : file;
    const kind = as.endsWith('.yml') ? 'environment' : as.endsWith('.toml') ? 'pyproject' : 'requirements';
    const parsed = modelOf(as, readFileSync(file, 'utf8'), { reader: reader(), unpinned: true }, kind);
    for (const s of parsed.syntax) assert.equal(RULE_CODES.has(s.code), false, `${file}: parser code ${s.code}`);
    const syntax = new Set(parsed.syntax.map((x) => `${x.code}|${x.span.start}|${x.message}`));
    for (const m of machines) {
      for (const x of analyzeDocument(as, readFileSync(file, 'utf8'), m, { reader: reader(), unpinned: true }).findings) {
        if (syntax.has(`${x.code}|${x.span.start}|${x.message}`)) continue;
        assert.ok(RULE_CODES.has(x.code), `${file}: rule code ${x.code}`);
        seen.add(x.code);
      }
    }
  }
  assert.ok(seen.size >= 8, `only ${[...seen].join(', ')}`);
  for (const c of Object.values(SyntaxCodes)) assert.equal(RULE_CODES.has(c), false, c);
});

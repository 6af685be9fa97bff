import { corpusPath } from '../../paths';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findExisting, isWithin, judgeTarget, prefixProblem, whatIsAt, type CondaFacts, type PrefixState } from '../../../src/core/createEnv/existing';
import { parseCondaEnvList } from '../../../src/core/conda/output';

const corpus = corpusPath('conda');
const envsOf = (f: string) => parseCondaEnvList(fs.readFileSync(path.join(corpus, f), 'utf8'))?.envs ?? [];

test('names match <envs dir>/<name> in real env lists (Windows, macOS)', () => {
  const win = envsOf('01-env-list-json-windows.json');
  assert.equal(findExisting({ kind: 'name', name: 'test_project' }, win), 'C:\\Miniconda3\\envs\\test_project');
  assert.equal(findExisting({ kind: 'name', name: 'Miniconda3' }, win), null, 'the root prefix is not a named env');
  assert.equal(findExisting({ kind: 'name', name: 'TEST_PROJECT' }, win, true), 'C:\\Miniconda3\\envs\\test_project');
  const mac = envsOf('05-env-list-json-macos-no-root.json');
  assert.equal(findExisting({ kind: 'name', name: 'custom-env-2' }, mac), '/Users/user/anaconda/envs/custom-env-2');
  assert.equal(findExisting({ kind: 'name', name: 'custom-env' }, mac), null);
  assert.equal(findExisting({ kind: 'name', name: 'x' }, envsOf('04-env-list-json-empty.json')), null);
});

test('prefixes match by path, trailing separators ignored', () => {
  const py2 = envsOf('03-env-list-json-py2-trailing-spaces.json');
  const p = '/usr/local/Cellar/python/2.7.12/Frameworks/Python.framework/Versions/2.7/envs/ipy';
  assert.equal(findExisting({ kind: 'prefix', path: p + '/' }, py2), p);
  assert.equal(findExisting({ kind: 'prefix', path: '/elsewhere/ipy' }, py2), null);
});

const places = { projectDir: '/home/u/proj', home: '/home/u' };
const probeFrom = (m: Record<string, PrefixState>) => (p: string): PrefixState => m[p] ?? 'absent';
const facts = (over: Partial<CondaFacts> = {}): CondaFacts =>
  ({ listed: ['/opt/conda'], envsDirs: ['/opt/conda/envs', '/data/conda-environments'], rootPrefix: '/opt/conda', failure: null, ...over });

test('a name is free only when both queries answered and no envs dir holds it', () => {
  const t = { kind: 'name' as const, name: 'demo' };
  assert.deepEqual(judgeTarget(t, facts(), probeFrom({}), places),
    { state: 'free', candidates: ['/opt/conda/envs/demo', '/data/conda-environments/demo'] });
  // in an envs dir not named "envs", not in the list: found on disk
  const hit = judgeTarget(t, facts(), probeFrom({ '/data/conda-environments/demo': 'env' }), places);
  assert.deepEqual(hit.state === 'exists' && hit.prefix, '/data/conda-environments/demo');
  assert.equal(judgeTarget(t, facts({ listed: null, failure: 'env list: timeout' }), probeFrom({}), places).state, 'unknown');
  assert.equal(judgeTarget(t, facts({ envsDirs: null, failure: 'info: cancelled' }), probeFrom({}), places).state, 'unknown');
  assert.equal(judgeTarget(t, facts({ envsDirs: [] }), probeFrom({}), places).state, 'unknown');
  assert.equal(judgeTarget(t, facts(), probeFrom({ '/opt/conda/envs/demo': 'error' }), places).state, 'unknown');
  assert.equal(judgeTarget(t, facts(), probeFrom({ '/opt/conda/envs/demo': 'occupied' }), places).state, 'blocked');
  assert.equal(judgeTarget(t, facts(), probeFrom({ '/opt/conda/envs/demo': 'empty' }), places).state, 'free');
  // a failed query never hides what is known: the list or the disk still says "exists"
  const listed = judgeTarget(t, facts({ envsDirs: null, failure: 'info failed', listed: ['/x/envs/demo'] }), probeFrom({}), places);
  assert.equal(listed.state, 'exists');
  const base = judgeTarget({ kind: 'name', name: 'base' }, facts(), probeFrom({}), places);
  assert.deepEqual(base.state === 'exists' && base.prefix, '/opt/conda');
});

test('every combination of answers: "free" only with both answers and every candidate absent or empty', () => {
  const states: PrefixState[] = ['env', 'absent', 'empty', 'occupied', 'error'];
  const t = { kind: 'name' as const, name: 'demo' };
  for (const listed of [null, ['/opt/conda']]) for (const envsDirs of [null, [], ['/a/envs', '/b/pkgs-envs']])
    for (const a of states) for (const b of states) {
      const f = facts({ listed, envsDirs, failure: listed && envsDirs ? null : 'a query failed' });
      const r = judgeTarget(t, f, probeFrom({ '/a/envs/demo': a, '/b/pkgs-envs/demo': b }), places);
      const clean = [a, b].every((x) => x === 'absent' || x === 'empty');
      const proven = listed !== null && envsDirs !== null && envsDirs.length > 0 && clean;
      assert.equal(r.state === 'free', proven, JSON.stringify({ listed, envsDirs, a, b, r: r.state }));
    }
});

test('prefixes: the project, home and their parents are refused; inside the project is fine', () => {
  assert.ok(prefixProblem('/home/u/proj', places));
  assert.ok(prefixProblem('/home/u/proj/', places));
  assert.ok(prefixProblem('/home', places));
  assert.ok(prefixProblem('/', places));
  assert.ok(prefixProblem('/home/u', places));
  assert.equal(prefixProblem('/home/u/proj/.conda', places), null);
  assert.equal(prefixProblem('/home/u/envs/x', places), null);
  assert.equal(prefixProblem('/home/u/project2', places), null, 'a sibling sharing a name prefix');
  assert.ok(prefixProblem('C:\\Users\\U', { projectDir: 'c:\\users\\u\\proj', home: null, caseInsensitive: true }));
  assert.equal(isWithin('/a/bc', '/a/b'), false);
  const at = (s: PrefixState) => judgeTarget({ kind: 'prefix', path: '/p/.conda' }, facts(), () => s, places).state;
  assert.deepEqual((['env', 'absent', 'empty', 'occupied', 'error'] as const).map(at), ['exists', 'free', 'free', 'blocked', 'unknown']);
});

test('after a run: an env, else a folder, else none; nothing to look at is "unknown", never "none"', () => {
  assert.deepEqual(whatIsAt(['/a', '/b'], probeFrom({ '/b': 'env' })), { prefix: '/b', kind: 'env' });
  assert.deepEqual(whatIsAt(['/a', '/b'], probeFrom({ '/a': 'occupied' })), { prefix: '/a', kind: 'folder' });
  assert.deepEqual(whatIsAt(['/a'], probeFrom({})), { prefix: null, kind: 'none' });
  assert.deepEqual(whatIsAt(['/a'], probeFrom({ '/a': 'error' })), { prefix: null, kind: 'unknown' });
  assert.deepEqual(whatIsAt([], probeFrom({})), { prefix: null, kind: 'unknown' });
});

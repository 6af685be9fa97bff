// Marker evaluation, differentially against packaging's Marker.evaluate: generated markers (every
// variable, every operator, version-like and string values, and/or nesting) × generated machine
// environments, all sent to one python3 process; every answer (true, false, or "error") must agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { parseMarkerString } from '../../../src/core/requirements/pep508';
import { evaluateMarker, type MarkerEnvironment } from '../../../src/core/requirements/markerEvaluate';
import { markerEnvironment } from '../../../src/core/resolve/environment';

const PY = `
import json, sys
from packaging.markers import Marker
out = []
for m, env in json.load(sys.stdin):
    try:
        out.append(Marker(m).evaluate(env))
    except Exception:
        out.append("error")
print(json.dumps(out))
`;
const probe = spawnSync('python3', ['-c', 'import packaging.markers'], { timeout: 20000 });
const hasPackaging = probe.status === 0;

function python(batch: [string, MarkerEnvironment][]): (boolean | 'error')[] {
  const r = spawnSync('python3', ['-c', PY], { input: JSON.stringify(batch), timeout: 120000, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(r.stderr.toString());
  return JSON.parse(r.stdout.toString()) as (boolean | 'error')[];
}

function ours(marker: string, env: MarkerEnvironment): boolean | 'error' {
  try {
    return evaluateMarker(parseMarkerString(marker, 0, marker.length).node, env);
  } catch {
    return 'error';
  }
}

const VARS = ['python_version', 'python_full_version', 'os_name', 'sys_platform', 'platform_release', 'platform_system',
  'platform_version', 'platform_machine', 'platform_python_implementation', 'implementation_name', 'implementation_version',
  'extra', 'os.name', 'sys.platform', 'platform.machine', 'python_implementation'];
const OPS = ['==', '!=', '<', '<=', '>', '>=', '~=', '===', 'in', 'not in'];
const VALUES = ['3', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.11.4', '3.13.0rc1', '3.8.*', '3.*', '3.11.*', '2.0.post1',
  '3.12.0a1', '3.12.dev0', '3.11+local', '1!3.8', 'v3.10', '3.10.0', '6.8.0', '5.15.0-91-generic', '10', '24.0.0',
  'linux', 'win32', 'darwin', 'Linux', 'Windows', 'Darwin', 'posix', 'nt', 'x86_64', 'aarch64', 'AMD64', 'arm64', 'ARM64',
  'cpython', 'CPython', 'PyPy', 'lin', 'x86', '', 'gpu', 'cuda', 'cu121', 'foo-bar', 'win'];

const comparison = fc.tuple(fc.constantFrom(...VARS), fc.constantFrom(...OPS), fc.constantFrom(...VALUES), fc.boolean(), fc.constantFrom("'", '"'))
  .map(([v, op, value, flip, q]) => (flip ? `${q}${value}${q} ${op} ${v}` : `${v} ${op} ${q}${value}${q}`));
const marker: fc.Arbitrary<string> = fc.letrec((tie) => ({
  m: fc.oneof({ depthSize: 'small', withCrossShrink: true }, comparison,
    fc.tuple(tie('m'), fc.constantFrom(' and ', ' or '), tie('m')).map(([a, op, b]) => `${a}${op}${b}`),
    tie('m').map((m) => `(${m})`)),
})).m as fc.Arbitrary<string>;

const environment = fc.tuple(
  fc.constantFrom('linux', 'win32', 'darwin') as fc.Arbitrary<'linux' | 'win32' | 'darwin'>,
  fc.constantFrom('x64', 'arm64', null),
  fc.constantFrom('3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.11.4', '3.13.0'),
  fc.constantFrom('', 'gpu', 'cuda', 'Foo_Bar'),
).map(([platform, arch, python, extra]) => ({ ...markerEnvironment(platform, arch, python), extra }));

test('the machine environment matches what packaging reports for these machines', () => {
  const linux = markerEnvironment('linux', 'x64', '3.11');
  assert.equal(linux.sys_platform, 'linux');
  assert.equal(linux.platform_machine, 'x86_64');
  assert.equal(linux.python_full_version, '3.11.0');
  const win = markerEnvironment('win32', 'x64', '3.12.4');
  assert.deepEqual([win.sys_platform, win.platform_system, win.os_name, win.platform_machine, win.python_version], ['win32', 'Windows', 'nt', 'AMD64', '3.12']);
  const mac = markerEnvironment('darwin', null, '3.10', true);
  assert.deepEqual([mac.platform_system, mac.platform_machine], ['Darwin', 'arm64']);
  assert.equal(markerEnvironment('linux', 'arm64', '3.11').platform_machine, 'aarch64');
});

test('small cases: platform_machine, and/or, version comparison, in', () => {
  const env = markerEnvironment('linux', 'arm64', '3.11');
  assert.equal(ours("platform_machine == 'aarch64' and sys_platform == 'linux'", env), true);
  assert.equal(ours("sys_platform == 'darwin' or platform_machine == 'x86_64'", env), false);
  assert.equal(ours('python_version >= "3.10" and python_version < "3.12"', env), true);
  assert.equal(ours('python_version > "3.9"', markerEnvironment('linux', 'x64', '3.10')), true, 'PEP 440, not string order');
  assert.equal(ours('"linux" in sys_platform', env), true);
  assert.equal(ours('os_name ~= "posix"', env), 'error');
});

test('agrees with packaging Marker.evaluate on generated markers × machines', { skip: !hasPackaging && 'python3 with packaging not found' }, () => {
  const batch = fc.sample(fc.tuple(marker, environment), { numRuns: 4000, seed: 13 });
  const theirs = python(batch);
  const diffs: string[] = [];
  batch.forEach(([m, env], i) => {
    const a = ours(m, env);
    if (a !== theirs[i]) diffs.push(`${m} @ ${env.sys_platform}/${env.platform_machine}/${env.python_full_version}/extra=${env.extra}: ours ${a}, packaging ${theirs[i]}`);
  });
  const evaluated = theirs.filter((x) => x !== 'error').length;
  console.log(`marker differential: ${batch.length - diffs.length}/${batch.length} agree (${evaluated} evaluated, rest errors)`);
  assert.deepEqual(diffs.slice(0, 20), []);
});

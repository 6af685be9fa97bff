// pyproject fixes that keep a library's range: the title names only what the fix does (no pin), and a
// uv index named for its variant is renamed together with every source routing to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, check, only, preferred } from '../rules/helpers';

const T4 = { gpu: 'Tesla T4', driver: '470.82.01', platform: 'linux' as const };

function project(dep: string, name: string, variant: string): string {
  return `[project]\nname = "lib"\nversion = "0.1"\nrequires-python = ">=3.10"\ndependencies = ["${dep}"]\n\n[tool.uv.sources]\ntorch = { index = "${name}" }\n\n[[tool.uv.index]]\nname = "${name}"\nurl = "https://download.pytorch.org/whl/${variant}"\nexplicit = true\n`;
}

test('a library range kept: the title names the index, not a torch version it does not pin; the index is renamed with its sources', () => {
  const text = project('torch>=2.0', 'pytorch-cu124', 'cu124');
  const [f] = only(check(text, T4, '/p/pyproject.toml'), 'driver-too-old');
  const fix = preferred(f);
  assert.equal(fix.verified, true);
  assert.equal(fix.title, 'Use the cu118 index for torch');
  assert.doesNotMatch(fix.title, /torch \d/);
  const fixed = apply(text, fix);
  assert.match(fixed, /"torch>=2\.0"/, 'the range is kept');
  assert.match(fixed, /name = "pytorch-cu118"/);
  assert.match(fixed, /torch = \{ index = "pytorch-cu118" \}/);
  assert.doesNotMatch(fixed, /pytorch-cu124/, 'no name left that lies');
  assert.match(fixed, /whl\/cu118/);
  assert.deepEqual(only(check(fixed, T4, '/p/pyproject.toml'), 'driver-too-old'), []);
});

test('an index name without the variant in it is left as it is (only the URL moves)', () => {
  const text = project('torch>=2.0', 'torch-gpu', 'cu124');
  const [f] = only(check(text, T4, '/p/pyproject.toml'), 'driver-too-old');
  const fixed = apply(text, preferred(f));
  assert.match(fixed, /name = "torch-gpu"/);
  assert.match(fixed, /index = "torch-gpu"/);
  assert.match(fixed, /whl\/cu118/);
});

test('the rename is refused when the new name is already taken by another index', () => {
  const base = project('torch>=2.0', 'pytorch-cu124', 'cu124');
  const text = `${base}\n[[tool.uv.index]]\nname = "pytorch-cu118"\nurl = "https://example.com/simple"\n`;
  const [f] = only(check(text, T4, '/p/pyproject.toml'), 'driver-too-old');
  const fixed = apply(text, preferred(f));
  assert.match(fixed, /torch = \{ index = "pytorch-cu124" \}/, 'no two indexes with one name');
});

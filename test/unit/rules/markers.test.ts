// Markers judged on the parsed tree for the whole machine environment: lines and uv sources whose
// markers exclude the machine are not judged; platform_machine, and/or and python_version count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument, modelOf } from '../../../src/core/analyze';
import type { Machine } from '../../../src/core/machine';
import { forMachine } from '../../../src/core/rules/model';
import { resolveTorch } from '../../../src/core/rules/resolve';
import { codes, corpusFile, corpusText, machine, reader } from './helpers';

const RTX4090 = { gpu: 'NVIDIA GeForce RTX 4090', driver: '550.54' };
const arm = (m: Machine | null): Machine => ({ ...(m as Machine), arch: 'arm64' });

test('llama.cpp: the s390x-only nightly torch line does not apply on x86_64 or aarch64', () => {
  const rel = 'requirements/ggml-org__llama.cpp/requirements/requirements-convert_hf_to_gguf.txt';
  const parsed = modelOf(corpusFile(rel), corpusText(rel), { reader: reader() }, 'requirements').model;
  for (const m of [machine(RTX4090), arm(machine(RTX4090))]) {
    const model = forMachine(parsed, m);
    assert.deepEqual(model.torch.map((t) => t.req.specifier), ['>=2.11.0']);
  }
});

test('platform_machine and or: a line for aarch64 Linux only', () => {
  const text = "torch==2.5.1 ; platform_machine == 'aarch64' and sys_platform == 'linux'\ntorch==2.5.1+cu121 ; platform_machine != 'aarch64' or sys_platform != 'linux'\n";
  const m = machine(RTX4090);
  const parsed = modelOf('/p/requirements.txt', text, { reader: reader() }, 'requirements').model;
  assert.deepEqual(forMachine(parsed, m).torch.map((t) => t.exact), ['2.5.1+cu121']);
  assert.deepEqual(forMachine(parsed, arm(m)).torch.map((t) => t.exact), ['2.5.1']);
});

test('python_version markers use the machine Python, and any plausible one when it is unknown', () => {
  const text = 'torch==2.0.1 ; python_version < "3.9"\ntorch==2.5.1 ; python_version >= "3.9"\n';
  const parsed = modelOf('/p/requirements.txt', text, { reader: reader() }, 'requirements').model;
  assert.deepEqual(forMachine(parsed, machine({ ...RTX4090, python: '3.11' })).torch.map((t) => t.exact), ['2.5.1']);
  assert.deepEqual(forMachine(parsed, machine({ ...RTX4090, python: '3.8' })).torch.map((t) => t.exact), ['2.0.1']);
  assert.equal(forMachine(parsed, machine(RTX4090)).torch.length, 2, 'unknown Python: both may apply');
});

test('uv sources: the first source whose marker holds; none holds → not the first source', () => {
  const text = `[project]
name = "x"
version = "0"
dependencies = ["torch==2.7.1"]
[[tool.uv.index]]
name = "cpu"
url = "https://download.pytorch.org/whl/cpu"
explicit = true
[[tool.uv.index]]
name = "cu128"
url = "https://download.pytorch.org/whl/cu128"
explicit = true
[tool.uv.sources]
torch = [
  { index = "cpu", marker = "sys_platform == 'darwin' or (sys_platform == 'linux' and platform_machine == 'aarch64')" },
  { index = "cu128", marker = "sys_platform == 'win32' or (sys_platform == 'linux' and platform_machine == 'x86_64')" },
]
`;
  const parsed = modelOf('/p/pyproject.toml', text, { reader: reader() }, 'pyproject').model;
  const variant = (m: Machine | null) => resolveTorch(forMachine(parsed, m), m).variant;
  assert.equal(variant(machine(RTX4090)), 'cu128');
  assert.equal(variant(arm(machine(RTX4090))), 'cpu');
  assert.equal(variant(machine({ platform: 'darwin' })), 'cpu');
  const onX86 = analyzeDocument('/p/pyproject.toml', text, machine(RTX4090), { reader: reader() }).findings;
  assert.ok(!codes(onX86).includes('cpu-only-torch'), 'x86_64 Linux takes the cu128 source');
  // Only a Windows source: Linux falls through to the default index (PyPI), not to that source.
  const winOnly = text.replace(/torch = \[[\s\S]*?\n\]\n/, `torch = [{ index = "cpu", marker = "sys_platform == 'win32'" }]\n`);
  const p2 = modelOf('/p/pyproject.toml', winOnly, { reader: reader() }, 'pyproject').model;
  const r = resolveTorch(forMachine(p2, machine(RTX4090)), machine(RTX4090));
  assert.equal(r.via, 'pypi');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, only } from './helpers';

test('CUDA index and +cu pin on macOS → macos-cuda-index', () => {
  const f = only(check('--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\n', { platform: 'darwin' }), 'macos-cuda-index');
  assert.equal(f.length, 2);
  assert.equal(f[0].severity, 'warning');
});

test('controls: cpu index on macOS; CUDA index on Linux or with no machine', () => {
  assert.deepEqual(only(check('--extra-index-url https://download.pytorch.org/whl/cpu\ntorch\n', { platform: 'darwin' }), 'macos-cuda-index'), []);
  assert.deepEqual(only(check('--extra-index-url https://download.pytorch.org/whl/cu121\ntorch\n', { platform: 'linux' }), 'macos-cuda-index'), []);
  assert.deepEqual(only(check('--extra-index-url https://download.pytorch.org/whl/cu121\ntorch\n', null), 'macos-cuda-index'), []);
});

test('control: a uv CUDA index routed by a non-darwin marker is not used on a Mac', () => {
  const text = '[project]\nname="x"\nversion="0"\ndependencies=["torch==2.9.0"]\n[[tool.uv.index]]\nname="pytorch-cu130"\nurl="https://download.pytorch.org/whl/cu130"\nexplicit=true\n'
    + '[[tool.uv.index]]\nname="pytorch-cpu"\nurl="https://download.pytorch.org/whl/cpu"\nexplicit=true\n[tool.uv.sources]\n'
    + 'torch = [ { index = "pytorch-cpu", marker = "sys_platform == \'darwin\'" }, { index = "pytorch-cu130", marker = "sys_platform != \'darwin\'" } ]\n';
  assert.deepEqual(only(check(text, { platform: 'darwin' }, '/p/pyproject.toml'), 'macos-cuda-index'), []);
  const f = only(check(text.replace("sys_platform == 'darwin'", "sys_platform == 'win32'").replace("sys_platform != 'darwin'", "sys_platform == 'darwin'"), { platform: 'darwin' }, '/p/pyproject.toml'), 'macos-cuda-index');
  assert.equal(f.length, 1);
});

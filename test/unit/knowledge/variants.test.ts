import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareCudaVariants, condaSpecVariant, cudaToVariant, localVariant, parsePytorchIndexUrl, variantCuda, withVariant } from '../../../src/core/knowledge/variants';

test('index URLs: stable, nightly, test, trailing slash, mirrors, find-links page', () => {
  assert.equal(parsePytorchIndexUrl('https://download.pytorch.org/whl/cu121')?.variant, 'cu121');
  assert.equal(parsePytorchIndexUrl('https://download.pytorch.org/whl/cu121/')?.variant, 'cu121');
  const n = parsePytorchIndexUrl('https://download.pytorch.org/whl/nightly/cu130');
  assert.equal(n?.variant, 'cu130');
  assert.equal(n?.channel, 'nightly');
  assert.equal(parsePytorchIndexUrl('https://download.pytorch.org/whl/test/rocm6.2')?.channel, 'test');
  assert.equal(parsePytorchIndexUrl('https://download.pytorch.org/whl/rocm6.2.4')?.variant, 'rocm6.2.4');
  assert.equal(parsePytorchIndexUrl('https://mirrors.nju.edu.cn/pytorch/whl/cpu')?.variant, 'cpu');
  assert.equal(parsePytorchIndexUrl('https://mirrors.nju.edu.cn/pytorch/whl/cpu')?.official, false);
  assert.equal(parsePytorchIndexUrl('https://download.pytorch.org/whl/torch_stable.html')?.allVariants, true);
  assert.equal(parsePytorchIndexUrl('https://download.pytorch.org/whl/cu122')?.variant, 'cu122');
  assert.equal(parsePytorchIndexUrl('https://pypi.org/simple'), null);
  assert.equal(parsePytorchIndexUrl('https://download.pytorch.org/whl/nightly')?.variant, null);
});

test('rewriting the variant keeps the rest of the URL', () => {
  assert.equal(withVariant('https://download.pytorch.org/whl/nightly/cu130/', 'cu128'), 'https://download.pytorch.org/whl/nightly/cu128/');
  assert.equal(withVariant('https://mirrors.example.org/pytorch-wheels/cu122', 'cu121'), 'https://mirrors.example.org/pytorch-wheels/cu121');
});

test('local versions, conda specs, CUDA ordering', () => {
  assert.equal(localVariant('2.1.2+cu121'), 'cu121');
  assert.equal(localVariant('2.1.0a0+cxx11.abi'), null);
  assert.equal(localVariant('2.1.2'), null);
  assert.equal(condaSpecVariant('pytorch-cuda', '12.1'), 'cu121');
  assert.equal(condaSpecVariant('cudatoolkit', '11.3'), 'cu113');
  assert.equal(condaSpecVariant('cuda-version', '12.4.*'), 'cu124');
  assert.equal(condaSpecVariant('cpuonly', null), 'cpu');
  assert.equal(condaSpecVariant('numpy', '1.0'), null);
  assert.equal(variantCuda('cu118'), '11.8');
  assert.equal(variantCuda('cu92'), '9.2');
  assert.equal(cudaToVariant('13.0'), 'cu130');
  assert.deepEqual(['cu130', 'cu118', 'cu92', 'cu121'].sort(compareCudaVariants), ['cu92', 'cu118', 'cu121', 'cu130']);
});

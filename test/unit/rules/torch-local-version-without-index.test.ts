import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, check, corpusFile, corpusText, only, preferred } from './helpers';

test('torch==2.1.2+cu118 with no index → one finding, fix adds the index before the torch line', () => {
  const text = 'numpy\ntorch==2.1.2+cu118\ntorchvision==0.16.2+cu118\n';
  const f = only(check(text, null), 'torch-local-version-without-index');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /torch==2\.1\.2\+cu118, torchvision==0\.16\.2\+cu118/);
  const fixed = apply(text, preferred(f[0]));
  assert.equal(fixed, 'numpy\n--extra-index-url https://download.pytorch.org/whl/cu118\ntorch==2.1.2+cu118\ntorchvision==0.16.2+cu118\n');
  assert.deepEqual(only(check(fixed, null), 'torch-local-version-without-index'), []);
});

test('CRLF files get CRLF inserted lines', () => {
  const text = 'torch==2.1.2+cu118\r\n';
  const f = only(check(text, null), 'torch-local-version-without-index');
  assert.equal(apply(text, preferred(f[0])), '--extra-index-url https://download.pytorch.org/whl/cu118\r\ntorch==2.1.2+cu118\r\n');
});

test('controls: an index for the variant, a torch_stable.html find-links page, or an include that carries the index', () => {
  assert.deepEqual(only(check('--extra-index-url https://download.pytorch.org/whl/cu118\ntorch==2.1.2+cu118\n', null), 'torch-local-version-without-index'), []);
  assert.deepEqual(only(check('-f https://download.pytorch.org/whl/torch_stable.html\ntorch==1.13.1+cu117\n', null), 'torch-local-version-without-index'), []);
  const files = { '/project/base.txt': '--extra-index-url https://download.pytorch.org/whl/cu118\n' };
  assert.deepEqual(only(check('-r base.txt\ntorch==2.1.2+cu118\n', null, '/project/requirements.txt', files), 'torch-local-version-without-index'), []);
});

test('corpus: vLLM cpu.txt pins +cpu without the cpu index', () => {
  const rel = 'requirements/vllm-project__vllm/requirements/cpu.txt';
  const f = only(check(corpusText(rel), null, corpusFile(rel)), 'torch-local-version-without-index');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /\+cpu/);
});

test('an index naming a never-published variant is rewritten to the pin\'s variant (same edit as torch-index-unknown)', () => {
  const text = 'dependencies:\n  - pip\n  - pip:\n    - --extra-index-url https://download.pytorch.org/whl/cu122\n    - torch==2.1.2+cu121\n';
  const f = only(check(text, null, '/p/environment.yml'), 'torch-local-version-without-index');
  assert.equal(f.length, 1);
  const fixed = apply(text, preferred(f[0]));
  assert.equal(fixed, 'dependencies:\n  - pip\n  - pip:\n    - --extra-index-url https://download.pytorch.org/whl/cu121\n    - torch==2.1.2+cu121\n');
  assert.deepEqual(check(fixed, null, '/p/environment.yml').map((x) => x.code), []);
});

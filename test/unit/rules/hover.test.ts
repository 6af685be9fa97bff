import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../../../src/core/hover';
import { KNOWLEDGE_AS_OF } from '../../../src/core/knowledge/recommend';
import { machine, reader } from './helpers';

const TEXT = '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\nnumpy\n';

test('hover on a torch line: version, variant, driver floor and toolkit driver, kernels for this GPU, Python, command, as-of', () => {
  const at = TEXT.indexOf('torch==') + 2;
  const h = hoverAt('/p/requirements.txt', TEXT, at, machine({ driver: '535.104.05', gpu: 'NVIDIA GeForce RTX 4090' }), { reader: reader() });
  assert.ok(h);
  assert.equal(TEXT.slice(h.span.start, h.span.end), 'torch==2.1.2+cu121');
  const md = h.markdown;
  assert.match(md, /torch 2\\\.1\\\.2/);
  assert.match(md, /cu121/);
  assert.match(md, /525\\\.60\\\.13/);
  assert.match(md, /530\\\.30\\\.02/);
  assert.match(md, /sm_86/);
  assert.match(md, /Python 3\\\.8–3\\\.11/);
  assert.match(md, /pip install torch==2\.1\.2 torchvision==0\.16\.2 torchaudio==2\.1\.2 --index-url https:\/\/download\.pytorch\.org\/whl\/cu121/);
  assert.ok(md.includes(KNOWLEDGE_AS_OF));
});

test('hover on an index URL; an unknown variant and an unknown torch version say so', () => {
  const h = hoverAt('/p/requirements.txt', TEXT, 30, machine({ driver: '470.82.01' }), { reader: reader() });
  assert.ok(h);
  assert.match(h.markdown, /PyTorch cu121 index/);
  assert.match(h.markdown, /too old/);
  const u = hoverAt('/p/requirements.txt', '--extra-index-url https://download.pytorch.org/whl/cu122\n', 30, null, { reader: reader() });
  assert.match(u?.markdown ?? '', /never published/);
  const n = hoverAt('/p/requirements.txt', 'torch==2.99.0\n', 2, null, { reader: reader() });
  assert.match(n?.markdown ?? '', /not in the knowledge base/);
});

test('no hover elsewhere; text from the document is escaped', () => {
  assert.equal(hoverAt('/p/requirements.txt', TEXT, TEXT.indexOf('numpy') + 1, null, { reader: reader() }), null);
  const h = hoverAt('/p/requirements.txt', 'torch==2.1.2+cu121\n', 1, null, { reader: reader() });
  assert.doesNotMatch(h?.markdown ?? '', /<script/);
});

test('hover on a conda pytorch spec in environment.yml', () => {
  const text = 'channels:\n  - pytorch\ndependencies:\n  - pytorch=2.1.2\n  - pytorch-cuda=12.1\n';
  const h = hoverAt('/p/environment.yml', text, text.indexOf('pytorch-cuda') + 3, machine({ driver: '535.104.05', gpu: 'NVIDIA GeForce RTX 4090' }), { reader: reader() });
  assert.ok(h);
  assert.match(h.markdown, /pytorch\\-cuda/);
  assert.match(h.markdown, /11\\\.8, 12\\\.1/);
  assert.match(h.markdown, /cu121/);
});

test('with the driver unknown, the hover says why there is no install command instead of guessing one', () => {
  const h = hoverAt('/p/requirements.txt', TEXT, TEXT.indexOf('torch==') + 2, machine({ gpu: 'NVIDIA GeForce RTX 4090' }), { reader: reader() });
  assert.ok(h);
  assert.match(h.markdown, /Install for this machine/);
  assert.match(h.markdown, /NVIDIA driver not detected/);
  assert.doesNotMatch(h.markdown, /pip install/);
  const known = hoverAt('/p/requirements.txt', TEXT, TEXT.indexOf('torch==') + 2, machine({ driver: '535.104.05', gpu: 'NVIDIA GeForce RTX 4090' }), { reader: reader() });
  assert.doesNotMatch(known?.markdown ?? '', /not detected/);
});

test('hover on a torch-family line shows the resolve outcome, and which target a file named for another one is judged for', () => {
  const text = '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.5.1\n';
  const m = machine({ gpu: 'NVIDIA GeForce RTX 4090', driver: '550.54' });
  const h = hoverAt('/p/requirements.txt', text, text.indexOf('torch=='), m, { reader: reader() });
  assert.ok(h);
  assert.match(h.markdown, /\*\*Resolved\*\* \(default\): torch 2\\\.5\\\.1\\\+cu121 \(cu121\) from https:\/\/download\\\.pytorch\\\.org\/whl\/cu121/);
  assert.match(h.markdown, /highest version satisfying every specifier/);
  const mac = hoverAt('/p/requirements_macOS.txt', 'torch==2.5.1\n', 1, m, { reader: reader() });
  assert.ok(mac);
  assert.match(mac.markdown, /Judged for macOS/);
  assert.match(mac.markdown, /\(cpu\)/);
});

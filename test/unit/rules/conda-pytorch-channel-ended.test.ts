import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, check, corpusText, only, preferred } from './helpers';

test('pytorch=2.6 from the pytorch channel → error (never published there); fix moves torch to pip', () => {
  const text = 'name: x\nchannels:\n  - pytorch\n  - nvidia\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pytorch=2.6.0\n  - pytorch-cuda=12.4\n  - numpy\n';
  const f = only(check(text, null, '/p/environment.yml'), 'conda-pytorch-channel-ended');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.match(f[0].message, /2\.5\.1/);
  const fixed = apply(text, preferred(f[0]));
  assert.equal(fixed, 'name: x\nchannels:\n  - nvidia\n  - conda-forge\ndependencies:\n  - python=3.11\n  - numpy\n  - pip\n  - pip:\n      - --extra-index-url https://download.pytorch.org/whl/cu124\n      - torch==2.6.0\n');
  assert.deepEqual(only(check(fixed, null, '/p/environment.yml'), 'conda-pytorch-channel-ended'), []);
});

test('older pins on the channel → warning; with a machine the variant is the best for it', () => {
  const text = 'channels:\n  - pytorch\ndependencies:\n  - pytorch=2.1.2\n  - torchvision=0.16.2\n  - pytorch-cuda=12.1\n  - pip\n  - pip:\n    - requests\n';
  const f = only(check(text, { driver: '470.82.01', gpu: 'NVIDIA GeForce RTX 3090' }, '/p/environment.yml'), 'conda-pytorch-channel-ended');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  const fixed = apply(text, preferred(f[0]));
  assert.equal(fixed, 'channels:\ndependencies:\n  - pip\n  - pip:\n    - --extra-index-url https://download.pytorch.org/whl/cu118\n    - torch==2.1.2\n    - torchvision==0.16.2\n    - requests\n');
});

test('control: conda-forge pytorch is not the ended channel', () => {
  const text = 'channels:\n  - conda-forge\ndependencies:\n  - pytorch=2.6.0\n';
  assert.deepEqual(only(check(text, null, '/p/environment.yml'), 'conda-pytorch-channel-ended'), []);
});

test('corpus: dinov2 conda.yaml (pytorch 2.0.0 + pytorch-cuda 11.7) gets a working pip fix', () => {
  const text = corpusText('environment/facebookresearch__dinov2__conda.yaml');
  const f = only(check(text, null, '/p/conda.yaml'), 'conda-pytorch-channel-ended');
  assert.equal(f.length, 1);
  const fixed = apply(text, preferred(f[0]));
  assert.match(fixed, /--extra-index-url https:\/\/download\.pytorch\.org\/whl\/cu117/);
  assert.match(fixed, /torch==2\.0\.0/);
  assert.deepEqual(only(check(fixed, null, '/p/conda.yaml'), 'conda-pytorch-channel-ended'), []);
});

test('GPU known but driver unknown: the fix keeps the CUDA the file asked for (no guess at what the driver runs)', () => {
  const text = 'name: x\nchannels:\n  - pytorch\n  - nvidia\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pytorch=2.6.0\n  - pytorch-cuda=12.4\n  - numpy\n';
  const f = only(check(text, { gpu: 'NVIDIA GeForce RTX 4090' }, '/p/environment.yml'), 'conda-pytorch-channel-ended');
  assert.equal(f.length, 1);
  const fixed = apply(text, preferred(f[0]));
  assert.match(fixed, /--extra-index-url https:\/\/download\.pytorch\.org\/whl\/cu124\n {6}- torch==2\.6\.0\n$/);
  // With the driver known, the best variant for the machine instead (cu126 for 2.6.0 on driver 580).
  const known = only(check(text, { gpu: 'NVIDIA GeForce RTX 4090', driver: '580.65.06' }, '/p/environment.yml'), 'conda-pytorch-channel-ended');
  assert.match(apply(text, preferred(known[0])), /whl\/cu126\n/);
});

test('the conda-forge route is offered beside the pip route: channel replaced, versions kept, pytorch-only packages gone, never verified or preferred', () => {
  const text = 'name: x\nchannels:\n  - pytorch\n  - nvidia\ndependencies:\n  - python=3.11\n  - pytorch::pytorch=2.1.2=py3.11_cuda12.1_cudnn8.9.2_0\n  - torchvision=0.16.2\n  - pytorch-cuda=12.1\n  - pytorch-mutex=1.0=cuda\n  - torchtriton\n  - numpy\n';
  const [f] = only(check(text, { driver: '550.54.14', gpu: 'NVIDIA GeForce RTX 4090' }, '/p/environment.yml'), 'conda-pytorch-channel-ended');
  const forge = f.fixes.find((x) => /conda-forge/.test(x.title));
  assert.ok(forge, 'conda-forge fix offered');
  assert.equal(forge.preferred, false);
  assert.equal(forge.verified, false, 'conda-forge versions are not in the data: unverified');
  assert.match(forge.title, /not checked/);
  assert.equal(preferred(f).title.includes('pip'), true, 'the pip route stays preferred');
  const fixed = apply(text, forge);
  assert.equal(fixed, 'name: x\nchannels:\n  - conda-forge\n  - nvidia\ndependencies:\n  - python=3.11\n  - pytorch=2.1.2\n  - torchvision=0.16.2\n  - cuda-version=12.1\n  - numpy\n');
  assert.deepEqual(only(check(fixed, null, '/p/environment.yml'), 'conda-pytorch-channel-ended'), []);
});

test('conda-forge route with conda-forge already listed: the pytorch channel line goes; cpuonly goes', () => {
  const text = 'channels:\n  - pytorch\n  - conda-forge\ndependencies:\n  - pytorch=2.1.2\n  - cpuonly\n';
  const [f] = only(check(text, null, '/p/environment.yml'), 'conda-pytorch-channel-ended');
  const forge = f.fixes.find((x) => /conda-forge/.test(x.title));
  assert.ok(forge);
  assert.equal(apply(text, forge), 'channels:\n  - conda-forge\ndependencies:\n  - pytorch=2.1.2\n');
});

test('refusal: a flow-style channel list cannot be edited in place, so no conda-forge fix is invented', () => {
  const text = 'channels: [pytorch, conda-forge]\ndependencies:\n  - pytorch=2.1.2\n  - cpuonly\n';
  const [f] = only(check(text, null, '/p/environment.yml'), 'conda-pytorch-channel-ended');
  assert.equal(f.fixes.some((x) => /conda-forge/.test(x.title)), false);
});

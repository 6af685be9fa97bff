import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCapabilityForName, smForCc, architectureForCc } from '../../../src/core/knowledge/gpus';

test('compute capability from nvidia-smi names, including truncated ones', () => {
  const cases: [string, string | null][] = [
    ['NVIDIA GeForce RTX 4090', '8.9'],
    ['NVIDIA GeForce RTX 4080 ...', '8.9'],
    ['NVIDIA GeForce RTX 5090', '12.0'],
    ['NVIDIA H100 80GB HBM3', '9.0'],
    ['NVIDIA A100-SXM4-80GB', '8.0'],
    ['Tesla P100-SXM2...', '6.0'],
    ['Tesla V100-SXM2...', '7.0'],
    ['Tesla T4', '7.5'],
    ['TITAN Xp', '6.1'],
    ['NVIDIA L40S', '8.9'],
    ['NVIDIA GeForce RTX 4070 Laptop GPU', '8.9'],
    ['Quadro K3100M', null],
    ['Some Future GPU', null],
  ];
  for (const [name, cc] of cases) assert.equal(computeCapabilityForName(name), cc, name);
});

test('sm names and architectures', () => {
  assert.equal(smForCc('8.9'), 'sm_89');
  assert.equal(smForCc('10.0'), 'sm_100');
  assert.equal(architectureForCc('9.0'), 'Hopper');
  assert.equal(smForCc('x'), null);
});

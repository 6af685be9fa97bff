import { corpusPath } from '../../paths';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseNvidiaSmiOutput } from '../../../src/core/gpu/nvidiaSmi';
import type { Machine } from '../../../src/core/machine';
import { machineFromFlags } from '../../../src/core/machineProfile';
import { machineSignature } from '../../../src/core/machineSignature';

const smi = corpusPath('nvidia-smi');

function detected(file: string): Machine {
  return { platform: 'linux', gpu: parseNvidiaSmiOutput(fs.readFileSync(path.join(smi, file), 'utf8')), python: '3.11', source: 'detected' };
}

test('memory use and utilisation changes keep the signature; driver, GPU and Python changes do not', () => {
  const files = fs.readdirSync(smi).filter((f) => !f.endsWith('.json') && !f.endsWith('.md'));
  const m = files.map(detected).find((x) => x.gpu.gpus.length > 0);
  assert.ok(m, 'a corpus nvidia-smi output with a GPU');
  const busier: Machine = { ...m, gpu: { ...m.gpu, gpus: m.gpu.gpus.map((g) => ({ ...g, memoryUsedMiB: (g.memoryUsedMiB ?? 0) + 1000, utilizationPercent: 99 })) } };
  assert.equal(machineSignature(busier), machineSignature(m));
  assert.notEqual(machineSignature({ ...m, python: '3.12' }), machineSignature(m));
  assert.notEqual(machineSignature({ ...m, gpu: { ...m.gpu, driver: '999.1' } }), machineSignature(m));
  assert.notEqual(machineSignature(machineFromFlags({ gpu: 'NVIDIA GeForce GTX 1080' }, m)), machineSignature(m));
  assert.notEqual(machineSignature(null), machineSignature(m));
});

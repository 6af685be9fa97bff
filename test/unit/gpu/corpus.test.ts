// Every nvidia-smi output in test/corpus/nvidia-smi/ against its hand-written expected.json.
import { corpusPath } from '../../paths';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseNvidiaSmiOutput } from '../../../src/core/gpu/nvidiaSmi';

const dir = corpusPath('nvidia-smi');

interface Expected {
  format: string;
  driver: string | null;
  cuda: string | null;
  gpus: { name: string; memoryTotalMiB: number | null; memoryUsedMiB: number | null; driverModel?: string }[];
  error?: string | null;
  smiVersion?: string;
  cudaRaw?: string;
  truncated?: boolean;
  leadingNoise?: string;
  nvmlLibraryVersion?: string;
  processes?: { pid: number; name: string; usedMiB: number }[];
}

test('every corpus output has an expected entry and vice versa', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<string, Expected>;
  assert.deepEqual(files.sort(), Object.keys(expected).sort(), 'every output has an expected entry and vice versa');
});

{
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<string, Expected>;
  for (const [file, want] of Object.entries(expected)) {
    test(`nvidia-smi corpus: ${file}`, () => {
      const r = parseNvidiaSmiOutput(readFileSync(path.join(dir, file), 'utf8'));
      assert.equal(r.format, want.format, 'format');
      assert.equal(r.driver, want.driver, 'driver');
      assert.equal(r.cuda, want.cuda, 'cuda');
      assert.equal(r.error, want.error ?? null, 'error');
      assert.deepEqual(
        r.gpus.map((g) => ({ name: g.name, memoryTotalMiB: g.memoryTotalMiB, memoryUsedMiB: g.memoryUsedMiB })),
        want.gpus.map((g) => ({ name: g.name, memoryTotalMiB: g.memoryTotalMiB, memoryUsedMiB: g.memoryUsedMiB })),
        'gpus',
      );
      want.gpus.forEach((g, i) => {
        if (g.driverModel) assert.equal(r.gpus[i].driverModel, g.driverModel, 'driverModel');
      });
      if (want.smiVersion) assert.equal(r.smiVersion, want.smiVersion, 'smiVersion');
      else assert.equal(r.smiVersion, null, 'smiVersion');
      if (want.cudaRaw) assert.equal(r.cudaRaw, want.cudaRaw, 'cudaRaw');
      if (want.truncated) assert.equal(r.truncated, true, 'truncated');
      if (want.nvmlLibraryVersion) assert.equal(r.nvmlLibraryVersion, want.nvmlLibraryVersion, 'nvmlLibraryVersion');
      if (want.leadingNoise) assert.ok(r.leadingNoise.length > 0, 'leading noise recognised');
      if (want.processes) {
        assert.deepEqual(r.processes.map((p) => ({ pid: p.pid, name: p.name, usedMiB: p.usedMiB })), want.processes);
      }
    });
  }
}

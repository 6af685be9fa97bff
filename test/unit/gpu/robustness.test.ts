// Pasted fragments and junk: every line-prefix of every corpus output parses without throwing and finds
// a prefix of the full output's GPUs (never invents one); random text never throws.
import { corpusPath } from '../../paths';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseNvidiaSmiOutput } from '../../../src/core/gpu/nvidiaSmi';

const dir = corpusPath('nvidia-smi');

test('every line-prefix of every corpus output: no throw, GPUs are a prefix of the full list', () => {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt'))) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    const full = parseNvidiaSmiOutput(text).gpus.map((g) => g.name);
    const lines = text.split('\n');
    for (let n = 0; n <= lines.length; n++) {
      const r = parseNvidiaSmiOutput(lines.slice(0, n).join('\n'));
      const names = r.gpus.map((g) => g.name);
      assert.ok(names.length <= full.length, `${f} @${n}: more GPUs than the whole output`);
      assert.deepEqual(names, full.slice(0, names.length), `${f} @${n}`);
      // Whatever is cut, a value found is one the whole output has.
      if (r.driver !== null) assert.equal(r.driver, parseNvidiaSmiOutput(text).driver, `${f} @${n}: driver`);
    }
  }
});

test('random text never throws and never yields a GPU without a name', () => {
  fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => {
    const r = parseNvidiaSmiOutput(s);
    for (const g of r.gpus) assert.ok(g.name.trim() !== '');
  }), { numRuns: 500 });
  fc.assert(fc.property(fc.array(fc.constantFrom('|', '+---+', 'NVIDIA-SMI 550.54.14  Driver Version: 550.54.14  CUDA Version: 12.4', '| GPU  Name  Persistence-M |', '|   0  X  On  | 00000000:01:00.0 Off | 0 |', '<nvidia_smi_log>', 'GPU 0: A (UUID: x)', ', ,', '\n'), { maxLength: 30 }), (parts) => {
    parseNvidiaSmiOutput(parts.join('\n'));
  }), { numRuns: 300 });
});

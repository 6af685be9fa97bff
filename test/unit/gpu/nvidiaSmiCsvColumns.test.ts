// Headerless --query-gpu CSV as people paste it: the columns are inferred from the cells' shapes when
// that is unambiguous, and the output is then read like any other form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNvidiaSmiOutput } from '../../../src/core/gpu/nvidiaSmi';
import { inferColumns } from '../../../src/core/gpu/nvidiaSmiCsvColumns';

const cases: { what: string; text: string; driver: string | null; gpus: { name: string; total: number | null; used: number | null; cc?: string | null }[] }[] = [
  {
    what: 'name,driver_version,memory.total,memory.used with noheader,nounits',
    text: 'NVIDIA GeForce RTX 4090, 550.54.14, 24564, 1021\nNVIDIA GeForce RTX 3090, 550.54.14, 24576, 5\n',
    driver: '550.54.14',
    gpus: [{ name: 'NVIDIA GeForce RTX 4090', total: 24564, used: 1021 }, { name: 'NVIDIA GeForce RTX 3090', total: 24576, used: 5 }],
  },
  {
    what: 'with units (noheader only), used before total',
    text: '$ nvidia-smi --query-gpu=name,driver_version,memory.used,memory.total --format=csv,noheader\nTesla T4, 535.104.05, 0 MiB, 15360 MiB\n',
    driver: '535.104.05',
    gpus: [{ name: 'Tesla T4', total: 15360, used: 0 }],
  },
  {
    what: 'index first, compute capability last',
    text: '0, NVIDIA H100 80GB HBM3, 570.124.06, 81559, 9.0\r\n1, NVIDIA H100 80GB HBM3, 570.124.06, 81559, 9.0\r\n',
    driver: '570.124.06',
    gpus: [{ name: 'NVIDIA H100 80GB HBM3', total: 81559, used: null, cc: '9.0' }, { name: 'NVIDIA H100 80GB HBM3', total: 81559, used: null, cc: '9.0' }],
  },
  {
    what: 'name and driver only (Windows driver numbering)',
    text: 'NVIDIA GeForce RTX 2080 SUPER, 591.86\n',
    driver: '591.86',
    gpus: [{ name: 'NVIDIA GeForce RTX 2080 SUPER', total: null, used: null }],
  },
  // Recorded on an H200 machine (driver 580.159.04) with the exact commands in the names.
  {
    what: 'recorded: --query-gpu=name,driver_version,memory.total,memory.used --format=csv,noheader,nounits',
    text: 'NVIDIA H200, 580.159.04, 143771, 0\n',
    driver: '580.159.04',
    gpus: [{ name: 'NVIDIA H200', total: 143771, used: 0 }],
  },
  {
    what: 'recorded: the same with --format=csv,noheader (units)',
    text: 'NVIDIA H200, 580.159.04, 143771 MiB, 0 MiB\n',
    driver: '580.159.04',
    gpus: [{ name: 'NVIDIA H200', total: 143771, used: 0 }],
  },
  {
    what: 'recorded: name,pstate,driver_version,memory.total,memory.used,memory.free: three figures stay unnamed',
    text: 'NVIDIA H200, P0, 580.159.04, 143771 MiB, 0 MiB, 143156 MiB\n',
    driver: '580.159.04',
    gpus: [{ name: 'NVIDIA H200', total: null, used: null }],
  },
  {
    what: 'pstate beside the name: the brand decides',
    text: 'NVIDIA A100-SXM4-40GB, P0, 535.129.03, 40960, 3\n',
    driver: '535.129.03',
    gpus: [{ name: 'NVIDIA A100-SXM4-40GB', total: 40960, used: 3 }],
  },
];

for (const c of cases) {
  test(`headerless CSV: ${c.what}`, () => {
    const r = parseNvidiaSmiOutput(c.text);
    assert.equal(r.format, 'csv');
    assert.equal(r.error, null);
    assert.equal(r.driver, c.driver);
    assert.deepEqual(r.gpus.map((g) => ({ name: g.name, total: g.memoryTotalMiB, used: g.memoryUsedMiB })), c.gpus.map((g) => ({ name: g.name, total: g.total, used: g.used })));
    c.gpus.forEach((g, i) => {
      if (g.cc !== undefined) assert.equal(r.gpus[i].computeCapability, g.cc);
    });
  });
}

test('ambiguous rows are not inferred', () => {
  // No name at all, two names of no known brand, or a lone name.
  assert.equal(inferColumns(['550.54.14', '24564', '1021']), null);
  assert.equal(inferColumns(['Foo', 'Bar', '550.54.14']), null);
  assert.equal(inferColumns(['NVIDIA GeForce RTX 4090', 'N/A']), null);
  // Three bare numbers after the name: which is used/free is unknown, so memory stays unnamed.
  const cols = inferColumns(['NVIDIA L4', '550.90.07', '23034', '0', '22563']);
  assert.deepEqual(cols, ['name', 'driver_version', '', '', '']);
  // Prose with commas is not a CSV row.
  assert.equal(parseNvidiaSmiOutput('Hello, world, this is text.\n').format, 'unknown');
});

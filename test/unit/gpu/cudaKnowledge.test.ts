// maxCudaForDriver / cudaDriverFloor over data/cuda-driver.json (NVIDIA's Table 3 + minor-version rules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareVersions, cudaDriverFloor, cudaMinor, maxCudaForDriver, CUDA_DATA_AS_OF, CUDA_TOOLKITS } from '../../../src/core/knowledge/cuda';

test('max CUDA per Linux driver agrees with the banner nvidia-smi printed (corpus pairs)', () => {
  // driver → "CUDA Version" printed in test/corpus/nvidia-smi tables on Linux
  const pairs: [string, string][] = [
    ['590.48.01', '13.1'], ['595.80', '13.2'], ['595.71.05', '13.2'], ['580.95.05', '13.0'],
    ['550.90.07', '12.4'], ['535.161.08', '12.2'], ['440.33.01', '10.2'], ['525.105.17', '12.0'],
    ['535.54.03', '12.2'], ['515.105.01', '11.7'], ['418.67', '10.1'], ['450.57', '11.0'],
  ];
  for (const [driver, cuda] of pairs) assert.equal(maxCudaForDriver(driver, 'linux'), cuda, driver);
});

test('Windows: table values, then the 13.x driver branches', () => {
  assert.equal(maxCudaForDriver('591.86', 'win32'), '13.1');
  assert.equal(maxCudaForDriver('610.62', 'win32'), '13.3');
  assert.equal(maxCudaForDriver('552.22', 'win32'), '12.4');
  assert.equal(maxCudaForDriver('528.33', 'win32'), '12.0');
  assert.equal(maxCudaForDriver('527.41', 'win32'), '12.0');
  assert.equal(maxCudaForDriver('527.40', 'win32'), '11.8');
});

test('no answer for nonsense, macOS, or drivers older than the table', () => {
  assert.equal(maxCudaForDriver('ERR!', 'linux'), null);
  assert.equal(maxCudaForDriver('550.54.14', 'darwin'), null);
  assert.equal(maxCudaForDriver('367.48', 'linux'), null);
});

test('driver floors: minor-version compatibility and the full toolkit', () => {
  assert.deepEqual(cudaDriverFloor('11.8', 'linux'), { minorCompat: '450.80.02', toolkit: '520.61.05' });
  assert.deepEqual(cudaDriverFloor('12.4', 'linux'), { minorCompat: '525.60.13', toolkit: '550.54.14' });
  assert.deepEqual(cudaDriverFloor('12.4.1', 'linux'), { minorCompat: '525.60.13', toolkit: '550.54.15' });
  assert.deepEqual(cudaDriverFloor('cu126', 'win32'), { minorCompat: '528.33', toolkit: '560.76' });
  assert.deepEqual(cudaDriverFloor('13.0', 'linux'), { minorCompat: '580', toolkit: '580.65.06' });
  assert.deepEqual(cudaDriverFloor('13.2', 'win32'), { minorCompat: '580', toolkit: '595' });
  // 10.x has no minor-version compatibility: the toolkit's own driver is the floor.
  assert.deepEqual(cudaDriverFloor('10.2', 'linux'), { minorCompat: '440.33', toolkit: '440.33' });
  // 13.5 exists (PyPI) but NVIDIA's driver for it is unknown: no invented value.
  assert.equal(cudaDriverFloor('13.5', 'linux').toolkit, null);
  assert.deepEqual(cudaDriverFloor('nope', 'linux'), { minorCompat: null, toolkit: null });
  assert.deepEqual(cudaDriverFloor('12.4', 'darwin'), { minorCompat: null, toolkit: null });
});

test('every driver that meets a floor supports that CUDA by the table (consistency)', () => {
  for (const row of CUDA_TOOLKITS) {
    if (!row.linux) continue;
    const minor = cudaMinor(row.cuda)!;
    const max = maxCudaForDriver(row.linux, 'linux');
    assert.ok(max !== null && compareVersions(max, minor) >= 0, `${row.cuda}: ${row.linux} → ${max}`);
  }
});

test('helpers and provenance', () => {
  assert.equal(cudaMinor('cu118'), '11.8');
  assert.equal(cudaMinor('cu130'), '13.0');
  assert.equal(cudaMinor('12.4.1'), '12.4');
  assert.equal(compareVersions('455.32', '455.32.00'), 0);
  assert.equal(compareVersions('535.104.12', '535.54.03'), 1);
  assert.match(CUDA_DATA_AS_OF, /^\d{4}-\d{2}$/);
});

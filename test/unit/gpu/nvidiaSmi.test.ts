// Small hand-made cases around the corpus: the probe's own CSV, edge cells, noise and failures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNvidiaSmiOutput, parseQueryCsv, PROBE_FIELDS_NO_CC } from '../../../src/core/gpu/nvidiaSmi';

test('probe CSV (noheader, nounits, with compute_cap): every GPU with its compute capability', () => {
  const r = parseNvidiaSmiOutput('0, NVIDIA GeForce RTX 4090, 550.54.14, 24564, 1021, 7, 8.9\n1, NVIDIA GeForce RTX 3090, 550.54.14, 24576, 5, 0, 8.6\n');
  assert.equal(r.format, 'csv');
  assert.equal(r.driver, '550.54.14');
  assert.equal(r.cuda, null);
  assert.deepEqual(r.gpus.map((g) => [g.index, g.name, g.memoryTotalMiB, g.memoryUsedMiB, g.utilizationPercent, g.computeCapability]), [
    [0, 'NVIDIA GeForce RTX 4090', 24564, 1021, 7, '8.9'],
    [1, 'NVIDIA GeForce RTX 3090', 24576, 5, 0, '8.6'],
  ]);
});

test('probe CSV without compute_cap (older drivers) and [N/A] cells', () => {
  const r = parseQueryCsv('0, Tesla K80, 470.82.01, 11441, [N/A], [N/A]\n', PROBE_FIELDS_NO_CC);
  assert.equal(r.error, null);
  assert.equal(r.gpus[0].name, 'Tesla K80');
  assert.equal(r.gpus[0].memoryUsedMiB, null);
  assert.equal(r.gpus[0].utilizationPercent, null);
  assert.equal(r.gpus[0].computeCapability, null);
});

test('CSV with header and units in values', () => {
  const r = parseNvidiaSmiOutput('name, memory.total [MiB], memory.used [MiB], driver_version\nNVIDIA A10, 23028 MiB, 0 MiB, 535.104.12\n');
  assert.equal(r.driver, '535.104.12');
  assert.deepEqual([r.gpus[0].name, r.gpus[0].memoryTotalMiB, r.gpus[0].memoryUsedMiB], ['NVIDIA A10', 23028, 0]);
});

test('garbage and empty output are "unparsed", not a machine without GPUs', () => {
  assert.equal(parseNvidiaSmiOutput('').error, 'unparsed');
  assert.equal(parseNvidiaSmiOutput('Segmentation fault (core dumped)\n').error, 'unparsed');
  assert.equal(parseNvidiaSmiOutput('@@@ \u0000\u0001 random bytes ,,, \n').error, 'unparsed');
  assert.equal(parseNvidiaSmiOutput('a, b, c\n1, 2, 3\n').error, 'unparsed');
});

test('the shell saying the tool is missing', () => {
  assert.equal(parseNvidiaSmiOutput('bash: nvidia-smi: command not found\n').error, 'not-installed');
  assert.equal(parseNvidiaSmiOutput("'nvidia-smi' is not recognized as an internal or external command,\n").error, 'not-installed');
});

test('other NVML failures count as no driver, with the message kept', () => {
  const r = parseNvidiaSmiOutput('Failed to initialize NVML: Unknown Error\n');
  assert.equal(r.error, 'no-driver');
  assert.equal(r.errorDetail, 'Failed to initialize NVML: Unknown Error');
});

const TCC_TABLE = `PS C:\\Users\\me> nvidia-smi
+-----------------------------------------------------------------------------------------+
| NVIDIA-SMI 552.74                 Driver Version: 552.74         CUDA Version: 12.4     |
|-----------------------------------------+------------------------+----------------------+
| GPU  Name                     TCC/WDDM  | Bus-Id          Disp.A | Volatile Uncorr. ECC |
| Fan  Temp   Perf          Pwr:Usage/Cap |           Memory-Usage | GPU-Util  Compute M. |
|                                         |                        |               MIG M. |
|=========================================+========================+======================|
|   0  NVIDIA RTX A6000              TCC  |   00000000:65:00.0 Off |                  Off |
| 30%   35C    P8             22W /  300W |       ERR!MiB /  49140MiB |    ERR!      Default |
|                                         |                        |                  N/A |
+-----------------------------------------+------------------------+----------------------+
`;

test('Windows TCC row, a PowerShell prompt, ERR! cells', () => {
  const r = parseNvidiaSmiOutput(TCC_TABLE);
  assert.equal(r.format, 'table');
  assert.equal(r.driver, '552.74');
  assert.equal(r.cuda, '12.4');
  assert.equal(r.gpus.length, 1);
  assert.equal(r.gpus[0].name, 'NVIDIA RTX A6000');
  assert.equal(r.gpus[0].driverModel, 'TCC');
  assert.equal(r.gpus[0].memoryTotalMiB, 49140);
  assert.equal(r.gpus[0].memoryUsedMiB, null);
  assert.equal(r.gpus[0].utilizationPercent, null);
  assert.deepEqual(r.leadingNoise, ['PS C:\\Users\\me> nvidia-smi']);
});

test('ANSI colour codes and a BOM are ignored', () => {
  const r = parseNvidiaSmiOutput('\uFEFF\u001b[32mNo devices were found\u001b[0m\n');
  assert.equal(r.error, 'no-devices');
});

const Q_MIG = `
==============NVSMI LOG==============

Driver Version                            : 550.54.15
CUDA Version                              : 12.4

Attached GPUs                             : 1
GPU 00000000:07:00.0
    Product Name                          : NVIDIA A100-SXM4-40GB
    MIG Devices
        MIG Device
            GPU Instance ID               : 1
            FB Memory Usage
                Total                     : 9984 MiB
                Used                      : 13 MiB
    FB Memory Usage
        Total                             : 40960 MiB
        Reserved                          : 571 MiB
        Used                              : 37 MiB
        Free                              : 40352 MiB
    BAR1 Memory Usage
        Total                             : 65536 MiB
        Used                              : 1 MiB
    Utilization
        Gpu                               : N/A
        GPU                               : 12 %
`;

test('-q text: the GPU-level FB memory, not a MIG device\'s nor BAR1', () => {
  const r = parseNvidiaSmiOutput(Q_MIG);
  assert.equal(r.format, 'q-text');
  assert.equal(r.gpus.length, 1);
  assert.deepEqual([r.gpus[0].memoryTotalMiB, r.gpus[0].memoryUsedMiB, r.gpus[0].utilizationPercent], [40960, 37, 12]);
});

test('-q -x XML that is cut off is unparsed, not a crash', () => {
  const r = parseNvidiaSmiOutput('<?xml version="1.0" ?>\n<nvidia_smi_log>\n<driver_version>550.54.15</driver_ver');
  assert.ok(r.error === 'unparsed' || r.driver === '550.54.15');
});

test('-L with MIG lines counts GPUs only', () => {
  const r = parseNvidiaSmiOutput('GPU 0: NVIDIA A100-SXM4-40GB (UUID: GPU-1)\n  MIG 1g.5gb Device 0: (UUID: MIG-1)\nGPU 1: NVIDIA A100-SXM4-40GB (UUID: GPU-2)\n');
  assert.deepEqual(r.gpus.map((g) => [g.index, g.uuid]), [[0, 'GPU-1'], [1, 'GPU-2']]);
});

test('--version before driver 610 (plain DRIVER/CUDA lines)', () => {
  const r = parseNvidiaSmiOutput('NVIDIA-SMI version  : 550.54.14\nNVML version        : 550.54\nDRIVER version      : 550.54.14\nCUDA Version        : 12.4\n');
  assert.equal(r.format, 'version');
  assert.equal(r.driver, '550.54.14');
  assert.equal(r.cuda, '12.4');
  assert.equal(r.smiVersion, null);
});

test('short names for the status bar', async () => {
  const { shortGpuName, shortGpuSummary } = await import('../../../src/core/gpu/names');
  assert.equal(shortGpuName('NVIDIA GeForce RTX 4090'), 'RTX 4090');
  assert.equal(shortGpuName('NVIDIA GeForce RTX 4080 ...'), 'RTX 4080 ...');
  assert.equal(shortGpuName('NVIDIA H100 80GB HBM3'), 'H100 80GB HBM3');
  assert.equal(shortGpuName('Tesla P100-SXM2...'), 'P100-SXM2...');
  assert.equal(shortGpuName('NVIDIA GeForce RTX 4070 Laptop GPU'), 'RTX 4070 Laptop');
  assert.equal(shortGpuName('TITAN Xp'), 'TITAN Xp');
  assert.equal(shortGpuSummary(Array(8).fill('NVIDIA B200')), '8× B200');
  assert.equal(shortGpuSummary(['NVIDIA GeForce RTX 4090', 'NVIDIA GeForce RTX 3090']), 'RTX 4090 +1');
  assert.equal(shortGpuSummary([]), '');
});

test('CSV after a prompt line that does not name nvidia-smi', () => {
  const r = parseNvidiaSmiOutput('(base) C:\\Users\\me>\nname, driver_version, memory.total [MiB]\nNVIDIA GeForce RTX 3060, 566.36, 12288 MiB\n');
  assert.equal(r.format, 'csv');
  assert.equal(r.gpus[0].memoryTotalMiB, 12288);
  assert.deepEqual(r.leadingNoise, ['(base) C:\\Users\\me>']);
});

test('-q text from older drivers ("Gpu" utilisation key)', () => {
  const r = parseNvidiaSmiOutput(`==============NVSMI LOG==============

Driver Version                      : 440.33.01
CUDA Version                        : 10.2

Attached GPUs                       : 1
GPU 00000000:04:00.0
    Product Name                    : Tesla P100-SXM2-16GB
    FB Memory Usage
        Total                       : 16280 MiB
        Used                        : 10 MiB
        Free                        : 16270 MiB
    Utilization
        Gpu                         : 3 %
        Memory                      : 0 %
`);
  assert.deepEqual([r.driver, r.cuda, r.gpus[0].name, r.gpus[0].memoryTotalMiB, r.gpus[0].utilizationPercent], ['440.33.01', '10.2', 'Tesla P100-SXM2-16GB', 16280, 3]);
});

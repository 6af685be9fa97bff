import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amdReport, parseRocminfo, parseRocmSmi } from '../../../src/core/gpu/rocm';

const ROCMINFO = `ROCk module is loaded
=====================
HSA Agents
==========
*******
Agent 1
*******
  Name:                    AMD Ryzen 9 7950X 16-Core Processor
  Marketing Name:          AMD Ryzen 9 7950X 16-Core Processor
  Device Type:             CPU
*******
Agent 2
*******
  Name:                    gfx1100
  Uuid:                    GPU-abc
  Marketing Name:          Radeon RX 7900 XTX
  Vendor Name:             AMD
  Device Type:             GPU
  ISA Info:
    ISA 1
      Name:                    amdgcn-amd-amdhsa--gfx1100
`;

test('rocminfo: GPU agents only, with the gfx target', () => {
  assert.deepEqual(parseRocminfo(ROCMINFO), [{ name: 'Radeon RX 7900 XTX', gfx: 'gfx1100' }]);
});

test('rocm-smi --showproductname text and JSON', () => {
  const text = `============================ ROCm System Management Interface ============================
====================================== Product Info ======================================
GPU[0]\t\t: Card series: \t\tNavi 31 [Radeon RX 7900 XT/7900 XTX]
GPU[0]\t\t: Card model: \t\t0x744c
GPU[0]\t\t: GFX Version: \t\tgfx1100
==========================================================================================
`;
  assert.deepEqual(parseRocmSmi(text), [{ name: 'Navi 31 [Radeon RX 7900 XT/7900 XTX]', gfx: 'gfx1100' }]);
  const json = '{"card0": {"Card Series": "Instinct MI210", "Card model": "0x740f", "GFX Version": "gfx90a"}}';
  assert.deepEqual(parseRocmSmi(json), [{ name: 'Instinct MI210', gfx: 'gfx90a' }]);
  assert.deepEqual(parseRocmSmi('{broken'), []);
});

test('amdReport lists distinct gfx targets', () => {
  const r = amdReport([{ name: 'a', gfx: 'gfx90a' }, { name: 'b', gfx: 'gfx90a' }]);
  assert.equal(r.vendor, 'amd');
  assert.deepEqual(r.amdGfx, ['gfx90a']);
  assert.equal(r.gpus.length, 2);
});

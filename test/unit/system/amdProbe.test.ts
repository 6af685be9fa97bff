// AMD detection with throwaway rocminfo / rocm-smi scripts on PATH.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { probeAmd } from '../../../src/system/amdProbe';
import { detectGpu } from '../../../src/system/detect';
import { tmp } from './fakeTools';

const posix = process.platform !== 'win32';

function script(dir: string, name: string, body: string): void {
  const f = path.join(dir, name);
  writeFileSync(f, `#!/bin/sh\n${body}\n`);
  chmodSync(f, 0o755);
}

test('rocminfo gives the gfx target', { skip: !posix }, async () => {
  const dir = tmp();
  script(dir, 'rocminfo', `printf '%s\\n' '*******' 'Agent 2' '*******' '  Name:                    gfx90a' '  Marketing Name:          AMD Instinct MI210' '  Device Type:             GPU'`);
  const env = { PATH: `${dir}${path.delimiter}/usr/bin${path.delimiter}/bin` };
  const r = await probeAmd({ env, platform: 'linux', timeoutMs: 10_000 });
  assert.equal(r?.vendor, 'amd');
  assert.deepEqual(r?.amdGfx, ['gfx90a']);
  assert.equal(r?.gpus[0].name, 'AMD Instinct MI210');
  // No nvidia-smi on this PATH: the machine is reported as AMD.
  const g = await detectGpu({ timeoutMs: 10_000, env, platform: 'linux' });
  assert.equal(g.vendor, 'amd');
});

test('rocm-smi --json when rocminfo is missing; nothing when neither reports a GPU', { skip: !posix }, async () => {
  const dir = tmp();
  script(dir, 'rocm-smi', `echo '{"card0": {"Card Series": "Radeon RX 7900 XTX", "GFX Version": "gfx1100"}}'`);
  const env = { PATH: `${dir}${path.delimiter}/usr/bin${path.delimiter}/bin` };
  assert.deepEqual((await probeAmd({ env, platform: 'linux', timeoutMs: 10_000 }))?.amdGfx, ['gfx1100']);
  const empty = tmp();
  script(empty, 'rocm-smi', 'echo "ERROR: No AMD GPUs specified"; exit 2');
  assert.equal(await probeAmd({ env: { PATH: `${empty}${path.delimiter}/bin` }, platform: 'linux', timeoutMs: 10_000 }), null);
  assert.equal(await probeAmd({ env, platform: 'darwin', timeoutMs: 10_000 }), null);
});

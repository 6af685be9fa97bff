// The demo files in examples/ give meaningful findings for each demo machine profile, and every
// preferred fix applies cleanly and removes its own finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { apply, check, codes, preferred, repoRoot } from './helpers';

const PROFILES = {
  win4090: { gpu: 'NVIDIA GeForce RTX 4090', platform: 'win32', driver: '551.78' },
  gtx1080: { gpu: 'NVIDIA GeForce GTX 1080', platform: 'linux', driver: '580.65.06' },
  rtx5090: { gpu: 'NVIDIA GeForce RTX 5090', platform: 'linux', driver: '575.57.08' },
  mac: { platform: 'darwin' },
} as const;

function example(rel: string): { file: string; text: string } {
  const file = path.join(repoRoot, 'examples', rel);
  return { file, text: readFileSync(file, 'utf8') };
}

const EXPECT: Record<string, Record<keyof typeof PROFILES, string[]>> = {
  'comfyui-like/requirements.txt': {
    win4090: ['cpu-only-torch', 'torch-unpinned-with-extra-index'],
    gtx1080: ['torch-unpinned-with-extra-index'],
    rtx5090: ['torch-unpinned-with-extra-index'],
    // An extra CUDA index beside a public torch is harmless on a Mac (pip takes PyPI's build).
    mac: ['torch-unpinned-with-extra-index'],
  },
  'conda-pytorch-channel/environment.yml': {
    win4090: ['conda-pytorch-channel-ended'],
    gtx1080: ['conda-pytorch-channel-ended'],
    rtx5090: ['gpu-arch-unsupported', 'conda-pytorch-channel-ended'],
    // pytorch-cuda has no macOS builds: the environment does not solve on a Mac.
    mac: ['macos-cuda-index', 'conda-pytorch-channel-ended'],
  },
  'uv-project/pyproject.toml': {
    win4090: ['driver-too-old', 'python-unsupported'],
    gtx1080: ['gpu-arch-unsupported', 'python-unsupported'],
    rtx5090: ['driver-too-old', 'python-unsupported'],
    mac: ['python-unsupported', 'macos-cuda-index'],
  },
};

for (const [rel, byProfile] of Object.entries(EXPECT)) {
  for (const [name, want] of Object.entries(byProfile)) {
    test(`${rel} on ${name}: ${want.join(', ')}`, () => {
      const { file, text } = example(rel);
      const flags = PROFILES[name as keyof typeof PROFILES];
      const found = check(text, flags, file);
      assert.deepEqual(codes(found), want);
      for (const f of found) {
        if (!f.fixes.length) continue;
        const fixed = apply(text, preferred(f));
        assert.notEqual(fixed, text);
        const again = check(fixed, flags, file).filter((g) => g.code === f.code);
        assert.ok(again.length < found.filter((g) => g.code === f.code).length, `${f.code} fixed`);
      }
    });
  }
}

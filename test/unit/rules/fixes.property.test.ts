// Property: on random requirements files and machines, every preferred fix applies, touches only
// torch-family lines and index lines (never comments or unrelated requirements), and keeps line breaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { apply, check, preferred } from './helpers';

const torchLine = fc.constantFrom('torch', 'torch==2.1.2', 'torch==2.1.2+cu121', 'torch==2.9.0', 'torch>=2.4,<2.8', 'torch==2.4.1+cu118', 'torch==2.6.0+cpu');
const visionLine = fc.constantFrom('', 'torchvision', 'torchvision==0.16.2', 'torchvision==0.24.0+cu128', 'torchvision==0.15.2');
const indexLine = fc.constantFrom('', '--extra-index-url https://download.pytorch.org/whl/cu121', '--index-url https://download.pytorch.org/whl/cu130',
  '--extra-index-url https://download.pytorch.org/whl/cu122', '--extra-index-url http://download.pytorch.org/whl/cpu', '-i https://download.pytorch.org/whl/cu118');
const other = fc.constantFrom('numpy==1.26.4', 'requests  # keep me', '# a comment', 'transformers>=4.40', '');
const machineArb = fc.constantFrom(
  null,
  { driver: '470.82.01' },
  { driver: '580.65.06', gpu: 'NVIDIA GeForce GTX 1080' },
  { driver: '575.57.08', gpu: 'NVIDIA GeForce RTX 5090' },
  { driver: '551.78', gpu: 'NVIDIA GeForce RTX 4090', platform: 'win32' },
  { platform: 'darwin' },
);
const eolArb = fc.constantFrom('\n', '\r\n');

function isTouchable(line: string): boolean {
  return /^(torch|torchvision|torchaudio)\b/.test(line) || /^(-i|--index-url|--extra-index-url|-f|--find-links)\b/.test(line);
}

test('preferred fixes only touch torch-family and index lines', () => {
  fc.assert(fc.property(indexLine, torchLine, visionLine, fc.array(other, { maxLength: 4 }), machineArb, eolArb, (ix, t, v, rest, m, eol) => {
    const lines = [rest[0] ?? '', ix, t, v, ...rest.slice(1)].filter((l, i) => l !== '' || i === 0);
    const text = lines.join(eol) + eol;
    for (const f of check(text, m)) {
      if (!f.fixes.some((x) => x.preferred)) continue;
      const fixed = apply(text, preferred(f));
      const keep = (s: string) => s.split(eol).filter((l) => !isTouchable(l));
      assert.deepEqual(keep(fixed), keep(text), `${f.code}: ${JSON.stringify(text)} → ${JSON.stringify(fixed)}`);
      if (eol === '\r\n') assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /\n/, 'no bare LF in a CRLF file');
    }
  }), { numRuns: 300 });
});

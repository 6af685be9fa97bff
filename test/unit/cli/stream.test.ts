// Output in blocks: the same text as JSON.stringify(value, null, 2), written in whole lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonChunks, LineSink, writeJson } from '../../../src/cli/format/stream';

function randomValue(rand: (n: number) => number, depth: number): unknown {
  const k = rand(depth > 5 ? 5 : 9);
  switch (k) {
    case 0: return null;
    case 1: return rand(2) === 0;
    case 2: return rand(1000) - 500 + rand(10) / 10;
    case 3: return ['', 'a"b', 'line\nbreak', '\u001b[31m', '日本', '\ud800'][rand(6)];
    case 4: return undefined;
    case 5: case 6: return Array.from({ length: rand(4) }, () => randomValue(rand, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < rand(4); i++) o[['k', 'x y', '"q"', '0'][rand(4)] + i] = randomValue(rand, depth + 1);
      return o;
    }
  }
}

test('property: jsonChunks joined is JSON.stringify(value, null, 2)', () => {
  let seed = 5;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let i = 0; i < 500; i++) {
    const v = { files: [randomValue(rand, 0), randomValue(rand, 0)], machine: randomValue(rand, 0) };
    assert.equal([...jsonChunks(v)].join(''), JSON.stringify(v, null, 2));
  }
});

test('writeJson writes blocks that end at line breaks, and all of them', () => {
  const big = { files: Array.from({ length: 5000 }, (_, i) => ({ path: `f${i}`, findings: [{ code: 'x', message: 'm'.repeat(50) }] })) };
  const blocks: string[] = [];
  writeJson(big, (t) => blocks.push(t));
  assert.ok(blocks.length > 2);
  for (const b of blocks.slice(0, -1)) assert.ok(b.endsWith('\n'));
  assert.equal(blocks.join(''), JSON.stringify(big, null, 2));
  const sink = new LineSink((t) => blocks.push(t));
  sink.end();
  assert.equal(blocks.join(''), JSON.stringify(big, null, 2), 'an empty sink writes nothing');
});

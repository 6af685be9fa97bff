// Duplicate mapping keys in environment.yml are found with a Set, not with yaml's quadratic
// uniqueKeys scan: the diagnostics must be exactly the ones uniqueKeys gave, on the corpus and on
// corpus files with lines repeated (which makes duplicates at every level).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseDocument } from 'yaml';
import { parseEnvironmentYml } from '../../../src/core/conda/environment';
import { corpusFilesUnder } from '../../paths';

const corpusFiles = () => corpusFilesUnder(['environment'], /\.ya?ml$/i);

/**
 * The DUPLICATE_KEY errors yaml itself reports with uniqueKeys (the reference). After a syntax error
 * yaml can place one on the line break before the key: compared at the key.
 */
function reference(text: string): number[] {
  return parseDocument(text, { prettyErrors: false, uniqueKeys: true })
    .errors.filter((e) => e.code === 'DUPLICATE_KEY')
    .map((e) => {
      let p = e.pos[0];
      while (p < text.length && /\s/.test(text[p])) p++;
      return p;
    });
}

function ours(text: string): number[] {
  return parseEnvironmentYml(text, '/environment.yml')
    .diagnostics.filter((d) => d.message === 'Invalid YAML: Map keys must be unique')
    .map((d) => d.span.start);
}

test('duplicate keys: same findings as yaml uniqueKeys, on the corpus and on mutated corpus files', () => {
  const files = corpusFiles();
  assert.ok(files.length > 5);
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  let withDuplicates = 0;
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    assert.deepEqual(ours(text), reference(text), f);
    const lines = text.split('\n');
    for (let round = 0; round < 3; round++) {
      const copy = lines.slice();
      for (let k = 0; k < 3; k++) {
        const i = rand(copy.length);
        copy.splice(i + 1 + rand(3), 0, copy[i]);
      }
      const mutated = copy.join('\n');
      const want = reference(mutated);
      if (want.length) withDuplicates++;
      assert.deepEqual(ours(mutated), want, `${f} round ${round}: ${JSON.stringify(mutated.slice(0, 80))}`);
    }
  }
  assert.ok(withDuplicates > 5, 'the mutations produce duplicate keys');
});

test('flow maps, quoted keys and numbers as keys', () => {
  for (const text of ['a: 1\n"a": 2\n', '{x: 1, x: 2}\n', '1: a\n"1": b\n', 'dependencies:\n  - {a: 1, a: 2}\nname: x\nname: y\n']) {
    assert.deepEqual(ours(text), reference(text), text);
  }
});

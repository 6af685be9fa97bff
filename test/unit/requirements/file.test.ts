// What a requirements-file diagnostic may quote: the raw line (variables unexpanded), cut short.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequirementsLine, parseRequirementsText } from '../../../src/core/requirements/index';

test('a quoted line shows ${NAME}, not the value pip expanded into it', () => {
  const text = 'bad line ${TOKEN}!\n';
  const f = parseRequirementsText(text, '/r.txt', { env: { TOKEN: 'ghp_secretvalue123' } });
  assert.equal(f.diagnostics.length, 1);
  assert.doesNotMatch(f.diagnostics[0].message, /ghp_secretvalue123/);
  assert.match(f.diagnostics[0].message, /\$\{TOKEN\}/);
  assert.doesNotMatch(JSON.stringify(f.diagnostics[0].l10n), /ghp_secretvalue123/);
  const one = parseRequirementsLine(text, 0, text.length, { file: '/e.yml', line: 0, env: { TOKEN: 'ghp_secretvalue123' } });
  assert.doesNotMatch(one.diagnostics[0].message, /ghp_secretvalue123/);
});

test('a megabyte-long line is quoted in at most a few hundred characters', () => {
  const text = 'x'.repeat(1_000_000) + ' !bad\n';
  const f = parseRequirementsText(text, '/r.txt');
  assert.ok(f.diagnostics.length >= 1);
  for (const d of f.diagnostics) assert.ok(d.message.length < 600, `${d.message.length} characters`);
});

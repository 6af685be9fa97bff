// Printing file content safely: control characters, quotes, variables; dominant line endings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { capFindings, finding, MAX_FINDINGS_PER_FILE } from '../../../src/core/finding';
import { expandedVariables, redactMessage, unexpand } from '../../../src/core/redact';
import { dominantEol, escapeControls, truncate } from '../../../src/core/text';
import { repoRoot } from '../../paths';

test('escapeControls: every C0 and C1 control except tab is written visibly', () => {
  for (let c = 0; c < 0xa0; c++) {
    const ch = String.fromCharCode(c);
    const out = escapeControls(`a${ch}b`);
    const control = c < 0x20 || (c >= 0x7f && c < 0xa0);
    if (!control || c === 9) assert.equal(out, `a${ch}b`, `U+${c.toString(16)}`);
    else assert.equal(out, `a\\x${c.toString(16).padStart(2, '0')}b`);
  }
  assert.equal(escapeControls('日本 🙂'), '日本 🙂');
});

test('truncate keeps short text and cuts long text with an ellipsis', () => {
  assert.equal(truncate('abc', 5), 'abc');
  assert.equal(truncate('abcdefgh', 5), 'abcd…');
});

test('dominantEol', () => {
  assert.equal(dominantEol('a\nb\n'), '\n');
  assert.equal(dominantEol('a\r\nb\r\nc\n'), '\r\n');
  assert.equal(dominantEol('a\rb\rc'), '\r');
  assert.equal(dominantEol(''), '\n');
});

test('variables pip expanded are written back as ${NAME}; URL credentials masked', () => {
  const env = { TOKEN: 'tok-123456', SHORT: 'ab', lower: 'xxxxxxxx' };
  const vars = expandedVariables(['--index-url https://${TOKEN}@h/simple ${SHORT} ${lower} ${UNSET}'], env);
  assert.deepEqual([...vars], [['TOKEN', 'tok-123456']]);
  assert.equal(unexpand("Index 'https://tok-123456@h/simple'", vars), "Index 'https://${TOKEN}@h/simple'");
  assert.equal(redactMessage('see https://tok-123456@h/simple and https://u:pw@h/', vars), 'see https://****@h/simple and https://u:****@h/');
  assert.equal(redactMessage('bad line tok-123456!', vars), 'bad line ${TOKEN}!');
});

test('capFindings: the first findings, then one too-many-findings with the count', () => {
  const many = Array.from({ length: MAX_FINDINGS_PER_FILE + 5 }, (_, i) => finding('duplicate-requirement', 'warning', 'dup', { start: i, end: i + 1 }));
  const capped = capFindings(many);
  assert.equal(capped.length, MAX_FINDINGS_PER_FILE + 1);
  assert.equal(capped.at(-1)?.code, 'too-many-findings');
  assert.match(capped.at(-1)?.message ?? '', /5 more/);
  assert.equal(capFindings(many.slice(0, 3)).length, 3);
});

test('no push(...spread) in src: a spread of 125,000 arguments overflows the stack', () => {
  let out = '';
  try {
    out = execFileSync('git', ['grep', '-n', 'push(\\.\\.\\.', '--', 'src'], { cwd: repoRoot, encoding: 'utf8' });
  } catch (e) {
    assert.equal((e as { status?: number }).status, 1, 'git grep exits 1 when nothing matches');
  }
  assert.equal(out.trim(), '');
});

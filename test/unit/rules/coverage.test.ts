// Every diagnostic code has a docs/rules page; every environment-rule code is produced by a rule file
// in src/core/rules and has its own test file here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Codes } from '../../../src/constants';
import { repoRoot } from './helpers';

const SYNTAX = new Set(['invalid-requirement', 'unknown-option', 'missing-include', 'include-cycle', 'duplicate-requirement',
  'conflicting-specifiers', 'unpinned-requirement', 'invalid-yaml', 'invalid-toml', 'invalid-conda-spec', 'invalid-environment', 'include-limit', 'too-many-findings']);

test('every code has docs/rules/<code>.md with a Why and a Fix section', () => {
  for (const code of Object.values(Codes)) {
    const file = path.join(repoRoot, 'docs', 'rules', `${code}.md`);
    assert.ok(existsSync(file), `docs/rules/${code}.md`);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /## Why/, code);
    assert.match(text, /## Fix/, code);
  }
});

test('every environment-rule code is emitted by a rule file and tested', () => {
  const rulesDir = path.join(repoRoot, 'src', 'core', 'rules');
  const sources = readdirSync(rulesDir).map((f) => readFileSync(path.join(rulesDir, f), 'utf8')).join('\n');
  const keys = Object.entries(Codes).filter(([, v]) => !SYNTAX.has(v));
  assert.ok(keys.length >= 17);
  for (const [key, code] of keys) {
    assert.ok(sources.includes(`Codes.${key}`), `a rule emits ${code}`);
    assert.ok(existsSync(path.join(__dirname, `${code}.test.ts`)), `test/unit/rules/${code}.test.ts`);
  }
});

test('every message template of the rules and the knowledge base has a zh-cn translation', () => {
  const zh = JSON.parse(readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const dirs = [path.join(repoRoot, 'src', 'core', 'rules'), path.join(repoRoot, 'src', 'core', 'knowledge')];
  let n = 0;
  for (const dir of dirs) {
    for (const f of (readdirSync(dir, { recursive: true }) as string[]).filter((x) => x.endsWith('.ts'))) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      for (const m of text.matchAll(/msg\(\s*'((?:[^'\\]|\\.)*)'/g)) {
        const template = m[1].replace(/\\'/g, "'");
        n++;
        assert.ok(template in zh, `zh-cn translation for ${JSON.stringify(template)} (${f})`);
        const placeholders = (s: string) => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort();
        assert.deepEqual(placeholders(zh[template]), placeholders(template), template);
      }
    }
  }
  assert.ok(n > 40);
});

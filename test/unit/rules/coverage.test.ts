// Every diagnostic code has a docs/rules page; every environment-rule code is produced by a rule file
// in src/core/rules and has its own test file here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Codes } from '../../../src/constants';
import { repoRoot } from './helpers';

import { environmentRuleCodes, RULE_CODES, RULE_META, RULE_MODULES } from '../../../src/core/rules/index';

test('every code has docs/rules/<code>.md with a Why and a Fix section', () => {
  for (const code of Object.values(Codes)) {
    const file = path.join(repoRoot, 'docs', 'rules', `${code}.md`);
    assert.ok(existsSync(file), `docs/rules/${code}.md`);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /## Why/, code);
    assert.match(text, /## Fix/, code);
  }
});

test('every code has exactly one metadata entry; every non-syntax code is a rule module with its own test', () => {
  const all = Object.values(Codes) as string[];
  assert.deepEqual(RULE_META.map((m) => m.code).sort(), [...all].sort());
  for (const m of RULE_META) assert.ok(m.description.length > 10, m.code);
  const rules = RULE_MODULES.map((r) => r.code as string);
  assert.equal(new Set(rules).size, rules.length);
  assert.deepEqual([...rules].sort(), RULE_META.filter((m) => m.kind !== 'syntax').map((m) => m.code).sort());
  assert.ok(rules.length >= 17);
  for (const code of rules) assert.ok(existsSync(path.join(__dirname, `${code}.test.ts`)), `test/unit/rules/${code}.test.ts`);
  const rulesDir = path.join(repoRoot, 'src', 'core', 'rules');
  const sources = readdirSync(rulesDir).map((f) => readFileSync(path.join(rulesDir, f), 'utf8')).join('\n');
  for (const [key, code] of Object.entries(Codes)) {
    if (rules.includes(code)) assert.ok(sources.includes(`Codes.${key}`), `a rule emits ${code}`);
  }
});

test('the rule codes are the metadata\'s environment and advisory codes', () => {
  assert.deepEqual([...RULE_CODES].sort(), RULE_META.filter((m) => m.kind !== 'syntax').map((m) => m.code).sort());
  for (const c of environmentRuleCodes()) assert.ok(RULE_CODES.has(c), c);
});

test('every message template of the rules and the knowledge base has a zh-cn translation', () => {
  const zh = JSON.parse(readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const dirs = [path.join(repoRoot, 'src', 'core', 'rules'), path.join(repoRoot, 'src', 'core', 'knowledge'), path.join(repoRoot, 'src', 'core', 'resolve')];
  let n = 0;
  for (const dir of dirs) {
    for (const f of readdirSync(dir)) {
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

// msg() with nested messages and translate(): the English text stays as it was, the Localizable keeps
// the nested sentence's template so the editor translates it too; checked on real findings, fix titles
// and hovers with the zh-cn bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { format, localized, msg, translate, type Localizable } from '../../../src/core/l10n';
import { hoverAt } from '../../../src/core/hover';
import { check, machine, reader, repoRoot } from '../rules/helpers';

const zh = JSON.parse(readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
/** vscode.l10n.t's behaviour with the zh-cn bundle: the translation when there is one, else the template. */
const toZh = (template: string, args: (string | number)[]): string => format(zh[template] ?? template, args);
const english = (template: string, args: (string | number)[]): string => format(template, args);

test('msg: plain arguments format as before', () => {
  const m = msg('Use {0}=={1}', 'torch', '2.9.0');
  assert.equal(m.message, 'Use torch==2.9.0');
  assert.deepEqual(m.l10n, { template: 'Use {0}=={1}', args: ['torch', '2.9.0'] });
});

test('msg: a nested message contributes its English to .message and its Localizable to the args', () => {
  const inner = msg('no kernels for {0}', 'sm_61');
  const outer = msg('it ships {0}: {1}.', inner, 3);
  assert.equal(outer.message, 'it ships no kernels for sm_61: 3.');
  assert.deepEqual(outer.l10n.args, [{ template: 'no kernels for {0}', args: ['sm_61'] }, 3]);
  // A nested value without a template is kept as its English text.
  assert.deepEqual(msg('a {0}', { message: 'b' }).l10n.args, ['b']);
});

test('translate: innermost first, English when the translator is format()', () => {
  const l: Localizable = msg('A[{0}|{1}]', msg('B[{0}]', msg('C[{0}]', 'x')), 'y').l10n;
  assert.equal(translate(l, english), 'A[B[C[x]]|y]');
  const seen: string[] = [];
  const out = translate(l, (t, args) => { seen.push(t); return `<${format(t, args)}>`; });
  assert.deepEqual(seen, ['C[{0}]', 'B[{0}]', 'A[{0}|{1}]']);
  assert.equal(out, '<A[<B[<C[x]>]>|y]>');
  assert.equal(localized({ message: 'plain' }, toZh), 'plain');
});

const GTX1080 = { gpu: 'NVIDIA GeForce GTX 1080', driver: '580.65.06', platform: 'linux' as const };
const CU130 = '--index-url https://download.pytorch.org/whl/cu130\ntorch==2.9.0\ntorchvision==0.24.0\n';

test('gpu-arch-unsupported in zh-cn: the embedded sentences are translated too (no English fragments)', () => {
  const f = check(CU130, GTX1080).find((x) => x.code === 'gpu-arch-unsupported');
  assert.ok(f?.l10n);
  assert.equal(translate(f.l10n, english), f.message);
  const cn = translate(f.l10n, toZh);
  assert.match(cn, /cu126/);
  assert.match(cn, /sm_61/);
  assert.doesNotMatch(cn, /\buse the\b|\bno kernels for\b|compute capability/);
  assert.match(cn, /[\u4e00-\u9fff]/);
});

test('every finding message and fix title on a set of files: translate(l10n, format) is the English, and zh-cn has the title', () => {
  const cases: [string, string, Parameters<typeof check>[1]][] = [
    [CU130, '/p/requirements.txt', GTX1080],
    ['--index-url http://download.pytorch.org/whl/cu118\ntorch==2.4.1+cu118\ntorchvision==0.18.0\n', '/p/requirements.txt', { gpu: 'NVIDIA GeForce RTX 5090', driver: '575.57.08', platform: 'linux' }],
    ['torch==2.5.1+cu121\n', '/p/requirements.txt', { gpu: 'NVIDIA GeForce RTX 4090', driver: '550.54.14', platform: 'linux' }],
    ['--index-url https://download.pytorch.org/whl/cpu\ntorch==2.5.1\n', '/p/requirements.txt', { gpu: 'NVIDIA GeForce RTX 4090', driver: '550.54.14', platform: 'linux' }],
    ['name: x\nchannels:\n  - pytorch\n  - nvidia\ndependencies:\n  - python=3.11\n  - pytorch=2.5.1\n  - pytorch-cuda=12.4\n  - pip:\n    - requests\n', '/p/environment.yml', { gpu: 'NVIDIA GeForce RTX 4090', driver: '550.54.14', platform: 'linux' }],
  ];
  let titles = 0;
  for (const [text, file, flags] of cases) {
    for (const f of check(text, flags, file)) {
      if (f.l10n) assert.equal(translate(f.l10n, english), f.message, f.code);
      for (const fix of f.fixes) {
        assert.ok(fix.l10n, `${f.code}: fix "${fix.title}" has no l10n`);
        assert.equal(translate(fix.l10n, english), fix.title);
        assert.ok(fix.l10n.template in zh, `zh-cn for fix title ${JSON.stringify(fix.l10n.template)}`);
        assert.match(translate(fix.l10n, toZh), /[\u4e00-\u9fff]/, fix.title);
        titles++;
      }
    }
  }
  assert.ok(titles >= 4, `only ${titles} fix titles seen`);
});

test('hover lines: English markdown is the lines joined, and every line with a template translates to zh-cn', () => {
  const h = hoverAt('/p/requirements.txt', CU130, CU130.indexOf('torch=='), machine(GTX1080), { reader: reader() });
  assert.ok(h);
  assert.equal(h.lines.map((l) => l.message).join('\n'), h.markdown);
  assert.equal(h.lines.map((l) => localized(l, english)).join('\n'), h.markdown);
  const cn = h.lines.map((l) => localized(l, toZh)).join('\n');
  assert.match(cn, /[\u4e00-\u9fff]/);
  for (const l of h.lines) if (l.l10n) assert.ok(l.l10n.template in zh, `zh-cn for hover ${JSON.stringify(l.l10n.template)}`);
  assert.doesNotMatch(cn, /Knowledge as of|Published variants|Pairs with torchvision/);
});

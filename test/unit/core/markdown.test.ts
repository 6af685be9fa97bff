// The escaper is judged by a real CommonMark renderer (markdown-it, HTML on as in the worst case): an
// escaped value must render as exactly its own text, with no element but the paragraph around it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { codeBlock, escapeMarkdown, inlineCode } from '../../../src/core/markdown';

const md = new MarkdownIt({ html: true, linkify: false });

function decode(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** What a value must render as: itself, on one line (breaks and control characters become spaces). */
function flat(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return s.replace(/[\r\n]+/g, ' ').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, ' ');
}

/** Render and return the paragraph's text; fails when anything but one paragraph of text came out. */
function renderedText(markdown: string): string {
  const html = md.render(markdown).trim();
  const m = /^<p>([^]*)<\/p>$/.exec(html);
  assert.ok(m, `not a single paragraph: ${JSON.stringify(markdown)} -> ${html}`);
  assert.ok(!/<[a-z/!?]/i.test(m[1]), `markup came through: ${JSON.stringify(markdown)} -> ${html}`);
  return decode(m[1]);
}

const HOSTILE = [
  '[x](command:aiEnvDoctor.createCondaEnv?%7B%22yes%22%3Atrue%7D)',
  '![img](https://evil.example/x.png)',
  '<command:aiEnvDoctor.refresh>',
  '<https://evil.example>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&lt;script&gt; &amp; &#60; &#x3C; &copy;',
  '`code` ``double`` ```triple```',
  '**bold** __bold__ *em* _em_ ~~strike~~',
  'a | b | c',
  '[ref]: command:evil',
  '[x][ref]',
  '$(zap) $(loading~spin)',
  'trailing backslash \\',
  'GPU 0\r# heading from a lone CR',
  'GPU 0\r\n- list item\n> quote\r1. ordered\r===',
  'NVIDIA GeForce RTX 4090\r[x](command:aiEnvDoctor.refresh)',
  'nul\x00bell\x07esc\x1b[31mred',
  '\\[x\\](command:evil)',
  'torch 2.1.2+cu121 (driver ≥ 525.60.13) - ok!',
];

const STARTS = ['# h', '## h', '- item', '+ item', '* item', '> quote', '1. one', '12) twelve', '=== ', '---', '***', '___', '    code'];

test('hostile process output renders as itself, mid-line and at the start of a line', () => {
  for (const s of [...HOSTILE, ...STARTS.filter((x) => !/^\s/.test(x))]) {
    const e = escapeMarkdown(s);
    assert.ok(!/[\r\n]/.test(e), `a line break survived in ${JSON.stringify(e)}`);
    assert.equal(renderedText(`x ${e} y`), `x ${flat(s)} y`);
    assert.equal(renderedText(e), flat(s).trim());
    // Inside a list item of a tooltip, next to a trusted link.
    // Next to a trusted link in a tooltip: that link stays the only one.
    const html = md.render(`- [Refresh](command:aiEnvDoctor.refresh) ${e}`);
    assert.deepEqual(html.match(/<a [^>]*>/g), ['<a href="command:aiEnvDoctor.refresh">'], html);
  }
});

test('a value cannot turn into a theme icon', () => {
  for (const s of ['$(zap)', 'a$(b)c', '$$(x)']) assert.ok(!/(^|[^\\])\$\(/.test(escapeMarkdown(s)), escapeMarkdown(s));
});

test('plain prose stays readable in the source', () => {
  assert.equal(escapeMarkdown('torch 2.1.2 (cu121) - ok!'), 'torch 2.1.2 (cu121) - ok!');
  assert.equal(escapeMarkdown('NVIDIA GeForce RTX 4090'), 'NVIDIA GeForce RTX 4090');
  assert.equal(escapeMarkdown('2.1.2+cu121'), '2.1.2+cu121', 'a version is not an ordered list');
});

// Generated strings over Markdown's special characters: whatever the mix, the rendered text is the input.
function* generated(count: number): Generator<string> {
  const alphabet = ['[', ']', '(', ')', '<', '>', '!', '`', '*', '_', '~', '|', '&', '#', ';', '\\', '$', '-', '+', '.', '=', ':', '\r', '\n', ' ', 'a', '1', 'x'];
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < count; i++) {
    const len = 1 + (next() % 14);
    let s = '';
    for (let j = 0; j < len; j++) s += alphabet[next() % alphabet.length];
    yield s;
  }
}

test('generated mixes of special characters render as themselves', () => {
  for (const s of generated(3000)) {
    assert.equal(renderedText(`x ${escapeMarkdown(s)} y`), `x ${flat(s)} y`, JSON.stringify(s));
  }
});

test('inline code holds any text, backticks and breaks included', () => {
  for (const s of [...HOSTILE, 'a`b', '`', '``x``', ' padded ', '`lead', 'trail`', ...generated(1500)]) {
    if (flat(s).trim() === '') continue;
    const html = md.render(`x ${inlineCode(s)} y`).trim();
    const m = /^<p>x <code>([^<]*)<\/code> y<\/p>$/.exec(html);
    assert.ok(m, `${JSON.stringify(s)} -> ${html}`);
    assert.equal(decode(m[1]), flat(s));
  }
});

test('a code block cannot be closed by its content', () => {
  for (const s of ['pip install torch', 'a\n```\n[x](command:evil)', '````\nb', 'c\r\nd']) {
    const html = md.render(`${codeBlock(s, 'sh')}\n\n[after](command:aiEnvDoctor.refresh)`).trim();
    const m = /^<pre><code class="language-sh">([^<]*)<\/code><\/pre>\n<p><a href="command:aiEnvDoctor.refresh">after<\/a><\/p>$/.exec(html);
    assert.ok(m, `${JSON.stringify(s)} -> ${html}`);
    assert.equal(decode(m[1]), `${s.replace(/\r\n?/g, '\n')}\n`);
  }
});

// The one way text from processes, files and settings goes into Markdown (hovers, the status bar
// tooltip, the report). Tooltips carry trusted command links, so an escaped value must never become
// a link, an image, HTML, an entity, a theme icon, emphasis or a new line, however it is written.
// Plain prose stays readable (dots, dashes and parentheses are left alone) because the report is read
// as source: characters that only matter at the start of a line are escaped only there, and a value
// never contains a line break to start a new one.

/** Inline syntax: emphasis, code, links and images, HTML and autolinks, entities, tables, strikethrough. */
const INLINE = /[\\`*_[\]<>&|~]/g;
/** Line breaks Markdown recognises (a lone \r counts), and the other C0 controls and DEL. */
const BREAKS = /[\r\n]+/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

function flatten(text: string): string {
  return text.replace(BREAKS, ' ').replace(CONTROLS, ' ');
}

/** Text as literal inline Markdown: whatever it holds renders as itself, on the current line. */
export function escapeMarkdown(text: string): string {
  return flatten(text)
    .replace(INLINE, '\\$&')
    // VS Code renders $(name) as an icon where theme icons are on.
    .replace(/\$\(/g, '\\$(')
    // Block syntax at the start: heading, list item, quote, setext/thematic break, ordered list.
    .replace(/^(\s*)([#+\-=>])/, '$1\\$2')
    .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/** Inline code that cannot be broken out of: a fence longer than any backtick run inside. */
export function inlineCode(text: string): string {
  const t = flatten(text);
  const longest = Math.max(0, ...[...t.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space from each end when both ends have one (and drops nothing else).
  const pad = t === '' || /^`|`$/.test(t) || (/^ [^]* $/.test(t) && /[^ ]/.test(t)) ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** A fenced code block (lines kept) that the text cannot close early. */
export function codeBlock(text: string, language = ''): string {
  const t = text.replace(/\r\n?/g, '\n');
  const longest = Math.max(0, ...[...t.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${t}\n${fence}`;
}

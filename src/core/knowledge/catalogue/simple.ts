// PEP 503 (HTML) and PEP 691 (JSON) "simple" index pages: the files a project page lists, with their
// hashes and whether a PEP 658 metadata file sits beside them. A careful tokenizer for the anchors:
// index pages are HTML, not XML (unquoted attributes, <br> without a slash).

export interface IndexFile {
  /** File name, percent-decoded ("torch-2.9.0+cu130-cp312-cp312-manylinux_2_28_x86_64.whl"). */
  filename: string;
  /** The href resolved against the page URL, fragment removed. */
  url: string;
  sha256: string | null;
  requiresPython: string | null;
  /** A PEP 658 metadata file is served at `url + ".metadata"`. */
  hasMetadata: boolean;
  yanked: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

/** Attributes of one start tag's inside (`href="x" data-yanked data-core-metadata='sha256=…'`). */
export function parseAttributes(inside: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const m of inside.matchAll(re)) {
    const key = m[1].toLowerCase();
    if (!attrs.has(key)) attrs.set(key, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

/** Resolve an href against the page URL (absolute, root-relative or relative). */
export function resolveUrl(href: string, base: string): string {
  try {
    return new URL(href, base).toString();
  } catch {
    return href;
  }
}

function hashOf(fragment: string): string | null {
  const m = /(?:^|&)sha256=([0-9a-f]{64})\b/i.exec(fragment);
  return m ? m[1].toLowerCase() : null;
}

/** Files listed on a PEP 503 HTML page. Comments, scripts and non-anchor tags are skipped. */
export function parseSimpleHtml(html: string, pageUrl: string): IndexFile[] {
  const out: IndexFile[] = [];
  const text = html.replace(/<!--[\s\S]*?-->/g, '');
  const re = /<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi;
  for (const m of text.matchAll(re)) {
    const attrs = parseAttributes(m[1]);
    const href = attrs.get('href');
    if (!href) continue;
    const hash = href.includes('#') ? href.slice(href.indexOf('#') + 1) : '';
    const url = resolveUrl(href.split('#')[0], pageUrl);
    const label = decodeEntities(m[2].replace(/<[^>]*>/g, '')).trim();
    const fromHref = (() => {
      const p = href.split('#')[0].split('?')[0];
      const last = p.slice(p.lastIndexOf('/') + 1);
      try { return decodeURIComponent(last); } catch { return last; }
    })();
    const meta = attrs.get('data-core-metadata') ?? attrs.get('data-dist-info-metadata');
    out.push({
      filename: fromHref || label,
      url,
      sha256: hashOf(hash),
      requiresPython: attrs.get('data-requires-python') || null,
      hasMetadata: meta !== undefined && meta.toLowerCase() !== 'false',
      yanked: attrs.has('data-yanked'),
    });
  }
  return out;
}

/** Project names listed on a PEP 503 root page (`<base>/`): the anchors' texts. */
export function parseSimpleIndexNames(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a\s*>/gi)].map((m) => decodeEntities(m[1].replace(/<[^>]*>/g, '')).trim()).filter(Boolean);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Files of a PEP 691 JSON project page; null when the text is not such a page. */
export function parseSimpleJson(text: string, pageUrl: string): IndexFile[] | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(doc) || !Array.isArray(doc.files)) return null;
  const out: IndexFile[] = [];
  for (const f of doc.files) {
    if (!isRecord(f) || typeof f.filename !== 'string' || typeof f.url !== 'string') continue;
    const hashes = isRecord(f.hashes) ? f.hashes : {};
    const meta = f['core-metadata'] ?? f['dist-info-metadata'] ?? f['data-dist-info-metadata'];
    out.push({
      filename: f.filename,
      url: resolveUrl(f.url.split('#')[0], pageUrl),
      sha256: typeof hashes.sha256 === 'string' ? hashes.sha256.toLowerCase() : null,
      requiresPython: typeof f['requires-python'] === 'string' ? f['requires-python'] : null,
      hasMetadata: meta !== undefined && meta !== false,
      yanked: f.yanked !== undefined && f.yanked !== false,
    });
  }
  return out;
}

/**
 * Files of a project page in either format; null when the page is malformed or cut short (JSON that
 * does not parse as PEP 691, HTML that opens <html> but never closes it, or no anchors at all).
 */
export function parseIndexPage(text: string, contentType: string | null, pageUrl: string): IndexFile[] | null {
  const looksJson = (contentType ?? '').includes('json') || /^\s*\{/.test(text);
  if (looksJson) return parseSimpleJson(text, pageUrl);
  if (/<html\b/i.test(text) && !/<\/html\s*>/i.test(text)) return null;
  const files = parseSimpleHtml(text, pageUrl);
  return files.length ? files : null;
}

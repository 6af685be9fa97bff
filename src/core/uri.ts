// "Is this a URI or a path", in one place. pip treats `scheme://…` as a URL and `file:` as a local
// file; a Windows drive (`C:\x`) is a path. Also pip's redact_auth_from_url, so credentials written
// into an index URL never reach a report.

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** True for `scheme://…` (any scheme). */
export function hasScheme(s: string): boolean {
  return SCHEME.test(s);
}

/** True for `scheme://…` and for `file:…` (pip reads `file:` URLs as local files). */
export function isUri(s: string): boolean {
  return SCHEME.test(s) || isFileUri(s);
}

/** A `file:` URL: a local file written as a URL. */
export function isFileUri(s: string): boolean {
  return /^file:/i.test(s);
}

/** A URI that is not a local file (http(s), git+…, ftp…): fetched over a network, never read here. */
export function isRemoteUri(s: string): boolean {
  return isUri(s) && !isFileUri(s);
}

/**
 * pip's redact_auth_from_url: `user:pass@` becomes `user:****@`, a lone token `tok@` becomes `****@`.
 * Text that is not a `scheme://` URL is returned unchanged.
 */
export function redactAuthFromUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i.exec(url);
  if (!m) return url;
  const auth = m[2];
  const colon = auth.indexOf(':');
  const shown = colon >= 0 ? `${auth.slice(0, colon)}:****` : '****';
  return m[1] + shown + '@' + url.slice(m[0].length);
}

/** Every `scheme://user:pass@host` inside free text, redacted as redactAuthFromUrl does. */
export function redactUrlsIn(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#'"`]*@/gi, (u) => redactAuthFromUrl(u));
}

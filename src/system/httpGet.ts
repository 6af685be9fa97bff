// HTTP(S) GET for the wheel catalogue: a time limit on the whole request, a size limit on the body,
// conditional requests (If-None-Match → 304), a few redirects, and a hook for proxies (the extension
// host patches Node's http for VS Code's proxy settings; the CLI may pass an agent). Never throws:
// callers get a result with an error text.
import * as http from 'node:http';
import * as https from 'node:https';

export interface HttpGetOptions {
  timeoutMs?: number;
  /** Body bytes accepted; a longer body is an error (a page that large is not an index page). */
  maxBytes?: number;
  /** ETag of the copy the caller holds: a 304 answer means it is still current. */
  etag?: string | null;
  accept?: string;
  signal?: AbortSignal;
}

export interface HttpResult {
  /** HTTP status (0 when no answer came: network error, timeout, too large). */
  status: number;
  body: string;
  etag: string | null;
  contentType: string | null;
  /** The URL that answered (after redirects). */
  url: string;
  error: string | null;
}

export type HttpGet = (url: string, opts?: HttpGetOptions) => Promise<HttpResult>;

/** Proxy hook: the agent to use for a URL (undefined: Node's default). */
export type AgentFor = (url: URL) => http.Agent | undefined;

const MAX_REDIRECTS = 5;

function once(url: string, opts: HttpGetOptions, agentFor: AgentFor | undefined): Promise<HttpResult & { location?: string }> {
  return new Promise((resolve) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      resolve({ status: 0, body: '', etag: null, contentType: null, url, error: `not a URL: ${url}` });
      return;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      resolve({ status: 0, body: '', etag: null, contentType: null, url, error: `unsupported protocol ${u.protocol}` });
      return;
    }
    const mod = u.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { 'user-agent': 'ai-env-doctor', 'accept-encoding': 'identity' };
    if (opts.accept) headers.accept = opts.accept;
    if (opts.etag) headers['if-none-match'] = opts.etag;
    let done = false;
    const finish = (r: HttpResult & { location?: string }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = mod.get(u, { headers, agent: agentFor?.(u), signal: opts.signal }, (res) => {
      const status = res.statusCode ?? 0;
      const etag = typeof res.headers.etag === 'string' ? res.headers.etag : null;
      const contentType = typeof res.headers['content-type'] === 'string' ? res.headers['content-type'] : null;
      if (status >= 300 && status < 400 && status !== 304 && res.headers.location) {
        res.resume();
        finish({ status, body: '', etag, contentType, url, error: null, location: new URL(res.headers.location, u).toString() });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const max = opts.maxBytes ?? 64 * 1024 * 1024;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > max) {
          finish({ status: 0, body: '', etag: null, contentType, url, error: `${url}: more than ${max} bytes` });
          res.destroy();
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => finish({ status, body: Buffer.concat(chunks).toString('utf8'), etag, contentType, url, error: null }));
      res.on('error', (e) => finish({ status: 0, body: '', etag: null, contentType, url, error: `${url}: ${e.message}` }));
      res.on('aborted', () => finish({ status: 0, body: '', etag: null, contentType, url, error: `${url}: connection closed before the end` }));
    });
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const timer = setTimeout(() => {
      req.destroy();
      finish({ status: 0, body: '', etag: null, contentType: null, url, error: `${url}: no answer within ${Math.round(timeoutMs / 1000)} s` });
    }, timeoutMs);
    req.on('error', (e) => finish({ status: 0, body: '', etag: null, contentType: null, url, error: `${url}: ${e.message}` }));
  });
}

/** A GET function using Node's http/https, following up to 5 redirects. */
export function nodeHttpGet(agentFor?: AgentFor): HttpGet {
  return async (url, opts = {}) => {
    let current = url;
    for (let i = 0; i <= MAX_REDIRECTS; i++) {
      const r = await once(current, opts, agentFor);
      if (!r.location) return { status: r.status, body: r.body, etag: r.etag, contentType: r.contentType, url: r.url, error: r.error };
      current = r.location;
    }
    return { status: 0, body: '', etag: null, contentType: null, url: current, error: `${url}: too many redirects` };
  };
}

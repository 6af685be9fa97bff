// A local PyTorch-style wheel index on 127.0.0.1 for the catalogue tests, in the index's real format:
// PEP 503 pages per package for all variants (<base>/<pkg>/) and per variant (<base>/<variant>/<pkg>/),
// hrefs with "%2B"-encoded local versions and "#sha256=" fragments, PEP 658 metadata files beside the
// wheels (data-dist-info-metadata / data-core-metadata), and a PyPI-like PEP 691 JSON page.
import * as http from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface Wheel {
  pkg: string;
  version: string;
  local: string | null;
  python: string[];
  platforms: string[];
  requires: string[];
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export function wheelFiles(w: Wheel): { file: string; metadata: string }[] {
  const out: { file: string; metadata: string }[] = [];
  for (const py of w.python) {
    for (const plat of w.platforms) {
      const file = `${w.pkg}-${w.version}${w.local ? `+${w.local}` : ''}-${py}-${py}-${plat}.whl`;
      const metadata = ['Metadata-Version: 2.1', `Name: ${w.pkg}`, `Version: ${w.version}${w.local ? `+${w.local}` : ''}`,
        ...w.requires.map((r) => `Requires-Dist: ${r}`), '', 'description'].join('\n');
      out.push({ file, metadata });
    }
  }
  return out;
}

/** The HTML project page as download.pytorch.org writes it. */
export function projectPage(pkg: string, wheels: readonly Wheel[], prefix: string): string {
  const links = wheels.flatMap((w) => wheelFiles(w).map(({ file, metadata }) => {
    const href = `${prefix}/${file.replace('+', '%2B')}#sha256=${sha(file)}`;
    const m = `sha256=${sha(metadata)}`;
    return `    <a href="${href}" data-dist-info-metadata="${m}" data-core-metadata="${m}">${file}</a><br/>`;
  }));
  return `<!DOCTYPE html>\n<html>\n  <body>\n    <h1>Links for ${pkg}</h1>\n${links.join('\n')}\n  </body>\n</html>\n`;
}

export interface IndexServer {
  url: string;
  /** Replace what a path answers (status and body), e.g. to make the next update fail. */
  override: Map<string, { status: number; body: string }>;
  requests: string[];
  close(): Promise<void>;
}

/** Serves `wheels` under /whl and `pypiWheels` under /pypi/simple. */
export async function startIndexServer(wheels: readonly Wheel[], pypiWheels: readonly Wheel[]): Promise<IndexServer> {
  const routes = new Map<string, { type: string; body: string }>();
  const pkgs = [...new Set(wheels.map((w) => w.pkg))];
  for (const pkg of pkgs) {
    const mine = wheels.filter((w) => w.pkg === pkg);
    routes.set(`/whl/${pkg}/`, { type: 'text/html', body: projectPage(pkg, mine, '/whl') });
    for (const v of new Set(mine.map((w) => w.local ?? 'cpu'))) {
      routes.set(`/whl/${v}/${pkg}/`, { type: 'text/html', body: projectPage(pkg, mine.filter((w) => (w.local ?? 'cpu') === v), `/whl/${v}`) });
    }
    for (const w of mine) {
      for (const { file, metadata } of wheelFiles(w)) {
        routes.set(`/whl/${file}.metadata`, { type: 'text/plain', body: metadata });
        routes.set(`/whl/${w.local ?? 'cpu'}/${file}.metadata`, { type: 'text/plain', body: metadata });
      }
    }
  }
  const pypiFiles = pypiWheels.flatMap((w) => wheelFiles(w));
  routes.set('/pypi/simple/torch/', {
    type: 'application/vnd.pypi.simple.v1+json',
    body: JSON.stringify({
      meta: { 'api-version': '1.1' }, name: 'torch',
      files: pypiFiles.map(({ file, metadata }) => ({ filename: file, url: `/pypi/files/${file}`, hashes: { sha256: sha(file) }, 'core-metadata': { sha256: sha(metadata) } })),
    }),
  });
  for (const { file, metadata } of pypiFiles) routes.set(`/pypi/files/${file}.metadata`, { type: 'text/plain', body: metadata });

  const override = new Map<string, { status: number; body: string }>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent((req.url ?? '/').split('?')[0]);
    requests.push(p);
    const o = override.get(p);
    if (o) {
      res.writeHead(o.status, { 'content-type': 'text/html' });
      res.end(o.body);
      return;
    }
    const r = routes.get(p);
    if (!r) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    const etag = `"${sha(r.body).slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': r.type, etag });
    res.end(r.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    override,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

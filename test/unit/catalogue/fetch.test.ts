// The fetcher against a local index: conditional requests answered 304 reuse the stored page, the
// per-variant fallback for a mirror without all-variant pages, and the HTTP limits (time, size).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchCatalogue } from '../../../src/system/catalogueFetch';
import { nodeHttpGet, type HttpGet } from '../../../src/system/httpGet';
import { startIndexServer, type IndexServer, type Wheel } from './indexServer';

const w = (version: string, local: string): Wheel => ({ pkg: 'torch', version, local, python: ['cp312'], platforms: ['manylinux_2_28_x86_64'], requires: [] });
let server: IndexServer;
before(async () => { server = await startIndexServer([w('2.16.0', 'cu130'), w('2.16.0', 'cpu'), w('2.14.0', 'cu126')], []); });
after(async () => { await server.close(); });

function recording(): { get: HttpGet; statuses: number[] } {
  const base = nodeHttpGet();
  const statuses: number[] = [];
  return { statuses, get: async (url, o) => { const r = await base(url, o); statuses.push(r.status); return r; } };
}

test('a second update sends the ETags back and reuses the pages answered 304', async () => {
  const first = recording();
  const a = await fetchCatalogue({ indexUrl: `${server.url}/whl/`, pypiUrl: null, get: first.get, now: new Date('2026-12-01T00:00:00Z') });
  assert.ok(a.ok);
  assert.ok(Object.keys(a.pages).length >= 1);
  const second = recording();
  const b = await fetchCatalogue({ indexUrl: `${server.url}/whl`, pypiUrl: null, get: second.get, now: new Date('2026-12-02T00:00:00Z'), pages: a.pages });
  assert.ok(b.ok);
  assert.ok(second.statuses.includes(304), String(second.statuses));
  assert.deepEqual(b.catalogue.packages.torch, a.catalogue.packages.torch);
  assert.equal(b.catalogue.indexUrl, `${server.url}/whl`);
});

test('a mirror without all-variant pages is read through its per-variant pages', async () => {
  server.override.set('/whl/torch/', { status: 404, body: 'no' });
  try {
    const r = await fetchCatalogue({ indexUrl: `${server.url}/whl`, pypiUrl: null, get: nodeHttpGet(), now: new Date() });
    assert.ok(r.ok);
    assert.deepEqual(Object.keys(r.catalogue.packages.torch['2.16.0']).sort(), ['cpu', 'cu130']);
  } finally {
    server.override.clear();
  }
});

test('PyPI unreachable is a warning; the index unreachable is a failure', async () => {
  const r = await fetchCatalogue({ indexUrl: `${server.url}/whl`, pypiUrl: 'http://127.0.0.1:9', get: nodeHttpGet(), now: new Date(), timeoutMs: 5000 });
  assert.ok(r.ok);
  assert.ok(r.catalogue.warnings.some((x) => /PyPI not read/.test(x)));
  const bad = await fetchCatalogue({ indexUrl: 'http://127.0.0.1:9/whl', pypiUrl: null, get: nodeHttpGet(), now: new Date(), timeoutMs: 5000 });
  assert.equal(bad.ok, false);
});

test('HTTP limits: no answer within the time limit, a body over the size limit', async () => {
  const silent = http.createServer(() => { /* never answers */ });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const port = (silent.address() as AddressInfo).port;
    const r = await nodeHttpGet()(`http://127.0.0.1:${port}/x`, { timeoutMs: 200 });
    assert.equal(r.status, 0);
    assert.match(r.error ?? '', /no answer within/);
  } finally {
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  }
  const big = await nodeHttpGet()(`${server.url}/whl/torch/`, { maxBytes: 10 });
  assert.equal(big.status, 0);
  assert.match(big.error ?? '', /more than 10 bytes/);
});

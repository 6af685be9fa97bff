// One answer to "is this a URI or a path", and pip's redact_auth_from_url.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { isFileUri, isRemoteUri, isUri, redactAuthFromUrl, redactUrlsIn } from '../../../src/core/uri';
import { repoRoot } from '../../paths';

test('URIs and paths', () => {
  for (const s of ['https://x/r.txt', 'git+https://github.com/a/b', 'file:///tmp/r.txt', 'file:r.txt', 'HTTP://X']) assert.ok(isUri(s), s);
  for (const s of ['r.txt', '../r.txt', '/abs/r.txt', 'C:\\req.txt', 'C:/req.txt', 'reqs/a:b.txt']) assert.ok(!isUri(s), s);
  assert.ok(isFileUri('FILE:///x') && !isRemoteUri('file:///x') && isRemoteUri('https://x'));
});

test("redaction as pip's redact_auth_from_url", () => {
  // cases from pip's tests/unit/test_utils.py (test_redact_auth_from_url)
  const cases: [string, string][] = [
    ['https://user:pass@domain.tld/project/tags/v0.2', 'https://user:****@domain.tld/project/tags/v0.2'],
    ['https://domain.tld/project/tags/v0.2', 'https://domain.tld/project/tags/v0.2'],
    ['https://user@domain.tld/project/tags/v0.2', 'https://****@domain.tld/project/tags/v0.2'],
    ['ftp://ftpname@domain.tld/project/tags/v0.2', 'ftp://****@domain.tld/project/tags/v0.2'],
    ['https://user:p@ss@domain.tld', 'https://user:****@domain.tld'],
    ['https://user:@domain.tld', 'https://user:****@domain.tld'],
  ];
  for (const [url, want] of cases) assert.equal(redactAuthFromUrl(url), want, url);
  assert.equal(redactUrlsIn("index 'https://tok@h/simple' and http://u:p@h2/x, mail me@example.com"), "index 'https://****@h/simple' and http://u:****@h2/x, mail me@example.com");
});

test('one scheme test in src: no other copy of a URI-scheme regex', () => {
  const out = execFileSync('git', ['grep', '-nE', String.raw`\[[aA]-[zZ]\]\[[aA]-[zZ0-9].*:\\/\\/|\(https\?\|file\):|\^https\?:/[a-z]*\.test`, '--', 'src'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const hits = out.trim().split('\n').filter(Boolean);
  assert.ok(hits.length > 0 && hits.every((h) => h.startsWith('src/core/uri.ts:')), hits.join('\n'));
});

// Who may pass what to "Create conda env": anything that can run the public command (a command link in a
// hover or tooltip included) gets only options that keep every question; skipping questions, replacing or
// updating an env, a prefix and unasked fixes come only through the internal command, which the manifest
// does not contribute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INTERNAL_COMMAND, sanitizeOptions } from '../../../src/vscode/createCondaEnvOptions';

const hostile = { folder: '/w/p', name: 'e', python: '3.11', file: 'req.txt', yes: true, existing: 'recreate', prune: true,
  prefix: '/home/u', fixFirst: true, selectInterpreter: false, extra: 'x' };

test('the public command drops every option that skips a question or destroys', () => {
  const o = sanitizeOptions(hostile, false);
  assert.deepEqual(Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)),
    { folder: '/w/p', name: 'e', python: '3.11', file: 'req.txt', selectInterpreter: false });
  for (const existing of ['update', 'recreate']) assert.equal(sanitizeOptions({ existing }, false).existing, undefined);
  assert.equal(sanitizeOptions({ existing: 'fail' }, false).existing, 'fail', 'stopping is always allowed');
  assert.equal(sanitizeOptions({ fixFirst: false }, false).fixFirst, false, 'declining fixes is always allowed');
  // Command links pass JSON: an AbortSignal cannot come that way, and a string "true" is not a boolean.
  assert.equal(sanitizeOptions({ yes: 'true' }, true).yes, undefined);
  assert.deepEqual(sanitizeOptions({ scheme: 'file', fsPath: '/w/p' }, false), { folder: '/w/p' });
  assert.deepEqual(sanitizeOptions({ scheme: 'vscode-remote', fsPath: '/w/p' }, false), {});
  assert.deepEqual(sanitizeOptions(null, false), {});
});

test('in-process callers keep them', () => {
  const o = sanitizeOptions(hostile, true);
  assert.equal(o.yes, true);
  assert.equal(o.existing, 'recreate');
  assert.equal(o.prefix, '/home/u');
  assert.equal(o.prune, true);
  assert.equal(o.fixFirst, true);
  assert.equal((o as Record<string, unknown>).extra, undefined);
});

test('the internal command is not in the manifest (so no menu, palette entry or command link can name it)', () => {
  const pkg = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8');
  assert.ok(!pkg.includes(INTERNAL_COMMAND));
  const contributed = (JSON.parse(pkg) as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
  assert.ok(contributed.includes('aiEnvDoctor.createCondaEnv'));
});

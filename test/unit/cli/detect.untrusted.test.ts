// Detection runs no code from the folder it is started in: a checked project's json.py, torch.py,
// sitecustomize.py or bin/nvidia-smi must not run during `detect` or `check` (a CI job checking a pull
// request would otherwise run the pull request). Through the real CLI with the machine's real python3.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempProject } from './cliHarness';

const python = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => existsSync(p));

/** A project whose every trap writes a file named after itself into marks/. */
function trappedProject(): { dir: string; marks: string } {
  const py = (name: string) => `open(__file__.rsplit('/', 1)[0] + '/marks/${name}', 'w').write('ran')\n`;
  const dir = tempProject({
    'marks/.keep': '',
    'json.py': py('json.py'),
    'torch.py': py('torch.py'),
    'os.py': py('os.py'),
    'site.py': py('site.py'),
    'sitecustomize.py': py('sitecustomize.py'),
    'usercustomize.py': py('usercustomize.py'),
    'bin/nvidia-smi': '#!/bin/sh\necho ran > "$(dirname "$0")/../marks/nvidia-smi"\n',
    'bin/rocminfo': '#!/bin/sh\necho ran > "$(dirname "$0")/../marks/rocminfo"\n',
    'bin/python3': '#!/bin/sh\necho ran > "$(dirname "$0")/../marks/python3"\n',
    'requirements.txt': 'torch==2.5.1\n',
  });
  for (const f of ['bin/nvidia-smi', 'bin/rocminfo', 'bin/python3']) chmodSync(path.join(dir, f), 0o755);
  return { dir, marks: path.join(dir, 'marks') };
}

function marks(dir: string): string[] {
  return readdirSync(dir).filter((f) => f !== '.keep');
}

const skip = process.platform === 'win32' || !python ? 'needs a POSIX machine with python3' : false;

test('detect from inside a hostile project runs none of its files', { skip, timeout: 120_000 }, () => {
  const p = trappedProject();
  // Relative PATH entries point into the project (the working folder); the real python3's folder follows.
  const env = { PATH: ['bin', '.', '', path.dirname(python as string), '/bin'].join(':'), PYTHONPATH: '' };
  const r = runCli(['detect', '--json', '--python', python as string], p.dir, env);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { torch: { error: string | null } | null; env: { python: string | null } };
  assert.match(j.env.python ?? '', /^3\./, 'the probe ran and answered');
  assert.deepEqual(marks(p.marks), []);
});

test('detect without --python finds python3 on the absolute PATH entries only', { skip, timeout: 120_000 }, () => {
  const p = trappedProject();
  const env = { PATH: ['bin', path.dirname(python as string), '/bin'].join(':') };
  const r = runCli(['detect', '--json'], p.dir, env);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { env: { pythonPath: string | null } | null };
  assert.ok(j.env?.pythonPath && path.isAbsolute(j.env.pythonPath), JSON.stringify(j.env));
  assert.deepEqual(marks(p.marks), []);
});

test('check . from inside a hostile project runs none of its files', { skip, timeout: 120_000 }, () => {
  const p = trappedProject();
  const env = { PATH: ['bin', '.', path.dirname(python as string), '/bin'].join(':') };
  const r = runCli(['check', '.', '--json'], p.dir, env);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  assert.deepEqual(marks(p.marks), []);
});

// Differential fuzzing against pip: random lines assembled from the format's pieces (names, extras,
// specifiers, markers, URLs, options, comments, continuations, quotes, ${VAR}s), each written to its
// own file, read by pip (scripts/pip_parse.py) and by us; they must agree exactly as in the corpus
// test. A fixed seed keeps the run reproducible; the agreement figure is printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseFile } from '../../../src/cli/parse';
import { nodeFileReader } from '../../../src/system/fileReader';
import { compareFile, noPip, ours, runPip } from './pipHelper';

const ENV = { AED_V: '2.0', AED_URL: 'https://example.org/simple' };

const piece = fc.constantFrom(
  'torch', 'Foo_Bar.baz', 'a', 'x1', '[cuda]', '[a,b]', '[ a , b ]', '[]', '==2.1.0', '==2.1.0+cu121', '>=1.0', '<2',
  '~=1.4', '!=1.*', '===x', '>= 1.0 , < 2', '(>=1)', ',', ' ', '  ', '\t', ';', '; ', ' ; ', 'python_version < "3.9"',
  "sys_platform == 'linux'", ' and ', ' or ', '(', ')', 'extra == "gpu"', '"a" not in os_name', ' @ ', '@',
  'https://example.org/pkg-1.0-py3-none-any.whl', 'https://example.org/torch-2.1.0%2Bcu121-cp311-cp311-linux_x86_64.whl',
  'git+https://github.com/o/r.git@v1#egg=r', 'file:///tmp/p.tar.gz', './local', '../up/pkg.zip', '#egg=n',
  ' #', '#', ' # c', '\\\n', ' \\\n', '\n', '\r\n', '-e ', '-r ', '-c ', ' --hash=sha256:ab', ' --hash sha512:cd',
  '--extra-index-url ', '--index-url=', '-i', '--pre', ' --pre', '--no-binary :all:', '--trusted-host h',
  '-C k=v', '--config-settings=x', '"', "'", '${AED_V}', '${AED_URL}', '${AED_NOPE}', '=', '*', '.', '-',
);
const line = fc.array(piece, { minLength: 1, maxLength: 9 }).map((ps) => ps.join(''));
const fileArb = fc.array(line, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('\n') + '\n');

test('agrees with pip on random lines (differential fuzzing)', { skip: noPip }, () => {
  const samples = fc.sample(fileArb, { numRuns: 1000, seed: 7 });
  const dir = mkdtempSync(path.join(tmpdir(), 'aed-diff-'));
  try {
    const files = samples.map((text, i) => {
      const p = path.join(dir, String(i), 'requirements.txt');
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, text);
      return p;
    });
    const saved = { ...process.env };
    Object.assign(process.env, ENV);
    let pip;
    try {
      pip = runPip(files);
    } finally {
      for (const k of Object.keys(ENV)) if (!(k in saved)) delete process.env[k];
    }
    assert.ok(pip);
    let agree = 0;
    let accepted = 0;
    const failures: string[] = [];
    for (const p of pip) {
      const text = nodeFileReader.read(p.file) ?? '';
      const out = parseFile(p.file, text, nodeFileReader, { env: ENV, unpinned: false });
      const errors = out.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'conflicting-specifiers');
      if (!p.ok && /^(ConnectionError|.*Max retries)/.test(p.error ?? '')) {
        agree++; // a remote -r/-c: pip fetches it (no network here); we leave remote includes unread
        continue;
      }
      if (!p.ok) {
        if (errors.length) agree++;
        else failures.push(`${JSON.stringify(text)}: pip rejects it (${p.error?.split('\n')[0]}) but we report no error`);
        continue;
      }
      accepted++;
      const diffs = compareFile(out.requirements.map(ours), p.requirements);
      if (diffs.length) failures.push(`${JSON.stringify(text)}: ${diffs.join('; ')}`);
      else if (errors.length) failures.push(`${JSON.stringify(text)}: pip accepts it but we report ${errors.map((d) => d.message).join('; ')}`);
      else agree++;
    }
    console.log(`pip differential: ${agree}/${pip.length} random files agree (${accepted} accepted by pip)`);
    assert.deepEqual(failures, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quotePosix, quoteWindows, renderCommand, renderPlan } from '../../../src/core/createEnv/render';
import { buildPlan } from '../../../src/core/createEnv/plan';

test('POSIX display quoting round-trips through sh', async () => {
  const { execFileSync } = await import('node:child_process');
  const args = ['plain', 'with space', "it's", 'a;b', '$(whoami)', '`id`', '"dq"', '项目', '', 'x\ny', '--name=v'];
  const line = renderCommand(['printf', '%s\\0', ...args]);
  const out = execFileSync('sh', ['-c', line], { encoding: 'utf8' });
  assert.deepEqual(out.split('\0').slice(0, -1), args);
});

test('safe words stay bare; Windows quoting doubles quotes', () => {
  assert.equal(quotePosix('python=3.12'), 'python=3.12');
  assert.equal(quotePosix('https://download.pytorch.org/whl/cu126'), 'https://download.pytorch.org/whl/cu126');
  assert.equal(quotePosix('a b'), "'a b'");
  assert.equal(quoteWindows('C:\\Miniconda3\\Scripts\\conda.exe'), 'C:\\Miniconda3\\Scripts\\conda.exe');
  assert.equal(quoteWindows('my "env"'), '"my ""env"""');
});

test('renderPlan: one command per line, in order', () => {
  const plan = buildPlan({
    tool: { path: '/opt/conda/bin/conda', flavor: 'conda' },
    project: { dir: '/w/p', folderName: 'p', source: { kind: 'requirements', file: '/w/p/requirements.txt', hasTorch: true, torchIndex: null },
      requirementsFiles: [], requiresPython: null, pythonVersionFile: null, envPythonSpec: null, torchPin: null },
    target: { kind: 'name', name: 'p' }, python: '3.12', state: 'free', existing: null,
    recommendation: { variant: 'cu128', indexUrl: 'https://download.pytorch.org/whl/cu128' },
  });
  assert.equal(renderPlan(plan), [
    '/opt/conda/bin/conda create --yes --name p python=3.12',
    '/opt/conda/bin/conda run --no-capture-output --name p python -m pip install -r requirements.txt --extra-index-url https://download.pytorch.org/whl/cu128',
  ].join('\n'));
});

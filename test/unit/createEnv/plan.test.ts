import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPlan, pipIndexFor, relativeTo } from '../../../src/core/createEnv/plan';
import type { ProjectModel, ProjectSource } from '../../../src/core/createEnv/types';

const CU126 = { variant: 'cu126', indexUrl: 'https://download.pytorch.org/whl/cu126' };

function project(source: ProjectSource, dir = '/home/u/proj'): ProjectModel {
  return { dir, folderName: 'proj', source, requirementsFiles: [], requiresPython: null, pythonVersionFile: null,
    envPythonSpec: null, torchPin: null };
}
const reqs = (file = '/home/u/proj/requirements.txt', torchIndex: string | null = null): ProjectSource =>
  ({ kind: 'requirements', file, hasTorch: true, torchIndex });
const yml: ProjectSource = { kind: 'environment', file: '/home/u/proj/environment.yml', envName: 'demo', hasPip: true };

test('requirements: conda create then conda run pip install with the machine index', () => {
  const plan = buildPlan({ tool: { path: '/opt/conda/bin/conda', flavor: 'conda' }, project: project(reqs()),
    target: { kind: 'name', name: 'proj' }, python: '3.12', state: 'free', existing: null, recommendation: CU126 });
  assert.deepEqual(plan.steps.map((s) => s.argv), [
    ['/opt/conda/bin/conda', 'create', '--yes', '--name', 'proj', 'python=3.12'],
    ['/opt/conda/bin/conda', 'run', '--no-capture-output', '--name', 'proj', 'python', '-m', 'pip', 'install',
      '-r', 'requirements.txt', '--extra-index-url', 'https://download.pytorch.org/whl/cu126'],
  ]);
  assert.equal(plan.indexUrl, CU126.indexUrl);
  assert.equal(plan.variant, 'cu126');
  assert.equal(plan.cwd, '/home/u/proj');
  assert.ok(plan.steps.every((s) => s.timeoutMs > 0));
});

test('environment.yml: env create --file --name, or --prefix; update plain, --prune only when asked', () => {
  const tool = { path: 'conda', flavor: 'conda' as const };
  const create = buildPlan({ tool, project: project(yml), target: { kind: 'name', name: 'demo' }, python: '3.12',
    state: 'free', existing: null, recommendation: CU126 });
  assert.deepEqual(create.steps.map((s) => s.argv), [['conda', 'env', 'create', '--file', 'environment.yml', '--name', 'demo']]);
  assert.equal(create.python, null);
  assert.equal(create.indexUrl, null, 'the yml carries its own index (through the fixes)');
  const prefix = buildPlan({ tool, project: project(yml), target: { kind: 'prefix', path: '/home/u/proj/.conda' },
    python: '3.12', state: 'free', existing: null, recommendation: null });
  assert.deepEqual(prefix.steps[0].argv, ['conda', 'env', 'create', '--file', 'environment.yml', '--prefix', '/home/u/proj/.conda']);
  const update = buildPlan({ tool, project: project(yml), target: { kind: 'name', name: 'demo' }, python: '3.12',
    existing: 'update', recommendation: null });
  assert.deepEqual(update.steps.map((s) => s.argv), [['conda', 'env', 'update', '--file', 'environment.yml', '--name', 'demo']]);
  const pruned = buildPlan({ tool, project: project(yml), target: { kind: 'name', name: 'demo' }, python: '3.12',
    existing: 'update', prune: true, recommendation: null });
  assert.deepEqual(pruned.steps.map((s) => s.argv), [['conda', 'env', 'update', '--file', 'environment.yml', '--name', 'demo', '--prune']]);
  assert.match(pruned.steps[0].title, /removing packages the file does not list/);
});

test('recreate removes explicitly first (a visible step, never silent)', () => {
  const plan = buildPlan({ tool: { path: 'conda', flavor: 'conda' }, project: project(reqs()),
    target: { kind: 'name', name: 'proj' }, python: '3.11', existing: 'recreate', recommendation: null });
  assert.deepEqual(plan.steps.map((s) => s.id), ['remove', 'create', 'pip-install']);
  assert.deepEqual(plan.steps[0].argv, ['conda', 'remove', '--yes', '--all', '--name', 'proj']);
  const upd = buildPlan({ tool: { path: 'conda', flavor: 'conda' }, project: project(reqs()),
    target: { kind: 'name', name: 'proj' }, python: '3.11', existing: 'update', recommendation: null });
  assert.deepEqual(upd.steps.map((s) => s.id), ['pip-install'], 'update of a requirements env only re-runs pip');
});

test('micromamba: -y -n, -f, conda-forge channel, run -n; mamba keeps conda syntax', () => {
  const tool = { path: '/usr/bin/micromamba', flavor: 'micromamba' as const };
  const plan = buildPlan({ tool, project: project(reqs()), target: { kind: 'name', name: 'proj' }, python: '3.12',
    existing: 'recreate', recommendation: CU126 });
  assert.deepEqual(plan.steps.map((s) => s.argv), [
    ['/usr/bin/micromamba', 'env', 'remove', '-y', '-n', 'proj'],
    ['/usr/bin/micromamba', 'create', '-y', '-n', 'proj', 'python=3.12', '-c', 'conda-forge'],
    ['/usr/bin/micromamba', 'run', '-n', 'proj', 'python', '-m', 'pip', 'install', '-r', 'requirements.txt',
      '--extra-index-url', CU126.indexUrl],
  ]);
  const ymlPlan = buildPlan({ tool, project: project(yml), target: { kind: 'prefix', path: '/p/.conda' }, python: '3.12',
    state: 'free', existing: null, recommendation: null });
  assert.deepEqual(ymlPlan.steps[0].argv, ['/usr/bin/micromamba', 'create', '-y', '-f', 'environment.yml', '-p', '/p/.conda']);
  const mamba = buildPlan({ tool: { path: 'mamba', flavor: 'mamba' }, project: project(reqs()),
    target: { kind: 'name', name: 'x' }, python: '3.10', state: 'free', existing: null, recommendation: null });
  assert.deepEqual(mamba.steps.map((s) => s.argv), [
    ['mamba', 'create', '--yes', '--name', 'x', 'python=3.10'],
    ['mamba', 'run', '--name', 'x', 'python', '-m', 'pip', 'install', '-r', 'requirements.txt'],
  ]);
});

test('hostile names and paths stay single argv elements, untouched', () => {
  const dir = '/home/u/my proj; rm -rf ~ $(whoami) `id` "q" \'s\' 项目';
  const file = `${dir}/requirements.txt`;
  const prefix = `${dir}/.conda`;
  const plan = buildPlan({ tool: { path: '/opt/my conda/bin/conda', flavor: 'conda' }, project: project(reqs(file), dir),
    target: { kind: 'prefix', path: prefix }, python: '3.12', state: 'free', existing: null, recommendation: null });
  assert.deepEqual(plan.steps[0].argv, ['/opt/my conda/bin/conda', 'create', '--yes', '--prefix', prefix, 'python=3.12']);
  assert.deepEqual(plan.steps[1].argv.slice(-2), ['-r', 'requirements.txt']);
  assert.equal(plan.cwd, dir);
});

test('pyproject: pip install -e .; no index when the project names one or has no torch', () => {
  const py: ProjectSource = { kind: 'pyproject', file: '/home/u/proj/pyproject.toml', hasTorch: true, torchIndex: null };
  const plan = buildPlan({ tool: { path: 'conda', flavor: 'conda' }, project: project(py),
    target: { kind: 'name', name: 'p' }, python: '3.12', state: 'free', existing: null, recommendation: CU126 });
  assert.deepEqual(plan.steps[1].argv.slice(5), ['python', '-m', 'pip', 'install', '-e', '.', '--extra-index-url', CU126.indexUrl]);
  assert.equal(pipIndexFor(project(reqs(undefined, 'https://download.pytorch.org/whl/cu118')), CU126), null);
  assert.equal(pipIndexFor(project({ kind: 'requirements', file: '/x/requirements.txt', hasTorch: false, torchIndex: null }), CU126), null);
  assert.equal(pipIndexFor(project(reqs()), { variant: 'cpu', indexUrl: 'https://pypi.org/simple' }), null);
  const none = buildPlan({ tool: { path: 'conda', flavor: 'conda' }, project: project({ kind: 'none' }),
    target: { kind: 'name', name: 'p' }, python: '3.13', state: 'free', existing: null, recommendation: CU126 });
  assert.deepEqual(none.steps.map((s) => s.argv), [['conda', 'create', '--yes', '--name', 'p', 'python=3.13']]);
});

test('relativeTo keeps files outside the folder absolute (POSIX and Windows)', () => {
  assert.equal(relativeTo('/a/b', '/a/b/req.txt'), 'req.txt');
  assert.equal(relativeTo('/a/b', '/a/bc/req.txt'), '/a/bc/req.txt');
  assert.equal(relativeTo('C:\\p\\x', 'C:\\p\\x\\requirements.txt'), 'requirements.txt');
});

test('no create step says --yes/-y unless the target was proven free or the plan removed it first (full matrix)', () => {
  const sources: ProjectSource[] = [reqs(), yml, { kind: 'pyproject', file: '/home/u/proj/pyproject.toml', hasTorch: true, torchIndex: null }, { kind: 'none' }];
  const flavors = ['conda', 'mamba', 'micromamba'] as const;
  const targets = [{ kind: 'name' as const, name: 'demo' }, { kind: 'prefix' as const, path: '/home/u/proj/.conda' }];
  const states = ['free', 'exists', 'unknown', undefined] as const;
  const actions = [null, 'update', 'recreate'] as const;
  let plans = 0;
  for (const source of sources) for (const flavor of flavors) for (const target of targets)
    for (const state of states) for (const existing of actions) for (const prune of [false, true]) {
      const plan = buildPlan({ tool: { path: flavor, flavor }, project: project(source), target, python: '3.12', state, existing, prune, recommendation: CU126 });
      plans++;
      const where = JSON.stringify({ source: source.kind, flavor, target: target.kind, state, existing, prune });
      const removeAt = plan.steps.findIndex((s) => s.id === 'remove');
      for (const [i, s] of plan.steps.entries()) {
        const creates = s.id === 'create' || (s.id === 'env-create');
        const yes = s.argv.includes('--yes') || s.argv.includes('-y');
        if (creates && yes) {
          const proven = state === 'free' || (removeAt >= 0 && removeAt < i);
          assert.ok(proven, `create with --yes on an unproven target: ${where} ${s.argv.join(' ')}`);
        }
        if (s.id === 'remove') assert.ok(state === 'exists' || (state === undefined && existing === 'recreate'), `remove without a found env: ${where}`);
        if (s.argv.includes('--prune')) assert.ok(prune && existing === 'update', `--prune not asked for: ${where}`);
      }
      // An unknown or free target is never removed or updated: the plan creates.
      if (state === 'unknown' || state === 'free') assert.ok(plan.steps.every((s) => s.id !== 'remove' && s.id !== 'env-update'), where);
    }
  assert.equal(plans, sources.length * flavors.length * targets.length * states.length * actions.length * 2);
});

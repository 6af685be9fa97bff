// `ai-env-doctor check`: the contract of issue 7 (flags, text/JSON/SARIF output, --fix, exit codes),
// run through the real CLI on temp projects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codes, json, repoRoot, runCli, tempProject, type JReport } from './cliHarness';

const OLD_DRIVER = ['--no-detect', '--driver', '470.82.01', '--gpu', 'NVIDIA GeForce RTX 3090', '--platform', 'linux'];

test('usage errors exit 2 with a clear message', () => {
  const dir = tempProject({ 'requirements.txt': 'numpy\n' });
  const cases: [string[], RegExp][] = [
    [['check', '--platform', 'beos', '--no-detect'], /platform/i],
    [['check', '--compute-cap', '8', '--no-detect'], /compute capability/i],
    [['check', '--compute-cap', 'eight.nine', '--no-detect'], /compute capability/i],
    [['check', '--driver', 'new', '--no-detect'], /driver/i],
    [['check', '--python', 'three', '--no-detect'], /python/i],
    [['check', '--frobnicate'], /frobnicate/],
    [['check', '--json', '--sarif', '--no-detect'], /--json and --sarif/],
    [['check', 'no-such-file.txt', '--no-detect'], /no such file or folder: no-such-file\.txt/],
    [['check', '--driver'], /driver/],
  ];
  for (const [args, re] of cases) {
    const r = runCli(args, dir);
    assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}\n${r.stderr}`);
    assert.match(r.stderr, re, args.join(' '));
    assert.match(r.stderr, /^ai-env-doctor check: /);
    assert.equal(r.stdout, '');
  }
});

test('--help prints the options and exits 0', () => {
  const r = runCli(['check', '--help'], tempProject({}));
  assert.equal(r.code, 0);
  for (const flag of ['--json', '--sarif', '--fix', '--no-detect', '--driver', '--gpu', '--compute-cap', '--platform', '--python']) {
    assert.ok(r.stdout.includes(flag), flag);
  }
});

test('text output is path:line:col severity code message, exit 1 on an error', () => {
  const dir = tempProject({ 'requirements.txt': '# CUDA 12.1 build\nnumpy==1.26.4\ntorch==2.1.2+cu121\n' });
  const r = runCli(['check', ...OLD_DRIVER], dir);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  const line = lines.find((l) => l.includes(' driver-too-old '));
  assert.ok(line, r.stdout);
  assert.match(line, /^requirements\.txt:3:\d+ error driver-too-old \S.*$/);
  for (const l of lines) assert.match(l, /^requirements\.txt:\d+:\d+ (error|warning|information|hint) [a-z0-9-]+ \S/);
  assert.match(r.stderr, /1 error|\d+ errors/);
});

test('--json: files with findings, 0-based ranges, fixes with exactly one preferred; the machine', () => {
  const text = '# CUDA 12.1 build\nnumpy==1.26.4\ntorch==2.1.2+cu121\n';
  const dir = tempProject({ 'requirements.txt': text });
  const r = runCli(['check', '--json', ...OLD_DRIVER], dir);
  assert.equal(r.code, 1, r.stderr);
  const out = json<JReport>(r);
  assert.deepEqual(Object.keys(out).sort(), ['files', 'machine']);
  assert.equal(out.files.length, 1);
  assert.equal(out.files[0].path, 'requirements.txt');
  const f = out.files[0].findings.find((x) => x.code === 'driver-too-old');
  assert.ok(f, JSON.stringify(out.files[0].findings));
  assert.deepEqual(Object.keys(f).sort(), ['code', 'fixes', 'message', 'range', 'severity']);
  assert.equal(f.severity, 'error');
  assert.equal(f.range.start.line, 2);
  assert.ok(f.range.start.character >= 0 && f.range.end.line >= 2);
  assert.ok(f.fixes.length >= 1);
  assert.equal(f.fixes.filter((x) => x.preferred).length, 1);
  for (const fix of f.fixes) {
    assert.deepEqual(Object.keys(fix).sort(), ['edits', 'preferred', 'title', 'verified']);
    assert.equal(typeof fix.verified, 'boolean');
    for (const e of fix.edits) {
      assert.deepEqual(Object.keys(e).sort(), ['newText', 'range']);
      assert.ok(e.range.start.line >= 0 && e.range.start.character >= 0);
    }
  }
  const preferred = f.fixes.find((x) => x.preferred)!;
  assert.ok(preferred.edits.some((e) => e.newText.includes('cu118')), JSON.stringify(preferred));
  assert.equal(out.machine.source, 'flags');
  assert.equal(out.machine.platform, 'linux');
  assert.equal(out.machine.gpu?.driver, '470.82.01');
});

test('--sarif: SARIF 2.1.0 with rules linking to docs/rules/<code>.md and 1-based regions', () => {
  const dir = tempProject({ 'requirements.txt': '# CUDA 12.1 build\nnumpy==1.26.4\ntorch==2.1.2+cu121\n' });
  const r = runCli(['check', '--sarif', ...OLD_DRIVER], dir);
  assert.equal(r.code, 1, r.stderr);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.match(sarif.$schema, /sarif-2\.1\.0/);
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'ai-env-doctor');
  const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'driver-too-old');
  assert.ok(rule);
  assert.match(rule.helpUri, /docs\/rules\/driver-too-old\.md$/);
  assert.match(rule.shortDescription.text, /driver/i);
  // Each rule's help page exists in the repository.
  for (const r of run.tool.driver.rules as { id: string; helpUri: string }[]) {
    const doc = /docs\/rules\/[a-z0-9-]+\.md$/.exec(r.helpUri)?.[0];
    assert.ok(doc && fs.existsSync(path.join(repoRoot, doc)), r.helpUri);
  }
  const res = run.results.find((x: { ruleId: string }) => x.ruleId === 'driver-too-old');
  assert.equal(res.level, 'error');
  assert.equal(run.tool.driver.rules[res.ruleIndex].id, 'driver-too-old');
  const loc = res.locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uri, 'requirements.txt');
  assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
  assert.equal(loc.region.startLine, 3);
  assert.ok(loc.region.startColumn >= 1);
  // Every rule that fired is declared once, and every result names a declared rule.
  const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const x of run.results) assert.ok(ids.includes(x.ruleId));
});

test('--fix rewrites the file in place, touches nothing else, and reports what remains', () => {
  const text = '# CUDA 12.1 build, keep this comment\nnumpy==1.26.4  # pinned\ntorch==2.1.2+cu121\n';
  const dir = tempProject({ 'requirements.txt': text });
  const r = runCli(['check', '--fix', ...OLD_DRIVER], dir);
  const after = fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8');
  assert.notEqual(after, text);
  assert.match(after, /cu118/);
  assert.doesNotMatch(after, /cu121/);
  assert.ok(after.startsWith('# CUDA 12.1 build, keep this comment\nnumpy==1.26.4  # pinned\n'), after);
  assert.doesNotMatch(r.stdout, /driver-too-old/);
  assert.match(r.stderr, /fixed [1-9]\d* problem/);
  // Checking again finds no error left to fix.
  const again = runCli(['check', '--json', ...OLD_DRIVER], dir);
  assert.ok(!codes(json<JReport>(again)).includes('driver-too-old'));
  assert.equal(r.code, again.code);
});

test('--fix --json counts what was fixed per file', () => {
  const dir = tempProject({ 'requirements.txt': 'torch==2.1.2+cu121\n' });
  const r = runCli(['check', '--fix', '--json', ...OLD_DRIVER], dir);
  const out = json<JReport>(r);
  assert.ok((out.files[0].fixed ?? 0) >= 1);
  assert.ok(!codes(out).includes('driver-too-old'));
});

test('a file that suits the machine yields no GPU findings and exit 0', () => {
  const dir = tempProject({
    'requirements.txt': '--extra-index-url https://download.pytorch.org/whl/cu118\ntorch==2.1.2+cu118\nnumpy==1.26.4\n',
  });
  const r = runCli(['check', '--json', ...OLD_DRIVER], dir);
  const out = json<JReport>(r);
  const gpuCodes = ['driver-too-old', 'gpu-arch-unsupported', 'cpu-only-torch', 'torch-index-unknown', 'torch-variant-unavailable'];
  assert.deepEqual(codes(out).filter((c) => gpuCodes.includes(c)), []);
  assert.equal(r.code, 0, r.stdout);
});

test('--no-detect without flags: no machine, GPU rules stay silent', () => {
  const dir = tempProject({ 'requirements.txt': 'torch==2.1.2+cu121\n' });
  const r = runCli(['check', '--json', '--no-detect'], dir);
  const out = json<JReport>(r);
  assert.equal(out.machine.source, 'none');
  assert.ok(!codes(out).includes('driver-too-old'));
  assert.ok(!codes(out).includes('gpu-arch-unsupported'));
});

test('no path checks the current folder: requirements, constraints, environment and pyproject files, skipping dependencies and venvs', () => {
  const dir = tempProject({
    'requirements.txt': 'numpy==1.26.4\n',
    'requirements-dev.txt': 'pytest==8.0.0\n',
    'constraints.txt': 'numpy<2\n',
    'requirements/base.in': 'requests\n',
    'requirements/gpu.txt': 'torch==2.1.2+cu121\n',
    'environment.yml': 'name: x\ndependencies:\n  - python=3.11\n',
    'sub/pyproject.toml': '[project]\nname = "x"\nversion = "0.1"\ndependencies = ["numpy"]\n',
    'pixi.toml': '[project]\nname = "x"\nchannels = ["conda-forge"]\nplatforms = ["linux-64"]\n',
    'MANIFEST.in': 'include README.md\n',
    'notes.txt': 'torch\n',
    'node_modules/pkg/requirements.txt': 'torch\n',
    '.git/requirements.txt': 'torch\n',
    '.venv/requirements.txt': 'torch\n',
    'myenv/pyvenv.cfg': 'home = /usr/bin\n',
    'myenv/requirements.txt': 'torch\n',
  });
  const r = runCli(['check', '--json', '--no-detect'], dir);
  const out = json<JReport>(r);
  assert.deepEqual(
    out.files.map((f) => f.path).sort(),
    ['constraints.txt', 'environment.yml', 'pixi.toml', 'requirements-dev.txt', 'requirements.txt', 'requirements/base.in', 'requirements/gpu.txt', 'sub/pyproject.toml'],
  );
  // The same when the folder is named, and a file can be named directly (any name).
  const named = json<JReport>(runCli(['check', '--json', '--no-detect', 'requirements', 'notes.txt'], dir));
  assert.deepEqual(named.files.map((f) => f.path).sort(), ['notes.txt', 'requirements/base.in', 'requirements/gpu.txt']);
});

test('an empty folder is not an error', () => {
  const r = runCli(['check', '--no-detect'], tempProject({ 'README.md': '# x\n' }));
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /No requirements, environment or pyproject files found/);
});

test('warnings alone exit 0', () => {
  // An http:// index is a warning (insecure-index), not an error.
  const dir = tempProject({ 'requirements.txt': '--extra-index-url http://mirror.example.com/simple\nnumpy==1.26.4\n' });
  const r = runCli(['check', '--json', '--no-detect', '--platform', 'linux'], dir);
  const out = json<JReport>(r);
  assert.ok(codes(out).includes('insecure-index'), JSON.stringify(out));
  assert.ok(out.files.every((f) => f.findings.every((x) => x.severity !== 'error')));
  assert.equal(r.code, 0);
});

test('without --no-detect the machine is detected (fake nvidia-smi on PATH), and flags override it', () => {
  const bin = path.join(__dirname, '..', '..', 'fixtures', 'bin');
  const env = { PATH: `${bin}:/usr/bin:/bin`, FAKE_NVIDIA_SMI_MODE: 'ok' };
  const dir = tempProject({ 'requirements.txt': 'numpy==1.26.4\n' });
  const detected = json<JReport>(runCli(['check', '--json'], dir, env));
  assert.equal(detected.machine.source, 'detected');
  assert.equal(detected.machine.gpu?.driver, '550.54.14');
  assert.equal(detected.machine.gpu?.gpus[0].name, 'NVIDIA GeForce RTX 4090');
  const overridden = json<JReport>(runCli(['check', '--json', '--driver', '470.82.01'], dir, env));
  assert.equal(overridden.machine.gpu?.driver, '470.82.01');
  assert.equal(overridden.machine.gpu?.gpus[0].name, 'NVIDIA GeForce RTX 4090', 'the detected GPU stays');
});

test('findings in an included file are listed under that file, and --fix edits it', () => {
  const dir = tempProject({ 'requirements.txt': '-r reqs/base.txt\nnumpy==1.26.4\n', 'reqs/base.txt': 'torch==2.1.2+cu121\n' });
  const out = json<JReport>(runCli(['check', '--json', 'requirements.txt', ...OLD_DRIVER], dir));
  const base = out.files.find((f) => f.path === 'reqs/base.txt');
  assert.ok(base, JSON.stringify(out.files.map((f) => f.path)));
  assert.ok(base.findings.some((f) => f.code === 'driver-too-old' && f.range.start.line === 0));
  runCli(['check', '--fix', 'requirements.txt', ...OLD_DRIVER], dir);
  assert.match(fs.readFileSync(path.join(dir, 'reqs/base.txt'), 'utf8'), /cu118/);
  assert.equal(fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8'), '-r reqs/base.txt\nnumpy==1.26.4\n');
});

test('--fix keeps CRLF line endings and a UTF-8 byte-order mark', () => {
  const text = '\ufeff# gpu\r\nnumpy==1.26.4\r\ntorch==2.1.2+cu121\r\n';
  const dir = tempProject({ 'requirements.txt': text });
  runCli(['check', '--fix', ...OLD_DRIVER], dir);
  const after = fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8');
  assert.ok(after.startsWith('\ufeff# gpu\r\nnumpy==1.26.4\r\n'), JSON.stringify(after));
  assert.match(after, /cu118/);
  assert.doesNotMatch(after.replace(/\r\n/g, ''), /\n/, 'no bare LF introduced');
});

test('discovery follows symlinked files but not symlinked folders (no loops)', () => {
  const dir = tempProject({ 'a/requirements.txt': 'numpy==1.26.4\n' });
  fs.symlinkSync(path.join(dir, 'a', 'requirements.txt'), path.join(dir, 'requirements-link.txt'));
  fs.symlinkSync(dir, path.join(dir, 'a', 'loop'));
  const out = json<JReport>(runCli(['check', '--json', '--no-detect'], dir));
  assert.deepEqual(out.files.map((f) => f.path).sort(), ['a/requirements.txt', 'requirements-link.txt']);
});

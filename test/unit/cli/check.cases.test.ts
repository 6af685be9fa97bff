// The cases issue 7 says must hold, end to end through `ai-env-doctor check` (flags describe the
// machine), and a run over the real-world corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codes, corpus, json, runCli, tempProject, type JReport } from './cliHarness';

function check(files: Record<string, string>, machine: string[], extra: string[] = []) {
  const dir = tempProject(files);
  const r = runCli(['check', '--json', '--no-detect', ...machine, ...extra], dir);
  return { dir, r, out: json<JReport>(r) };
}

function find(out: JReport, code: string) {
  return out.files.flatMap((f) => f.findings).find((f) => f.code === code);
}

test('driver 470.82.01 + torch==2.1.2+cu121 → driver-too-old, --fix moves to cu118', () => {
  const machine = ['--driver', '470.82.01', '--gpu', 'Tesla T4', '--platform', 'linux'];
  const { dir, out } = check({ 'requirements.txt': 'torch==2.1.2+cu121\n' }, machine);
  const f = find(out, 'driver-too-old');
  assert.ok(f, JSON.stringify(out));
  assert.equal(f.severity, 'error');
  runCli(['check', '--fix', '--no-detect', ...machine], dir);
  const after = fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8');
  assert.match(after, /torch==2\.1\.2\+cu118/);
});

test('GTX 1080 + driver 580.65.06 + torch 2.9.0 on the cu130 index → gpu-arch-unsupported, fix to cu126', () => {
  const machine = ['--driver', '580.65.06', '--gpu', 'NVIDIA GeForce GTX 1080', '--platform', 'linux'];
  const files = { 'requirements.txt': '--extra-index-url https://download.pytorch.org/whl/cu130\ntorch==2.9.0\nnumpy==2.1.2\n' };
  const { dir, out, r } = check(files, machine);
  assert.equal(r.code, 1);
  const f = find(out, 'gpu-arch-unsupported');
  assert.ok(f, JSON.stringify(out));
  assert.ok(!codes(out).includes('driver-too-old'), 'the driver is new enough: only the GPU architecture is the problem');
  const preferred = f.fixes.find((x) => x.preferred);
  assert.ok(preferred?.edits.some((e) => e.newText.includes('cu126')), JSON.stringify(f.fixes));
  runCli(['check', '--fix', '--no-detect', ...machine], dir);
  const after = fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8');
  assert.match(after, /whl\/cu126/);
  assert.match(after, /numpy==2\.1\.2/);
  const again = json<JReport>(runCli(['check', '--json', '--no-detect', ...machine], dir));
  assert.ok(!codes(again).includes('gpu-arch-unsupported'), JSON.stringify(again));
});

test('RTX 5090 + torch==2.4.1+cu118 → gpu-arch-unsupported naming torch ≥ 2.7 and cu128+', () => {
  const machine = ['--driver', '575.57.08', '--gpu', 'NVIDIA GeForce RTX 5090', '--platform', 'linux'];
  const { out } = check({ 'requirements.txt': 'torch==2.4.1+cu118\n' }, machine);
  const f = find(out, 'gpu-arch-unsupported');
  assert.ok(f, JSON.stringify(out));
  assert.match(f.message, /2\.7/);
  assert.match(f.message, /cu12[89]|cu13\d/);
});

test('Windows + RTX 4080 + unpinned torch → cpu-only-torch, and the fix leaves a CUDA build', () => {
  const machine = ['--driver', '551.78', '--gpu', 'NVIDIA GeForce RTX 4080', '--platform', 'win32'];
  const { dir, out } = check({ 'requirements.txt': 'numpy\ntorch\ntorchvision\n' }, machine);
  const f = find(out, 'cpu-only-torch');
  assert.ok(f, JSON.stringify(out));
  assert.equal(f.severity, 'warning');
  assert.equal(f.fixes.filter((x) => x.preferred).length, 1);
  runCli(['check', '--fix', '--no-detect', ...machine], dir);
  const after = fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8');
  assert.match(after, /download\.pytorch\.org\/whl\/cu1\d\d/);
  const again = json<JReport>(runCli(['check', '--json', '--no-detect', ...machine], dir));
  assert.ok(!codes(again).includes('cpu-only-torch'), after);
  assert.ok(!codes(again).includes('driver-too-old'), after);
});

test('/whl/cu122 → torch-index-unknown, fix to cu121', () => {
  const machine = ['--driver', '535.104.05', '--gpu', 'NVIDIA A100-SXM4-80GB', '--platform', 'linux'];
  const { out } = check({ 'requirements.txt': '--extra-index-url https://download.pytorch.org/whl/cu122\ntorch==2.1.2\n' }, machine);
  const f = find(out, 'torch-index-unknown');
  assert.ok(f, JSON.stringify(out));
  assert.equal(f.severity, 'error');
  const preferred = f.fixes.find((x) => x.preferred);
  assert.ok(preferred?.edits.some((e) => e.newText.includes('cu121')), JSON.stringify(f.fixes));
});

/** Corpus files, each under the name its kind is found by (the corpus prefixes names with the repository). */
function corpusProjects(): { cwd: string; args: string[] }[] {
  const reqRoot = path.join(corpus, 'requirements');
  const reqFiles = (fs.readdirSync(reqRoot, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(reqRoot, f)).isFile());
  const renamed = (sub: string, name: (f: string) => string) => {
    const files: Record<string, string> = {};
    fs.readdirSync(path.join(corpus, sub)).forEach((f, i) => {
      files[`${i}-${f.replace(/[^\w.-]/g, '_')}/${name(f)}`] = fs.readFileSync(path.join(corpus, sub, f), 'utf8');
    });
    return { cwd: tempProject(files), args: [] };
  };
  return [
    { cwd: reqRoot, args: reqFiles }, // named explicitly: any file name is read as a requirements file
    renamed('environment', () => 'environment.yml'),
    renamed('pyproject', (f) => (f.endsWith('pixi.toml') ? 'pixi.toml' : 'pyproject.toml')),
  ];
}

test('every corpus file checks without crashing, with ranges inside the file', () => {
  const machine = ['--driver', '551.78', '--gpu', 'NVIDIA GeForce RTX 4090', '--platform', 'win32', '--python', '3.11'];
  for (const { cwd, args } of corpusProjects()) {
    const r = runCli(['check', '--json', '--no-detect', ...machine, ...args], cwd);
    assert.ok(r.code === 0 || r.code === 1, `${cwd}: exit ${r.code}\n${r.stderr}`);
    const out = json<JReport>(r);
    assert.ok(out.files.length >= Math.max(1, args.length), cwd);
    for (const file of out.files) {
      const abs = path.resolve(cwd, file.path);
      const lines = fs.readFileSync(abs, 'utf8').replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
      for (const f of file.findings) {
        for (const pos of [f.range.start, f.range.end]) {
          assert.ok(pos.line >= 0 && pos.line < lines.length, `${file.path}: ${f.code} line ${pos.line}`);
          assert.ok(pos.character >= 0 && pos.character <= lines[pos.line].length, `${file.path}: ${f.code} char ${pos.character}`);
        }
        // One preferred fix, and it is verified; a finding whose fixes were all refused has none and says why.
        const pref = f.fixes.filter((x) => x.preferred);
        if (f.fixes.some((x) => x.verified)) assert.ok(pref.length === 1 && pref[0].verified, `${file.path}: ${f.code} preferred fixes`);
        else assert.ok(pref.length === 0 && (f.fixes.length === 0 || /not verified/.test(f.message)), `${file.path}: ${f.code} refused fixes`);
      }
    }
  }
});

test('--fix on a copy of ComfyUI requirements for an RTX 4090 on Windows settles in one run', () => {
  const text = fs.readFileSync(path.join(corpus, 'requirements', 'comfyanonymous__ComfyUI', 'requirements.txt'), 'utf8');
  const machine = ['--driver', '551.78', '--gpu', 'NVIDIA GeForce RTX 4090', '--platform', 'win32', '--python', '3.11'];
  const dir = tempProject({ 'requirements.txt': text });
  const first = runCli(['check', '--fix', '--json', '--no-detect', ...machine], dir);
  const after = fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8');
  const second = runCli(['check', '--fix', '--json', '--no-detect', ...machine], dir);
  assert.equal(fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8'), after, 'a second --fix changes nothing');
  assert.equal(json<JReport>(second).files[0].fixed, 0);
  assert.deepEqual(codes(json<JReport>(second)), codes(json<JReport>(first)));
  // Lines the fixes had no reason to touch are still there, byte for byte.
  for (const line of text.split('\n').filter((l) => l && !/^(torch|--|#)/.test(l))) assert.ok(after.includes(line), line);
});

// The catalogue's pure parsers: wheel file names, PEP 503 HTML and PEP 691 JSON pages, PEP 658
// metadata pins, and the merge of a catalogue into the bundled releases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWheelName, platformFamily, cpythonOf, fileNameOfUrl } from '../../../src/core/knowledge/catalogue/wheel';
import { parseIndexPage, parseSimpleHtml, parseSimpleJson, parseAttributes } from '../../../src/core/knowledge/catalogue/simple';
import { cudaVariantOfRequires, exactPin, parseRequiresDist, specifierFor } from '../../../src/core/knowledge/catalogue/metadata';
import { addIndexFiles, emptyCatalogue, readCatalogue, setRequires, pythonOfWheels, newestTorchIn } from '../../../src/core/knowledge/catalogue/model';
import { mergeReleases } from '../../../src/core/knowledge/catalogue/overlay';
import { BUNDLED_TORCH_RELEASES } from '../../../src/core/knowledge/torch';
import { projectPage, wheelFiles, type Wheel } from './indexServer';

test('wheel names: local versions (encoded or not), build tags, compressed tag sets; non-wheels are null', () => {
  const w = parseWheelName('torch-2.9.0%2Bcu130-cp312-cp312-manylinux_2_28_x86_64.whl');
  assert.deepEqual(w, { name: 'torch', version: '2.9.0', local: 'cu130', build: null, python: ['cp312'], abi: 'cp312', platforms: ['manylinux_2_28_x86_64'] });
  assert.equal(parseWheelName('torch-2.9.0+rocm6.4-cp314-cp314t-manylinux_2_28_x86_64.whl')?.local, 'rocm6.4');
  assert.equal(parseWheelName('torch-2.9.0-cp312-none-macosx_11_0_arm64.whl')?.local, null);
  assert.equal(parseWheelName('pytorch_triton-3.5.0-1-cp312-cp312-linux_x86_64.whl')?.build, '1');
  assert.equal(parseWheelName('pytorch_triton-3.5.0-1-cp312-cp312-linux_x86_64.whl')?.name, 'pytorch-triton');
  assert.deepEqual(parseWheelName('numpy-2.1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl')?.platforms,
    ['manylinux_2_17_x86_64', 'manylinux2014_x86_64']);
  assert.deepEqual(parseWheelName('six-1.16.0-py2.py3-none-any.whl')?.python, ['py2', 'py3']);
  for (const bad of ['torch-2.9.0.tar.gz', 'torch-2.9.0-cp312.whl', 'torch-x-cp312-cp312-any.whl', 'a-1-x-cp3-none-any.whl']) assert.equal(parseWheelName(bad), null, bad);
  assert.equal(platformFamily('manylinux_2_28_aarch64'), 'linux-aarch64');
  assert.equal(platformFamily('win_amd64'), 'windows');
  assert.equal(cpythonOf('cp314t'), '3.14t');
  assert.equal(cpythonOf('py3'), null);
  assert.equal(fileNameOfUrl('/whl/cu130/torch-2.9.0%2Bcu130-cp312-cp312-win_amd64.whl#sha256=ab'), 'torch-2.9.0+cu130-cp312-cp312-win_amd64.whl');
});

test('PEP 503 HTML: hrefs resolved, %2B decoded, sha256 fragments, metadata attributes, entities, yanked; comments skipped', () => {
  const sha = 'a'.repeat(64);
  const html = `<!DOCTYPE html><html><body><h1>Links for torch</h1>
<!-- <a href="/whl/ghost-1.0-py3-none-any.whl">ghost</a> -->
<a href="/whl/cu130/torch-2.9.0%2Bcu130-cp312-cp312-manylinux_2_28_x86_64.whl#sha256=${sha}" data-dist-info-metadata="sha256=${sha}" data-core-metadata="sha256=${sha}">torch-2.9.0+cu130-cp312-cp312-manylinux_2_28_x86_64.whl</a><br/>
<a href='torch-2.8.0%2Bcpu-cp312-cp312-win_amd64.whl' data-requires-python="&gt;=3.9" data-yanked>torch-2.8.0+cpu</a><br>
<a href=torch-2.7.0%2Bcpu-cp312-cp312-win_amd64.whl>x</a>
</body></html>`;
  const files = parseSimpleHtml(html, 'https://download.pytorch.org/whl/torch/');
  assert.equal(files.length, 3);
  assert.equal(files[0].url, 'https://download.pytorch.org/whl/cu130/torch-2.9.0%2Bcu130-cp312-cp312-manylinux_2_28_x86_64.whl');
  assert.equal(files[0].filename, 'torch-2.9.0+cu130-cp312-cp312-manylinux_2_28_x86_64.whl');
  assert.equal(files[0].sha256, sha);
  assert.equal(files[0].hasMetadata, true);
  assert.equal(files[1].url, 'https://download.pytorch.org/whl/torch/torch-2.8.0%2Bcpu-cp312-cp312-win_amd64.whl');
  assert.equal(files[1].requiresPython, '>=3.9');
  assert.equal(files[1].yanked, true);
  assert.equal(files[1].hasMetadata, false);
  assert.equal(files[2].filename, 'torch-2.7.0+cpu-cp312-cp312-win_amd64.whl', 'unquoted attribute');
  assert.equal(parseAttributes('data-core-metadata="false" href=x').get('data-core-metadata'), 'false');
});

test('the test server pages parse back to exactly the wheels they list', () => {
  const w: Wheel = { pkg: 'torchvision', version: '0.31.0', local: 'cu130', python: ['cp312', 'cp313'], platforms: ['win_amd64'], requires: ['torch==2.16.0'] };
  const files = parseSimpleHtml(projectPage('torchvision', [w], '/whl'), 'http://127.0.0.1:1/whl/torchvision/');
  assert.deepEqual(files.map((f) => f.filename), wheelFiles(w).map((x) => x.file));
});

test('PEP 691 JSON pages; malformed or cut-short pages are null', () => {
  const doc = JSON.stringify({ meta: { 'api-version': '1.1' }, name: 'torch', files: [
    { filename: 'torch-2.16.0-cp312-cp312-manylinux_2_28_x86_64.whl', url: 'https://files.example/t.whl#x', hashes: { sha256: 'AB'.repeat(32) }, 'core-metadata': { sha256: 'x' } },
    { filename: 'torch-2.16.0.tar.gz', url: 't.tar.gz', hashes: {}, yanked: 'bad build' },
    { nope: true },
  ] });
  const files = parseSimpleJson(doc, 'https://pypi.org/simple/torch/');
  assert.equal(files?.length, 2);
  assert.equal(files?.[0].hasMetadata, true);
  assert.equal(files?.[0].sha256, 'ab'.repeat(32));
  assert.equal(files?.[1].yanked, true);
  assert.equal(parseIndexPage(doc, 'application/vnd.pypi.simple.v1+json', 'https://pypi.org/simple/torch/')?.length, 2);
  assert.equal(parseIndexPage('{"files": "no"}', 'application/json', 'x'), null);
  assert.equal(parseIndexPage('<html><body><a href="a-1.0-py3-none-any.whl">a</a>', 'text/html', 'http://x/'), null, 'cut short');
  assert.equal(parseIndexPage('<html><body>Service unavailable</body></html>', 'text/html', 'http://x/'), null, 'no anchors');
});

test('metadata: Requires-Dist pins, extras ignored, CUDA build from the runtime pin', () => {
  const meta = ['Metadata-Version: 2.1', 'Name: torch', 'Requires-Dist: filelock', 'Requires-Dist: nvidia-cuda-runtime-cu12==12.8.90; platform_system == "Linux" and platform_machine == "x86_64"',
    'Requires-Dist: triton==3.5.0; platform_system == "Linux"', 'Requires-Dist: opt-einsum>=3.3; extra == "opt-einsum"', 'Requires-Dist: torch (==2.0.0); extra == "x"',
    '', 'Requires-Dist: in-the-body==1'].join('\n');
  const reqs = parseRequiresDist(meta);
  assert.equal(reqs.length, 5);
  assert.equal(exactPin(reqs, 'triton'), '3.5.0');
  assert.equal(exactPin(reqs, 'torch'), null, 'a pin under an extra is optional');
  assert.equal(cudaVariantOfRequires(reqs), 'cu128');
  assert.equal(cudaVariantOfRequires(parseRequiresDist('Requires-Dist: nvidia-cuda-runtime==13.0.96\n')), 'cu130');
  assert.equal(cudaVariantOfRequires(parseRequiresDist('Requires-Dist: cuda-toolkit[cublas,cudart]==13.2.1; platform_system == "Linux"\n')), 'cu132');
  assert.equal(cudaVariantOfRequires(parseRequiresDist('Requires-Dist: numpy\n')), null);
  assert.equal(specifierFor(parseRequiresDist('Requires-Dist: torch>=2.11\n'), 'torch'), '>=2.11');
  assert.equal(exactPin(parseRequiresDist('Requires-Dist: torch==2.9.0+cu128\n'), 'torch'), '2.9.0');
});

test('catalogue model and merge: new release added with its pins and Python range; known releases gain variants', () => {
  const cat = emptyCatalogue('http://127.0.0.1:1/whl', null, '2026-12-01T00:00:00.000Z');
  const page = (ws: Wheel[]) => parseSimpleHtml(projectPage(ws[0].pkg, ws, '/whl'), 'http://127.0.0.1:1/whl/x/');
  const t = (version: string, local: string, python = ['cp310', 'cp314', 'cp314t']): Wheel => ({ pkg: 'torch', version, local, python, platforms: ['manylinux_2_28_x86_64'], requires: [] });
  addIndexFiles(cat, 'torch', page([t('2.16.0', 'cu130'), t('2.16.0', 'cu132'), t('2.16.0', 'cpu'), t('2.12.0', 'cu129'), t('2.17.0.dev20261201', 'cu132')]), null);
  addIndexFiles(cat, 'torchvision', page([{ pkg: 'torchvision', version: '0.31.0', local: 'cu130', python: ['cp312'], platforms: ['win_amd64'], requires: [] }]), null);
  setRequires(cat, 'torchvision', '0.31.0', 'cu130', parseRequiresDist('Requires-Dist: torch==2.16.0\n'));
  setRequires(cat, 'torch', '2.16.0', 'plain', parseRequiresDist('Requires-Dist: nvidia-cuda-runtime==13.0.96\n'));
  assert.equal(newestTorchIn(cat), '2.16.0', 'dev builds are not releases');
  assert.deepEqual(pythonOfWheels(cat.packages.torch['2.16.0'].cu130.wheels), { min: '3.10', max: '3.14', freethreaded: ['3.14t'] });
  assert.ok(readCatalogue(JSON.stringify(cat)), 'round-trips through the store format');
  assert.equal(readCatalogue('{"schema": 1}'), null);
  assert.equal(readCatalogue('not json'), null);
  const merged = mergeReleases(BUNDLED_TORCH_RELEASES, cat);
  const r = merged.find((x) => x.torch === '2.16.0');
  assert.deepEqual(r?.variants, ['cpu', 'cu130', 'cu132']);
  assert.equal(r?.torchvision, '0.31.0');
  assert.equal(r?.pypiDefault, 'cu130');
  assert.deepEqual(r?.sources, ['wheel-index']);
  assert.ok(merged.find((x) => x.torch === '2.12.0')?.variants?.includes('cu129'), 'the index is the authority on what exists');
  assert.equal(merged.find((x) => x.torch === '2.17.0'), undefined);
  assert.equal(merged.length, BUNDLED_TORCH_RELEASES.length + 1);
});

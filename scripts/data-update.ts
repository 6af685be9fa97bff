// npm run data:update [-- --index-url URL] [--pypi-url URL] [--out FILE]
// Maintainers' refresh of the bundled wheel-index snapshot: reads the PyTorch wheel index and PyPI with
// the same reader as `ai-env-doctor knowledge update`, writes data/sources/wheel-index.json (sorted, so
// the diff shows what changed), then rebuilds data/torch.json from the sources.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_INDEX_URL, DEFAULT_PYPI_URL, fetchCatalogue } from '../src/system/catalogueFetch';
import { nodeHttpGet } from '../src/system/httpGet';

function sorted(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sorted);
  if (x && typeof x === 'object') return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sorted((x as Record<string, unknown>)[k])]));
  return x;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'index-url': { type: 'string' }, 'pypi-url': { type: 'string' }, out: { type: 'string' }, 'no-build': { type: 'boolean' } } });
  const root = path.resolve(__dirname, '..');
  const out = path.resolve(values.out ?? path.join(root, 'data', 'sources', 'wheel-index.json'));
  const r = await fetchCatalogue({
    indexUrl: values['index-url'] ?? DEFAULT_INDEX_URL,
    pypiUrl: values['pypi-url'] ?? DEFAULT_PYPI_URL,
    get: nodeHttpGet(),
    now: new Date(),
    onProgress: (what) => process.stderr.write(`reading ${what}\n`),
  });
  if (!r.ok) {
    process.stderr.write(`data:update: ${r.error}; ${out} left as it was\n`);
    return 1;
  }
  for (const w of r.catalogue.warnings) process.stderr.write(`warning: ${w}\n`);
  writeFileSync(out, JSON.stringify(sorted(r.catalogue), null, 1) + '\n');
  process.stdout.write(`wrote ${out}\n`);
  if (!values['no-build'] && path.dirname(out) === path.join(root, 'data', 'sources')) {
    const { buildAll } = (await import(path.join(root, 'scripts', 'data', 'build-torch.mjs'))) as { buildAll(dir: string): Record<string, string> };
    for (const [name, text] of Object.entries(buildAll(path.dirname(out)))) {
      writeFileSync(path.join(root, 'data', name), text);
      process.stdout.write(`wrote data/${name}\n`);
    }
  }
  return 0;
}

main().then((code) => { process.exitCode = code; });

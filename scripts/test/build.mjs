// Bundles the unit test files once with esbuild, so `node --test` runs plain JavaScript instead of starting
// tsx (and transpiling the sources again) for every file. Each test file becomes one CommonJS bundle under
// out/tests/ with the same relative path (test/unit/cli/check.test.ts → out/tests/test/unit/cli/check.test.js);
// npm packages stay external and load from node_modules.
//
// Tests find repository files relative to their own source (`path.resolve(__dirname, '..', '..', '..')`,
// test/paths.ts). A bundle lives elsewhere, so every repository module gets its own source folder as
// `__dirname` (and its source file as `__filename` / `import.meta.url`): the bundled test resolves exactly
// the paths the tsx run resolves.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT = path.join(ROOT, 'out', 'tests');

/** Folders under test/ that hold no node:test files (mocha suites, harness, data). */
const NOT_UNIT = new Set(['integration', 'e2e', 'corpus', 'fixtures', 'grammar']);

/** Every `*.test.ts` under test/ (outside the folders above), as repository-relative paths, sorted. */
export function testFiles() {
  const out = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!(rel === 'test' && NOT_UNIT.has(e.name))) walk(child);
      } else if (e.name.endsWith('.test.ts')) out.push(child);
    }
  };
  walk('test');
  return out.sort();
}

/** The bundle that `node --test` runs for a repository-relative test file. */
export function bundleOf(file) {
  return path.join(OUT, file.replace(/\.ts$/, '.js'));
}

const locals = /\b__dirname\b|\b__filename\b|\bimport\.meta\b/;
const sourceLocation = {
  name: 'source-location',
  setup(build) {
    build.onLoad({ filter: /\.(c|m)?[jt]s$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = fs.readFileSync(args.path, 'utf8');
      if (!locals.test(text)) return undefined;
      const file = JSON.stringify(args.path);
      const own = (name) => new RegExp(`\\b(const|let|var)\\s+${name}\\b`).test(text);
      // a module that declares its own (ESM style, from import.meta.url) keeps it
      const decl = [`__source_url = ${JSON.stringify(pathToFileURL(args.path).href)}`];
      if (!own('__dirname')) decl.push(`__dirname = ${JSON.stringify(path.dirname(args.path))}`);
      if (!own('__filename')) decl.push(`__filename = ${file}`);
      // declared at the start of line 1 (no newline: source-map lines stay the same)
      const loader = path.extname(args.path).endsWith('ts') ? 'ts' : 'js';
      return { contents: `const ${decl.join(', ')};${text}`, loader };
    });
  },
};

/** Bundles `files` (repository-relative test files); returns their bundles in the same order. */
export async function buildTests(files) {
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: files,
    outbase: '.',
    outdir: OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
    // a source module that runs itself as a program (`if (require.main === module)`, src/cli/main.ts) is
    // never the main module inside a test bundle, as under tsx
    define: {
      'require.main': 'undefined',
      'import.meta.url': '__source_url',
      'import.meta.filename': '__filename',
      'import.meta.dirname': '__dirname',
    },
    plugins: [sourceLocation],
  });
  return files.map(bundleOf);
}

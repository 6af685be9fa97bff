/* global process, console */
// What the data builders share: the as-of month of the reference material, and the command line that
// writes data/ from data/sources or, with --check, fails when the committed files are stale.
//   node scripts/data/build-X.mjs [--reference DIR] [--out DIR] [--check]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The as-of month of the reference material: SOURCES.md's "newest material is dated about November 2026" → "2026-11". */
export function monthYear(text) {
  const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
    'october', 'november', 'december'];
  const m = /newest\s+material\s+is\s+dated\s+about\s+(\w+)\s+(\d{4})/i.exec(text);
  if (!m) return null;
  const i = months.indexOf(m[1].toLowerCase());
  return i < 0 ? null : `${m[2]}-${String(i + 1).padStart(2, '0')}`;
}

/** Source keys defined in SOURCES.md tables: `key`[, `key2`] | what it is | type. */
export function sourceKeys(text) {
  const keys = {};
  for (const line of text.split('\n')) {
    const m = /^\|\s*(`[^|]+`)\s*\|\s*([^|]+?)\s*\|\s*([^|]*?)\s*\|\s*$/.exec(line);
    if (!m || /^(see torch keys below|as above\b)/.test(m[2])) continue;
    for (const k of m[1].matchAll(/`([^`]+)`/g)) keys[k[1]] = { what: m[2], type: m[3] };
    // A key defined inside a row's text: "`other-key` = another version of ...".
    for (const k of m[2].matchAll(/`([^`\s]+)`\s+=\s/g)) keys[k[1]] ??= { what: m[2], type: m[3] };
  }
  return keys;
}

/** Runs `buildAll(referenceDir) → { fileName: text }` as a CLI when `moduleUrl` is the entry script. */
export function runBuilderCli(moduleUrl, buildAll) {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  const args = process.argv.slice(2);
  const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
  const referenceDir = path.resolve(opt('--reference', path.resolve(repoRoot, 'data', 'sources')));
  const outDir = path.resolve(opt('--out', path.join(repoRoot, 'data')));
  if (!existsSync(referenceDir)) {
    console.error(`reference folder not found: ${referenceDir}`);
    process.exit(1);
  }
  let stale = 0;
  for (const [name, text] of Object.entries(buildAll(referenceDir))) {
    const file = path.join(outDir, name);
    if (args.includes('--check')) {
      const cur = existsSync(file) ? readFileSync(file, 'utf8') : '';
      if (cur !== text) { console.error(`${file} is out of date`); stale++; }
    } else {
      writeFileSync(file, text);
      console.log(`wrote ${file}`);
    }
  }
  process.exit(stale ? 1 : 0);
}

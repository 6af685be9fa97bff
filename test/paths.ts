// Where the tests find the repository, its real-world corpus (test/corpus, see MANIFEST.md) and the
// knowledge sources (data/sources): one home, so no test reaches outside the repository.
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..');
export const corpusDir = path.join(repoRoot, 'test', 'corpus');
export const sourcesDir = path.join(repoRoot, 'data', 'sources');

/** A path inside test/corpus: corpusPath('nvidia-smi', '05-list-L-h100-mig.txt'). */
export function corpusPath(...parts: string[]): string {
  return path.join(corpusDir, ...parts);
}

/** Every file under test/corpus/<sub...> whose name matches `name`, sorted (folders walked recursively). */
export function corpusFilesUnder(subs: readonly string[], name: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (name.test(e.name)) out.push(p);
    }
  };
  for (const s of subs) walk(path.join(corpusDir, s));
  return out.sort();
}

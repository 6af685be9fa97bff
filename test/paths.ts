// Where the tests find the repository, its real-world corpus (test/corpus, see MANIFEST.md) and the
// knowledge sources (data/sources): one home, so no test reaches outside the repository.
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..');
export const corpusDir = path.join(repoRoot, 'test', 'corpus');
export const sourcesDir = path.join(repoRoot, 'data', 'sources');

/** A path inside test/corpus: corpusPath('nvidia-smi', '05-list-L-h100-mig.txt'). */
export function corpusPath(...parts: string[]): string {
  return path.join(corpusDir, ...parts);
}

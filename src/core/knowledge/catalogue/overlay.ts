// The catalogue as an overlay on the bundled knowledge: what the wheel index says exists (versions,
// variants, Python tags, torchvision/torchaudio pins, PyPI's CUDA build) merged into the release list
// every query reads. The facts the index cannot tell (kernel lists, driver floors, GPU table) stay
// the bundled ones; a release the data has no kernel list for gets an inferred one (arches.ts).
// The CLI and the extension set it once at startup from the stored catalogue; core never fetches.
import { BUNDLED_TORCH_RELEASES, replaceTorchReleases, TORCH_SOURCES } from '../torch';
import { CATALOGUE_SOURCE_KEY, mergeReleases } from './merge';
import { newestTorchIn, type Catalogue } from './model';

export { CATALOGUE_SOURCE_KEY, mergeReleases } from './merge';

let current: Catalogue | null = null;

/** Use a catalogue for every query from now on (null: the bundled data alone). */
export function setCatalogue(cat: Catalogue | null): void {
  current = cat;
  replaceTorchReleases(cat ? mergeReleases(BUNDLED_TORCH_RELEASES, cat) : BUNDLED_TORCH_RELEASES);
  if (cat) TORCH_SOURCES[CATALOGUE_SOURCE_KEY] = { what: `PyTorch wheel index ${cat.indexUrl} read on ${cat.fetchedAt}`, type: 'wheel index' };
  else delete TORCH_SOURCES[CATALOGUE_SOURCE_KEY];
}

export interface CatalogueStatus {
  indexUrl: string;
  pypiUrl: string | null;
  fetchedAt: string;
  newestTorch: string | null;
  warnings: string[];
}

/** The catalogue in use, described; null when only the bundled data is. */
export function catalogueStatus(): CatalogueStatus | null {
  if (!current) return null;
  return { indexUrl: current.indexUrl, pypiUrl: current.pypiUrl, fetchedAt: current.fetchedAt, newestTorch: newestTorchIn(current), warnings: current.warnings };
}

import type { Config } from '../../schema/config.ts';
import type { SearchIndex } from './search-port.ts';
import { EmbeddedSearchIndex } from './embedded/embedded-search-index.ts';
import { MeiliSearchIndex } from './meili/meili-search-index.ts';

/**
 * Opens the configured search index and initialises it (callers need not call `init()`):
 * Meilisearch when `MEILI_HOST` is set (settings applied and checked), else the embedded engine.
 *
 * The embedded engine keeps its index in memory (docs/decisions/030): it starts empty, and
 * `reconcileIndex(store, index)` — which the runtime runs at start — loads it from the store.
 * `DATA_DIR` is accepted for symmetry with the store and reserved for a future on-disk snapshot.
 */
export async function openSearchIndex(config: Pick<Config, 'DATA_DIR' | 'MEILI_HOST' | 'MEILI_API_KEY' | 'MEILI_INDEX'>): Promise<SearchIndex> {
  const index: SearchIndex = config.MEILI_HOST
    ? new MeiliSearchIndex({ host: config.MEILI_HOST, apiKey: config.MEILI_API_KEY, indexUid: config.MEILI_INDEX })
    : new EmbeddedSearchIndex();
  await index.init();
  return index;
}

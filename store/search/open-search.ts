import { join, resolve } from 'node:path';
import type { Config } from '../../schema/config.ts';
import type { PostingStore } from '../ports.ts';
import type { SearchIndex } from './search-port.ts';
import { toSearchDocument } from './search-document.ts';
import { EmbeddedSearchIndex } from './embedded/embedded-search-index.ts';
import { MeiliSearchIndex } from './meili/meili-search-index.ts';

/** The embedded index's snapshot inside DATA_DIR (docs/decisions/026). */
export const EMBEDDED_INDEX_FILE = join('search', 'embedded-index.pbx');

export interface OpenSearchOptions {
  /**
   * The store the index belongs to. With it, the embedded engine keeps no descriptions in memory
   * (it reads them from the store for the page of results) and persists itself under DATA_DIR;
   * without it, it is a stand-alone in-memory index.
   */
  store?: PostingStore;
  log?: (line: string) => void;
}

/**
 * Opens the configured search index and initialises it (callers need not call `init()`):
 * Meilisearch when `MEILI_HOST` is set (settings applied and checked), else the embedded engine,
 * which loads its snapshot (`DATA_DIR/search/embedded-index.pbx`) when there is one.
 * `reconcileIndex(store, index)` — which the runtime runs at start — then applies the change
 * feed after the index's checkpoint (or rebuilds it when it has none).
 */
export async function openSearchIndex(
  config: Pick<Config, 'DATA_DIR' | 'MEILI_HOST' | 'MEILI_API_KEY' | 'MEILI_INDEX'>,
  options: OpenSearchOptions = {},
): Promise<SearchIndex> {
  const store = options.store;
  const index: SearchIndex = config.MEILI_HOST
    ? new MeiliSearchIndex({ host: config.MEILI_HOST, apiKey: config.MEILI_API_KEY, indexUid: config.MEILI_INDEX })
    : new EmbeddedSearchIndex(
        store
          ? {
              snapshotFile: join(resolve(config.DATA_DIR), EMBEDDED_INDEX_FILE),
              descriptions: async (ids) => {
                const postings = await store.getPostings(ids);
                return new Map(postings.map((p) => [p.id, toSearchDocument(p).description]));
              },
              ...(options.log ? { log: options.log } : {}),
            }
          : {},
      );
  await index.init();
  return index;
}

import type { Config } from '../schema/config.ts';
import type { Ingest, PostingLifecycle, PostingStore } from './ports.ts';
import type { SearchIndex } from './search/search-port.ts';
import type { LiveStatsEngine } from './stats/stats-port.ts';

/**
 * Everything the service, the scheduler and the commands need, opened from one configuration by
 * `openRuntime(config)` in `store/runtime.ts`: the store (MongoDB or embedded), the search index
 * (Meilisearch or embedded), the statistics engine, ingest and the lifecycle, all kept in step.
 */
export interface Runtime {
  readonly config: Config;
  readonly store: PostingStore;
  readonly search: SearchIndex;
  readonly stats: LiveStatsEngine;
  readonly ingest: Ingest;
  readonly lifecycle: PostingLifecycle;
  /** Brings the index up to the store (postings written but not indexed, e.g. after a crash). */
  reconcile(): Promise<{ indexed: number }>;
  close(): Promise<void>;
}

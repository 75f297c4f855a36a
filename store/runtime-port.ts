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
  /**
   * A number that changes after every write made through this runtime that can change what the
   * store, the index or the statistics engine answer: an ingest that created or changed a
   * posting, a lifecycle change, a reconcile that indexed anything. Result caches key on it, so
   * nothing cached before a write is served after the write returns. It says nothing about
   * writes made by other processes (another process's ingest into a shared MongoDB/Meilisearch).
   */
  dataVersion(): number;
  close(): Promise<void>;
}

import type { Config } from '../schema/config.ts';
import type { Ingest, PostingLifecycle, PostingStore } from './ports.ts';
import type { SearchIndex } from './search/search-port.ts';
import type { LiveStatsEngine } from './stats/stats-port.ts';
import type { FeedStatus } from './runtime-feed.ts';

export type { FeedStatus } from './runtime-feed.ts';

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
  /**
   * Applies the store's change feed now (what the follower does every ~500 ms): the statistics
   * engine and the index take every change committed so far, by this process or another.
   */
  reconcile(): Promise<{ indexed: number }>;
  /**
   * A number that changes after every change the runtime applies from the store's change feed
   * (its own writes and other processes' alike: a posting imported by `peerboard import` while
   * the service runs), and after a write that failed part-way. Result caches key on it, so
   * nothing cached before a change is served once the change is applied; a write made through
   * this runtime is applied before the write returns.
   */
  dataVersion(): number;
  /** How far this process has followed the store's change feed (for /metrics and /readyz). */
  feedStatus(): Promise<FeedStatus>;
  close(): Promise<void>;
}

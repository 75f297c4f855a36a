import type { Config } from '../schema/config.ts';
import { createIngest, type IngestDeps } from './ingest.ts';
import { createLifecycle } from './lifecycle.ts';
import { openPostingStore } from './open-store.ts';
import type { Ingest, PostingStore } from './ports.ts';
import type { Runtime } from './runtime-port.ts';
import { createIndexHook, reconcileIndex } from './search/index-sync.ts';
import { openSearchIndex } from './search/open-search.ts';
import type { SearchIndex } from './search/search-port.ts';
import { loadStatsEngine } from './stats/stats-engine.ts';

export type { Runtime } from './runtime-port.ts';

export interface RuntimeOptions {
  log?: (line: string) => void;
  now?: () => Date;
}

const ALL_STATUSES = ['active', 'expired', 'closed'] as const;

/**
 * Opens the configured store (MongoDB or embedded), search index (Meilisearch or embedded) and
 * statistics engine, and wires ingest and the lifecycle so every write reaches all three: the
 * store first (the source of truth), then the statistics engine and the index. The index is
 * reconciled with the store at start and after any ingest whose index write failed, so it
 * converges to the store with no drift.
 */
export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? (() => undefined);
  const store = await openPostingStore(config);
  let search: SearchIndex;
  try {
    search = await openSearchIndex(config);
  } catch (err) {
    await store.close();
    throw err;
  }
  try {
    const t0 = Date.now();
    const reconciled = await reconcileIndex(store, search);
    const stats = await loadStatsEngine(store, { minSample: config.STATS_MIN_SAMPLE });
    log(`runtime: ${store.kind} store, ${search.kind} search (${reconciled.indexed} postings indexed at start), stats over ${stats.size} postings, ${Date.now() - t0} ms`);

    // Set when an index write failed during an ingest or lifecycle change; the next call catches up.
    let indexBehind = false;
    const deps: IngestDeps = {
      store,
      stats,
      indexHook: createIndexHook(store, search),
      ...(options.now ? { now: options.now } : {}),
      onIndexError: (err, ids) => {
        indexBehind = true;
        log(`search index write failed for ${ids.length} posting(s), will reconcile: ${(err as Error).message}`);
      },
    };
    const baseIngest = createIngest(deps);
    const lifecycle = createLifecycle(deps);

    const catchUp = async (): Promise<number> => {
      if (!indexBehind) return 0;
      indexBehind = false;
      try {
        return await indexPostingsBehind(store, deps);
      } catch (err) {
        indexBehind = true;
        log(`search index reconcile failed, will retry after the next write: ${(err as Error).message}`);
        return 0;
      }
    };

    const ingest: Ingest = async (raws, ingestOptions) => {
      const result = await baseIngest(raws, ingestOptions);
      await catchUp();
      return result;
    };

    return {
      config,
      store,
      search,
      stats,
      ingest,
      lifecycle,
      async reconcile() {
        indexBehind = false;
        const r = await indexPostingsBehind(store, deps);
        return { indexed: r };
      },
      async close() {
        const errors: unknown[] = [];
        for (const c of [() => search.close(), () => store.close()]) {
          try {
            await c();
          } catch (err) {
            errors.push(err);
          }
        }
        if (errors.length) throw errors[0];
      },
    };
  } catch (err) {
    await search.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
}

/** Indexes the postings whose indexedAt is behind their updatedAt (only those, never a rebuild). */
async function indexPostingsBehind(store: PostingStore, deps: IngestDeps): Promise<number> {
  let n = 0;
  for await (const batch of store.iteratePostings({ statuses: [...ALL_STATUSES], indexBehind: true }, 1000)) {
    await deps.indexHook?.indexPostings(batch, { wait: true });
    n += batch.length;
  }
  return n;
}

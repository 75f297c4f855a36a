import type { Config } from '../schema/config.ts';
import { createIngest, type IngestDeps } from './ingest.ts';
import { createLifecycle } from './lifecycle.ts';
import { openPostingStore } from './open-store.ts';
import type { Ingest, PostingLifecycle } from './ports.ts';
import type { Runtime } from './runtime-port.ts';
import { catchUpIndex, createIndexHook, reconcileIndex } from './search/index-sync.ts';
import { openSearchIndex } from './search/open-search.ts';
import type { SearchIndex } from './search/search-port.ts';
import { loadStatsEngine } from './stats/stats-engine.ts';

export type { Runtime } from './runtime-port.ts';

export interface RuntimeOptions {
  log?: (line: string) => void;
  now?: () => Date;
}


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
    const baseLifecycle = createLifecycle(deps);

    // Bumped after a write is applied (never before), so a reader that sees the new number also
    // sees the write. Also bumped when a write fails part-way: it may have applied something.
    let version = 0;
    const bumpAfter = async <T>(write: () => Promise<T>, changedAnything: (result: T) => boolean): Promise<T> => {
      let result: T;
      try {
        result = await write();
      } catch (err) {
        version++;
        throw err;
      }
      if (changedAnything(result)) version++;
      return result;
    };
    const lifecycle: PostingLifecycle = {
      // Removing one source's listing from a posting still listed elsewhere is a write with no expiry
      // in the count: always bump.
      expireMissing: (sourceId, seen, now) => bumpAfter(() => baseLifecycle.expireMissing(sourceId, seen, now), () => true),
      expireOverdue: (now) => bumpAfter(() => baseLifecycle.expireOverdue(now), (n) => n > 0),
      closePosting: (id, now) => bumpAfter(() => baseLifecycle.closePosting(id, now), () => true),
    };

    const catchUp = async (): Promise<number> => {
      if (!indexBehind) return 0;
      indexBehind = false;
      try {
        return (await catchUpIndex(store, search)).indexed;
      } catch (err) {
        indexBehind = true;
        log(`search index reconcile failed, will retry after the next write: ${(err as Error).message}`);
        return 0;
      }
    };

    const ingest: Ingest = (raws, ingestOptions) =>
      bumpAfter(
        async () => {
          const result = await baseIngest(raws, ingestOptions);
          const caughtUp = await catchUp();
          return { result, caughtUp };
        },
        // Postings only seen again (or joined as duplicates) change no indexed or counted field.
        ({ result, caughtUp }) => result.new + result.updated > 0 || caughtUp > 0,
      ).then(({ result }) => result);

    return {
      config,
      store,
      search,
      stats,
      ingest,
      lifecycle,
      async reconcile() {
        indexBehind = false;
        const r = await bumpAfter(async () => (await catchUpIndex(store, search)).indexed, (n) => n > 0);
        return { indexed: r };
      },
      dataVersion: () => version,
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

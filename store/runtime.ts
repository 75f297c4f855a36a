import type { Config } from '../schema/config.ts';
import { PeerboardError } from '../schema/index.ts';
import { createIngest, type IngestDeps } from './ingest.ts';
import { createLifecycle } from './lifecycle.ts';
import { openPostingStore } from './open-store.ts';
import type { Ingest, PostingChange, PostingLifecycle } from './ports.ts';
import type { Runtime } from './runtime-port.ts';
import { FeedFollower } from './runtime-feed.ts';
import { applyChangesToIndex, indexCheckpoint, indexView, isSelfPersisting, reconcileIndex } from './search/index-sync.ts';
import { openSearchIndex } from './search/open-search.ts';
import type { SearchIndex } from './search/search-port.ts';
import { loadStatsEngine } from './stats/stats-engine.ts';

export type { Runtime } from './runtime-port.ts';

export interface RuntimeOptions {
  log?: (line: string) => void;
  now?: () => Date;
  /** How often the change feed is polled (default 500 ms). */
  feedPollMs?: number;
  /** How often a self-persisting index (the embedded engine) saves its snapshot while changes arrive (default 60 s). */
  indexSaveIntervalMs?: number;
}

const DEFAULT_INDEX_SAVE_MS = 60_000;

/**
 * Opens the configured store (MongoDB or embedded SQLite), search index (Meilisearch or the
 * embedded engine) and statistics engine, and keeps the last two — and the result cache's data
 * version — in step with the store through its change feed:
 *
 * - start: the statistics engine loads its facts (at the seq read just before), the index loads
 *   its persisted snapshot or checkpoint and applies the feed after it (no full replay);
 * - running: a follower polls the feed (~500 ms) and applies every change — this process's
 *   writes and other processes' (an import, a scrape, a second server) — in seq order;
 * - a write made through this runtime (ingest, lifecycle) goes to the store, then the runtime
 *   applies the feed before returning, so the writer reads its own write.
 */
export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? (() => undefined);
  const store = await openPostingStore(config, { log });
  let search: SearchIndex;
  try {
    search = await openSearchIndex(config, { store, log });
  } catch (err) {
    await store.close();
    throw err;
  }
  let follower: FeedFollower | null = null;
  try {
    const t0 = Date.now();
    // Read before loading: a change committed during the load is applied again by the follower.
    const statsSeq = await store.currentSeq();
    const stats = await loadStatsEngine(store, { minSample: config.STATS_MIN_SAMPLE });
    // Meilisearch unreachable at start is an outage, not a reason not to serve (docs/decisions/037):
    // searches answer SEARCH_UNAVAILABLE and the follower applies the feed from the index's
    // checkpoint once it is back. (issue 12; a self-persisting index never throws this.)
    const synced = await reconcileIndex(store, search, { persist: false }).catch(async (err: unknown) => {
      if (!(err instanceof PeerboardError && err.code === 'SEARCH_UNAVAILABLE') || isSelfPersisting(search)) throw err;
      log(`runtime: the ${search.kind} index is unavailable at start, serving without it until it is back: ${err.message}`);
      return { indexed: 0, seq: await indexCheckpoint(store, search), rebuilt: false };
    });
    log(
      `runtime: ${store.kind} store, ${search.kind} search (${synced.rebuilt ? 'rebuilt' : 'caught up'}: ${synced.indexed} postings applied, at seq ${synced.seq}), ` +
        `stats over ${stats.size} postings, ${Date.now() - t0} ms`,
    );

    let version = 0;
    // A self-persisting index saves its snapshot at most this often while changes arrive, and at close.
    const saveEvery = options.indexSaveIntervalMs ?? DEFAULT_INDEX_SAVE_MS;
    let indexSeq = synced.seq;
    let savedSeq = isSelfPersisting(search) ? (search.persistedSeq() ?? -1) : synced.seq;
    let lastSave = Date.now();
    let saving: Promise<void> = Promise.resolve();
    const saveIndex = (force: boolean): Promise<void> => {
      if (indexSeq === savedSeq || (!force && Date.now() - lastSave < saveEvery)) return saving;
      const seq = indexSeq;
      lastSave = Date.now();
      saving = saving
        .then(async () => {
          if (isSelfPersisting(search)) await search.persist(seq);
          await store.putCheckpoint({ view: indexView(search), seq, updatedAt: new Date().toISOString(), documents: await search.count() });
          savedSeq = seq;
        })
        .catch((err: unknown) => log(`search index: saving its checkpoint failed, will retry: ${(err as Error).message}`));
      return saving;
    };

    // What this process last applied of each posting it has applied since start: a change that
    // only refreshes lastSeen (a scrape seeing a job again) changes no indexed or counted field,
    // so it neither re-indexes the posting nor moves the data version (the result cache stays).
    const applied = new Map<string, string>();
    const appliedKey = (p: PostingChange['posting']) => `${p.contentHash}|${p.status}|${p.employerId ?? ''}|${p.firstSeenAt}`;

    const apply = async (changes: readonly PostingChange[], lastSeq: number): Promise<void> => {
      const effective = changes.filter((c) => applied.get(c.posting.id) !== appliedKey(c.posting));
      if (effective.length) {
        stats.apply(effective.map((c) => c.posting));
        // The statistics already moved: the cache must not keep serving the old figures, even if
        // the index write below fails (it is retried from the same seq at the next poll).
        version++;
        await applyChangesToIndex(search, effective);
        version++;
        for (const c of effective) applied.set(c.posting.id, appliedKey(c.posting));
      }
      indexSeq = Math.max(indexSeq, lastSeq);
      if (!isSelfPersisting(search)) {
        await store.putCheckpoint({ view: indexView(search), seq: indexSeq, updatedAt: new Date().toISOString() });
        savedSeq = indexSeq;
      } else if (effective.length) void saveIndex(false);
    };
    follower = new FeedFollower({
      store,
      from: Math.min(statsSeq, synced.seq),
      apply,
      log,
      ...(options.feedPollMs !== undefined ? { intervalMs: options.feedPollMs } : {}),
    });
    const feed = follower;
    // Whatever the start-up catch-up applied is saved in the background, not before /readyz.
    if (isSelfPersisting(search) && synced.seq !== savedSeq) void saveIndex(true);
    await feed.start();

    const deps: IngestDeps = { store, ...(options.now ? { now: options.now } : {}) };
    const baseIngest = createIngest(deps);
    const baseLifecycle = createLifecycle(deps);

    /** Runs a write, then applies the feed (its own changes included) before returning. */
    const thenFollow = async <T>(write: () => Promise<T>): Promise<T> => {
      let result: T;
      try {
        result = await write();
      } catch (err) {
        // It may have applied part of a batch; the feed says exactly what.
        version++;
        await feed.poll();
        throw err;
      }
      await feed.poll();
      return result;
    };
    const lifecycle: PostingLifecycle = {
      expireMissing: (sourceId, seen, now) => thenFollow(() => baseLifecycle.expireMissing(sourceId, seen, now)),
      expireOverdue: (now) => thenFollow(() => baseLifecycle.expireOverdue(now)),
      closePosting: (id, now) => thenFollow(() => baseLifecycle.closePosting(id, now)),
    };
    const ingest: Ingest = (raws, ingestOptions) =>
      ingestOptions?.dryRun ? baseIngest(raws, ingestOptions) : thenFollow(() => baseIngest(raws, ingestOptions));

    let closed = false;
    return {
      config,
      store,
      search,
      stats,
      ingest,
      lifecycle,
      async reconcile() {
        return { indexed: await feed.poll() };
      },
      dataVersion: () => version,
      feedStatus: () => feed.status(),
      async close() {
        if (closed) return;
        closed = true;
        const errors: unknown[] = [];
        for (const c of [() => feed.stop(), () => saveIndex(true), () => search.close(), () => store.close()]) {
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
    await follower?.stop().catch(() => undefined);
    await search.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
}

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
import { loadStatsEngine, type ColumnarStatsEngine } from './stats/stats-engine.ts';
import { loadStatsSnapshot, saveStatsSnapshot } from './stats/stats-snapshot.ts';
import { join, resolve } from 'node:path';

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
/** The statistics engine's snapshot inside DATA_DIR (docs/decisions/027); embedded store only. */
export const STATS_SNAPSHOT_FILE = join('stats', 'stats-engine.pbx');

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
    const statsOptions = { minSample: config.STATS_MIN_SAMPLE };
    // The statistics snapshot lives beside the database file it reflects; with MongoDB the
    // engine always loads from the store (another DATA_DIR may hold another database's figures).
    const statsFile = store.kind === 'embedded' ? join(resolve(config.DATA_DIR), STATS_SNAPSHOT_FILE) : null;
    let stats: ColumnarStatsEngine | null = null;
    let statsSeq = 0;
    let statsFrom = 'loaded';
    if (statsFile) {
      try {
        const snap = await loadStatsSnapshot(statsFile, statsOptions);
        if (snap) {
          ({ engine: stats, seq: statsSeq } = snap);
          statsFrom = 'snapshot';
        }
      } catch (err) {
        log(`statistics: cannot use the snapshot ${statsFile} (${(err as Error).message}); loading from the store`);
      }
    }
    const loadStats = async () => {
      // Read before loading: a change committed during the load is applied again by the follower.
      statsSeq = await store.currentSeq();
      stats = await loadStatsEngine(store, statsOptions);
      statsFrom = 'loaded';
    };
    if (!stats) await loadStats();
    // Meilisearch unreachable at start is an outage, not a reason not to serve (docs/decisions/037):
    // searches answer SEARCH_UNAVAILABLE and the follower applies the feed from the index's
    // checkpoint once it is back. (issue 12; a self-persisting index never throws this.)
    const synced = await reconcileIndex(store, search, { persist: false }).catch(async (err: unknown) => {
      if (!(err instanceof PeerboardError && err.code === 'SEARCH_UNAVAILABLE') || isSelfPersisting(search)) throw err;
      log(`runtime: the ${search.kind} index is unavailable at start, serving without it until it is back: ${err.message}`);
      return { indexed: 0, seq: await indexCheckpoint(store, search), rebuilt: false };
    });
    let version = 0;
    // Snapshots (the embedded index, the statistics) are saved at most this often while changes
    // arrive, and at close; after a crash the next start applies the feed after the saved seq.
    const saveEvery = options.indexSaveIntervalMs ?? DEFAULT_INDEX_SAVE_MS;
    // The seq both the statistics and the index hold every change up to (the follower's position).
    let appliedSeq = Math.min(statsSeq, synced.seq);
    let savedSeq = statsFile && statsFrom === 'snapshot' && isSelfPersisting(search) && search.persistedSeq() === statsSeq ? statsSeq : -1;
    let lastSave = Date.now();
    let saveTimer: NodeJS.Timeout | null = null;
    let saving: Promise<void> = Promise.resolve();
    const saveViews = (force: boolean): Promise<void> => {
      if (appliedSeq === savedSeq || appliedSeq === 0) return saving;
      if (!force && Date.now() - lastSave < saveEvery) {
        // Not now: once the interval is over, so a quiet spell after a burst is saved too.
        saveTimer ??= setTimeout(() => {
          saveTimer = null;
          void saveViews(true);
        }, saveEvery - (Date.now() - lastSave)).unref();
        return saving;
      }
      const seq = appliedSeq;
      lastSave = Date.now();
      saving = saving
        .then(async () => {
          if (isSelfPersisting(search)) await search.persist(seq);
          if (statsFile && stats) await saveStatsSnapshot(statsFile, stats, seq);
          await store.putCheckpoint({ view: indexView(search), seq, updatedAt: new Date().toISOString(), documents: await search.count() });
          savedSeq = seq;
        })
        .catch((err: unknown) => log(`saving the index and statistics snapshots failed, will retry: ${(err as Error).message}`));
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
        stats!.apply(effective.map((c) => c.posting));
        // The statistics already moved: the cache must not keep serving the old figures, even if
        // the index write below fails (it is retried from the same seq at the next poll).
        version++;
        await applyChangesToIndex(search, effective);
        version++;
        for (const c of effective) applied.set(c.posting.id, appliedKey(c.posting));
      }
      appliedSeq = Math.max(appliedSeq, lastSeq);
      if (!isSelfPersisting(search)) {
        await store.putCheckpoint({ view: indexView(search), seq: appliedSeq, updatedAt: new Date().toISOString() });
      }
      if (isSelfPersisting(search) || statsFile) {
        if (effective.length) void saveViews(false);
      } else savedSeq = appliedSeq;
    };
    follower = new FeedFollower({
      store,
      from: appliedSeq,
      apply,
      log,
      ...(options.feedPollMs !== undefined ? { intervalMs: options.feedPollMs } : {}),
    });
    const feed = follower;
    // Bring the statistics (from their snapshot or load) and the index to the same seq now.
    await feed.poll();
    const inStore = await store.countPostings();
    if (stats!.size !== inStore) {
      log(`statistics: ${stats!.size} postings after catching up, the store has ${inStore}; loading from the store`);
      await loadStats();
      applied.clear();
      await feed.poll();
    }
    const engine = stats!;
    log(
      `runtime: ${store.kind} store, ${search.kind} search (${synced.rebuilt ? 'rebuilt' : 'caught up'}: ${synced.indexed} postings applied, at seq ${synced.seq}), ` +
        `stats over ${engine.size} postings (${statsFrom}), at seq ${feed.appliedSeq}, ${Date.now() - t0} ms`,
    );
    // Whatever start-up applied or rebuilt is saved in the background, not before /readyz.
    // (An empty store has nothing worth a file.)
    if ((isSelfPersisting(search) || statsFile) && appliedSeq !== savedSeq && appliedSeq > 0) void saveViews(true);
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
      stats: engine,
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
        if (saveTimer) clearTimeout(saveTimer);
        for (const c of [() => feed.stop(), () => saveViews(true), () => search.close(), () => store.close()]) {
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

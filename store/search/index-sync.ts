import type { IndexHook, PostingStore } from '../ports.ts';
import { POSTING_STATUSES, type StoredPosting } from '../../schema/index.ts';
import type { SearchIndex } from './search-port.ts';

/**
 * Keeps the search index in step with the store, which is the source of truth. A write reaches
 * the store first; the index second; then the store records, per posting, that the index has
 * that content (`markIndexed`). A crash between the two leaves postings whose `indexedAt` is
 * behind their `updatedAt`, and `reconcileIndex` (at start and after each ingest) re-indexes them.
 */

export interface SyncOptions {
  onProgress?: (done: number, total: number) => void;
  /** Postings per batch read from the store and sent to the index. */
  batchSize?: number;
}


/**
 * Marks postings indexed as of their own `updatedAt`, not "now": if another writer changed a
 * posting while this batch was being indexed, the store's newer updatedAt stays ahead of the
 * mark and the posting stays behind until its newer content is indexed. Never marks content the
 * index may not have.
 */
async function markIndexed(store: PostingStore, postings: readonly StoredPosting[]): Promise<void> {
  const byUpdatedAt = new Map<string, string[]>();
  for (const p of postings) {
    const ids = byUpdatedAt.get(p.updatedAt);
    if (ids) ids.push(p.id);
    else byUpdatedAt.set(p.updatedAt, [p.id]);
  }
  for (const [at, ids] of byUpdatedAt) await store.markIndexed(ids, at);
}

/**
 * The hook ingest calls after postings are durably stored. It always waits for the index to
 * confirm (Meilisearch: the task succeeded) before marking: a mark on an unconfirmed write could
 * hide a failed task from reconcile forever.
 */
export function createIndexHook(store: PostingStore, index: SearchIndex): IndexHook {
  return {
    async indexPostings(postings) {
      if (!postings.length) return;
      await index.upsert(postings, { wait: true });
      await markIndexed(store, postings);
    },
  };
}

/**
 * Re-indexes every posting the index is behind on. For an index that starts empty in each
 * process (the embedded engine) that is every posting, so it rebuilds instead.
 */
export async function reconcileIndex(store: PostingStore, index: SearchIndex, options: SyncOptions = {}): Promise<{ indexed: number }> {
  if (index.needsFullLoad?.()) return rebuildIndex(store, index, options);
  return catchUpIndex(store, index, options);
}

/**
 * Indexes only the postings whose indexedAt is behind their updatedAt, never a rebuild: what a
 * running service does after an index write failed (its in-memory index already holds the rest).
 */
export async function catchUpIndex(store: PostingStore, index: SearchIndex, options: SyncOptions = {}): Promise<{ indexed: number }> {
  return indexAll(store, index, { statuses: [...POSTING_STATUSES], indexBehind: true }, options);
}

/** Empties the index and indexes every posting of the store (`peerboard reindex`). */
export async function rebuildIndex(store: PostingStore, index: SearchIndex, options: SyncOptions = {}): Promise<{ indexed: number }> {
  await index.clear({ wait: true });
  const result = await indexAll(store, index, { statuses: [...POSTING_STATUSES] }, options);
  index.markFullyLoaded?.();
  return result;
}

async function indexAll(
  store: PostingStore,
  index: SearchIndex,
  query: Parameters<PostingStore['iteratePostings']>[0],
  options: SyncOptions,
): Promise<{ indexed: number }> {
  const total = await store.countPostings(query);
  let done = 0;
  options.onProgress?.(0, total);
  for await (const batch of store.iteratePostings(query, options.batchSize ?? 1000)) {
    if (!batch.length) continue;
    await index.upsert(batch, { wait: true });
    await markIndexed(store, batch);
    done += batch.length;
    // Postings written while we iterate can push `done` past the first count.
    options.onProgress?.(done, Math.max(total, done));
  }
  return { indexed: done };
}

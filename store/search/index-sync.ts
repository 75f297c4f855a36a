import type { IndexHook, PostingChange, PostingStore } from '../ports.ts';
import type { StoredPosting } from '../../schema/index.ts';
import type { SearchIndex } from './search-port.ts';

/**
 * Keeps a search index in step with the store, which is the source of truth, through the store's
 * change feed (`changesSince`) and a per-index checkpoint: the seq of the last change the index
 * holds. A write reaches the store first (with its seq); an index applies the feed after its
 * checkpoint and then moves the checkpoint. A crash between the two leaves the checkpoint behind,
 * so the next catch-up applies those changes again (applying a posting twice is harmless: an
 * upsert by id). See docs/decisions/025-change-feed-and-checkpoints.md.
 *
 * Where the checkpoint lives depends on the index:
 * - an index that persists itself (the embedded engine's snapshot file) records the seq its
 *   content reflects inside that snapshot, so the two can never disagree;
 * - any other index (Meilisearch) keeps it in the store, under the index's view key.
 */

export interface SyncOptions {
  onProgress?: (done: number, total: number) => void;
  /** Changes (or postings) per batch read from the store and sent to the index. */
  batchSize?: number;
  /**
   * Save a self-persisting index's snapshot when done (default true). The runtime passes false
   * at start and saves in the background, so /readyz does not wait for the file.
   */
  persist?: boolean;
}

export interface SyncResult {
  /** Postings sent to the index. */
  indexed: number;
  /** The seq the index now reflects. */
  seq: number;
  /** True when the index was emptied and loaded from scratch. */
  rebuilt: boolean;
}

/** An index that saves its own content together with the seq it reflects (the embedded engine). */
export interface SelfPersistingIndex {
  /** The seq of the content loaded at init (null: nothing was loaded, the index starts empty). */
  persistedSeq(): number | null;
  /** Saves the content as reflecting every change up to `seq`. */
  persist(seq: number): Promise<void>;
}

export function isSelfPersisting(index: SearchIndex): index is SearchIndex & SelfPersistingIndex {
  const i = index as Partial<SelfPersistingIndex>;
  return typeof i.persistedSeq === 'function' && typeof i.persist === 'function';
}

/** The checkpoint key of an index: engine + host + uid for Meilisearch, `<kind>-search` otherwise. */
export function indexView(index: SearchIndex): string {
  return index.view ?? `${index.kind}-search`;
}

/** The seq an index reflects as recorded (0 when nothing is recorded: everything is to apply). */
export async function indexCheckpoint(store: PostingStore, index: SearchIndex): Promise<number> {
  if (isSelfPersisting(index)) return index.persistedSeq() ?? 0;
  return (await store.getCheckpoint(indexView(index)))?.seq ?? 0;
}

/**
 * Records that the index holds every change up to `seq`. Only after the index confirmed the
 * writes (Meilisearch: the tasks succeeded), never before: a checkpoint past an unconfirmed
 * write would hide a failed task forever.
 */
export async function saveIndexCheckpoint(store: PostingStore, index: SearchIndex, seq: number): Promise<void> {
  const documents = await index.count();
  if (isSelfPersisting(index)) await index.persist(seq);
  await store.putCheckpoint({ view: indexView(index), seq, updatedAt: new Date().toISOString(), documents });
}

/** Applies feed changes to an index (every status: expired and closed postings stay filterable). */
export async function applyChangesToIndex(index: SearchIndex, changes: readonly PostingChange[]): Promise<void> {
  if (!changes.length) return;
  await index.upsert(
    changes.map((c) => c.posting),
    { wait: true },
  );
}

/**
 * The hook ingest calls after postings are durably stored, for read-your-writes: it waits for
 * the index to confirm. It moves no checkpoint: the feed re-delivers these postings to the
 * follower, which moves the checkpoint once it has applied them in order.
 */
export function createIndexHook(index: SearchIndex): IndexHook {
  return {
    async indexPostings(postings: readonly StoredPosting[]) {
      if (!postings.length) return;
      await index.upsert(postings, { wait: true });
    },
  };
}

/**
 * Brings an index up to the store at start: applies the feed after its checkpoint (no full
 * replay), or rebuilds when it has no usable checkpoint (a fresh or cleared in-memory index) or
 * when, caught up, it holds a different number of documents than the store has postings (a lost
 * Meilisearch volume, a damaged snapshot).
 */
export async function reconcileIndex(store: PostingStore, index: SearchIndex, options: SyncOptions = {}): Promise<SyncResult> {
  const emptyAndUntrusted = index.needsFullLoad?.() === true;
  if (emptyAndUntrusted && !(isSelfPersisting(index) && index.persistedSeq() !== null)) return rebuildIndex(store, index, options);
  const caught = await catchUpIndex(store, index, options);
  const [inIndex, inStore] = await Promise.all([index.count(), store.countPostings()]);
  if (inIndex !== inStore) return rebuildIndex(store, index, options);
  index.markFullyLoaded?.();
  return caught;
}

/** Applies every change after the index's checkpoint, batch by batch, moving the checkpoint as it goes. */
export async function catchUpIndex(store: PostingStore, index: SearchIndex, options: SyncOptions = {}): Promise<SyncResult> {
  const from = await indexCheckpoint(store, index);
  const target = await store.currentSeq();
  const limit = options.batchSize ?? 1000;
  let seq = from;
  let indexed = 0;
  options.onProgress?.(0, Math.max(0, target - from));
  for (;;) {
    const batch = await store.changesSince(seq, limit);
    if (!batch.changes.length) break;
    await applyChangesToIndex(index, batch.changes);
    indexed += batch.changes.length;
    seq = batch.lastSeq;
    options.onProgress?.(indexed, Math.max(indexed, target - from));
    if (batch.changes.length < limit) break;
  }
  if (!isSelfPersisting(index) || (seq !== from && options.persist !== false)) await saveIndexCheckpoint(store, index, seq);
  return { indexed, seq, rebuilt: false };
}

/**
 * Empties the index and indexes every posting of the store (`peerboard reindex`), then applies
 * what changed while it ran. The seq is read before the scan: a posting written during the scan
 * is either in it or in the feed after that seq (or both), never lost.
 */
export async function rebuildIndex(store: PostingStore, index: SearchIndex, options: SyncOptions = {}): Promise<SyncResult> {
  const startSeq = await store.currentSeq();
  await index.clear({ wait: true });
  const total = await store.countPostings();
  let done = 0;
  options.onProgress?.(0, total);
  for await (const batch of store.iteratePostings({}, options.batchSize ?? 1000)) {
    if (!batch.length) continue;
    await index.upsert(batch, { wait: true });
    done += batch.length;
    // Postings written while we iterate can push `done` past the first count.
    options.onProgress?.(done, Math.max(total, done));
  }
  let seq = startSeq;
  for (;;) {
    const batch = await store.changesSince(seq, options.batchSize ?? 1000);
    if (!batch.changes.length) break;
    await applyChangesToIndex(index, batch.changes);
    seq = batch.lastSeq;
  }
  index.markFullyLoaded?.();
  if (!isSelfPersisting(index) || options.persist !== false) await saveIndexCheckpoint(store, index, seq);
  return { indexed: done, seq, rebuilt: true };
}

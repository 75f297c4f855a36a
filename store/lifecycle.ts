import { NotFoundError, type StoredPosting } from '../schema/index.ts';
import { indexChanged, withStoreWriteLock, type IngestDeps } from './ingest.ts';
import type { PostingLifecycle } from './ports.ts';

/**
 * Posting lifecycle changes that are not ingest — a source stopped listing a job, a job's
 * validThrough passed, an employer closed a job — applied to the store, then the stats engine,
 * then the index (an index failure is reported, not thrown: the change feed catches it up).
 *
 * Expired and closed postings are never deleted: they are the history salary trends are made of.
 */
export function createLifecycle(deps: IngestDeps): PostingLifecycle {
  const clock = deps.now ?? (() => new Date());
  const onIndexError =
    deps.onIndexError ??
    ((err: unknown, ids: readonly string[]) =>
      process.emitWarning(`search index update failed for ${ids.length} posting(s); the change feed will catch it up: ${(err as Error)?.message ?? String(err)}`, 'PeerboardIndexWarning'));

  async function commit(changed: StoredPosting[], writes: StoredPosting[] = changed): Promise<void> {
    if (!writes.length) return;
    await deps.store.putPostings(writes);
    if (!changed.length) return;
    deps.stats?.apply(changed);
    if (deps.indexHook) await indexChanged(deps.indexHook, changed, false, onIndexError);
  }

  return {
    expireMissing(sourceId, seenSourceIds, now = clock()) {
      return withStoreWriteLock(deps.store, async () => {
        const at = now.toISOString();
        const writes: StoredPosting[] = [];
        let expired = 0;
        for await (const batch of deps.store.iteratePostings({ source: sourceId, statuses: ['active'] })) {
          for (const p of batch) {
            const gone = p.sources.filter((s) => s.source === sourceId && !seenSourceIds.has(s.sourceId));
            if (!gone.length) continue;
            const remaining = p.sources.filter((s) => !gone.includes(s));
            if (remaining.length) {
              // Still listed elsewhere: the job is active; only this source's listing goes.
              writes.push({ ...p, sources: remaining, updatedAt: at });
            } else {
              // No source lists it any more. The last listing stays on the posting as the record of
              // where the job was (and so the same listing coming back finds it and reactivates it).
              writes.push({ ...p, status: 'expired', endedAt: at, updatedAt: at });
              expired++;
            }
          }
        }
        await commit(writes);
        return expired;
      });
    },

    expireOverdue(now = clock()) {
      return withStoreWriteLock(deps.store, async () => {
        const at = now.toISOString();
        const writes: StoredPosting[] = [];
        for await (const batch of deps.store.iteratePostings({ statuses: ['active'], validThroughBefore: at })) {
          for (const p of batch) writes.push({ ...p, status: 'expired', endedAt: at, updatedAt: at });
        }
        await commit(writes);
        return writes.length;
      });
    },

    closePosting(id, now = clock()) {
      return withStoreWriteLock(deps.store, async () => {
        const p = await deps.store.getPosting(id);
        if (!p) throw new NotFoundError(`no posting with id ${JSON.stringify(id)}`);
        if (p.status === 'closed') return p;
        const at = now.toISOString();
        const closed: StoredPosting = { ...p, status: 'closed', endedAt: at, updatedAt: at };
        await commit([closed]);
        // As stored now, so a second close returns the same.
        return (await deps.store.getPosting(id)) ?? closed;
      });
    },
  };
}


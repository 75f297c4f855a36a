import { PeerboardError } from '../../schema/index.ts';
import type { PostingStore } from '../ports.ts';

export interface CopyResult {
  postings: number;
  /** Employers now in the target (copied, or there already from an earlier copy). */
  employers: number;
  runs: number;
}

/**
 * Copies everything of one posting store into another (moving an embedded store into MongoDB,
 * README "Running with MongoDB and Meilisearch"): postings whole (ids, listings, lifecycle and
 * first-seen dates kept; each gets a seq of the target's change feed), the employers they
 * reference (with their API key hashes, so employers' keys keep working), and the scrape runs.
 * Idempotent: copying again replaces postings and runs by id and keeps employers already there.
 * The search index and statistics are not copied: they are derived views, built from the
 * target's change feed when the service starts on it (a new view, caught up from 0).
 */
export async function copyStore(
  from: PostingStore,
  to: PostingStore,
  options: { batchSize?: number; onProgress?: (copied: number, total: number) => void } = {},
): Promise<CopyResult> {
  const total = await from.countPostings();
  const employerIds = new Set<string>();
  let postings = 0;
  options.onProgress?.(0, total);
  for await (const batch of from.iteratePostings({}, options.batchSize ?? 500)) {
    for (const p of batch) if (p.employerId) employerIds.add(p.employerId);
    await to.putPostings(batch);
    postings += batch.length;
    options.onProgress?.(postings, Math.max(total, postings));
  }
  let employers = 0;
  for (const id of employerIds) {
    const employer = await from.getEmployer(id);
    if (!employer) continue;
    try {
      await to.createEmployer(employer);
      employers++;
    } catch (err) {
      // Already copied (a second run): the same id is fine; a different employer with this
      // e-mail address is a real clash the operator must see.
      if (!(err instanceof PeerboardError && err.code === 'CONFLICT')) throw err;
      const there = await to.getEmployer(id);
      if (!there || there.apiKeyHash !== employer.apiKeyHash) {
        throw new PeerboardError('CONFLICT', `employer ${id} (${employer.email}) clashes with an employer already in the target store`, { cause: err });
      }
      employers++;
    }
  }
  const runs = await from.listRuns();
  for (const run of runs) await to.putRun(run);
  return { postings, employers, runs: runs.length };
}

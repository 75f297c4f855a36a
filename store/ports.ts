import type { PostingStatus, RawPosting, StoredPosting } from '../schema/index.ts';

/**
 * The ports. Every storage and search call goes through these interfaces; the adapters
 * (`embedded`, `mongo`, `meili`) implement them and one contract suite runs against each.
 */

export interface Employer {
  id: string;
  name: string;
  email: string;
  website: string | null;
  /** sha256 of the API key; the key itself is shown once and never stored. */
  apiKeyHash: string;
  createdAt: string;
}

export type { RunStatus } from '../schema/vocabularies.ts';
import type { RunStatus } from '../schema/vocabularies.ts';

export interface IngestCounts {
  received: number;
  new: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  rejected: Record<string, number>;
}

export interface ScrapeRun {
  id: string;
  sourceId: string;
  startedAt: string;
  endedAt: string | null;
  status: RunStatus;
  pagesFetched: number;
  robotsSkipped: number;
  counts: IngestCounts;
  expired: number;
  /** A sample of errors (at most a few dozen), `url: message`. */
  errors: string[];
}

export interface PostingQuery {
  statuses?: PostingStatus[];
  /** Postings that list this source (any of their `sources[]`). */
  source?: string;
  fingerprint?: string;
  employerId?: string;
  /**
   * @deprecated Replaced by the change feed and view checkpoints (`changesSince`, `getCheckpoint`);
   * kept only until every adapter has moved over. New code must not use it.
   */
  indexBehind?: boolean;
  /** `validThrough` strictly before this ISO date-time. */
  validThroughBefore?: string;
  /** Only postings whose lastSeenAt (for `source`: that source's lastSeenAt) is before this. */
  lastSeenBefore?: string;
}

/**
 * One entry of the store's change feed: the posting as it is now, and the sequence number of its
 * latest write. A posting written twice appears once, at its latest seq (a latest-state feed, like
 * CouchDB's _changes), so a follower applying changes in order converges to the store.
 */
export interface PostingChange {
  seq: number;
  posting: StoredPosting;
}

export interface ChangeBatch {
  changes: PostingChange[];
  /** The highest seq returned (or `since` when none): pass it back as the next `since`. */
  lastSeq: number;
}

/**
 * A derived view's record of how far it has applied the feed; one per view (an index is keyed by
 * engine + host + index uid, e.g. "meili:http://127.0.0.1:7700/postings" or "embedded-search").
 */
export interface ViewCheckpoint {
  view: string;
  seq: number;
  updatedAt: string;
  documents?: number;
}

export interface PostingStore {
  readonly kind: 'embedded' | 'mongodb';
  /** Cheap reachability check for /readyz. Throws a PeerboardError when unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;

  getPosting(id: string): Promise<StoredPosting | null>;
  getPostings(ids: readonly string[]): Promise<StoredPosting[]>;
  findBySource(source: string, sourceId: string): Promise<StoredPosting | null>;
  /** Postings matching a query, in a stable order (by id); streamed so large stores need no big arrays. */
  iteratePostings(query?: PostingQuery, batchSize?: number): AsyncIterable<StoredPosting[]>;
  countPostings(query?: PostingQuery): Promise<number>;
  /**
   * Writes whole postings by id (insert or replace). Durable when the promise resolves: an
   * acknowledged write survives a crash.
   */
  putPostings(postings: readonly StoredPosting[]): Promise<void>;

  /**
   * The change feed. Every write of a posting (putPostings, lifecycle changes, a lastSeen refresh
   * that changes a stored field) gets a new seq, strictly greater than all earlier ones, committed
   * with the write. Ordered by seq ascending; at most `limit` changes.
   */
  changesSince(since: number, limit: number): Promise<ChangeBatch>;
  /** The highest seq committed so far (0 for an empty store). */
  currentSeq(): Promise<number>;
  getCheckpoint(view: string): Promise<ViewCheckpoint | null>;
  /** Monotonic: never moves a checkpoint backwards (a lower seq is ignored). */
  putCheckpoint(checkpoint: ViewCheckpoint): Promise<void>;
  /**
   * Optional wake-up signal for followers (a MongoDB change stream where the deployment has
   * one): `onChange` is called soon after another writer commits. Only a hint — followers still
   * read `changesSince` and poll anyway. Resolves null when the store cannot signal.
   */
  watchChanges?(onChange: () => void): Promise<{ close(): Promise<void> } | null>;

  createEmployer(employer: Employer): Promise<void>;
  getEmployer(id: string): Promise<Employer | null>;
  getEmployerByKeyHash(apiKeyHash: string): Promise<Employer | null>;

  putRun(run: ScrapeRun): Promise<void>;
  listRuns(options?: { sourceId?: string; last?: number }): Promise<ScrapeRun[]>;

  /** Takes or renews a named lock until `now + ttlMs`; false when another owner holds it unexpired. */
  acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;
}

/** Called by ingest after postings are durably stored; the search layer plugs in here. */
export interface IndexHook {
  indexPostings(postings: readonly StoredPosting[], options?: { wait?: boolean }): Promise<void>;
}

export interface IngestOptions {
  /** Source id stamped on raw postings that lack one. */
  source?: string;
  now?: Date;
  /** Wait until the index has the postings (read-your-writes, for employer posts). */
  waitForIndex?: boolean;
  /** Normalise and count only; write nothing. */
  dryRun?: boolean;
}

export interface IngestResult extends IngestCounts {
  /** Ids of the postings that were created, updated or seen again (in input order, accepted only). */
  postingIds: string[];
  /** One entry per rejected input: its position, the reason code and a human message. */
  rejections: { index: number; reason: string; message: string; sourceId?: string | undefined }[];
}

export type Ingest = (raws: readonly unknown[], options?: IngestOptions) => Promise<IngestResult>;

export type { RawPosting };

/** Posting lifecycle changes that are not ingest: expiry and closing. Keeps store, stats and index in step. */
export interface PostingLifecycle {
  /** Expires the active postings of `sourceId` whose source id is not in `seenSourceIds` (after a complete run). */
  expireMissing(sourceId: string, seenSourceIds: ReadonlySet<string>, now?: Date): Promise<number>;
  /** Expires active postings whose validThrough has passed. */
  expireOverdue(now?: Date): Promise<number>;
  /** Closes one posting (an employer took it down). */
  closePosting(id: string, now?: Date): Promise<StoredPosting>;
}

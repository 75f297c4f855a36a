import type { PostingChange, PostingStore } from './ports.ts';

/**
 * Follows the store's change feed for a running process: polls `changesSince` (about every
 * 500 ms; at once when the store signals a change, e.g. a MongoDB change stream) and hands each
 * batch, in seq order, to `apply` — which brings the statistics engine, the search index and
 * the result cache's data version up to date. A batch whose apply fails is not skipped: the seq
 * stays put and the next poll delivers it again. See docs/decisions/025.
 */

export const DEFAULT_FEED_POLL_MS = 500;
const DEFAULT_FEED_BATCH = 500;

export interface FeedStatus {
  /** The last seq applied by this process. */
  appliedSeq: number;
  /** The highest seq the store has committed. */
  storeSeq: number;
  /** Changes committed but not yet applied here. */
  behind: number;
  /** How long this process has been behind (0 when caught up). */
  lagSeconds: number;
  /** When the last poll finished (ms since the epoch), null before the first. */
  lastPollAt: number | null;
  /** The message of the last failed poll or apply, null once one succeeds. */
  lastError: string | null;
}

export interface FeedFollowerOptions {
  store: PostingStore;
  /** The seq the followers already reflect (they loaded at it). */
  from: number;
  apply: (changes: readonly PostingChange[], lastSeq: number) => Promise<void>;
  intervalMs?: number;
  batchSize?: number;
  log?: (line: string) => void;
  now?: () => number;
}

export class FeedFollower {
  private seq: number;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<number> = Promise.resolve(0);
  private stopped = false;
  private behindSince: number | null = null;
  private lastPollAt: number | null = null;
  private lastError: string | null = null;
  private watch: { close(): Promise<void> } | null = null;
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(private readonly options: FeedFollowerOptions) {
    this.seq = options.from;
    this.intervalMs = options.intervalMs ?? DEFAULT_FEED_POLL_MS;
    this.batchSize = options.batchSize ?? DEFAULT_FEED_BATCH;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => undefined);
  }

  get appliedSeq(): number {
    return this.seq;
  }

  /** Starts polling (and listening to the store's change signal when it has one). */
  async start(): Promise<void> {
    if (this.stopped || this.timer) return;
    const store = this.options.store;
    if (store.watchChanges) {
      try {
        this.watch = await store.watchChanges(() => void this.poll());
      } catch (err) {
        this.log(`change feed: no change signal from the store, polling only (${(err as Error).message})`);
      }
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.poll().finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }

  /**
   * Applies everything committed so far (one call at a time, in order); resolves with the number
   * of changes applied. Never rejects: a failure is kept for {@link status} and logged once.
   */
  poll(): Promise<number> {
    const run = this.chain.then(() => this.drain());
    this.chain = run.catch(() => 0);
    return run;
  }

  private async drain(): Promise<number> {
    if (this.stopped) return 0;
    let applied = 0;
    try {
      for (;;) {
        const batch = await this.options.store.changesSince(this.seq, this.batchSize);
        if (!batch.changes.length) break;
        if (this.behindSince === null) this.behindSince = this.now();
        await this.options.apply(batch.changes, batch.lastSeq);
        this.seq = batch.lastSeq;
        applied += batch.changes.length;
        if (batch.changes.length < this.batchSize || this.stopped) break;
      }
      this.behindSince = null;
      if (this.lastError !== null) this.log('change feed: following again');
      this.lastError = null;
    } catch (err) {
      const message = (err as Error)?.message ?? String(err);
      if (this.lastError !== message) this.log(`change feed: applying changes after seq ${this.seq} failed, will retry: ${message}`);
      this.lastError = message;
    } finally {
      this.lastPollAt = this.now();
    }
    return applied;
  }

  async status(): Promise<FeedStatus> {
    const storeSeq = await this.options.store.currentSeq();
    const behind = Math.max(0, storeSeq - this.seq);
    if (behind > 0 && this.behindSince === null) this.behindSince = this.now();
    return {
      appliedSeq: this.seq,
      storeSeq,
      behind,
      lagSeconds: behind > 0 && this.behindSince !== null ? (this.now() - this.behindSince) / 1000 : 0,
      lastPollAt: this.lastPollAt,
      lastError: this.lastError,
    };
  }

  /** Stops polling after the poll in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.chain.catch(() => undefined);
    await this.watch?.close().catch(() => undefined);
    this.watch = null;
  }
}

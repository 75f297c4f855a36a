import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { PeerboardError } from '../schema/errors.ts';
import type { Fetcher } from '../scrapers/http/fetcher-port.ts';
import type { SourceConfig, SourceRunContext, SourceRunOutput, SourceRunner } from '../scrapers/sources/source-types.ts';
import { runSource } from '../scrapers/sources/index.ts';
import type { Ingest, IngestCounts, PostingLifecycle, PostingStore, ScrapeRun } from '../store/ports.ts';

/** At most this many error lines are kept on a run record: enough to diagnose, small enough to list. */
export const MAX_RUN_ERRORS = 30;
/** A lock lives this long without renewal; a crashed runner's lock frees itself after it. */
export const DEFAULT_LOCK_TTL_MS = 120_000;
const DEFAULT_BATCH_SIZE = 200;

/** Another run of the source holds its lock (in this or another process); nothing was recorded. */
export class SourceAlreadyRunningError extends PeerboardError {
  readonly sourceId: string;
  constructor(sourceId: string) {
    super('CONFLICT', `source "${sourceId}" is already running (its lock is held by another run)`);
    this.sourceId = sourceId;
  }
}

export type SourceRunPhase = 'fetching' | 'ingesting' | 'expiring' | 'done';

export interface SourceRunProgress {
  sourceId: string;
  phase: SourceRunPhase;
  pagesFetched: number;
  /** Raw postings the source has produced so far. */
  postings: number;
  counts: IngestCounts;
}

export interface SourceRunDeps {
  store: PostingStore;
  ingest: Ingest;
  lifecycle: PostingLifecycle;
  fetcher: Fetcher;
  /** The source kinds' dispatcher; `runSource` (all eight kinds) unless a caller needs another. */
  runner?: SourceRunner;
  env: SourceRunContext['env'];
  now?: () => Date;
  /** Aborting lets the page in flight finish, then the run is recorded `partial`. */
  signal?: AbortSignal;
  /** Lock owner; unique per call by default, so two calls in one process also exclude each other. */
  owner?: string;
  /** Normalise and count only: no lock, no run record, no writes, no expiry (the would-be-expired count is reported). */
  dryRun?: boolean;
  onProgress?: (progress: SourceRunProgress) => void;
  lockTtlMs?: number;
  /** After a stop request, how long the page in flight may take before its request is aborted too. Default 10 s. */
  inFlightGraceMs?: number;
  /** Raw postings per ingest call. */
  batchSize?: number;
}

export function emptyCounts(): IngestCounts {
  return { received: 0, new: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: {} };
}

export function addCounts(into: IngestCounts, more: IngestCounts): IngestCounts {
  into.received += more.received;
  into.new += more.new;
  into.updated += more.updated;
  into.unchanged += more.unchanged;
  into.duplicates += more.duplicates;
  for (const [reason, n] of Object.entries(more.rejected)) into.rejected[reason] = (into.rejected[reason] ?? 0) + n;
  return into;
}

export function cloneCounts(counts: IngestCounts): IngestCounts {
  return { ...counts, rejected: { ...counts.rejected } };
}

export function rejectedTotal(counts: IngestCounts): number {
  return Object.values(counts.rejected).reduce((a, b) => a + b, 0);
}

/**
 * Runs one source now: takes its lock, records the run, collects the raw postings, ingests them in
 * batches and, only after a complete and clean run, expires what the source no longer lists.
 *
 * - The lock `source:<id>` lives in the store with a TTL renewed while the run goes on, so two
 *   processes (several API servers on one MongoDB, or `peerboard scrape` beside the service) never
 *   run one source at once, and a crashed run's lock frees itself. When it is held this throws
 *   {@link SourceAlreadyRunningError} and records nothing.
 * - Status: `ok` when the source traversed its whole listing (its `complete`), was not stopped and
 *   everything was ingested (page errors that did not break the listing are kept in the sample);
 *   `failed` when the runner threw, the listing yielded nothing, or no batch could be ingested;
 *   else `partial`.
 * - Expiry runs only on `ok`: after a partial run a job missing from the listing may simply be on a
 *   page we did not reach, and expiring it would be data loss that the next run has to undo.
 * - A failure never escapes as an exception (apart from the lock and the store being unusable for
 *   the run record itself): it becomes the run's status and error sample.
 */
export async function runSourceNow(source: SourceConfig, deps: SourceRunDeps): Promise<ScrapeRun> {
  const now = deps.now ?? (() => new Date());
  const dryRun = deps.dryRun ?? false;
  const ttlMs = deps.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
  const owner = deps.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const lockName = `source:${source.id}`;

  if (!dryRun && !(await deps.store.acquireLock(lockName, owner, ttlMs))) throw new SourceAlreadyRunningError(source.id);

  const run: ScrapeRun = {
    id: randomUUID(),
    sourceId: source.id,
    startedAt: now().toISOString(),
    endedAt: null,
    status: 'running',
    pagesFetched: 0,
    robotsSkipped: 0,
    counts: emptyCounts(),
    expired: 0,
    errors: [],
  };
  const errors = new ErrorSample(run.errors);
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(deps.signal?.reason);
  if (deps.signal?.aborted) controller.abort(deps.signal.reason);
  else deps.signal?.addEventListener('abort', onOuterAbort, { once: true });
  // The source sees the stop at once (it fetches nothing more), but the request in flight keeps a
  // grace period to finish, so its page is not thrown away; a hung request is cut off after it.
  const inFlight = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  const startGrace = () => {
    graceTimer = setTimeout(() => inFlight.abort(controller.signal.reason), deps.inFlightGraceMs ?? 10_000);
  };
  if (controller.signal.aborted) inFlight.abort(controller.signal.reason);
  else controller.signal.addEventListener('abort', startGrace, { once: true });
  const fetcher: Fetcher = {
    fetch: (request) => deps.fetcher.fetch({ ...request, signal: request.signal && request.signal !== controller.signal ? AbortSignal.any([request.signal, inFlight.signal]) : inFlight.signal }),
    stats: () => deps.fetcher.stats(),
  };

  let postingsSoFar = 0;
  const progress = (phase: SourceRunPhase) =>
    deps.onProgress?.({ sourceId: source.id, phase, pagesFetched: run.pagesFetched, postings: postingsSoFar, counts: run.counts });

  // Renewing also checkpoints the run record, so `peerboard runs` shows a live run's progress.
  const renewLock = async () => {
    try {
      if (!(await deps.store.acquireLock(lockName, owner, ttlMs))) {
        // Another process took the lock (ours lapsed, e.g. the event loop stalled past the TTL):
        // stop fetching rather than run the source twice at once.
        errors.add(`lock ${lockName} was lost to another runner; stopping`);
        controller.abort(new Error('lock lost'));
        return;
      }
      if (run.status === 'running') await deps.store.putRun({ ...run, counts: cloneCounts(run.counts), errors: [...run.errors] });
    } catch (err) {
      errors.add(`lock renewal: ${messageOf(err)}`);
    }
  };
  let heartbeat: NodeJS.Timeout | undefined;
  let renewing: Promise<void> = Promise.resolve();

  try {
    if (!dryRun) {
      await deps.store.putRun({ ...run, counts: cloneCounts(run.counts), errors: [] });
      heartbeat = setInterval(() => {
        renewing = renewing.then(renewLock);
      }, Math.max(250, Math.floor(ttlMs / 3)));
    }

    progress('fetching');
    let output: SourceRunOutput | undefined;
    try {
      output = await (deps.runner ?? runSource)(source, {
        fetcher,
        signal: controller.signal,
        env: deps.env,
        onProgress: (p: { pagesFetched: number; postings: number }) => {
          run.pagesFetched = p.pagesFetched;
          postingsSoFar = p.postings;
          progress('fetching');
        },
      });
    } catch (err) {
      errors.add(`${source.id}: ${messageOf(err)}`);
    }

    if (!output) {
      run.status = 'failed';
    } else {
      run.pagesFetched = output.pagesFetched;
      run.robotsSkipped = output.robotsSkipped;
      postingsSoFar = output.postings.length;
      for (const line of output.errors) errors.add(line);
      // Items the source could not read are rejections too: counted by reason beside ingest's.
      for (const r of output.rejected) {
        run.counts.rejected[r.reason] = (run.counts.rejected[r.reason] ?? 0) + 1;
        run.counts.received += 1;
      }

      progress('ingesting');
      const ingestFailed = await ingestInBatches(output, source, deps, run, errors, now, dryRun, deps.batchSize ?? DEFAULT_BATCH_SIZE);
      for (const r of output.rejected.slice(0, 5)) errors.add(`${r.url ?? source.id}: rejected (${r.reason}) ${r.message}`);

      const aborted = controller.signal.aborted;
      // Failed entirely: the listing was not traversed and yielded nothing (offline, 404 board, 401).
      const nothingGathered = output.postings.length === 0 && !output.complete && output.errors.length > 0;
      if (nothingGathered || (ingestFailed === 'all' && output.postings.length > 0)) run.status = 'failed';
      // `complete` is the source's word that its whole listing was read (a failed detail page whose
      // job the listing still carries does not break that); only then is "missing" meaningful.
      else if (output.complete && !aborted && ingestFailed === 'none') run.status = 'ok';
      else run.status = 'partial';

      if (aborted) errors.add(`${source.id}: stopped before the end (${reasonOf(controller.signal)}); recorded as partial`);

      if (run.status === 'ok') {
        progress('expiring');
        const seen = new Set(output.postings.map((p) => p.sourceId).filter((id): id is string => typeof id === 'string'));
        try {
          run.expired = dryRun ? await countWouldExpire(deps.store, source.id, seen) : await expire(deps.lifecycle, source.id, seen, now());
        } catch (err) {
          errors.add(`expiry: ${messageOf(err)}`);
          run.status = 'partial';
        }
      }
    }
  } finally {
    if (heartbeat) clearInterval(heartbeat);
    if (graceTimer) clearTimeout(graceTimer);
    controller.signal.removeEventListener('abort', startGrace);
    // A checkpoint still in flight must land before the final record, never after it.
    await renewing;
    deps.signal?.removeEventListener('abort', onOuterAbort);
    if (run.status === 'running') run.status = 'failed';
    run.endedAt = now().toISOString();
    try {
      if (!dryRun) await deps.store.putRun({ ...run, counts: cloneCounts(run.counts), errors: [...run.errors] });
    } finally {
      // Released at once so the next scheduled run need not wait for the TTL; a failure here only
      // delays that run until the lock expires.
      if (!dryRun) await deps.store.releaseLock(lockName, owner).catch(() => undefined);
    }
  }
  progress('done');
  return run;
}

async function ingestInBatches(
  output: SourceRunOutput,
  source: SourceConfig,
  deps: SourceRunDeps,
  run: ScrapeRun,
  errors: ErrorSample,
  now: () => Date,
  dryRun: boolean,
  batchSize: number,
): Promise<'none' | 'some' | 'all'> {
  let failedBatches = 0;
  let batches = 0;
  for (let i = 0; i < output.postings.length; i += batchSize) {
    batches += 1;
    const batch = output.postings.slice(i, i + batchSize);
    try {
      const result = await deps.ingest(batch, { source: source.id, now: now(), dryRun });
      addCounts(run.counts, result);
      deps.onProgress?.({ sourceId: source.id, phase: 'ingesting', pagesFetched: run.pagesFetched, postings: output.postings.length, counts: run.counts });
    } catch (err) {
      // One bad batch (a store hiccup) must not lose the others; the run becomes partial.
      failedBatches += 1;
      errors.add(`ingest of postings ${i + 1}-${i + batch.length}: ${messageOf(err)}`);
    }
  }
  if (failedBatches === 0) return 'none';
  return failedBatches === batches ? 'all' : 'some';
}

async function expire(lifecycle: PostingLifecycle, sourceId: string, seen: ReadonlySet<string>, at: Date): Promise<number> {
  const missing = await lifecycle.expireMissing(sourceId, seen, at);
  const overdue = await lifecycle.expireOverdue(at);
  return missing + overdue;
}

/** For a dry run: the active postings of this source that a real run would expire as missing. */
async function countWouldExpire(store: PostingStore, sourceId: string, seen: ReadonlySet<string>): Promise<number> {
  let n = 0;
  for await (const batch of store.iteratePostings({ source: sourceId, statuses: ['active'] })) {
    for (const posting of batch) {
      const entry = posting.sources.find((s) => s.source === sourceId);
      if (entry && !seen.has(entry.sourceId)) n += 1;
    }
  }
  return n;
}

/** Keeps the first {@link MAX_RUN_ERRORS} lines, then one line saying how many more there were. */
class ErrorSample {
  private dropped = 0;
  constructor(private readonly lines: string[]) {}
  add(line: string): void {
    if (this.lines.length < MAX_RUN_ERRORS) {
      this.lines.push(line.length > 500 ? `${line.slice(0, 497)}...` : line);
      return;
    }
    this.dropped += 1;
    const summary = `... and ${this.dropped} more`;
    if (this.dropped === 1) this.lines.push(summary);
    else this.lines[this.lines.length - 1] = summary;
  }
}

function reasonOf(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name !== 'AbortError') return reason.message;
  return typeof reason === 'string' ? reason : 'shutdown';
}

export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

import { createHash, randomBytes } from 'node:crypto';
import type { NormalizedPosting, RawPosting, StoredPosting } from '../schema/index.ts';
import { PeerboardError } from '../schema/index.ts';
import { normalizePosting, parseRawPosting } from '../scrapers/normalize/index.ts';
import { contentHash } from './content-hash.ts';
import { canonicalPlace, contentOwner, dedupeFingerprint, fillMissingFacts, missingFacts, sameJob } from './dedupe.ts';
import type { IndexHook, Ingest, IngestOptions, IngestResult, PostingStore } from './ports.ts';
import type { LiveStatsEngine } from './stats/stats-port.ts';

/** What ingest and the lifecycle need: the store, and optionally the stats engine and index to keep in step. */
export interface IngestDeps {
  store: PostingStore;
  stats?: LiveStatsEngine;
  indexHook?: IndexHook;
  now?: () => Date;
  /** Defaults to the normaliser (`normalizePosting`). */
  normalize?: (raw: RawPosting, options: { now: Date }) => NormalizedPosting;
  /**
   * Called when the index hook fails. Ingest does not fail for it: the store is the source of
   * truth, every write is in its change feed, and the index catches up from its checkpoint.
   * Defaults to a process warning.
   */
  onIndexError?: (err: unknown, postingIds: readonly string[]) => void;
}

/** Rejection reason codes (the keys of `IngestResult.rejected`). */
export const REJECTION_REASONS = ['invalid_posting', 'normalize_failed', 'not_peer_role'] as const;

/** An expired posting seen again within this window is the same job coming back, not a new one. */
export const REAPPEAR_WINDOW_DAYS = 30;
/** Source stamped when neither the raw posting nor the caller names one. */
export const UNKNOWN_SOURCE = 'unknown';

/**
 * Posting ids: "p_" and 16 characters of base32 from 80 random bits. Random, not derived from
 * input, so an id never carries user text (no injection through ids) and never collides in practice.
 */
export function newPostingId(): string {
  const bytes = randomBytes(10);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0;
  let value = 0;
  let out = 'p_';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

const storeLocks = new WeakMap<PostingStore, Promise<unknown>>();

/**
 * Runs `fn` after every earlier read-modify-write on this store in this process. Ingest and the
 * lifecycle both read postings, decide and write them back; serialising them keeps one from
 * overwriting the other's change. (Across processes on MongoDB the unique listing index catches
 * the race instead, see `ingest`.)
 */
export function withStoreWriteLock<T>(store: PostingStore, fn: () => Promise<T>): Promise<T> {
  const prev = storeLocks.get(store) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  storeLocks.set(
    store,
    run.catch(() => undefined),
  );
  return run;
}

interface Draft {
  posting: StoredPosting;
  /** As stored before this batch, or null for a posting created by it. */
  before: StoredPosting | null;
  /** Content or status changed: stats and index must hear of it. */
  changed: boolean;
}

/** Makes the ingest function: normalise → reject → de-duplicate → store → stats → index. */
export function createIngest(deps: IngestDeps): Ingest {
  const clock = deps.now ?? (() => new Date());
  const normalize = deps.normalize ?? ((raw: RawPosting, o: { now: Date }) => normalizePosting(raw, o));
  const onIndexError =
    deps.onIndexError ??
    ((err: unknown, ids: readonly string[]) =>
      process.emitWarning(`search index update failed for ${ids.length} posting(s); the change feed will catch it up: ${(err as Error)?.message ?? String(err)}`, 'PeerboardIndexWarning'));

  return (raws, options = {}) =>
    withStoreWriteLock(deps.store, async () => {
      const now = options.now ?? clock();
      let attempt = 0;
      for (;;) {
        const plan = await planBatch(deps.store, raws, options, now, normalize);
        if (options.dryRun) return plan.result;
        try {
          await deps.store.putPostings(plan.writes);
        } catch (err) {
          // Another process (a second server on MongoDB) created one of these listings between
          // our read and our write. Planning again finds its posting and joins it.
          if (err instanceof PeerboardError && err.code === 'CONFLICT' && attempt++ < 2) continue;
          throw err;
        }
        const changed = plan.changed;
        if (changed.length) {
          deps.stats?.apply(changed);
          if (deps.indexHook) await indexChanged(deps.indexHook, changed, options.waitForIndex === true, onIndexError);
        }
        return plan.result;
      }
    });
}

/**
 * Sends changed postings to the index hook; a failure is reported, not thrown. Nothing is marked:
 * the postings are in the store's change feed, and the index's checkpoint moves only when a
 * follower has applied them in order (store/search/index-sync.ts).
 */
export async function indexChanged(
  hook: IndexHook,
  postings: readonly StoredPosting[],
  wait: boolean,
  onIndexError: (err: unknown, ids: readonly string[]) => void,
): Promise<void> {
  try {
    await hook.indexPostings(postings, { wait });
  } catch (err) {
    onIndexError(err, postings.map((p) => p.id));
  }
}

async function planBatch(
  store: PostingStore,
  raws: readonly unknown[],
  options: IngestOptions,
  now: Date,
  normalize: (raw: RawPosting, options: { now: Date }) => NormalizedPosting,
): Promise<{ result: IngestResult; writes: StoredPosting[]; changed: StoredPosting[] }> {
  const nowIso = now.toISOString();
  const result: IngestResult = { received: raws.length, new: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: {}, postingIds: [], rejections: [] };
  const reject = (index: number, reason: string, message: string, sourceId?: string) => {
    result.rejected[reason] = (result.rejected[reason] ?? 0) + 1;
    result.rejections.push({ index, reason, message, sourceId });
  };
  const drafts = new Map<string, Draft>();
  const batchListings = new Map<string, string>();
  const batchFingerprints = new Map<string, string[]>();

  for (let index = 0; index < raws.length; index++) {
    const input = raws[index];
    const stamped = options.source && isPlainObject(input) && input.source === undefined ? { ...input, source: options.source } : input;
    const parsed = parseRawPosting(stamped);
    if (!parsed.ok) {
      reject(index, 'invalid_posting', parsed.error.message, sourceIdOf(input));
      continue;
    }
    const raw = parsed.raw;
    let normalized: NormalizedPosting;
    try {
      normalized = normalize(raw, { now });
    } catch (err) {
      reject(index, 'normalize_failed', (err as Error)?.message ?? String(err), raw.sourceId);
      continue;
    }
    if (!normalized.isPeerRole) {
      reject(index, 'not_peer_role', `"${normalized.title}" is not a peer support role`, raw.sourceId);
      continue;
    }

    const source = normalized.source ?? raw.source ?? options.source ?? UNKNOWN_SOURCE;
    const sourceId = normalized.sourceId ?? raw.sourceId ?? normalized.url ?? syntheticSourceId(normalized);
    const listing = { source, sourceId };
    const fingerprint = dedupeFingerprint(normalized, listing);
    const content: NormalizedPosting = { ...normalized, source, sourceId, fingerprint };
    const hash = contentHash(content);
    // Only an employer post through the API (source "direct") carries an employer id; a scraped or
    // imported line cannot claim to belong to a Peerboard employer account.
    const employerId = source === 'direct' ? (raw.employerId ?? null) : null;
    const key = `${source}\u0000${sourceId}`;

    // 1. The same listing (earlier in this batch, or stored).
    let draft: Draft | undefined;
    let listingExisted = false;
    const batchId = batchListings.get(key);
    if (batchId !== undefined) {
      draft = drafts.get(batchId);
      listingExisted = draft?.before?.sources.some((s) => s.source === source && s.sourceId === sourceId) ?? false;
    } else {
      const stored = await store.findBySource(source, sourceId);
      if (stored) {
        draft = drafts.get(stored.id) ?? addDraft(drafts, stored);
        listingExisted = true;
      }
    }
    // 2. Another listing of the same job (rule of docs/decisions/021-dedupe-rule.md).
    if (!draft && !(source === 'direct' && employerId !== null)) {
      draft = await findSameJob(store, drafts, batchFingerprints.get(fingerprint) ?? [], content, source, now);
    }

    if (!draft) {
      const expiredAlready = isOverdue(content.validThrough, now);
      const posting: StoredPosting = {
        ...content,
        id: newPostingId(),
        status: expiredAlready ? 'expired' : 'active',
        firstSeenAt: nowIso,
        lastSeenAt: nowIso,
        updatedAt: nowIso,
        sources: [{ source, sourceId, url: content.url, firstSeenAt: nowIso, lastSeenAt: nowIso }],
        contentHash: hash,
        employerId,
        postedDirectly: employerId !== null,
        indexedAt: null,
        endedAt: expiredAlready ? nowIso : null,
      };
      drafts.set(posting.id, { posting, before: null, changed: true });
      batchListings.set(key, posting.id);
      pushFingerprint(batchFingerprints, fingerprint, posting.id);
      result.new++;
      result.postingIds.push(posting.id);
      continue;
    }

    const p = draft.posting;
    const sources = p.sources.map((s) => ({ ...s }));
    const own = sources.find((s) => s.source === source && s.sourceId === sourceId);
    if (own) {
      if (own.lastSeenAt < nowIso) own.lastSeenAt = nowIso;
      own.url = content.url;
    } else {
      sources.push({ source, sourceId, url: content.url, firstSeenAt: nowIso, lastSeenAt: nowIso });
    }
    let next: StoredPosting = { ...p, sources, lastSeenAt: p.lastSeenAt < nowIso ? nowIso : p.lastSeenAt };
    const owner = ownsContent(next, source, sourceId, employerId);
    // A job listed elsewhere too (docs/decisions/042): the owner's content, with the facts it
    // leaves out kept from the other listings; another listing only fills facts the posting lacks.
    const merging = !p.postedDirectly && sources.length > 1;
    // Only content fields: the owner's whole content, or the patch of facts another listing adds.
    const shown: Partial<NormalizedPosting> = owner ? (merging ? fillMissingFacts(content, p) : content) : merging ? missingFacts(p, content) : {};
    const shownHash = shown === content ? hash : Object.keys(shown).length === 0 ? p.contentHash : contentHash({ ...p, ...shown });
    const contentChanged = shownHash !== p.contentHash;
    let statusChanged = false;
    if (contentChanged) {
      next = { ...next, ...shown, contentHash: shownHash, updatedAt: nowIso };
    }
    if (next.status === 'expired' && !isOverdue(next.validThrough, now)) {
      // Seen again: the job is back (or its listing never really went away).
      next = { ...next, status: 'active', endedAt: null, updatedAt: nowIso };
      statusChanged = true;
    } else if (next.status === 'closed' && contentChanged && employerId !== null && employerId === next.employerId) {
      // Closed by the employer stays closed; only the employer changing the posting reopens it.
      next = { ...next, status: 'active', endedAt: null, updatedAt: nowIso };
      statusChanged = true;
    } else if (next.status === 'active' && contentChanged && isOverdue(next.validThrough, now)) {
      next = { ...next, status: 'expired', endedAt: nowIso };
      statusChanged = true;
    }
    draft.posting = next;
    draft.changed ||= contentChanged || statusChanged;
    batchListings.set(key, next.id);
    pushFingerprint(batchFingerprints, next.fingerprint, next.id);
    result.postingIds.push(next.id);
    if ((contentChanged || statusChanged) && draft.before !== null) result.updated++;
    else if (listingExisted) result.unchanged++;
    else result.duplicates++;
  }

  const writes: StoredPosting[] = [];
  const changed: StoredPosting[] = [];
  for (const d of drafts.values()) {
    if (d.before !== null && JSON.stringify(d.before) === JSON.stringify(d.posting)) continue;
    writes.push(d.posting);
    if (d.changed) changed.push(d.posting);
  }
  return { result, writes, changed };
}

function addDraft(drafts: Map<string, Draft>, stored: StoredPosting): Draft {
  const d: Draft = { posting: stored, before: stored, changed: false };
  drafts.set(stored.id, d);
  return d;
}

function pushFingerprint(map: Map<string, string[]>, fp: string, id: string): void {
  const ids = map.get(fp);
  if (!ids) map.set(fp, [id]);
  else if (!ids.includes(id)) ids.push(id);
}

/**
 * A posting with the same dedupe fingerprint that this listing may join: not closed, active or
 * expired recently, no other current listing from the same source (a source listing two ids is
 * two openings), and nothing contradicting "same job". Active first, then the most recently seen.
 */
async function findSameJob(
  store: PostingStore,
  drafts: Map<string, Draft>,
  batchIds: readonly string[],
  content: NormalizedPosting,
  source: string,
  now: Date,
): Promise<Draft | undefined> {
  const candidates = new Map<string, StoredPosting>();
  for (const id of batchIds) {
    const d = drafts.get(id);
    if (d) candidates.set(id, d.posting);
  }
  for await (const batch of store.iteratePostings({ fingerprint: content.fingerprint, statuses: ['active', 'expired'] }, 50)) {
    for (const p of batch) if (!candidates.has(p.id)) candidates.set(p.id, drafts.get(p.id)?.posting ?? p);
  }
  const cutoff = new Date(now.getTime() - REAPPEAR_WINDOW_DAYS * 86_400_000).toISOString();
  const eligible = [...candidates.values()].filter(
    (p) =>
      p.fingerprint === content.fingerprint &&
      (p.status === 'active' || (p.status === 'expired' && p.lastSeenAt >= cutoff)) &&
      !p.sources.some((s) => s.source === source) &&
      sameJob(p, content).same,
  );
  eligible.sort((a, b) => (a.status === b.status ? (a.lastSeenAt < b.lastSeenAt ? 1 : -1) : a.status === 'active' ? -1 : 1));
  const chosen = eligible[0];
  if (!chosen) return undefined;
  return drafts.get(chosen.id) ?? addDraft(drafts, chosen);
}

/**
 * Which listing's content a posting shows. A job posted directly by its employer shows the
 * employer's version; otherwise the best-ranked listing (store/dedupe.ts `listingRank`: the
 * employer's own site, then ATS boards, then aggregators), the earliest of equals, so two boards
 * that word the same job differently do not overwrite each other on every run.
 */
function ownsContent(p: StoredPosting, source: string, sourceId: string, employerId: string | null): boolean {
  if (p.postedDirectly) return source === 'direct' && employerId !== null && employerId === p.employerId;
  // The employer's own page over an ATS board over an aggregator; the earliest of equals.
  const owner = contentOwner(p.sources, p.employer);
  return owner !== undefined && owner.source === source && owner.sourceId === sourceId;
}

function isOverdue(validThrough: string | null, now: Date): boolean {
  if (!validThrough) return false;
  const t = Date.parse(validThrough);
  return Number.isFinite(t) && t < now.getTime();
}

/** A listing id for a raw posting with neither a source id nor a URL: its employer, title and place. */
function syntheticSourceId(n: NormalizedPosting): string {
  const h = createHash('sha256').update(`${n.employer ?? ''}\u0000${n.title}\u0000${canonicalPlace(n.location)}`).digest('hex');
  return `h_${h.slice(0, 24)}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sourceIdOf(input: unknown): string | undefined {
  return isPlainObject(input) && typeof input.sourceId === 'string' ? input.sourceId : undefined;
}

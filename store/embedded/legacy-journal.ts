import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  PeerboardError,
  ValidationError,
  formatZodIssues,
  storedPostingSchema,
  type StoredPosting,
} from '../../schema/index.ts';
import type { Employer, PostingQuery, PostingStore, ScrapeRun } from '../ports.ts';
import { compilePostingQuery } from './posting-query-match.ts';
import { JOURNAL_MAGIC, JournalWriter, SNAPSHOT_MAGIC, readFramedFile, writeSnapshot } from './journal-file.ts';
import { acquireStoreLock } from './store-lock.ts';

/**
 * The embedded posting store: no server, everything in memory (Maps plus secondary indexes on
 * `(source, sourceId)` and fingerprint), made durable by an append-only journal of framed,
 * checksummed JSON records that is fsync'd before a write is acknowledged, and compacted into an
 * atomically replaced snapshot. See docs/decisions/020-embedded-store-journal.md.
 *
 * Files in `dir`: `snapshot.pbj` (state at the last compaction), `journal.pbj` (writes since),
 * `LOCK` (the single-writer lock).
 *
 * Postings handed out are frozen: they are the store's own copies, and a caller that wants to
 * change one builds a new object (`{ ...p, status }`) and puts it.
 */

type JournalRecord =
  | { t: 'p'; v: StoredPosting }
  | { t: 'e'; v: Employer }
  | { t: 'r'; v: ScrapeRun }
  | { t: 'ix'; ids: string[]; at: string }
  | { t: 'lk'; name: string; owner: string; until: number }
  | { t: 'lr'; name: string; owner: string };

export interface EmbeddedStoreOptions {
  /** Folder of the store files (created when missing). */
  dir: string;
  /** Compact when the journal exceeds this many bytes and is larger than the last snapshot. Default 64 MiB. */
  compactAfterBytes?: number;
  /** Clock for lock expiry (tests). */
  now?: () => number;
}

export interface EmbeddedStoreOpenReport {
  postings: number;
  /** Bytes of a torn journal tail that were cut off on open (an unacknowledged write). */
  tornBytes: number;
}

const SEP = '\u0000';
const sourceKey = (source: string, sourceId: string) => `${source}${SEP}${sourceId}`;

export class EmbeddedPostingStore implements PostingStore {
  readonly kind = 'embedded' as const;
  readonly dir: string;
  /** What opening found: handy for logs and for the crash tests. */
  openReport: EmbeddedStoreOpenReport = { postings: 0, tornBytes: 0 };

  private readonly postings = new Map<string, StoredPosting>();
  private readonly bySource = new Map<string, string>();
  private readonly byFingerprint = new Map<string, Set<string>>();
  private readonly employers = new Map<string, Employer>();
  private readonly employerByKeyHash = new Map<string, string>();
  private readonly employerByEmail = new Map<string, string>();
  private readonly runs = new Map<string, ScrapeRun>();
  private readonly locks = new Map<string, { owner: string; until: number }>();

  private journal: JournalWriter | null = null;
  private releaseFileLock: (() => Promise<void>) | null = null;
  private snapshotBytes = 0;
  private readonly compactAfterBytes: number;
  private readonly clock: () => number;
  /** Writes run one at a time, in call order: the journal is append-only and order is meaning. */
  private writeChain: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(options: EmbeddedStoreOptions) {
    this.dir = options.dir;
    this.compactAfterBytes = options.compactAfterBytes ?? 64 * 1024 * 1024;
    this.clock = options.now ?? Date.now;
  }

  static async open(options: EmbeddedStoreOptions): Promise<EmbeddedPostingStore> {
    const store = new EmbeddedPostingStore(options);
    await mkdir(options.dir, { recursive: true });
    store.releaseFileLock = await acquireStoreLock(join(options.dir, 'LOCK'));
    try {
      await store.load();
    } catch (err) {
      await store.releaseFileLock();
      throw err;
    }
    return store;
  }

  private get snapshotFile() {
    return join(this.dir, 'snapshot.pbj');
  }
  private get journalFile() {
    return join(this.dir, 'journal.pbj');
  }

  private async load(): Promise<void> {
    const snap = await readFramedFile(this.snapshotFile, SNAPSHOT_MAGIC);
    if (snap) {
      // The snapshot is written to a temp file and renamed into place, so a torn one means the
      // disk lied about fsync or someone edited it: refuse rather than silently lose postings.
      if (snap.tornBytes > 0) {
        throw new PeerboardError('STORE_CORRUPT', `${this.snapshotFile} is damaged at byte ${snap.validBytes}; restore it from a backup`);
      }
      for (const r of snap.records) this.applyRecord(r as JournalRecord);
      this.snapshotBytes = snap.validBytes;
    }
    const jr = await readFramedFile(this.journalFile, JOURNAL_MAGIC);
    // Replaying journal records over the snapshot is idempotent (whole-record puts, markIndexed
    // guarded by updatedAt), so a crash between a snapshot rename and the journal reset is harmless.
    if (jr) for (const r of jr.records) this.applyRecord(r as JournalRecord);
    this.journal = await JournalWriter.open(this.journalFile, jr?.validBytes ?? 0);
    this.openReport = { postings: this.postings.size, tornBytes: jr?.tornBytes ?? 0 };
  }

  private applyRecord(r: JournalRecord): void {
    switch (r.t) {
      case 'p':
        this.setPosting(deepFreeze(r.v));
        break;
      case 'e':
        this.employers.set(r.v.id, r.v);
        this.employerByKeyHash.set(r.v.apiKeyHash, r.v.id);
        this.employerByEmail.set(r.v.email.toLowerCase(), r.v.id);
        break;
      case 'r':
        this.runs.set(r.v.id, r.v);
        break;
      case 'ix':
        for (const id of r.ids) {
          const p = this.postings.get(id);
          if (p && p.updatedAt <= r.at && (p.indexedAt === null || p.indexedAt < r.at)) {
            this.postings.set(id, deepFreeze({ ...p, indexedAt: r.at }));
          }
        }
        break;
      case 'lk':
        this.locks.set(r.name, { owner: r.owner, until: r.until });
        break;
      case 'lr': {
        const l = this.locks.get(r.name);
        if (l && l.owner === r.owner) this.locks.delete(r.name);
        break;
      }
      default:
        throw new PeerboardError('STORE_CORRUPT', `unknown record type in the embedded store journal: ${JSON.stringify((r as { t?: unknown }).t)}`);
    }
  }

  private setPosting(p: StoredPosting): void {
    const old = this.postings.get(p.id);
    if (old) {
      for (const s of old.sources) {
        const k = sourceKey(s.source, s.sourceId);
        if (this.bySource.get(k) === old.id) this.bySource.delete(k);
      }
      if (old.fingerprint !== p.fingerprint) {
        const set = this.byFingerprint.get(old.fingerprint);
        set?.delete(old.id);
        if (set && set.size === 0) this.byFingerprint.delete(old.fingerprint);
      }
    }
    this.postings.set(p.id, p);
    for (const s of p.sources) this.bySource.set(sourceKey(s.source, s.sourceId), p.id);
    let set = this.byFingerprint.get(p.fingerprint);
    if (!set) this.byFingerprint.set(p.fingerprint, (set = new Set()));
    set.add(p.id);
  }

  /** Runs a write after the previous ones; the journal append (and fsync) happens before memory changes. */
  private write<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writeChain.then(() => {
      this.assertOpen();
      return fn();
    });
    this.writeChain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async commit(records: JournalRecord[]): Promise<void> {
    const journal = this.journal;
    if (!journal) throw new PeerboardError('STORE_UNAVAILABLE', 'the embedded store is not open');
    await journal.append(records);
    for (const r of records) this.applyRecord(r);
    if (journal.size > this.compactAfterBytes && journal.size > this.snapshotBytes) await this.compactNow();
  }

  /** Writes a snapshot of the whole state and empties the journal. */
  compact(): Promise<void> {
    return this.write(() => this.compactNow());
  }

  private async compactNow(): Promise<void> {
    const journal = this.journal;
    if (!journal) return;
    this.snapshotBytes = await writeSnapshot(this.snapshotFile, this.allRecords());
    await journal.reset();
  }

  private *allRecords(): Generator<JournalRecord> {
    for (const v of this.employers.values()) yield { t: 'e', v };
    for (const v of this.runs.values()) yield { t: 'r', v };
    const now = this.clock();
    for (const [name, l] of this.locks) if (l.until > now) yield { t: 'lk', name, owner: l.owner, until: l.until };
    for (const v of this.postings.values()) yield { t: 'p', v };
  }

  private assertOpen(): void {
    if (this.closed) throw new PeerboardError('STORE_UNAVAILABLE', 'the embedded store is closed');
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.writeChain;
    this.closed = true;
    await this.journal?.close();
    this.journal = null;
    await this.releaseFileLock?.();
  }

  async getPosting(id: string): Promise<StoredPosting | null> {
    this.assertOpen();
    return this.postings.get(id) ?? null;
  }

  async getPostings(ids: readonly string[]): Promise<StoredPosting[]> {
    this.assertOpen();
    const out: StoredPosting[] = [];
    for (const id of ids) {
      const p = this.postings.get(id);
      if (p) out.push(p);
    }
    return out;
  }

  async findBySource(source: string, sourceId: string): Promise<StoredPosting | null> {
    this.assertOpen();
    const id = this.bySource.get(sourceKey(source, sourceId));
    return id ? (this.postings.get(id) ?? null) : null;
  }

  async *iteratePostings(query: PostingQuery = {}, batchSize = 500): AsyncIterable<StoredPosting[]> {
    this.assertOpen();
    const match = compilePostingQuery(query);
    const candidates = this.candidates(query);
    const ids: string[] = [];
    for (const p of candidates) if (match(p)) ids.push(p.id);
    ids.sort();
    const size = Math.max(1, batchSize);
    for (let i = 0; i < ids.length; i += size) {
      const batch: StoredPosting[] = [];
      for (const id of ids.slice(i, i + size)) {
        // Re-read at yield time: a posting changed while the caller worked on a previous batch is
        // handed out in its current state (and still matching), as a database cursor would.
        const p = this.postings.get(id);
        if (p && match(p)) batch.push(p);
      }
      if (batch.length) yield batch;
    }
  }

  async countPostings(query: PostingQuery = {}): Promise<number> {
    this.assertOpen();
    if (!hasConditions(query)) return this.postings.size;
    const match = compilePostingQuery(query);
    let n = 0;
    for (const p of this.candidates(query)) if (match(p)) n++;
    return n;
  }

  /** Uses the fingerprint index when the query names one; otherwise every posting. */
  private candidates(query: PostingQuery): Iterable<StoredPosting> {
    if (query.fingerprint !== undefined) {
      const ids = this.byFingerprint.get(query.fingerprint);
      if (!ids) return [];
      return [...ids].map((id) => this.postings.get(id)).filter((p): p is StoredPosting => p !== undefined);
    }
    return this.postings.values();
  }

  putPostings(postings: readonly StoredPosting[]): Promise<void> {
    // Validate before anything is written: a malformed posting never reaches the journal, and
    // the batch is all-or-nothing (one framed append, one fsync).
    const records: JournalRecord[] = [];
    const problems: string[] = [];
    postings.forEach((p, i) => {
      const r = storedPostingSchema.safeParse(p);
      if (!r.success) problems.push(...formatZodIssues(r.error.issues).map((m) => `postings[${i}] (${String(p?.id)}): ${m}`));
      else records.push({ t: 'p', v: r.data });
    });
    if (problems.length) return Promise.reject(new ValidationError(problems));
    return this.write(async () => {
      // Two postings in one store may not share a listing: that is the uniqueness the MongoDB
      // adapter gets from its unique index on the source keys.
      const inBatch = new Set(records.map((r) => (r.t === 'p' ? r.v.id : '')));
      const claimed = new Map<string, string>();
      for (const r of records) {
        if (r.t !== 'p') continue;
        for (const s of r.v.sources) {
          const k = sourceKey(s.source, s.sourceId);
          const inBatchHolder = claimed.get(k);
          const storedHolder = this.bySource.get(k);
          // A stored holder that is re-put in this batch gives the listing up unless its new
          // version claims it too (caught by inBatchHolder).
          const holder = inBatchHolder ?? (storedHolder !== undefined && !inBatch.has(storedHolder) ? storedHolder : undefined);
          if (holder !== undefined && holder !== r.v.id) {
            throw new PeerboardError('CONFLICT', `listing ${s.source}/${s.sourceId} already belongs to posting ${holder}, not ${r.v.id}`);
          }
          claimed.set(k, r.v.id);
        }
      }
      await this.commit(records);
    });
  }

  markIndexed(ids: readonly string[], at: string): Promise<void> {
    return this.write(async () => {
      const due = ids.filter((id) => {
        const p = this.postings.get(id);
        return p !== undefined && p.updatedAt <= at && (p.indexedAt === null || p.indexedAt < at);
      });
      if (due.length) await this.commit([{ t: 'ix', ids: due, at }]);
    });
  }

  createEmployer(employer: Employer): Promise<void> {
    return this.write(async () => {
      if (this.employers.has(employer.id)) throw new PeerboardError('CONFLICT', `an employer with id ${employer.id} exists`);
      if (this.employerByEmail.has(employer.email.toLowerCase())) {
        throw new PeerboardError('CONFLICT', 'an employer with this e-mail address is already registered');
      }
      if (this.employerByKeyHash.has(employer.apiKeyHash)) throw new PeerboardError('CONFLICT', 'API key hash collision');
      await this.commit([{ t: 'e', v: { ...employer } }]);
    });
  }

  async getEmployer(id: string): Promise<Employer | null> {
    this.assertOpen();
    const e = this.employers.get(id);
    return e ? { ...e } : null;
  }

  async getEmployerByKeyHash(apiKeyHash: string): Promise<Employer | null> {
    this.assertOpen();
    const id = this.employerByKeyHash.get(apiKeyHash);
    return id ? this.getEmployer(id) : null;
  }

  putRun(run: ScrapeRun): Promise<void> {
    return this.write(() => this.commit([{ t: 'r', v: structuredClone(run) }]));
  }

  async listRuns(options: { sourceId?: string; last?: number } = {}): Promise<ScrapeRun[]> {
    this.assertOpen();
    const runs = [...this.runs.values()]
      .filter((r) => options.sourceId === undefined || r.sourceId === options.sourceId)
      .sort(newestRunFirst);
    return (options.last !== undefined ? runs.slice(0, Math.max(0, options.last)) : runs).map((r) => structuredClone(r));
  }

  acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.write(async () => {
      const now = this.clock();
      const held = this.locks.get(name);
      if (held && held.owner !== owner && held.until > now) return false;
      await this.commit([{ t: 'lk', name, owner, until: now + ttlMs }]);
      return true;
    });
  }

  releaseLock(name: string, owner: string): Promise<void> {
    return this.write(async () => {
      const held = this.locks.get(name);
      if (held && held.owner === owner) await this.commit([{ t: 'lr', name, owner }]);
    });
  }
}

/** Newest first (by startedAt, then id), the order `peerboard runs` shows. Both adapters use it. */
export function newestRunFirst(a: ScrapeRun, b: ScrapeRun): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function hasConditions(q: PostingQuery): boolean {
  return Object.values(q).some((v) => v !== undefined);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** Opens (or creates) the embedded store in `dir`. Throws STORE_LOCKED when another process has it open. */
export function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedPostingStore> {
  return EmbeddedPostingStore.open(options);
}

import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  PeerboardError,
  ValidationError,
  formatZodIssues,
  storedPostingSchema,
  type StoredPosting,
} from '../../schema/index.ts';
import type { ChangeBatch, Employer, PostingQuery, PostingStore, ScrapeRun, ViewCheckpoint } from '../ports.ts';
import { STATS_FACTS_VERSION, factsOf, type PostingFacts } from '../stats/stats-engine.ts';
import { isLegacyJournalDir, readLegacyJournal } from './legacy-journal.ts';
import { migrate } from './sqlite-schema.ts';

/**
 * The embedded posting store: one SQLite database file (`DATA_DIR/peerboard.db`) through
 * better-sqlite3, in WAL mode with `synchronous = FULL`, shared by every Peerboard process on the
 * same DATA_DIR (the service, imports, scrapes, reindex, runs, demo). SQLite's own locking lets
 * one writer at a time commit while readers go on; a writer waits up to `busyTimeoutMs` for the
 * write lock instead of failing. See docs/decisions/023-embedded-store-sqlite.md.
 *
 * Each posting row carries the seq of its latest write (the change feed), the columns queries
 * filter on, the posting as JSON without its descriptions, the descriptions in their own columns
 * (read only when a caller asks for whole postings); the statistics engine's facts are a small
 * JSON per posting in a table of their own (so the engine loads without reading descriptions). Listings are a table whose primary
 * key is (source, sourceId): the uniqueness of a listing is the database's.
 */

export const DATABASE_FILE = 'peerboard.db';
/** The folder of the old journal-format store inside DATA_DIR. */
export const LEGACY_STORE_DIR = 'store';
const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

export interface EmbeddedStoreOptions {
  /** DATA_DIR: the database file and, when migrating, the old `store/` folder live here (created when missing). */
  dataDir: string;
  /** How long a write waits for another process's write transaction before STORE_UNAVAILABLE. */
  busyTimeoutMs?: number;
  /** Clock for lock expiry (tests). */
  now?: () => number;
  /** Where the migration from the journal format reports its counts. Default: stderr. */
  log?: (line: string) => void;
}

export interface LegacyMigrationReport {
  postings: number;
  employers: number;
  runs: number;
  locks: number;
  /** Where the old folder was moved to. */
  backup: string;
}

export interface EmbeddedStoreOpenReport {
  postings: number;
  schemaVersionFound: number;
  migratedFromJournal: LegacyMigrationReport | null;
}

interface PostingRow {
  seq: number;
  doc: string;
  description_html: string;
  description_text: string;
}

const POSTING_COLUMNS = 'seq, doc, description_html, description_text';

export class EmbeddedPostingStore implements PostingStore {
  readonly kind = 'embedded' as const;
  readonly file: string;
  openReport: EmbeddedStoreOpenReport = { postings: 0, schemaVersionFound: 0, migratedFromJournal: null };

  private readonly db: Database.Database;
  private readonly clock: () => number;
  private closed = false;
  private readonly stmt: ReturnType<EmbeddedPostingStore['prepare']>;
  /**
   * Recently read postings by id with the seq they were read at, for the dedupe lookups of
   * ingest (`fingerprint` queries): a batch asks for the same few candidates over and over, and
   * parsing them again each time was most of ingest's cost. A hit is checked against the row's
   * current seq, so it is never stale. Entries are frozen: they are shared.
   */
  private readonly recent = new Map<string, { seq: number; posting: StoredPosting }>();
  /** Statements of compiled PostingQuery shapes (a handful in practice: ingest, lifecycle, exports). */
  private readonly queryCache = new Map<string, Database.Statement>();

  private constructor(db: Database.Database, file: string, clock: () => number) {
    this.db = db;
    this.file = file;
    this.clock = clock;
    this.stmt = this.prepare();
  }

  static async open(options: EmbeddedStoreOptions): Promise<EmbeddedPostingStore> {
    await mkdir(options.dataDir, { recursive: true });
    const file = join(options.dataDir, DATABASE_FILE);
    let db: Database.Database;
    try {
      db = new Database(file, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
    } catch (err) {
      throw storeError(err, `cannot open ${file}`);
    }
    let store: EmbeddedPostingStore | undefined;
    try {
      // WAL: readers never wait for the writer and the writer never waits for readers; one
      // writer at a time. FULL: the WAL is fsync'd at every commit, so an acknowledged write
      // survives a power cut as well as kill -9 (NORMAL would survive kill -9 only).
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = OFF');
      const found = migrate(db);
      store = new EmbeddedPostingStore(db, file, options.now ?? Date.now);
      store.openReport.schemaVersionFound = found;
      store.refreshFactsIfStale();
      const legacyDir = join(options.dataDir, LEGACY_STORE_DIR);
      if (await isLegacyJournalDir(legacyDir)) {
        store.openReport.migratedFromJournal = await store.migrateLegacy(legacyDir, options.log ?? ((l) => void process.stderr.write(`${l}\n`)));
      }
      store.openReport.postings = (db.prepare('SELECT count(*) AS n FROM postings').get() as { n: number }).n;
      return store;
    } catch (err) {
      db.close();
      throw storeError(err, `cannot open the embedded store ${file}`);
    }
  }

  private prepare() {
    const db = this.db;
    return {
      maxSeq: db.prepare('SELECT coalesce(max(seq), 0) AS s FROM postings').pluck(),
      getPosting: db.prepare(`SELECT ${POSTING_COLUMNS} FROM postings WHERE id = ?`),
      bySource: db.prepare(`SELECT l.posting_id AS id, p.seq AS seq FROM listings l JOIN postings p ON p.id = l.posting_id WHERE l.source = ? AND l.source_id = ?`),
      upsertPosting: db.prepare(`
        INSERT INTO postings (id, seq, status, fingerprint, employer_id, valid_through_ms, last_seen_ms, doc, description_html, description_text)
        VALUES (@id, @seq, @status, @fingerprint, @employerId, @validThroughMs, @lastSeenMs, @doc, @descriptionHtml, @descriptionText)
        ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, status = excluded.status, fingerprint = excluded.fingerprint,
          employer_id = excluded.employer_id, valid_through_ms = excluded.valid_through_ms, last_seen_ms = excluded.last_seen_ms,
          doc = excluded.doc, description_html = excluded.description_html, description_text = excluded.description_text`),
      putFacts: db.prepare('INSERT INTO posting_facts (id, facts) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET facts = excluded.facts'),
      deleteListingsOf: db.prepare('DELETE FROM listings WHERE posting_id = ?'),
      insertListing: db.prepare('INSERT OR IGNORE INTO listings (source, source_id, posting_id, last_seen_ms) VALUES (?, ?, ?, ?)'),
      listingHolder: db.prepare('SELECT posting_id FROM listings WHERE source = ? AND source_id = ?').pluck(),
      changes: db.prepare(`SELECT ${POSTING_COLUMNS} FROM postings WHERE seq > ? ORDER BY seq LIMIT ?`),
      getCheckpoint: db.prepare('SELECT view, seq, updated_at, documents FROM checkpoints WHERE view = ?'),
      putCheckpoint: db.prepare(`
        INSERT INTO checkpoints (view, seq, updated_at, documents) VALUES (@view, @seq, @updatedAt, @documents)
        ON CONFLICT (view) DO UPDATE SET seq = excluded.seq, updated_at = excluded.updated_at, documents = excluded.documents
        WHERE excluded.seq >= checkpoints.seq`),
      insertEmployer: db.prepare('INSERT INTO employers (id, email_lower, api_key_hash, doc) VALUES (?, ?, ?, ?)'),
      employerById: db.prepare('SELECT doc FROM employers WHERE id = ?').pluck(),
      employerByKey: db.prepare('SELECT doc FROM employers WHERE api_key_hash = ?').pluck(),
      employerClash: db.prepare('SELECT id, email_lower, api_key_hash FROM employers WHERE id = ? OR email_lower = ? OR api_key_hash = ?'),
      putRun: db.prepare('INSERT INTO runs (id, source_id, started_at, doc) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET source_id = excluded.source_id, started_at = excluded.started_at, doc = excluded.doc'),
      getLock: db.prepare('SELECT owner, until_ms FROM locks WHERE name = ?'),
      putLock: db.prepare('INSERT INTO locks (name, owner, until_ms) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until_ms = excluded.until_ms'),
      releaseLock: db.prepare('DELETE FROM locks WHERE name = ? AND owner = ?'),
      facts: db.prepare('SELECT id, facts FROM posting_facts WHERE id > ? ORDER BY id LIMIT ?'),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      putMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
  }

  // ---- migrations of data -------------------------------------------------------------------------

  /** Recomputes the stored statistics facts when they were written by another version of `factsOf`. */
  private refreshFactsIfStale(): void {
    const want = String(STATS_FACTS_VERSION);
    if (this.stmt.getMeta.get('stats_facts_version') === want) return;
    this.db
      .transaction(() => {
        if (this.stmt.getMeta.get('stats_facts_version') === want) return;
        const page = this.db.prepare(`SELECT id, ${POSTING_COLUMNS} FROM postings WHERE id > ? ORDER BY id LIMIT 1000`);
        for (let after = ''; ; ) {
          const rows = page.all(after) as (PostingRow & { id: string })[];
          if (!rows.length) break;
          for (const row of rows) this.stmt.putFacts.run(row.id, JSON.stringify(factsOf(rowToPosting(row))));
          after = rows[rows.length - 1]!.id;
        }
        this.stmt.putMeta.run('stats_facts_version', want);
      })
      .immediate();
  }

  // ---- migration from the journal format -----------------------------------------------------

  private async migrateLegacy(dir: string, log: (line: string) => void): Promise<LegacyMigrationReport> {
    const content = await readLegacyJournal(dir);
    const postings = [...content.postings.values()].map((p) => validPosting(p, 'journal'));
    const alreadyDone = this.db
      .transaction(() => {
        // Under the write lock: a second process starting at the same time finds it done.
        if (this.stmt.getMeta.get('journal_migrated')) return true;
        let seq = this.stmt.maxSeq.get() as number;
        for (const p of postings) this.writePosting(p, ++seq);
        for (const e of content.employers.values()) {
          this.stmt.insertEmployer.run(e.id, e.email.toLowerCase(), e.apiKeyHash, JSON.stringify(e));
        }
        for (const r of content.runs.values()) this.stmt.putRun.run(r.id, r.sourceId, r.startedAt, JSON.stringify(r));
        for (const [name, l] of content.locks) this.stmt.putLock.run(name, l.owner, l.until);
        this.stmt.putMeta.run('journal_migrated', new Date(this.clock()).toISOString());
        return false;
      })
      .immediate();
    const backup = `${dir}.journal-backup-${new Date(this.clock()).toISOString().replace(/[:.]/g, '-')}`;
    // Committed; now move the old folder aside (a crash before this renames it at the next start).
    await rename(dir, backup).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    const report = { postings: postings.length, employers: content.employers.size, runs: content.runs.size, locks: content.locks.size, backup };
    log(
      alreadyDone
        ? `embedded store: the journal-format folder was already migrated; moved it aside to ${backup}`
        : `embedded store: migrated the journal-format store to SQLite: ${report.postings} postings, ${report.employers} employers, ` +
            `${report.runs} scrape runs, ${report.locks} locks${content.tornBytes ? ` (an unacknowledged torn tail of ${content.tornBytes} bytes skipped)` : ''}; ` +
            `the old folder is kept as ${backup}`,
    );
    return report;
  }

  // ---- plumbing -------------------------------------------------------------------------------

  private assertOpen(): void {
    if (this.closed) throw new PeerboardError('STORE_UNAVAILABLE', 'the embedded store is closed');
  }

  /** Runs a synchronous database call, mapping SQLite errors to typed ones. */
  private run<T>(what: string, fn: () => T): T {
    this.assertOpen();
    try {
      return fn();
    } catch (err) {
      throw storeError(err, what);
    }
  }

  private cached(sql: string): Database.Statement {
    let stmt = this.queryCache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.queryCache.size < 200) this.queryCache.set(sql, stmt);
    }
    return stmt;
  }

  async ping(): Promise<void> {
    this.run('ping', () => this.db.prepare('SELECT 1').get());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  // ---- postings -------------------------------------------------------------------------------

  async getPosting(id: string): Promise<StoredPosting | null> {
    const row = this.run('getPosting', () => this.stmt.getPosting.get(id) as PostingRow | undefined);
    return row ? rowToPosting(row) : null;
  }

  async getPostings(ids: readonly string[]): Promise<StoredPosting[]> {
    return this.run('getPostings', () => {
      const out: StoredPosting[] = [];
      for (const id of ids) {
        const row = this.stmt.getPosting.get(id) as PostingRow | undefined;
        if (row) out.push(rowToPosting(row));
      }
      return out;
    });
  }

  async findBySource(source: string, sourceId: string): Promise<StoredPosting | null> {
    return this.run('findBySource', () => {
      const hit = this.stmt.bySource.get(source, sourceId) as { id: string; seq: number } | undefined;
      return hit ? this.recentPosting(hit.id, hit.seq) : null;
    });
  }

  /** The posting `id` as of `seq`, from {@link recent} when it holds that version, else read (and kept). */
  private recentPosting(id: string, seq: number): StoredPosting | null {
    const hit = this.recent.get(id);
    if (hit && hit.seq === seq) return hit.posting;
    const row = this.stmt.getPosting.get(id) as PostingRow | undefined;
    if (!row) return null;
    const posting = deepFreeze(rowToPosting(row));
    // Dropped wholesale when full: cheaper than evicting one by one (a Map's deleted head entries
    // make finding its oldest key slow), and a batch refills what it uses at once.
    if (this.recent.size >= RECENT_POSTINGS) this.recent.clear();
    this.recent.set(id, { seq: row.seq, posting });
    return posting;
  }

  async *iteratePostings(query: PostingQuery = {}, batchSize = 500): AsyncIterable<StoredPosting[]> {
    const { where, params } = compileQuery(query);
    const size = Math.max(1, Math.floor(batchSize));
    if (query.fingerprint !== undefined) {
      yield* this.iterateRecent(where, params, size);
      return;
    }
    const stmt = this.run('iteratePostings', () =>
      this.cached(`SELECT id, ${POSTING_COLUMNS} FROM postings p WHERE p.id > ?${where ? ` AND ${where}` : ''} ORDER BY p.id LIMIT ?`),
    );
    let after = '';
    for (;;) {
      // Keyset pages, each read when the caller asks for it: a posting changed while the caller
      // worked on an earlier page is handed out in its current state, as a cursor would.
      const rows = this.run('iteratePostings', () => stmt.all(after, ...params, size) as (PostingRow & { id: string })[]);
      if (!rows.length) return;
      after = rows[rows.length - 1]!.id;
      yield rows.map(rowToPosting);
      if (rows.length < size) return;
    }
  }

  /** Like iteratePostings, but reads ids and seqs first and whole rows only for postings not in {@link recent}. */
  private async *iterateRecent(where: string, params: unknown[], size: number): AsyncIterable<StoredPosting[]> {
    const stmt = this.run('iteratePostings', () => this.cached(`SELECT id, seq FROM postings p WHERE p.id > ? AND ${where} ORDER BY p.id LIMIT ?`));
    let after = '';
    for (;;) {
      const out = this.run('iteratePostings', () => {
        const rows = stmt.all(after, ...params, size) as { id: string; seq: number }[];
        const postings: StoredPosting[] = [];
        for (const { id, seq } of rows) {
          const posting = this.recentPosting(id, seq);
          if (posting) postings.push(posting);
        }
        return { postings, last: rows.length ? rows[rows.length - 1]!.id : null, full: rows.length === size };
      });
      if (out.last === null) return;
      after = out.last;
      if (out.postings.length) yield out.postings;
      if (!out.full) return;
    }
  }

  async countPostings(query: PostingQuery = {}): Promise<number> {
    const { where, params } = compileQuery(query);
    return this.run('countPostings', () => this.cached(`SELECT count(*) FROM postings p${where ? ` WHERE ${where}` : ''}`).pluck().get(...params) as number);
  }

  /**
   * The statistics engine's facts of every posting, in id order: a small JSON per posting, so
   * loading the engine reads neither descriptions nor whole postings.
   */
  async *iterateStatsFacts(batchSize = 5000): AsyncIterable<PostingFacts[]> {
    let after = '';
    for (;;) {
      const rows = this.run('iterateStatsFacts', () => this.stmt.facts.all(after, batchSize) as { id: string; facts: string }[]);
      if (!rows.length) return;
      after = rows[rows.length - 1]!.id;
      yield rows.map((r) => JSON.parse(r.facts) as PostingFacts);
      if (rows.length < batchSize) return;
    }
  }

  async putPostings(postings: readonly StoredPosting[]): Promise<void> {
    // Validate before anything is written: a malformed posting never reaches the database, and
    // the batch is all-or-nothing (one transaction, one fsync of the WAL at commit).
    const valid: StoredPosting[] = [];
    const problems: string[] = [];
    postings.forEach((p, i) => {
      const r = storedPostingSchema.safeParse(p);
      if (!r.success) problems.push(...formatZodIssues(r.error.issues).map((m) => `postings[${i}] (${String(p?.id)}): ${m}`));
      else valid.push(r.data);
    });
    if (problems.length) throw new ValidationError(problems);
    if (!valid.length) return;
    const ids = new Set(valid.map((p) => p.id));
    this.run('putPostings', () =>
      this.db
        .transaction(() => {
          let seq = this.stmt.maxSeq.get() as number;
          // Free the listings of every posting re-put in this batch first: a posting may give a
          // listing up to another posting of the same batch.
          for (const id of ids) this.stmt.deleteListingsOf.run(id);
          for (const p of valid) this.writePosting(p, ++seq);
        })
        .immediate(),
    );
  }

  /** Inside a write transaction: one posting row and its listings, at `seq`. */
  private writePosting(p: StoredPosting, seq: number): void {
    const { descriptionHtml, descriptionText, ...rest } = p;
    this.stmt.deleteListingsOf.run(p.id);
    for (const s of p.sources) {
      const inserted = this.stmt.insertListing.run(s.source, s.sourceId, p.id, parseTime(s.lastSeenAt)).changes;
      if (inserted === 0) {
        const holder = this.stmt.listingHolder.get(s.source, s.sourceId) as string | undefined;
        if (holder !== undefined && holder !== p.id) {
          // A holder outside the batch keeps its listing; one inside the batch claimed it first.
          throw new PeerboardError('CONFLICT', `listing ${s.source}/${s.sourceId} already belongs to posting ${holder}, not ${p.id}`);
        }
      }
    }
    this.stmt.upsertPosting.run({
      id: p.id,
      seq,
      status: p.status,
      fingerprint: p.fingerprint,
      employerId: p.employerId,
      validThroughMs: p.validThrough === null ? null : parseTime(p.validThrough),
      lastSeenMs: parseTime(p.lastSeenAt),
      doc: JSON.stringify(rest),
      descriptionHtml,
      descriptionText,
    });
    this.stmt.putFacts.run(p.id, JSON.stringify(factsOf(p)));
  }

  // ---- the change feed and checkpoints ----------------------------------------------------------

  async changesSince(since: number, limit: number): Promise<ChangeBatch> {
    if (!Number.isInteger(since) || since < 0) throw new ValidationError([`since: must be a non-negative integer (got ${since})`]);
    if (!Number.isInteger(limit) || limit < 1) throw new ValidationError([`limit: must be a positive integer (got ${limit})`]);
    // SQLite commits one writer at a time and seqs are allocated inside the write transaction,
    // so seqs become visible in order: a reader never sees seq n + 1 without seq n.
    const rows = this.run('changesSince', () => this.stmt.changes.all(since, limit) as PostingRow[]);
    const changes = rows.map((r) => ({ seq: r.seq, posting: rowToPosting(r) }));
    return { changes, lastSeq: changes.length ? changes[changes.length - 1]!.seq : since };
  }

  async currentSeq(): Promise<number> {
    return this.run('currentSeq', () => this.stmt.maxSeq.get() as number);
  }

  async getCheckpoint(view: string): Promise<ViewCheckpoint | null> {
    const row = this.run('getCheckpoint', () => this.stmt.getCheckpoint.get(view) as { view: string; seq: number; updated_at: string; documents: number | null } | undefined);
    if (!row) return null;
    return { view: row.view, seq: row.seq, updatedAt: row.updated_at, ...(row.documents !== null ? { documents: row.documents } : {}) };
  }

  async putCheckpoint(checkpoint: ViewCheckpoint): Promise<void> {
    if (!Number.isInteger(checkpoint.seq) || checkpoint.seq < 0) throw new ValidationError([`seq: must be a non-negative integer (got ${checkpoint.seq})`]);
    this.run('putCheckpoint', () =>
      this.stmt.putCheckpoint.run({ view: checkpoint.view, seq: checkpoint.seq, updatedAt: checkpoint.updatedAt, documents: checkpoint.documents ?? null }),
    );
  }

  // ---- employers, runs, locks -------------------------------------------------------------------

  async createEmployer(employer: Employer): Promise<void> {
    const email = employer.email.toLowerCase();
    this.run('createEmployer', () =>
      this.db
        .transaction(() => {
          const clash = this.stmt.employerClash.get(employer.id, email, employer.apiKeyHash) as
            | { id: string; email_lower: string; api_key_hash: string }
            | undefined;
          if (clash) {
            if (clash.id === employer.id) throw new PeerboardError('CONFLICT', `an employer with id ${employer.id} exists`);
            if (clash.email_lower === email) throw new PeerboardError('CONFLICT', 'an employer with this e-mail address is already registered');
            throw new PeerboardError('CONFLICT', 'API key hash collision');
          }
          this.stmt.insertEmployer.run(employer.id, email, employer.apiKeyHash, JSON.stringify(employer));
        })
        .immediate(),
    );
  }

  async getEmployer(id: string): Promise<Employer | null> {
    const doc = this.run('getEmployer', () => this.stmt.employerById.get(id) as string | undefined);
    return doc ? (JSON.parse(doc) as Employer) : null;
  }

  async getEmployerByKeyHash(apiKeyHash: string): Promise<Employer | null> {
    const doc = this.run('getEmployerByKeyHash', () => this.stmt.employerByKey.get(apiKeyHash) as string | undefined);
    return doc ? (JSON.parse(doc) as Employer) : null;
  }

  async putRun(run: ScrapeRun): Promise<void> {
    this.run('putRun', () => this.stmt.putRun.run(run.id, run.sourceId, run.startedAt, JSON.stringify(run)));
  }

  async listRuns(options: { sourceId?: string; last?: number } = {}): Promise<ScrapeRun[]> {
    const params: unknown[] = [];
    let sql = 'SELECT doc FROM runs';
    if (options.sourceId !== undefined) {
      sql += ' WHERE source_id = ?';
      params.push(options.sourceId);
    }
    sql += ' ORDER BY started_at DESC, id DESC';
    if (options.last !== undefined) {
      sql += ' LIMIT ?';
      params.push(Math.max(0, Math.floor(options.last)));
    }
    const docs = this.run('listRuns', () => this.db.prepare(sql).pluck().all(...params) as string[]);
    return docs.map((d) => JSON.parse(d) as ScrapeRun);
  }

  async acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.run('acquireLock', () =>
      this.db
        .transaction(() => {
          const now = this.clock();
          const held = this.stmt.getLock.get(name) as { owner: string; until_ms: number } | undefined;
          if (held && held.owner !== owner && held.until_ms > now) return false;
          this.stmt.putLock.run(name, owner, now + ttlMs);
          return true;
        })
        .immediate(),
    );
  }

  async releaseLock(name: string, owner: string): Promise<void> {
    this.run('releaseLock', () => this.stmt.releaseLock.run(name, owner));
  }
}

/** Newest first (by startedAt, then id), the order `peerboard runs` shows. Both adapters use it. */
export function newestRunFirst(a: ScrapeRun, b: ScrapeRun): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** How many recently read postings the dedupe cache keeps (at most some tens of MB). */
const RECENT_POSTINGS = 5000;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

function rowToPosting(row: PostingRow): StoredPosting {
  const rest = JSON.parse(row.doc) as Omit<StoredPosting, 'descriptionHtml' | 'descriptionText'>;
  return { ...rest, descriptionHtml: row.description_html, descriptionText: row.description_text };
}

function validPosting(p: StoredPosting, where: string): StoredPosting {
  const r = storedPostingSchema.safeParse(p);
  if (!r.success) {
    throw new PeerboardError('STORE_CORRUPT', `a posting in the ${where} store does not validate (${String(p?.id)}): ${formatZodIssues(r.error.issues).join('; ')}`);
  }
  return r.data;
}

/** Milliseconds of an ISO date-time as stored (null when unreadable: it then matches no date filter). */
function parseTime(iso: string): number | null {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

function parseIso(name: string, value: string): number {
  const t = Date.parse(value);
  if (!Number.isFinite(t)) throw new ValidationError([`${name}: must be an ISO 8601 date-time (got ${JSON.stringify(value)})`]);
  return t;
}

/** A PostingQuery as a WHERE clause over `postings p`; same semantics as the MongoDB adapter's query. */
export function compileQuery(query: PostingQuery): { where: string; params: unknown[] } {
  const and: string[] = [];
  const params: unknown[] = [];
  if (query.indexBehind !== undefined) {
    throw new ValidationError(['indexBehind: the embedded store follows the change feed instead; use changesSince and checkpoints']);
  }
  if (query.statuses) {
    if (!query.statuses.length) and.push('0');
    else {
      and.push(`p.status IN (${query.statuses.map(() => '?').join(', ')})`);
      params.push(...query.statuses);
    }
  }
  if (query.fingerprint !== undefined) {
    and.push('p.fingerprint = ?');
    params.push(query.fingerprint);
  }
  if (query.employerId !== undefined) {
    and.push('p.employer_id = ?');
    params.push(query.employerId);
  }
  if (query.validThroughBefore !== undefined) {
    and.push('p.valid_through_ms < ?');
    params.push(parseIso('validThroughBefore', query.validThroughBefore));
  }
  const seenBefore = query.lastSeenBefore !== undefined ? parseIso('lastSeenBefore', query.lastSeenBefore) : null;
  if (query.source !== undefined) {
    if (seenBefore !== null) {
      and.push('EXISTS (SELECT 1 FROM listings l WHERE l.posting_id = p.id AND l.source = ? AND l.last_seen_ms < ?)');
      params.push(query.source, seenBefore);
    } else {
      and.push('EXISTS (SELECT 1 FROM listings l WHERE l.posting_id = p.id AND l.source = ?)');
      params.push(query.source);
    }
  } else if (seenBefore !== null) {
    and.push('p.last_seen_ms < ?');
    params.push(seenBefore);
  }
  return { where: and.join(' AND '), params };
}

/** SQLite errors as typed ones: busy → STORE_UNAVAILABLE, damaged file → STORE_CORRUPT. */
function storeError(err: unknown, what: string): unknown {
  if (err instanceof PeerboardError) return err;
  const code = (err as { code?: unknown }).code;
  const message = (err as Error)?.message ?? String(err);
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      return new PeerboardError('STORE_UNAVAILABLE', `${what}: the embedded store stayed busy (another process held its write lock too long): ${message}`, { cause: err });
    }
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
      return new PeerboardError('STORE_CORRUPT', `${what}: the embedded store's database file is damaged: ${message}; restore it from a backup`, { cause: err });
    }
    return new PeerboardError('STORE_UNAVAILABLE', `${what}: ${message}`, { cause: err });
  }
  return err;
}

/** Opens (or creates, or migrates) the embedded store under `dataDir`. Any number of processes may have it open. */
export function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedPostingStore> {
  return EmbeddedPostingStore.open(options);
}

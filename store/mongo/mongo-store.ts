import {
  BSON,
  MongoBulkWriteError,
  MongoClient,
  MongoError,
  MongoNetworkError,
  MongoServerError,
  MongoServerSelectionError,
  type AnyBulkWriteOperation,
  type ChangeStream,
  type Collection,
  type Db,
  type Filter,
  type WriteConcernSettings,
  type WriteError,
} from 'mongodb';
import {
  POSTING_STATUSES,
  PeerboardError,
  ValidationError,
  formatZodIssues,
  storedPostingSchema,
  type StoredPosting,
} from '../../schema/index.ts';
import type { ChangeBatch, Employer, PostingQuery, PostingStore, ScrapeRun, ViewCheckpoint } from '../ports.ts';
import {
  CHANGE_BATCH_INDEXES,
  COLLECTIONS,
  EMPLOYER_INDEXES,
  LOCK_INDEXES,
  POSTING_INDEXES,
  POSTING_VALIDATOR,
  RUN_INDEXES,
  SOURCE_KEYS_INDEX,
} from './mongo-schema.ts';

/**
 * The MongoDB posting store (official driver). Documents use `_id` = posting id and carry two
 * derived fields the model does not have: `sourceKeys` (the unique listing keys, see
 * mongo-schema.ts) and `validThroughAt` (validThrough as a BSON date, so expiry compares instants,
 * not strings). Both are stripped on read.
 *
 * Queries are built only from typed fields of PostingQuery, each checked to be a string / known
 * value first: a caller's object never becomes part of a query (no operator injection such as
 * `{ "$ne": null }` arriving where an id was expected).
 */

type PostingDoc = Omit<StoredPosting, 'id'> & { _id: string; sourceKeys: string[]; validThroughAt: Date | null; seq: number };
type EmployerDoc = Omit<Employer, 'id'> & { _id: string; emailLower: string };
type RunDoc = Omit<ScrapeRun, 'id'> & { _id: string };
type LockDoc = { _id: string; owner: string; until: Date };
/** One allocation of seqs: `_id` = first seq, `end` = last; open (`done: false`) while its write runs. */
type ChangeBatchDoc = { _id: number; end: number; at: Date; done: boolean; failed?: boolean };
type CheckpointDoc = { _id: string; seq: number; updatedAt: string; documents?: number };

export interface MongoStoreOptions {
  uri: string;
  dbName: string;
  /**
   * How long to look for a server before failing (start-up and each operation). Default 30,000 ms:
   * longer than a replica-set election (~10-12 s with the default electionTimeoutMillis), so a
   * failover delays writes instead of failing them.
   */
  serverSelectionTimeoutMS?: number;
  /** How long a write waits for a majority to confirm it (`wtimeout`). Default 10,000 ms. */
  wtimeoutMS?: number;
  /**
   * A change batch still open after this long is a writer that died mid-write: followers stop
   * waiting for it (docs/decisions/036). Default 60,000 ms.
   */
  abandonedBatchMs?: number;
  /** Warnings (a validator this user may not update, a retried write); default: a process warning. */
  log?: (line: string) => void;
}

/** Network failures, server selection failures and errors the driver labels retryable: worth one more try. */
export function isTransientMongoError(err: unknown): boolean {
  const original = err instanceof MongoBulkWriteError && err.errorResponse instanceof Error ? err.errorResponse : err;
  if (original instanceof MongoNetworkError || original instanceof MongoServerSelectionError) return true;
  if (err instanceof MongoError && (err.hasErrorLabel('RetryableWriteError') || err.hasErrorLabel('TransientTransactionError'))) return true;
  return false;
}

export class MongoPostingStore implements PostingStore {
  readonly kind = 'mongodb' as const;
  private readonly postings: Collection<PostingDoc>;
  private readonly employers: Collection<EmployerDoc>;
  private readonly runs: Collection<RunDoc>;
  private readonly locks: Collection<LockDoc>;
  private readonly batches: Collection<ChangeBatchDoc>;
  private readonly checkpoints: Collection<CheckpointDoc>;
  private readonly majority: WriteConcernSettings;
  private allocations = 0;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly where: string,
    private readonly options: MongoStoreOptions,
  ) {
    // Acknowledged by a majority and journaled (an acknowledged write survives a failover), but
    // never waiting forever: with the majority lost, `wtimeout` turns the write into an error.
    this.majority = { w: 'majority', journal: true, wtimeoutMS: options.wtimeoutMS ?? 10_000 };
    const writeConcern = this.majority;
    this.postings = db.collection<PostingDoc>(COLLECTIONS.postings, { writeConcern });
    this.employers = db.collection<EmployerDoc>(COLLECTIONS.employers, { writeConcern });
    this.runs = db.collection<RunDoc>(COLLECTIONS.runs, { writeConcern });
    this.locks = db.collection<LockDoc>(COLLECTIONS.locks, { writeConcern });
    this.batches = db.collection<ChangeBatchDoc>(COLLECTIONS.changeBatches, { writeConcern });
    this.checkpoints = db.collection<CheckpointDoc>(COLLECTIONS.checkpoints, { writeConcern });
  }

  static async open(options: MongoStoreOptions): Promise<MongoPostingStore> {
    const where = `${redactUri(options.uri)} (database ${options.dbName})`;
    let client: MongoClient | undefined;
    try {
      client = new MongoClient(options.uri, {
        serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 30_000,
        appName: 'peerboard',
        // The driver retries a failed write or read once on a new primary; putPostings adds one
        // more attempt for a transient failure (docs/decisions/034).
        retryWrites: true,
        retryReads: true,
      });
      await client.connect();
      await client.db(options.dbName).command({ ping: 1 });
    } catch (err) {
      // Close the half-open client so its monitoring timers do not keep the process alive.
      await client?.close().catch(() => undefined);
      throw new PeerboardError('STORE_UNAVAILABLE', `cannot connect to MongoDB at ${where}: ${(err as Error).message}`, { cause: err });
    }
    const store = new MongoPostingStore(client, client.db(options.dbName), where, options);
    try {
      await store.ensureSchema();
    } catch (err) {
      await client.close().catch(() => undefined);
      throw store.unavailable('preparing collections and indexes', err);
    }
    return store;
  }

  /**
   * Creates the collections (postings with its validator) and indexes. The validator of an
   * existing collection is updated only when it differs from this version's: `collMod` needs
   * more than the `readWrite` role, and a user without it gets a warning, not a failed start.
   */
  private async ensureSchema(): Promise<void> {
    const listed = await this.db.listCollections({}).toArray();
    const existing = new Map(listed.map((c) => [c.name, c as { name: string; options?: Record<string, unknown> }]));
    // Two servers starting at once may both try to create a collection: "already exists" (48) is fine.
    const createIfMissing = async (name: string, options: Parameters<Db['createCollection']>[1] = {}) => {
      if (existing.has(name)) return false;
      try {
        await this.db.createCollection(name, options);
      } catch (err) {
        if (!(err instanceof MongoServerError && err.code === 48)) throw err;
        return false;
      }
      return true;
    };
    const validation = { validator: POSTING_VALIDATOR, validationLevel: 'strict', validationAction: 'error' } as const;
    if (!(await createIfMissing(COLLECTIONS.postings, validation))) {
      const current = existing.get(COLLECTIONS.postings)?.options ?? {};
      if (!sameValidation(current, validation)) {
        try {
          await this.db.command({ collMod: COLLECTIONS.postings, ...validation });
        } catch (err) {
          if (!(err instanceof MongoServerError && err.code === 13)) throw err;
          // Unauthorized: the user has readWrite only. The old validator stays; our own schema
          // check still runs before every write.
          this.log(
            `mongodb: the postings validator differs from this version's and user may not update it (${err.message}); run once as a user with the dbAdmin role, or: db.runCommand({ collMod: "postings", validator: ... })`,
          );
        }
      }
    }
    for (const name of [COLLECTIONS.employers, COLLECTIONS.runs, COLLECTIONS.locks, COLLECTIONS.changeBatches, COLLECTIONS.checkpoints]) await createIfMissing(name);
    await this.postings.createIndexes(POSTING_INDEXES);
    await this.employers.createIndexes(EMPLOYER_INDEXES);
    await this.runs.createIndexes(RUN_INDEXES);
    await this.locks.createIndexes(LOCK_INDEXES);
    await this.batches.createIndexes(CHANGE_BATCH_INDEXES);
    await this.backfillSeqs();
  }

  /** Postings written before the change feed existed get seqs, so a follower from 0 sees them. */
  private async backfillSeqs(): Promise<void> {
    for (;;) {
      const ids = (await this.postings.find({ seq: { $exists: false } }, { projection: { _id: 1 } }).limit(1000).toArray()).map((d) => d._id);
      if (!ids.length) return;
      const { start } = await this.allocate(ids.length);
      await this.postings.bulkWrite(
        ids.map((_id, i) => ({ updateOne: { filter: { _id, seq: { $exists: false } }, update: { $set: { seq: start + i } } } })),
        { ordered: false, writeConcern: this.majority },
      );
      await this.batches.updateOne({ _id: start }, { $set: { done: true } });
    }
  }

  /** Warnings go to the caller's log, else to a process warning (never lost silently). */
  private log(line: string): void {
    if (this.options.log) this.options.log(line);
    else process.emitWarning(line, 'PeerboardMongoWarning');
  }

  private unavailable(what: string, err: unknown): PeerboardError {
    if (err instanceof PeerboardError) return err;
    return new PeerboardError('STORE_UNAVAILABLE', `MongoDB at ${this.where}: ${what} failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
  }

  private async run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw this.unavailable(what, err);
    }
  }

  async ping(): Promise<void> {
    await this.run('ping', () => this.db.command({ ping: 1 }));
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  async getPosting(id: string): Promise<StoredPosting | null> {
    const doc = await this.run('getPosting', () => this.postings.findOne({ _id: asString('id', id) }));
    return doc ? fromDoc(doc) : null;
  }

  async getPostings(ids: readonly string[]): Promise<StoredPosting[]> {
    if (!ids.length) return [];
    const wanted = ids.map((id) => asString('ids[]', id));
    const docs = await this.run('getPostings', () => this.postings.find({ _id: { $in: wanted } }).toArray());
    const byId = new Map(docs.map((d) => [d._id, fromDoc(d)]));
    return wanted.map((id) => byId.get(id)).filter((p): p is StoredPosting => p !== undefined);
  }

  async findBySource(source: string, sourceId: string): Promise<StoredPosting | null> {
    const key = sourceKey(asString('source', source), asString('sourceId', sourceId));
    const doc = await this.run('findBySource', () => this.postings.findOne({ sourceKeys: key }));
    return doc ? fromDoc(doc) : null;
  }

  async *iteratePostings(query: PostingQuery = {}, batchSize = 500): AsyncIterable<StoredPosting[]> {
    const size = Math.max(1, Math.floor(batchSize));
    const cursor = this.postings.find(buildPostingFilter(query)).sort({ _id: 1 }).batchSize(size);
    let batch: StoredPosting[] = [];
    try {
      for await (const doc of cursor) {
        batch.push(fromDoc(doc));
        if (batch.length >= size) {
          yield batch;
          batch = [];
        }
      }
    } catch (err) {
      throw this.unavailable('iteratePostings', err);
    } finally {
      await cursor.close();
    }
    if (batch.length) yield batch;
  }

  async countPostings(query: PostingQuery = {}): Promise<number> {
    return this.run('countPostings', () => this.postings.countDocuments(buildPostingFilter(query)));
  }

  /**
   * Writes whole postings by id: insert or REPLACE (the port's contract: what is stored is what
   * was given, `firstSeenAt` included), each with a seq of one change batch.
   *
   * Every failure fails the call (docs/decisions/034). The driver reports a dropped connection,
   * a server-selection failure or a `writeConcernError` as a MongoBulkWriteError whose
   * `writeErrors` is EMPTY; treating "no write errors" as success once counted unwritten postings
   * as stored. A transient failure (network, server selection, retryable label, write concern
   * timeout) is tried once more with the same seqs (replacing by id is idempotent); anything
   * else, or a second failure, throws STORE_UNAVAILABLE, CONFLICT or INTERNAL_SERVER_ERROR.
   * Ingest publishes nothing of a batch whose write threw.
   */
  async putPostings(postings: readonly StoredPosting[]): Promise<void> {
    if (!postings.length) return;
    const problems: string[] = [];
    const valid: StoredPosting[] = [];
    postings.forEach((p, i) => {
      const r = storedPostingSchema.safeParse(p);
      if (!r.success) problems.push(...formatZodIssues(r.error.issues).map((m) => `postings[${i}] (${String(p?.id)}): ${m}`));
      else valid.push(r.data);
    });
    if (problems.length) throw new ValidationError(problems);
    // A listing another posting holds refuses the batch before anything is written or any seq
    // taken (the contract: a refused batch changes nothing). The unique index still decides
    // when another writer claims the listing between this check and the write.
    await this.run('checking listings', () => this.checkListings(valid));

    let batch: { start: number } | null = null;
    let failure: PeerboardError | null = null;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        batch ??= await this.allocate(valid.length);
        await this.writePostings(valid, batch.start);
        failure = null;
        break;
      } catch (err) {
        failure = this.writeFailure(valid.length, err);
        if (!isTransientMongoError(err) && !isWriteConcernFailure(err)) break;
        this.log(`mongodb: writing ${valid.length} postings failed, trying once more: ${failure.message}`);
      }
    }
    if (batch) {
      // Close the batch either way, so followers need not wait for it (best effort: if this
      // fails too, followers skip the batch once it is abandoned).
      await this.batches.updateOne({ _id: batch.start }, { $set: { done: true, ...(failure ? { failed: true } : {}) } }).catch(() => undefined);
    }
    if (failure) throw failure;
  }

  private async checkListings(valid: readonly StoredPosting[]): Promise<void> {
    const owner = new Map<string, string>();
    const conflict = (key: string, id: string, other: string) =>
      new PeerboardError('CONFLICT', `listing ${key.replace('\u0000', ' ')} of posting ${id} already belongs to posting ${other}`);
    for (const p of valid) {
      for (const key of listingKeys(p)) {
        const other = owner.get(key);
        if (other !== undefined && other !== p.id) throw conflict(key, p.id, other);
        owner.set(key, p.id);
      }
    }
    const keys = [...owner.keys()];
    for (let i = 0; i < keys.length; i += 1000) {
      const chunk = keys.slice(i, i + 1000);
      const docs = await this.postings.find({ sourceKeys: { $in: chunk } }, { projection: { _id: 1, sourceKeys: 1 } }).toArray();
      for (const d of docs) {
        for (const key of d.sourceKeys) {
          const mine = owner.get(key);
          if (mine !== undefined && mine !== d._id) throw conflict(key, mine, d._id);
        }
      }
    }
  }

  private async writePostings(valid: readonly StoredPosting[], start: number): Promise<void> {
    const ops: AnyBulkWriteOperation<PostingDoc>[] = valid.map((p, i) => {
      const { _id, ...rest } = toDoc(p, start + i);
      return { replaceOne: { filter: { _id }, replacement: rest, upsert: true } };
    });
    let pending = ops;
    for (let round = 0; round < 2 && pending.length; round++) {
      try {
        const r = await this.postings.bulkWrite(pending, { ordered: false, writeConcern: this.majority });
        // Every replace either matched or upserted: anything else is a write we cannot vouch for.
        if (r.matchedCount + r.upsertedCount !== pending.length) {
          throw new PeerboardError('STORE_UNAVAILABLE', `MongoDB at ${this.where}: ${pending.length} postings sent, ${r.matchedCount + r.upsertedCount} acknowledged`);
        }
        return;
      } catch (err) {
        if (!(err instanceof MongoBulkWriteError)) throw err;
        const writeErrors = bulkWriteErrors(err);
        // Two upserts of one _id racing: both tried to insert and one lost. The document exists
        // now, so the same replace matches it the second time. Any other error stops here.
        if (!writeErrors.length || isWriteConcernFailure(err) || round > 0) throw err;
        const racing = writeErrors.filter((we) => we.code === 11000 && !(we.errmsg ?? '').includes(SOURCE_KEYS_INDEX) && /_id_/.test(we.errmsg ?? ''));
        if (racing.length !== writeErrors.length) throw err;
        pending = racing.map((we) => pending[we.index]!);
      }
    }
  }

  /** The error a failed batch write throws: CONFLICT, INTERNAL_SERVER_ERROR (validator) or STORE_UNAVAILABLE. */
  private writeFailure(count: number, err: unknown): PeerboardError {
    if (err instanceof PeerboardError) return err;
    if (err instanceof MongoBulkWriteError) {
      for (const we of bulkWriteErrors(err)) {
        if (we.code === 11000 && (we.errmsg ?? '').includes(SOURCE_KEYS_INDEX)) {
          return new PeerboardError('CONFLICT', `a listing of a posting in this batch already belongs to another posting (${we.errmsg ?? 'duplicate key'})`, { cause: err });
        }
        if (we.code === 121) {
          // The validator refused a posting that passed our own schema: the two disagree (a
          // vocabulary changed without the validator). A bug to fix, not an outage.
          return new PeerboardError('INTERNAL_SERVER_ERROR', `MongoDB's postings validator rejected a posting: ${JSON.stringify(we.errInfo ?? {}).slice(0, 500)}`, { cause: err });
        }
      }
      const wce = err.writeConcernError ?? (err.result?.getWriteConcernError?.());
      const written = err.result ? err.result.upsertedCount + err.result.matchedCount : 0;
      const why = isWriteConcernFailure(err)
        ? `not confirmed by a majority within ${this.majority.wtimeoutMS} ms (${wce?.errmsg ?? err.message})`
        : bulkWriteErrors(err).length
          ? `${bulkWriteErrors(err).length} write error(s), first: ${bulkWriteErrors(err)[0]!.errmsg ?? 'unknown'}`
          : err.message;
      return new PeerboardError(
        'STORE_UNAVAILABLE',
        `MongoDB at ${this.where}: writing ${count} postings failed: ${why}; ${written} acknowledged before the failure, the batch is not counted as stored`,
        { cause: err },
      );
    }
    return this.unavailable(`writing ${count} postings`, err);
  }

  /**
   * Allocates `count` consecutive seqs as one change batch. The batch document is the allocation
   * and the lease at once (`_id` = first seq, unique): inserting it with the next free start
   * either succeeds or collides with another writer's, and then we read again. Followers read
   * only below the lowest open batch (see {@link horizon}).
   */
  private async allocate(count: number): Promise<{ start: number }> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const [last] = await this.batches.find({}).sort({ _id: -1 }).limit(1).toArray();
      const floor = last ? last.end : await this.maxPostingSeq();
      const start = floor + 1;
      try {
        await this.batches.insertOne({ _id: start, end: start + count - 1, at: new Date(), done: false });
      } catch (err) {
        if (err instanceof MongoServerError && err.code === 11000) continue;
        // The insert may have been applied (a write concern error, a connection cut after the
        // write): close the batch, so followers do not wait for it until it is abandoned.
        await this.batches.updateOne({ _id: start, done: false }, { $set: { done: true, failed: true } }).catch(() => undefined);
        throw err;
      }
      if (++this.allocations % 100 === 0) {
        // Old closed batches are only history; the newest must stay (it holds the highest seq).
        await this.batches.deleteMany({ done: true, at: { $lt: new Date(Date.now() - 86_400_000) }, _id: { $lt: start } }).catch(() => undefined);
      }
      return { start };
    }
    throw new PeerboardError('STORE_UNAVAILABLE', `MongoDB at ${this.where}: could not allocate change seqs (50 collisions with other writers)`);
  }

  private async maxPostingSeq(): Promise<number> {
    const [top] = await this.postings.find({ seq: { $exists: true } }, { projection: { seq: 1 } }).sort({ seq: -1 }).limit(1).toArray();
    return typeof top?.seq === 'number' ? top.seq : 0;
  }

  /**
   * The highest seq below which every change is committed: the end of the newest batch, but
   * never past the start of a batch still being written (a writer that took seq 10 may commit
   * after another committed seq 11; a follower that moved past 11 would miss 10). The newest
   * batch is read BEFORE the open ones: a batch created in between starts above what we return.
   * An open batch older than `abandonedBatchMs` is a dead writer's and no longer holds followers.
   */
  private async horizon(): Promise<number> {
    const [last] = await this.batches.find({}).sort({ _id: -1 }).limit(1).toArray();
    const top = last ? last.end : await this.maxPostingSeq();
    const since = new Date(Date.now() - (this.options.abandonedBatchMs ?? 60_000));
    const [open] = await this.batches.find({ done: false, at: { $gt: since } }).sort({ _id: 1 }).limit(1).toArray();
    return open ? Math.min(open._id - 1, top) : top;
  }

  async changesSince(since: number, limit: number): Promise<ChangeBatch> {
    if (!Number.isFinite(since) || !Number.isFinite(limit) || limit < 1) throw new ValidationError(['changesSince: since and limit must be numbers, limit at least 1']);
    return this.run('changesSince', async () => {
      const horizon = await this.horizon();
      if (horizon <= since) return { changes: [], lastSeq: since };
      const docs = await this.postings.find({ seq: { $gt: since, $lte: horizon } }).sort({ seq: 1 }).limit(Math.floor(limit)).toArray();
      return { changes: docs.map((d) => ({ seq: d.seq, posting: fromDoc(d) })), lastSeq: docs.length ? docs[docs.length - 1]!.seq : since };
    });
  }

  async currentSeq(): Promise<number> {
    return this.run('currentSeq', () => this.horizon());
  }

  async getCheckpoint(view: string): Promise<ViewCheckpoint | null> {
    const doc = await this.run('getCheckpoint', () => this.checkpoints.findOne({ _id: asString('view', view) }));
    if (!doc) return null;
    return { view: doc._id, seq: doc.seq, updatedAt: doc.updatedAt, ...(doc.documents !== undefined ? { documents: doc.documents } : {}) };
  }

  async putCheckpoint(checkpoint: ViewCheckpoint): Promise<void> {
    const view = asString('view', checkpoint.view);
    if (typeof checkpoint.seq !== 'number' || !Number.isFinite(checkpoint.seq)) throw new ValidationError(['checkpoint.seq: must be a number']);
    const set: Omit<CheckpointDoc, '_id'> = { seq: checkpoint.seq, updatedAt: asIso('updatedAt', checkpoint.updatedAt), ...(checkpoint.documents !== undefined ? { documents: checkpoint.documents } : {}) };
    try {
      // Matches only a checkpoint at or below this seq; a higher one makes the upsert collide on
      // _id, which means "already further": monotonic without a read.
      await this.checkpoints.updateOne({ _id: view, seq: { $lte: checkpoint.seq } }, { $set: set }, { upsert: true });
    } catch (err) {
      if (err instanceof MongoServerError && err.code === 11000) return;
      throw this.unavailable('putCheckpoint', err);
    }
  }

  /**
   * Wakes followers soon after any writer commits: a change stream on the postings where the
   * deployment has one (a replica set), else null (followers poll). Only a hint.
   */
  async watchChanges(onChange: () => void): Promise<{ close(): Promise<void> } | null> {
    const hello = await this.run('hello', () => this.db.admin().command({ hello: 1 }));
    if (typeof hello.setName !== 'string' && hello.msg !== 'isdbgrid') return null;
    let stream: ChangeStream | null = null;
    try {
      // Only the fact of a change matters (followers read changesSince): events carry no documents.
      stream = this.postings.watch([{ $project: { operationType: 1, documentKey: 1 } }]);
      stream.on('change', () => onChange());
      // A stream that fails (server without change streams, lost connection) only stops the
      // hints; followers keep polling.
      stream.on('error', (err: unknown) => {
        this.log(`mongodb: change stream stopped, followers poll: ${(err as Error).message}`);
        void stream?.close().catch(() => undefined);
      });
    } catch {
      return null;
    }
    return {
      close: async () => {
        await stream?.close().catch(() => undefined);
      },
    };
  }

  async createEmployer(employer: Employer): Promise<void> {
    const { id, ...rest } = employer;
    try {
      await this.employers.insertOne({ _id: asString('id', id), ...rest, emailLower: employer.email.toLowerCase() });
    } catch (err) {
      if (err instanceof MongoServerError && err.code === 11000) {
        const msg = err.message.includes('employer_email_unique') ? 'an employer with this e-mail address is already registered' : `an employer with id ${id} or this API key exists`;
        throw new PeerboardError('CONFLICT', msg, { cause: err });
      }
      throw this.unavailable('createEmployer', err);
    }
  }

  async getEmployer(id: string): Promise<Employer | null> {
    const doc = await this.run('getEmployer', () => this.employers.findOne({ _id: asString('id', id) }));
    return doc ? employerFromDoc(doc) : null;
  }

  async getEmployerByKeyHash(apiKeyHash: string): Promise<Employer | null> {
    const doc = await this.run('getEmployerByKeyHash', () => this.employers.findOne({ apiKeyHash: asString('apiKeyHash', apiKeyHash) }));
    return doc ? employerFromDoc(doc) : null;
  }

  async putRun(run: ScrapeRun): Promise<void> {
    const { id, ...rest } = run;
    await this.run('putRun', () => this.runs.replaceOne({ _id: asString('id', id) }, rest, { upsert: true }));
  }

  async listRuns(options: { sourceId?: string; last?: number } = {}): Promise<ScrapeRun[]> {
    const filter: Filter<RunDoc> = options.sourceId !== undefined ? { sourceId: asString('sourceId', options.sourceId) } : {};
    let cursor = this.runs.find(filter).sort({ startedAt: -1, _id: -1 });
    if (options.last !== undefined) {
      if (options.last <= 0) return [];
      cursor = cursor.limit(Math.floor(options.last));
    }
    const docs = await this.run('listRuns', () => cursor.toArray());
    return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }

  async acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = new Date();
    const until = new Date(now.getTime() + ttlMs);
    try {
      // Matches when the lock is ours or expired; when neither, the upsert tries to insert a
      // second document with the same _id and the unique _id index refuses it: someone else holds it.
      await this.locks.findOneAndUpdate(
        { _id: asString('name', name), $or: [{ owner: asString('owner', owner) }, { until: { $lte: now } }] },
        { $set: { owner, until } },
        { upsert: true, writeConcern: this.majority },
      );
      return true;
    } catch (err) {
      if (err instanceof MongoServerError && err.code === 11000) return false;
      throw this.unavailable('acquireLock', err);
    }
  }

  async releaseLock(name: string, owner: string): Promise<void> {
    await this.run('releaseLock', () => this.locks.deleteOne({ _id: asString('name', name), owner: asString('owner', owner) }));
  }

  /** Drops everything (tests). */
  async dropAll(): Promise<void> {
    await this.db.dropDatabase();
  }
}

function bulkWriteErrors(err: MongoBulkWriteError): WriteError[] {
  const we = err.writeErrors as WriteError[] | WriteError | undefined;
  if (!we) return [];
  return Array.isArray(we) ? we : [we];
}

/** A write the primary applied but a majority did not confirm in time (or at all). */
function isWriteConcernFailure(err: unknown): boolean {
  if (!(err instanceof MongoBulkWriteError)) return false;
  if (err.writeConcernError) return true;
  return !!err.result?.getWriteConcernError?.();
}

/** The validator as stored equals this version's (compared as BSON, so key order and types count). */
function sameValidation(current: Record<string, unknown>, wanted: { validator: unknown; validationLevel: string; validationAction: string }): boolean {
  const norm = (v: unknown) => Buffer.from(BSON.serialize({ v })).toString('base64');
  return (
    norm(current.validator) === norm(wanted.validator) &&
    (current.validationLevel ?? 'strict') === wanted.validationLevel &&
    (current.validationAction ?? 'error') === wanted.validationAction
  );
}

const sourceKey = (source: string, sourceId: string) => `${source}\u0000${sourceId}`;
const listingKeys = (p: StoredPosting) => [...new Set(p.sources.map((s) => sourceKey(s.source, s.sourceId)))];

function toDoc(p: StoredPosting, seq: number): PostingDoc {
  const { id, ...rest } = p;
  const vt = p.validThrough ? Date.parse(p.validThrough) : Number.NaN;
  return {
    _id: id,
    ...rest,
    sourceKeys: listingKeys(p),
    validThroughAt: Number.isFinite(vt) ? new Date(vt) : null,
    seq,
  };
}

function fromDoc(doc: PostingDoc): StoredPosting {
  const { _id, sourceKeys: _keys, validThroughAt: _vt, seq: _seq, ...rest } = doc;
  return { id: _id, ...rest };
}

function employerFromDoc(doc: EmployerDoc): Employer {
  return { id: doc._id, name: doc.name, email: doc.email, website: doc.website, apiKeyHash: doc.apiKeyHash, createdAt: doc.createdAt };
}

/** The one place a PostingQuery becomes a MongoDB filter; every value is checked for its type first. */
export function buildPostingFilter(query: PostingQuery): Filter<PostingDoc> {
  const and: Filter<PostingDoc>[] = [];
  if (query.statuses !== undefined) {
    const statuses = query.statuses.map((s) => {
      if (!(POSTING_STATUSES as readonly string[]).includes(s)) throw new ValidationError([`statuses: unknown status ${JSON.stringify(s)}`]);
      return s;
    });
    and.push({ status: { $in: statuses } });
  }
  if (query.fingerprint !== undefined) and.push({ fingerprint: asString('fingerprint', query.fingerprint) });
  if (query.employerId !== undefined) and.push({ employerId: asString('employerId', query.employerId) });
  // `indexBehind` (deprecated) is not supported here: indexes follow the change feed (changesSince).
  if (query.validThroughBefore !== undefined) {
    and.push({ validThroughAt: { $ne: null, $lt: new Date(Date.parse(asIso('validThroughBefore', query.validThroughBefore))) } });
  }
  if (query.source !== undefined) {
    const source = asString('source', query.source);
    if (query.lastSeenBefore !== undefined) {
      and.push({ sources: { $elemMatch: { source, lastSeenAt: { $lt: asIso('lastSeenBefore', query.lastSeenBefore) } } } });
    } else {
      and.push({ 'sources.source': source });
    }
  } else if (query.lastSeenBefore !== undefined) {
    and.push({ lastSeenAt: { $lt: asIso('lastSeenBefore', query.lastSeenBefore) } });
  }
  if (!and.length) return {};
  return and.length === 1 ? (and[0] as Filter<PostingDoc>) : { $and: and };
}

function asString(name: string, v: unknown): string {
  if (typeof v !== 'string') throw new ValidationError([`${name}: must be a string`]);
  return v;
}

/** Normalises an ISO date-time to the canonical form our stored timestamps use, so strings compare as instants. */
function asIso(name: string, v: unknown): string {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(t)) throw new ValidationError([`${name}: must be an ISO 8601 date-time`]);
  return new Date(t).toISOString();
}

/** Hides the password of a connection string in messages and logs. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^@/]*)@/, (_m, auth: string) => `//${auth.includes(':') ? `${auth.split(':')[0]}:***` : '***'}@`);
}

export function openMongoStore(options: MongoStoreOptions): Promise<MongoPostingStore> {
  return MongoPostingStore.open(options);
}

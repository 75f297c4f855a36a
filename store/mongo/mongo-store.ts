import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  type AnyBulkWriteOperation,
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
import type { Employer, PostingQuery, PostingStore, ScrapeRun } from '../ports.ts';
import {
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

type PostingDoc = Omit<StoredPosting, 'id'> & { _id: string; sourceKeys: string[]; validThroughAt: Date | null };
type EmployerDoc = Omit<Employer, 'id'> & { _id: string; emailLower: string };
type RunDoc = Omit<ScrapeRun, 'id'> & { _id: string };
type LockDoc = { _id: string; owner: string; until: Date };

export interface MongoStoreOptions {
  uri: string;
  dbName: string;
  /** How long to look for a server before failing (start-up and each operation). Default 5000 ms. */
  serverSelectionTimeoutMS?: number;
}

/** Writes are acknowledged by a majority and journaled: an acknowledged write survives a failover. */
const MAJORITY: WriteConcernSettings = { w: 'majority', journal: true };

export class MongoPostingStore implements PostingStore {
  readonly kind = 'mongodb' as const;
  private readonly postings: Collection<PostingDoc>;
  private readonly employers: Collection<EmployerDoc>;
  private readonly runs: Collection<RunDoc>;
  private readonly locks: Collection<LockDoc>;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly where: string,
  ) {
    this.postings = db.collection<PostingDoc>(COLLECTIONS.postings, { writeConcern: MAJORITY });
    this.employers = db.collection<EmployerDoc>(COLLECTIONS.employers, { writeConcern: MAJORITY });
    this.runs = db.collection<RunDoc>(COLLECTIONS.runs, { writeConcern: MAJORITY });
    this.locks = db.collection<LockDoc>(COLLECTIONS.locks, { writeConcern: MAJORITY });
  }

  static async open(options: MongoStoreOptions): Promise<MongoPostingStore> {
    const where = `${redactUri(options.uri)} (database ${options.dbName})`;
    let client: MongoClient | undefined;
    try {
      client = new MongoClient(options.uri, {
        serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5000,
        appName: 'peerboard',
        // The driver retries a failed write or read once on a new primary; we do not add our own loop.
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
    const store = new MongoPostingStore(client, client.db(options.dbName), where);
    try {
      await store.ensureSchema();
    } catch (err) {
      await client.close().catch(() => undefined);
      throw store.unavailable('preparing collections and indexes', err);
    }
    return store;
  }

  /** Creates the collections (postings with its validator) and indexes; updates the validator of an existing collection. */
  private async ensureSchema(): Promise<void> {
    const existing = new Set((await this.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
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
      // An existing collection gets the validator of this version (vocabularies may have grown).
      await this.db.command({ collMod: COLLECTIONS.postings, ...validation });
    }
    for (const name of [COLLECTIONS.employers, COLLECTIONS.runs, COLLECTIONS.locks]) await createIfMissing(name);
    await this.postings.createIndexes(POSTING_INDEXES);
    await this.employers.createIndexes(EMPLOYER_INDEXES);
    await this.runs.createIndexes(RUN_INDEXES);
    await this.locks.createIndexes(LOCK_INDEXES);
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

    const upsert = (p: StoredPosting): AnyBulkWriteOperation<PostingDoc> => {
      const { _id, firstSeenAt, ...rest } = toDoc(p);
      // firstSeenAt is written once: a concurrent writer's later copy can never move it.
      return { updateOne: { filter: { _id }, update: { $set: rest, $setOnInsert: { firstSeenAt } }, upsert: true } };
    };
    try {
      await this.postings.bulkWrite(valid.map(upsert), { ordered: false, writeConcern: MAJORITY });
    } catch (err) {
      if (!(err instanceof MongoBulkWriteError)) throw this.unavailable('putPostings', err);
      const writeErrors: WriteError[] = Array.isArray(err.writeErrors) ? (err.writeErrors as WriteError[]) : [err.writeErrors as WriteError];
      const retry: StoredPosting[] = [];
      for (const we of writeErrors) {
        const p = valid[we.index];
        if (we.code === 11000 && p && (we.errmsg ?? '').includes(SOURCE_KEYS_INDEX)) {
          throw new PeerboardError('CONFLICT', `a listing of posting ${p.id} already belongs to another posting (${we.errmsg ?? 'duplicate key'})`, { cause: err });
        }
        if (we.code === 121 && p) {
          // The validator refused a posting that passed our own schema: the two disagree (a
          // vocabulary changed without the validator). A bug to fix, not an outage.
          throw new PeerboardError('INTERNAL_SERVER_ERROR', `MongoDB's postings validator rejected posting ${p.id}: ${JSON.stringify(we.errInfo ?? {}).slice(0, 500)}`, { cause: err });
        }
        // Two upserts of one _id racing: both tried to insert and one lost. The document exists
        // now, so the same write as an update succeeds.
        if (we.code === 11000 && p) retry.push(p);
        else throw this.unavailable('putPostings', err);
      }
      if (retry.length) {
        await this.run('putPostings (retry)', () =>
          this.postings.bulkWrite(
            retry.map((p) => {
              const { _id, firstSeenAt: _first, ...rest } = toDoc(p);
              return { updateOne: { filter: { _id }, update: { $set: rest } } };
            }),
            { ordered: false, writeConcern: MAJORITY },
          ),
        );
      }
    }
  }

  async markIndexed(ids: readonly string[], at: string): Promise<void> {
    if (!ids.length) return;
    const when = asIso('at', at);
    const wanted = ids.map((id) => asString('ids[]', id));
    await this.run('markIndexed', () =>
      this.postings.updateMany(
        { _id: { $in: wanted }, updatedAt: { $lte: when }, $or: [{ indexedAt: null }, { indexedAt: { $lt: when } }] },
        { $set: { indexedAt: when } },
      ),
    );
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
        { upsert: true, writeConcern: MAJORITY },
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

const sourceKey = (source: string, sourceId: string) => `${source}\u0000${sourceId}`;

function toDoc(p: StoredPosting): PostingDoc {
  const { id, ...rest } = p;
  const vt = p.validThrough ? Date.parse(p.validThrough) : Number.NaN;
  return {
    _id: id,
    ...rest,
    sourceKeys: [...new Set(p.sources.map((s) => sourceKey(s.source, s.sourceId)))],
    validThroughAt: Number.isFinite(vt) ? new Date(vt) : null,
  };
}

function fromDoc(doc: PostingDoc): StoredPosting {
  const { _id, sourceKeys: _keys, validThroughAt: _vt, ...rest } = doc;
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
  if (query.indexBehind === true) and.push({ $or: [{ indexedAt: null }, { $expr: { $lt: ['$indexedAt', '$updatedAt'] } }] });
  if (query.indexBehind === false) and.push({ indexedAt: { $ne: null }, $expr: { $gte: ['$indexedAt', '$updatedAt'] } });
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

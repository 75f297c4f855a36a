import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { BSON, type Document } from 'mongodb';

/**
 * A MongoDB stand-in that speaks the wire protocol on 127.0.0.1, so the OFFICIAL driver (mongodb
 * 7.9) runs unmodified against it: connection handshake (OP_QUERY `isMaster`, then OP_MSG), the
 * commands the adapter sends, and the driver's own error handling, retryable writes and
 * server-selection logic. It is a single-node replica set primary ("rs0", MongoDB 8.0's wire
 * version 25), or a standalone with `standalone: true`.
 *
 * Why a wire-level stand-in: no MongoDB server runs on these machines, mongodb-memory-server
 * downloads binaries (unreachable here), and a mock of the driver would test our idea of the
 * driver, not the driver. Issue 12's defect 1 lived exactly there: the driver wraps a dropped
 * connection or a writeConcernError in a MongoBulkWriteError whose `writeErrors` is empty.
 *
 * Strict where MongoDB is strict:
 * - unique indexes (incl. multikey) and `_id` answer E11000 with the index name, per statement
 *   (`writeErrors[].index`), ordered or not;
 * - a collection's `$jsonSchema` validator is enforced (bsonType, required, properties, enum,
 *   items, pattern, minLength) with code 121 `DocumentValidationFailure`;
 * - `collMod` can be refused like a `readWrite`-only user (code 13 Unauthorized);
 * - retryable writes: a retried statement with the same `lsid` + `txnNumber` is not applied twice;
 * - creating an existing collection is code 48 NamespaceExists;
 * - change streams (`$changeStream`, optionally followed by `$project`) deliver insert/update/replace/delete
 *   events with resume tokens, getMore waiting for events up to maxTimeMS (awaitData); on a
 *   standalone they are refused with 40573 as MongoDB does.
 *
 * Faults, armed per test: `dropConnectionOn(command, { afterApplying })` closes the socket instead
 * of answering (mid-write: after applying the first half of the statements, or all of them);
 * `writeConcernErrorOn(command)` applies the write and answers a writeConcernError (wtimeout);
 * `failCommand(command, { code, labels })` answers a server error. Each fires `times` times.
 */

type Doc = Record<string, unknown>;

interface IndexSpec {
  name: string;
  key: Doc;
  unique: boolean;
  partialFilterExpression?: Doc;
}
interface CollectionState {
  docs: Map<string, Doc>;
  indexes: IndexSpec[];
  options: Doc;
}

export interface Fault {
  command: string;
  /** Only commands on this collection (e.g. "postings"); any when absent. */
  collection?: string;
  kind: 'drop' | 'writeConcernError' | 'error';
  times: number;
  /** drop: apply this many statements of the write before closing the connection (default: half). */
  applyStatements?: number;
  code?: number;
  codeName?: string;
  labels?: string[];
}

export interface MongoStandInOptions {
  /** Answer as a standalone server (no replica set: no retryable writes, no change streams). */
  standalone?: boolean;
  /** Refuse collMod as a user with only the readWrite role would be refused. */
  refuseCollMod?: boolean;
  /** The wire version to report (default 25, MongoDB 8.0; 8 is MongoDB 4.2). */
  maxWireVersion?: number;
}

class CommandError extends Error {
  constructor(readonly code: number, readonly codeName: string, message: string, readonly extra: Doc = {}) {
    super(message);
  }
}

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

export class MongoStandIn {
  private server: Server | null = null;
  private port = 0;
  private sockets = new Set<Socket>();
  private dbs = new Map<string, Map<string, CollectionState>>();
  private cursors = new Map<string, { ns: string; docs: Doc[] }>();
  private nextCursor = 1n;
  private connectionIds = 0;
  private retryCache = new Map<string, Doc>();
  private streams = new Map<string, { db: string; coll: string; queue: Doc[]; wake: (() => void) | null; projections: Doc[] }>();
  private events = 0;
  faults: Fault[] = [];
  /** Every command received: its name, database and body (for assertions on what the driver sent). */
  readonly commands: { name: string; db: string; body: Doc }[] = [];

  constructor(private readonly options: MongoStandInOptions = {}) {}

  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}/?directConnection=true`;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((socket) => this.onConnection(socket));
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server = null;
  }

  /** The next `times` commands named `command` fail as described. */
  arm(fault: Fault): void {
    this.faults.push(fault);
  }

  dropConnectionOn(command: string, options: { times?: number; applyStatements?: number; collection?: string } = {}): void {
    this.arm({ command, kind: 'drop', times: options.times ?? 1, ...(options.applyStatements !== undefined ? { applyStatements: options.applyStatements } : {}), ...(options.collection ? { collection: options.collection } : {}) });
  }

  writeConcernErrorOn(command: string, options: { times?: number; collection?: string } = {}): void {
    this.arm({ command, kind: 'writeConcernError', times: options.times ?? 1, ...(options.collection ? { collection: options.collection } : {}) });
  }

  failCommand(command: string, fault: { code: number; codeName: string; labels?: string[]; times?: number; collection?: string }): void {
    this.arm({ command, kind: 'error', times: fault.times ?? 1, code: fault.code, codeName: fault.codeName, ...(fault.labels ? { labels: fault.labels } : {}), ...(fault.collection ? { collection: fault.collection } : {}) });
  }

  /** The documents of a collection as stored (for assertions). */
  documents(db: string, collection: string): Doc[] {
    return [...(this.dbs.get(db)?.get(collection)?.docs.values() ?? [])].map((d) => structuredClone(d));
  }

  /** The commands named `name` (on `collection`, when given). */
  commandsNamed(name: string, collection?: string): { name: string; db: string; body: Doc }[] {
    return this.commands.filter((c) => c.name === name && (collection === undefined || c.body[name] === collection));
  }

  // ---- wire protocol ----

  private onConnection(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const connectionId = ++this.connectionIds;
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 4) {
        const length = buffer.readInt32LE(0);
        if (buffer.length < length) break;
        const message = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        this.onMessage(socket, message, connectionId);
      }
    });
  }

  private onMessage(socket: Socket, message: Buffer, connectionId: number): void {
    const requestId = message.readInt32LE(4);
    const opCode = message.readInt32LE(12);
    if (opCode === OP_QUERY) {
      // Only the legacy handshake arrives as OP_QUERY: `isMaster` on admin.$cmd.
      let p = 20;
      while (message[p] !== 0) p++;
      p += 1 + 8;
      const size = message.readInt32LE(p);
      const query = BSON.deserialize(message.subarray(p, p + size));
      const reply = this.hello(query, connectionId);
      const body = BSON.serialize(reply);
      const header = Buffer.alloc(36);
      header.writeInt32LE(36 + body.length, 0);
      header.writeInt32LE(requestId + 1_000_000, 4);
      header.writeInt32LE(requestId, 8);
      header.writeInt32LE(OP_REPLY, 12);
      header.writeInt32LE(0, 16);
      header.writeBigInt64LE(0n, 20);
      header.writeInt32LE(0, 28);
      header.writeInt32LE(1, 32);
      socket.write(Buffer.concat([header, body]));
      return;
    }
    if (opCode !== OP_MSG) {
      socket.destroy();
      return;
    }
    const flags = message.readUInt32LE(16);
    let p = 20;
    const end = flags & 1 ? message.length - 4 : message.length;
    let command: Doc = {};
    while (p < end) {
      const kind = message[p++];
      if (kind === 0) {
        const size = message.readInt32LE(p);
        command = BSON.deserialize(message.subarray(p, p + size));
        p += size;
      } else {
        const size = message.readInt32LE(p);
        const sectionEnd = p + size;
        let q = p + 4;
        const idStart = q;
        while (message[q] !== 0) q++;
        const identifier = message.subarray(idStart, q).toString('utf8');
        q++;
        const docs: Doc[] = [];
        while (q < sectionEnd) {
          const dsize = message.readInt32LE(q);
          docs.push(BSON.deserialize(message.subarray(q, q + dsize)));
          q += dsize;
        }
        (command as Record<string, unknown>)[identifier] = docs;
        p = sectionEnd;
      }
    }
    let reply: Doc | 'drop' | Promise<Doc>;
    try {
      reply = this.run(command, connectionId);
    } catch (err) {
      reply = errorReply(err);
    }
    if (reply instanceof Promise) {
      // A change stream's getMore waits for an event (awaitData); answer when it has one.
      void reply.then(
        (r) => this.send(socket, requestId, r),
        (err: unknown) => this.send(socket, requestId, errorReply(err)),
      );
      return;
    }
    if (reply === 'drop') {
      socket.destroy();
      return;
    }
    this.send(socket, requestId, reply);
  }

  private send(socket: Socket, requestId: number, reply: Doc): void {
    if (socket.destroyed) return;
    const body = BSON.serialize(reply);
    const header = Buffer.alloc(21);
    header.writeInt32LE(21 + body.length, 0);
    header.writeInt32LE(requestId + 1_000_000, 4);
    header.writeInt32LE(requestId, 8);
    header.writeInt32LE(OP_MSG, 12);
    header.writeUInt32LE(0, 16);
    header.writeUInt8(0, 20);
    socket.write(Buffer.concat([header, body]));
  }

  private hello(_query: Doc, connectionId: number): Doc {
    const me = this.address;
    const base: Doc = {
      helloOk: true,
      ismaster: true,
      isWritablePrimary: true,
      maxBsonObjectSize: 16 * 1024 * 1024,
      maxMessageSizeBytes: 48_000_000,
      maxWriteBatchSize: 100_000,
      localTime: new Date(),
      logicalSessionTimeoutMinutes: 30,
      connectionId,
      minWireVersion: 0,
      maxWireVersion: this.options.maxWireVersion ?? 25,
      readOnly: false,
      ok: 1,
    };
    if (this.options.standalone) return base;
    return { ...base, setName: 'rs0', setVersion: 1, hosts: [me], primary: me, me, secondary: false, electionId: new BSON.ObjectId('7fffffff0000000000000001'), lastWrite: { lastWriteDate: new Date() } };
  }

  // ---- commands ----

  private fault(name: string, cmd: Doc): Fault | null {
    const f = this.faults.find((x) => x.command === name && x.times > 0 && (x.collection === undefined || cmd[name] === x.collection));
    if (!f) return null;
    f.times--;
    return f;
  }

  private db(name: string): Map<string, CollectionState> {
    let db = this.dbs.get(name);
    if (!db) this.dbs.set(name, (db = new Map()));
    return db;
  }

  private collection(db: string, name: string, create = true): CollectionState {
    const d = this.db(db);
    let c = d.get(name);
    if (!c && create) {
      c = { docs: new Map(), indexes: [{ name: '_id_', key: { _id: 1 }, unique: true }], options: {} };
      d.set(name, c);
    }
    if (!c) throw new CommandError(26, 'NamespaceNotFound', `ns does not exist: ${db}.${name}`);
    return c;
  }

  private run(cmd: Doc, _connectionId: number): Doc | 'drop' | Promise<Doc> {
    const name = Object.keys(cmd)[0]!;
    const db = typeof cmd.$db === 'string' ? cmd.$db : 'admin';
    this.commands.push({ name, db, body: cmd });
    const fault = this.fault(name, cmd);
    if (fault?.kind === 'error') {
      throw new CommandError(fault.code ?? 1, fault.codeName ?? 'InternalError', `stand-in fault on ${name}`, fault.labels ? { errorLabels: fault.labels } : {});
    }
    switch (name) {
      case 'hello':
      case 'isMaster':
      case 'ismaster':
        return this.hello(cmd, _connectionId);
      case 'ping':
      case 'endSessions':
        return { ok: 1 };
      case 'buildInfo':
      case 'buildinfo':
        return { version: '8.0.4', versionArray: [8, 0, 4, 0], ok: 1 };
      case 'listCollections':
        return this.listCollections(db, cmd);
      case 'create':
        return this.create(db, cmd);
      case 'collMod':
        return this.collMod(db, cmd);
      case 'createIndexes':
        return this.createIndexes(db, cmd);
      case 'dropDatabase':
        this.dbs.delete(db);
        return { ok: 1 };
      case 'insert':
      case 'update':
      case 'delete':
        return this.write(name, db, cmd, fault);
      case 'findAndModify':
        return this.findAndModify(db, cmd);
      case 'find':
        return this.find(db, cmd);
      case 'aggregate':
        return this.aggregate(db, cmd);
      case 'getMore':
        return this.streams.has(String(cmd.getMore)) ? this.streamGetMore(cmd) : this.getMore(cmd);
      case 'killCursors': {
        const ids = (cmd.cursors as unknown[]).map(String);
        for (const id of ids) {
          this.cursors.delete(id);
          const stream = this.streams.get(id);
          this.streams.delete(id);
          stream?.wake?.();
        }
        return { cursorsKilled: cmd.cursors, cursorsNotFound: [], cursorsAlive: [], cursorsUnknown: [], ok: 1 };
      }
      default:
        throw new CommandError(59, 'CommandNotFound', `no such command: '${name}'`);
    }
  }

  private cursorReply(ns: string, docs: Doc[], batchSize: number | undefined, first: boolean): Doc {
    const size = batchSize && batchSize > 0 ? batchSize : 101;
    const batch = docs.slice(0, size);
    const rest = docs.slice(size);
    let id = BSON.Long.fromNumber(0);
    if (rest.length) {
      const n = this.nextCursor++;
      this.cursors.set(n.toString(), { ns, docs: rest });
      id = BSON.Long.fromBigInt(n);
    }
    return { cursor: { [first ? 'firstBatch' : 'nextBatch']: batch, id, ns }, ok: 1 };
  }

  private listCollections(db: string, cmd: Doc): Doc {
    const filter = (cmd.filter as Doc | undefined) ?? {};
    const out: Doc[] = [];
    for (const [name, c] of this.db(db)) {
      const info = { name, type: 'collection', options: c.options, info: { readOnly: false } };
      if (matches(info, filter)) out.push(cmd.nameOnly ? { name, type: 'collection' } : info);
    }
    return this.cursorReply(`${db}.$cmd.listCollections`, out, undefined, true);
  }

  private create(db: string, cmd: Doc): Doc {
    const name = String(cmd.create);
    if (this.db(db).has(name)) throw new CommandError(48, 'NamespaceExists', `Collection ${db}.${name} already exists.`);
    const c = this.collection(db, name);
    const { create: _c, $db: _d, lsid: _l, $clusterTime: _t, $readPreference: _r, writeConcern: _w, ...options } = cmd;
    c.options = options;
    return { ok: 1 };
  }

  private collMod(db: string, cmd: Doc): Doc {
    if (this.options.refuseCollMod) {
      throw new CommandError(13, 'Unauthorized', `not authorized on ${db} to execute command { collMod: "${String(cmd.collMod)}", ... }`);
    }
    const c = this.collection(db, String(cmd.collMod), false);
    for (const k of ['validator', 'validationLevel', 'validationAction']) if (k in cmd) c.options[k] = cmd[k];
    return { ok: 1 };
  }

  private createIndexes(db: string, cmd: Doc): Doc {
    const c = this.collection(db, String(cmd.createIndexes));
    const before = c.indexes.length;
    for (const spec of cmd.indexes as Doc[]) {
      const existing = c.indexes.find((i) => i.name === spec.name);
      if (existing) {
        if (JSON.stringify(existing.key) !== JSON.stringify(spec.key) || existing.unique !== Boolean(spec.unique)) {
          throw new CommandError(86, 'IndexKeySpecsConflict', `An existing index has the same name as the requested index: ${String(spec.name)}`);
        }
        continue;
      }
      const index: IndexSpec = { name: String(spec.name), key: spec.key as Doc, unique: Boolean(spec.unique), ...(spec.partialFilterExpression ? { partialFilterExpression: spec.partialFilterExpression as Doc } : {}) };
      if (index.unique) {
        const seen = new Set<string>();
        for (const d of c.docs.values()) {
          for (const k of indexKeys(index, d)) {
            if (seen.has(k)) throw new CommandError(11000, 'DuplicateKey', `E11000 duplicate key error collection: ${db}.${String(cmd.createIndexes)} index: ${index.name}`);
            seen.add(k);
          }
        }
      }
      c.indexes.push(index);
    }
    return { numIndexesBefore: before, numIndexesAfter: c.indexes.length, createdCollectionAutomatically: false, ok: 1 };
  }

  /** Checks the validator and unique indexes for `doc` replacing `oldId` (null: an insert). */
  private check(db: string, collName: string, c: CollectionState, doc: Doc, oldId: string | null): void {
    const validator = c.options.validator as Doc | undefined;
    if (validator && c.options.validationAction !== 'warn' && c.options.validationLevel !== 'off') {
      const schema = validator.$jsonSchema as Doc | undefined;
      const problem = schema ? validate(schema, doc, '') : null;
      if (problem) throw new CommandError(121, 'DocumentValidationFailure', 'Document failed validation', { errInfo: { failingDocumentId: doc._id, details: { reason: problem } } });
    }
    for (const index of c.indexes) {
      if (!index.unique) continue;
      const keys = new Set(indexKeys(index, doc));
      for (const other of c.docs.values()) {
        const otherId = idKey(other._id);
        if (otherId === oldId || otherId === idKey(doc._id)) continue;
        for (const k of indexKeys(index, other)) {
          if (keys.has(k)) {
            const field = Object.keys(index.key)[0]!;
            throw new CommandError(11000, 'DuplicateKey', `E11000 duplicate key error collection: ${db}.${collName} index: ${index.name} dup key: { ${field}: ${k} }`, { keyPattern: index.key, keyValue: { [field]: JSON.parse(k) as unknown } });
          }
        }
      }
    }
  }

  private write(kind: 'insert' | 'update' | 'delete', db: string, cmd: Doc, fault: Fault | null): Doc | 'drop' {
    const collName = String(cmd[kind]);
    const c = this.collection(db, collName);
    const statements = (kind === 'insert' ? cmd.documents : kind === 'update' ? cmd.updates : cmd.deletes) as Doc[];
    const retryKey = cmd.txnNumber !== undefined && cmd.lsid ? `${JSON.stringify((cmd.lsid as { id: { toString(enc: string): string } }).id.toString('hex'))}:${JSON.stringify(cmd.txnNumber)}` : null;
    if (retryKey && this.retryCache.has(retryKey)) {
      // A retried write: MongoDB answers the first execution's result without applying it twice.
      return { ...this.retryCache.get(retryKey)!, retriedStatement: true };
    }
    const ordered = cmd.ordered !== false;
    const limit = fault?.kind === 'drop' ? (fault.applyStatements ?? Math.floor(statements.length / 2)) : statements.length;
    const writeErrors: Doc[] = [];
    let n = 0;
    let nModified = 0;
    const upserted: Doc[] = [];
    for (let i = 0; i < Math.min(limit, statements.length); i++) {
      const st = statements[i]!;
      try {
        if (kind === 'insert') {
          const doc = st._id === undefined ? { _id: new BSON.ObjectId(), ...st } : st;
          if (c.docs.has(idKey(doc._id))) {
            throw new CommandError(11000, 'DuplicateKey', `E11000 duplicate key error collection: ${db}.${collName} index: _id_ dup key: { _id: ${JSON.stringify(doc._id)} }`, { keyPattern: { _id: 1 }, keyValue: { _id: doc._id } });
          }
          this.check(db, collName, c, doc, null);
          c.docs.set(idKey(doc._id), structuredClone(doc));
          this.emit(db, collName, 'insert', doc._id);
          n++;
        } else if (kind === 'update') {
          const r = this.applyUpdate(db, collName, c, st.q as Doc, st.u as Doc | Doc[], { upsert: Boolean(st.upsert), multi: Boolean(st.multi) });
          n += r.matched + (r.upsertedId !== undefined ? 1 : 0);
          nModified += r.modified;
          if (r.upsertedId !== undefined) upserted.push({ index: i, _id: r.upsertedId });
        } else {
          const q = st.q as Doc;
          for (const [id, d] of [...c.docs]) {
            if (!matches(d, q)) continue;
            c.docs.delete(id);
            this.emit(db, collName, 'delete', d._id);
            n++;
            if (st.limit === 1) break;
          }
        }
      } catch (err) {
        if (!(err instanceof CommandError)) throw err;
        writeErrors.push({ index: i, code: err.code, codeName: err.codeName, errmsg: err.message, ...err.extra });
        if (ordered) break;
      }
    }
    if (fault?.kind === 'drop') return 'drop';
    const reply: Doc = { n, ok: 1 };
    if (kind === 'update') {
      reply.nModified = nModified;
      if (upserted.length) reply.upserted = upserted;
    }
    if (writeErrors.length) reply.writeErrors = writeErrors;
    if (fault?.kind === 'writeConcernError') {
      reply.writeConcernError = { code: 64, codeName: 'WriteConcernTimeout', errmsg: 'waiting for replication timed out', errInfo: { wtimeout: true, writeConcern: cmd.writeConcern ?? {} } };
    }
    if (retryKey && !reply.writeConcernError) this.retryCache.set(retryKey, reply);
    return reply;
  }

  private applyUpdate(db: string, collName: string, c: CollectionState, q: Doc, u: Doc | Doc[], o: { upsert: boolean; multi: boolean }): { matched: number; modified: number; upsertedId?: unknown; after?: Doc; before?: Doc } {
    if (Array.isArray(u)) throw new CommandError(9, 'FailedToParse', 'the stand-in does not run pipeline updates');
    const isReplacement = !Object.keys(u).some((k) => k.startsWith('$'));
    let matched = 0;
    let modified = 0;
    let after: Doc | undefined;
    let before: Doc | undefined;
    for (const [id, d] of c.docs) {
      if (!matches(d, q)) continue;
      matched++;
      const next = isReplacement ? { _id: d._id, ...u } : applyOperators(structuredClone(d), u, false);
      if ('_id' in u && isReplacement && idKey(u._id) !== id) throw new CommandError(66, 'ImmutableField', "After applying the update, the (immutable) field '_id' was found to have been altered");
      this.check(db, collName, c, next, id);
      if (JSON.stringify(next) !== JSON.stringify(d)) modified++;
      before = structuredClone(d);
      c.docs.set(id, next);
      this.emit(db, collName, isReplacement ? 'replace' : 'update', d._id);
      after = structuredClone(next);
      if (!o.multi) break;
    }
    if (matched || !o.upsert) return { matched, modified, ...(after ? { after } : {}), ...(before ? { before } : {}) };
    const seed: Doc = {};
    for (const [k, v] of Object.entries(q)) if (!k.startsWith('$') && (typeof v !== 'object' || v === null || v instanceof Date)) seed[k] = v;
    const doc = isReplacement ? { ...(seed._id !== undefined ? { _id: seed._id } : {}), ...u } : applyOperators(seed, u, true);
    if (doc._id === undefined) doc._id = new BSON.ObjectId();
    if (c.docs.has(idKey(doc._id))) {
      throw new CommandError(11000, 'DuplicateKey', `E11000 duplicate key error collection: ${db}.${collName} index: _id_ dup key: { _id: ${JSON.stringify(doc._id)} }`, { keyPattern: { _id: 1 }, keyValue: { _id: doc._id } });
    }
    this.check(db, collName, c, doc, null);
    c.docs.set(idKey(doc._id), doc);
    this.emit(db, collName, 'insert', doc._id);
    return { matched: 0, modified: 0, upsertedId: doc._id, after: structuredClone(doc) };
  }

  private findAndModify(db: string, cmd: Doc): Doc {
    const collName = String(cmd.findAndModify);
    const c = this.collection(db, collName);
    if (cmd.remove) throw new CommandError(9, 'FailedToParse', 'the stand-in does not run findAndModify with remove');
    const r = this.applyUpdate(db, collName, c, (cmd.query as Doc) ?? {}, cmd.update as Doc, { upsert: Boolean(cmd.upsert), multi: false });
    const value = cmd.new ? (r.after ?? null) : (r.before ?? null);
    const lastErrorObject: Doc = { n: r.matched || (r.upsertedId !== undefined ? 1 : 0), updatedExisting: r.matched > 0 };
    if (r.upsertedId !== undefined) lastErrorObject.upserted = r.upsertedId;
    return { lastErrorObject, value, ok: 1 };
  }

  private query(db: string, collName: string, filter: Doc, sort: Doc | undefined): Doc[] {
    const c = this.db(db).get(collName);
    if (!c) return [];
    let docs = [...c.docs.values()].filter((d) => matches(d, filter));
    if (sort && Object.keys(sort).length) docs = docs.sort((a, b) => compareBySort(a, b, sort));
    return docs.map((d) => structuredClone(d));
  }

  private find(db: string, cmd: Doc): Doc {
    const collName = String(cmd.find);
    let docs = this.query(db, collName, (cmd.filter as Doc) ?? {}, cmd.sort as Doc | undefined);
    const skip = Number(cmd.skip ?? 0);
    const limit = Math.abs(Number(cmd.limit ?? 0));
    if (skip) docs = docs.slice(skip);
    if (limit) docs = docs.slice(0, limit);
    if (cmd.projection) docs = docs.map((d) => project(d, cmd.projection as Doc));
    const batchSize = cmd.singleBatch ? docs.length || 1 : (cmd.batchSize as number | undefined);
    const reply = this.cursorReply(`${db}.${collName}`, docs, batchSize, true);
    if (cmd.singleBatch) ((reply.cursor as Doc).id) = BSON.Long.fromNumber(0);
    return reply;
  }

  private aggregate(db: string, cmd: Doc): Doc {
    const collName = String(cmd.aggregate);
    const pipeline = cmd.pipeline as Doc[];
    if (pipeline[0] && '$changeStream' in pipeline[0]) {
      if (this.options.standalone) throw new CommandError(40573, 'Location40573', 'The $changeStream stage is only supported on replica sets');
      const rest = pipeline.slice(1);
      if (rest.some((stage) => Object.keys(stage)[0] !== '$project')) throw new CommandError(115, 'CommandNotSupported', 'the stand-in runs change streams with $project stages only');
      const id = this.nextCursor++;
      this.streams.set(id.toString(), { db, coll: collName, queue: [], wake: null, projections: rest.map((stage) => stage.$project as Doc) });
      return { cursor: { firstBatch: [], id: BSON.Long.fromBigInt(id), ns: `${db}.${collName}`, postBatchResumeToken: { _data: this.resumeToken() } }, ok: 1 };
    }
    let docs = this.query(db, collName, {}, undefined);
    for (const stage of pipeline) {
      const [op, arg] = Object.entries(stage)[0]!;
      if (op === '$match') docs = docs.filter((d) => matches(d, arg as Doc));
      else if (op === '$sort') docs = docs.sort((a, b) => compareBySort(a, b, arg as Doc));
      else if (op === '$skip') docs = docs.slice(Number(arg));
      else if (op === '$limit') docs = docs.slice(0, Number(arg));
      else if (op === '$group') {
        const g = arg as Doc;
        const out: Doc = { _id: g._id };
        for (const [k, acc] of Object.entries(g)) {
          if (k === '_id') continue;
          const sum = (acc as Doc).$sum;
          if (typeof sum !== 'number') throw new CommandError(15952, 'Location15952', `the stand-in's $group knows only {$sum: <number>}`);
          out[k] = docs.length * sum;
        }
        docs = docs.length ? [out] : [];
      } else throw new CommandError(40324, 'Location40324', `Unrecognized pipeline stage name: '${op}'`);
    }
    return this.cursorReply(`${db}.${collName}`, docs, ((cmd.cursor as Doc | undefined)?.batchSize as number | undefined) ?? undefined, true);
  }

  private resumeToken(): string {
    return (this.events + 1).toString(16).padStart(16, '0');
  }

  /** Records a change for the change streams open on this collection. */
  private emit(db: string, coll: string, operationType: string, id: unknown): void {
    this.events++;
    for (const stream of this.streams.values()) {
      if (stream.db !== db || stream.coll !== coll) continue;
      let event: Doc = {
        _id: { _data: this.events.toString(16).padStart(16, '0') },
        operationType,
        clusterTime: new BSON.Timestamp({ t: Math.floor(Date.now() / 1000), i: this.events }),
        wallTime: new Date(),
        ns: { db, coll },
        documentKey: { _id: id },
      };
      for (const projection of stream.projections) event = project(event, projection);
      stream.queue.push(event);
      stream.wake?.();
    }
  }

  /** awaitData: answers at once when events are queued, else after the first event or maxTimeMS. */
  private async streamGetMore(cmd: Doc): Promise<Doc> {
    const id = String(cmd.getMore);
    const stream = this.streams.get(id)!;
    if (!stream.queue.length) {
      const wait = Math.min(Number(cmd.maxTimeMS ?? 1000), 1000);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          stream.wake = null;
          resolve();
        }, wait);
        stream.wake = () => {
          clearTimeout(timer);
          stream.wake = null;
          resolve();
        };
      });
    }
    const batch = stream.queue.splice(0);
    return { cursor: { nextBatch: batch, id: BSON.Long.fromString(id), ns: `${stream.db}.${stream.coll}`, postBatchResumeToken: { _data: this.resumeToken() } }, ok: 1 };
  }

  private getMore(cmd: Doc): Doc {
    const id = String(cmd.getMore);
    const cursor = this.cursors.get(id);
    if (!cursor) throw new CommandError(43, 'CursorNotFound', `cursor id ${id} not found`);
    this.cursors.delete(id);
    return this.cursorReply(cursor.ns, cursor.docs, cmd.batchSize as number | undefined, false);
  }
}

function errorReply(err: unknown): Doc {
  if (err instanceof CommandError) return { ok: 0, errmsg: err.message, code: err.code, codeName: err.codeName, ...err.extra };
  return { ok: 0, errmsg: String(err), code: 1, codeName: 'InternalError' };
}

// ---- documents: values, paths, matching, updates ----

function idKey(id: unknown): string {
  return id instanceof BSON.ObjectId ? `oid:${id.toHexString()}` : JSON.stringify(id);
}

/** The values at a dotted path, traversing arrays (as MongoDB's matcher does). */
function valuesAt(doc: unknown, path: string): unknown[] {
  const [head, ...rest] = path.split('.');
  if (doc === null || typeof doc !== 'object') return [];
  if (Array.isArray(doc)) return doc.flatMap((d) => valuesAt(d, path));
  const v = (doc as Doc)[head!];
  if (!rest.length) return v === undefined ? [] : [v];
  return valuesAt(v, rest.join('.'));
}

function typeOrder(v: unknown): number {
  if (v === null || v === undefined) return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  if (Array.isArray(v)) return 5;
  if (v instanceof BSON.ObjectId) return 6;
  if (typeof v === 'boolean') return 7;
  if (v instanceof Date) return 8;
  return 4;
}

function compareValues(a: unknown, b: unknown): number {
  const ta = typeOrder(a);
  const tb = typeOrder(b);
  if (ta !== tb) return ta - tb;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

const equal = (a: unknown, b: unknown) => typeOrder(a) === typeOrder(b) && compareValues(a, b) === 0;

function compareBySort(a: Doc, b: Doc, sort: Doc): number {
  for (const [path, dir] of Object.entries(sort)) {
    const va = valuesAt(a, path)[0] ?? null;
    const vb = valuesAt(b, path)[0] ?? null;
    const c = compareValues(va, vb);
    if (c) return Number(dir) < 0 ? -c : c;
  }
  return 0;
}

function matchesCondition(values: unknown[], cond: unknown): boolean {
  // Candidates: each value, and each element of an array value (MongoDB matches either).
  const candidates = values.flatMap((v) => (Array.isArray(v) ? [v, ...v] : [v]));
  const isOperatorObject = cond !== null && typeof cond === 'object' && !Array.isArray(cond) && !(cond instanceof Date) && !(cond instanceof BSON.ObjectId) && Object.keys(cond).length > 0 && Object.keys(cond).every((k) => k.startsWith('$'));
  if (!isOperatorObject) {
    if (cond === null) return candidates.length === 0 || candidates.some((v) => v === null);
    return candidates.some((v) => equal(v, cond));
  }
  return Object.entries(cond as Doc).every(([op, arg]) => {
    switch (op) {
      case '$eq':
        return matchesCondition(values, arg);
      case '$ne':
        return !matchesCondition(values, arg);
      case '$in':
        return (arg as unknown[]).some((x) => matchesCondition(values, x));
      case '$nin':
        return !(arg as unknown[]).some((x) => matchesCondition(values, x));
      case '$gt':
        return candidates.some((v) => typeOrder(v) === typeOrder(arg) && compareValues(v, arg) > 0);
      case '$gte':
        return candidates.some((v) => typeOrder(v) === typeOrder(arg) && compareValues(v, arg) >= 0);
      case '$lt':
        return candidates.some((v) => typeOrder(v) === typeOrder(arg) && compareValues(v, arg) < 0);
      case '$lte':
        return candidates.some((v) => typeOrder(v) === typeOrder(arg) && compareValues(v, arg) <= 0);
      case '$exists':
        return (values.length > 0) === Boolean(arg);
      case '$type':
        return candidates.some((v) => (arg === 'string' ? typeof v === 'string' : arg === 'number' ? typeof v === 'number' : false));
      case '$elemMatch':
        return values.some((v) => Array.isArray(v) && v.some((el) => (el !== null && typeof el === 'object' ? matches(el as Doc, arg as Doc) : false)));
      default:
        throw new CommandError(2, 'BadValue', `unknown operator: ${op}`);
    }
  });
}

export function matches(doc: Doc, filter: Doc): boolean {
  return Object.entries(filter).every(([k, cond]) => {
    if (k === '$and') return (cond as Doc[]).every((f) => matches(doc, f));
    if (k === '$or') return (cond as Doc[]).some((f) => matches(doc, f));
    if (k === '$nor') return !(cond as Doc[]).some((f) => matches(doc, f));
    if (k.startsWith('$')) throw new CommandError(2, 'BadValue', `unknown top level operator: ${k}`);
    return matchesCondition(valuesAt(doc, k), cond);
  });
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Doc = doc;
  for (const p of parts.slice(0, -1)) {
    if (cur[p] === null || typeof cur[p] !== 'object') cur[p] = {};
    cur = cur[p] as Doc;
  }
  cur[parts.at(-1)!] = value;
}

function applyOperators(doc: Doc, update: Doc, inserting: boolean): Doc {
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, value] of Object.entries(fields as Doc)) {
      if (path === '_id' && !inserting && op !== '$setOnInsert') throw new CommandError(66, 'ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
      switch (op) {
        case '$set':
          setPath(doc, path, structuredClone(value));
          break;
        case '$setOnInsert':
          if (inserting) setPath(doc, path, structuredClone(value));
          break;
        case '$unset':
          delete doc[path];
          break;
        case '$inc': {
          const cur = valuesAt(doc, path)[0];
          setPath(doc, path, (typeof cur === 'number' ? cur : 0) + Number(value));
          break;
        }
        case '$max': {
          const cur = valuesAt(doc, path)[0];
          if (cur === undefined || compareValues(value, cur) > 0) setPath(doc, path, value);
          break;
        }
        case '$currentDate':
          setPath(doc, path, new Date());
          break;
        default:
          throw new CommandError(9, 'FailedToParse', `Unknown modifier: ${op}`);
      }
    }
  }
  return doc;
}

function project(doc: Doc, projection: Doc): Doc {
  const include = Object.entries(projection).filter(([, v]) => v === 1 || v === true).map(([k]) => k);
  if (!include.length) {
    const out = { ...doc };
    for (const [k, v] of Object.entries(projection)) if (v === 0 || v === false) delete out[k];
    return out;
  }
  const out: Doc = { _id: doc._id };
  for (const k of include) if (k in doc) out[k] = doc[k];
  if (projection._id === 0) delete out._id;
  return out;
}

/** The keys a document contributes to an index (one per array element for a multikey index); none when a partial filter excludes it. */
function indexKeys(index: IndexSpec, doc: Doc): string[] {
  if (index.partialFilterExpression && !matches(doc, index.partialFilterExpression)) return [];
  const fields = Object.keys(index.key);
  let keys: unknown[][] = [[]];
  for (const f of fields) {
    const vs = valuesAt(doc, f);
    const flat = vs.length === 0 ? [null] : vs.flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
    keys = keys.flatMap((k) => flat.map((v) => [...k, v]));
  }
  return [...new Set(keys.map((k) => (k.length === 1 ? JSON.stringify(k[0] ?? null) : JSON.stringify(k))))];
}

// ---- $jsonSchema (the keywords the postings validator uses) ----

function bsonTypeOf(v: unknown): string[] {
  if (v === null) return ['null'];
  if (typeof v === 'string') return ['string'];
  if (typeof v === 'boolean') return ['bool'];
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? ['int', 'number'] : Number.isInteger(v) ? ['long', 'double', 'number'] : ['double', 'number'];
  if (v instanceof Date) return ['date'];
  if (v instanceof BSON.ObjectId) return ['objectId'];
  if (Array.isArray(v)) return ['array'];
  return ['object'];
}

function validate(schema: Doc, value: unknown, path: string): string | null {
  const at = path || '(document)';
  if (schema.bsonType !== undefined) {
    const wanted = Array.isArray(schema.bsonType) ? (schema.bsonType as string[]) : [schema.bsonType as string];
    if (!bsonTypeOf(value).some((t) => wanted.includes(t))) return `${at}: type did not match (expected ${wanted.join('|')})`;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => equal(e, value))) return `${at}: value was not found in enum`;
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) return `${at}: string shorter than minLength`;
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) return `${at}: regular expression did not match`;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
    const obj = value as Doc;
    for (const r of (schema.required as string[] | undefined) ?? []) if (!(r in obj)) return `${path ? `${path}.` : ''}${r}: required property missing`;
    for (const [k, sub] of Object.entries((schema.properties as Doc | undefined) ?? {})) {
      if (k in obj && obj[k] !== undefined) {
        const problem = validate(sub as Doc, obj[k], path ? `${path}.${k}` : k);
        if (problem) return problem;
      }
    }
  }
  if (Array.isArray(value) && schema.items) {
    for (const [i, el] of value.entries()) {
      const problem = validate(schema.items as Doc, el, `${path}[${i}]`);
      if (problem) return problem;
    }
  }
  return null;
}

export type { Document };

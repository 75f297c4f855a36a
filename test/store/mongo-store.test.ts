import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredPosting } from '../../schema/index.ts';
import { main } from '../../jobs/cli.ts';
import { createIngest } from '../../store/ingest.ts';
import { openMongoStore, type MongoPostingStore, type MongoStoreOptions } from '../../store/mongo/mongo-store.ts';
import { POSTING_VALIDATOR } from '../../store/mongo/mongo-schema.ts';
import { createStatsEngine } from '../../store/stats/stats-engine.ts';
import { captureIO } from '../cli-io.ts';
import { RAW } from './ingest-harness.ts';
import { MongoStandIn, type MongoStandInOptions } from './mongo-stand-in.ts';
import { makePosting } from './posting-fixtures.ts';

/**
 * The MongoDB adapter over the official driver against the wire-protocol stand-in, with faults
 * injected where the driver's error paths are: a connection dropped in the middle of a write, a
 * writeConcernError (the primary applied the write, a majority did not confirm it), a refused
 * collMod, a validator that disagrees with our schema, writers racing for seqs.
 */

let server: MongoStandIn;
const stores: MongoPostingStore[] = [];
const DB = 'peerboard_faults';

async function startServer(options: MongoStandInOptions = {}): Promise<void> {
  server = new MongoStandIn(options);
  await server.start();
}
async function open(options: Partial<MongoStoreOptions> = {}): Promise<MongoPostingStore> {
  const s = await openMongoStore({ uri: server.uri, dbName: DB, serverSelectionTimeoutMS: 2000, ...options });
  stores.push(s);
  return s;
}
beforeEach(() => startServer());
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  await server.stop();
});

const stored = (id: string) => server.documents(DB, 'postings').find((d) => d._id === id);

describe('MongoDB writes that fail are failures (issue 12, defect 1)', () => {
  it('a connection dropped mid-write on every attempt fails the batch with STORE_UNAVAILABLE', async () => {
    const store = await open();
    const batch = [makePosting(), makePosting(), makePosting(), makePosting()];
    // The driver retries a retryable write once; putPostings once more: four attempts, all cut.
    server.dropConnectionOn('update', { times: 4, applyStatements: 2, collection: 'postings' });
    await expect(store.putPostings(batch)).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: expect.stringMatching(/writing 4 postings failed: .*closed.*not counted as stored/),
    });
    expect(server.commandsNamed('update', 'postings').length).toBe(4);
    // Half the statements reached the server before each cut: the store has a partial batch,
    // and the call said so by failing (the change feed delivers what is there; ingest published nothing).
    expect(server.documents(DB, 'postings').length).toBe(2);
  });

  it('a connection dropped once is retried (by the driver, as a retryable write) and the batch succeeds', async () => {
    const store = await open();
    const batch = [makePosting(), makePosting(), makePosting()];
    server.dropConnectionOn('update', { times: 1, applyStatements: 3, collection: 'postings' });
    await store.putPostings(batch);
    const updates = server.commandsNamed('update', 'postings');
    expect(updates.length).toBe(2);
    // Same session and transaction number: the server recognised the retry and did not apply it twice.
    expect(updates[1]!.body.txnNumber).toEqual(updates[0]!.body.txnNumber);
    expect(await store.getPostings(batch.map((p) => p.id))).toEqual(batch);
  });

  it('a writeConcernError (majority not confirmed in time) with no writeErrors fails the batch', async () => {
    const store = await open();
    const batch = [makePosting(), makePosting()];
    server.writeConcernErrorOn('update', { times: 2, collection: 'postings' });
    const err = await store.putPostings(batch).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringMatching(/not confirmed by a majority within 10000 ms \(waiting for replication timed out\)/) });
    // Tried twice (one retry for a transient failure), each time with a bounded wait for the majority.
    const updates = server.commandsNamed('update', 'postings');
    expect(updates.length).toBe(2);
    for (const u of updates) expect(u.body.writeConcern).toEqual({ w: 'majority', j: true, wtimeout: 10_000 });
  });

  it('a single writeConcernError is retried once and then the batch is stored', async () => {
    const store = await open();
    const batch = [makePosting(), makePosting()];
    server.writeConcernErrorOn('update', { collection: 'postings' });
    await store.putPostings(batch);
    expect(server.commandsNamed('update', 'postings').length).toBe(2);
    expect(await store.countPostings()).toBe(2);
  });

  it('a failure while taking seqs fails the batch, and the half-taken batch does not hold followers', async () => {
    const store = await open();
    server.writeConcernErrorOn('insert', { collection: 'change_batches' });
    await expect(store.putPostings([makePosting()])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(server.documents(DB, 'postings')).toEqual([]);
    const p = makePosting();
    await store.putPostings([p]);
    expect((await store.changesSince(0, 10)).changes.map((c) => c.posting.id)).toEqual([p.id]);
  });

  it('a server that cannot be selected fails the batch (no silent success)', async () => {
    const store = await open({ serverSelectionTimeoutMS: 300 });
    await server.stop();
    await expect(store.putPostings([makePosting()])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await startServer();
  });

  it('ingest publishes nothing of a batch whose write failed: no statistics, no index', async () => {
    const store = await open();
    const stats = createStatsEngine({ minSample: 1 });
    const indexed: string[] = [];
    const ingest = createIngest({
      store,
      stats,
      indexHook: { indexPostings: async (ps) => void indexed.push(...ps.map((p) => p.id)) },
      now: () => new Date('2026-03-10T08:00:00.000Z'),
    });
    // Cut before any statement reached the server, on every attempt: nothing was written.
    server.dropConnectionOn('update', { times: 4, applyStatements: 0, collection: 'postings' });
    await expect(ingest([RAW.greenhousePeer, RAW.notPeer])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(stats.size).toBe(0);
    expect(indexed).toEqual([]);
    // The same batch once MongoDB confirms again: now it counts.
    const r = await ingest([RAW.greenhousePeer, RAW.notPeer]);
    expect(r.new).toBe(1);
    expect(stats.size).toBe(1);
    expect(indexed).toHaveLength(1);
  });

  it('`peerboard import` exits non-zero when MongoDB drops the connection mid-write', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'peerboard-mongo-import-'));
    try {
      const file = join(dir, 'postings.jsonl');
      await writeFile(file, `${JSON.stringify(RAW.greenhousePeer)}\n${JSON.stringify(RAW.aggregatorSameJob)}\n`);
      server.dropConnectionOn('update', { times: 10, applyStatements: 0, collection: 'postings' });
      const t = captureIO({ MONGODB_URI: server.uri, MONGODB_DB: 'peerboard_import' });
      expect(await main(['import', file, '--json'], t.io)).toBe(1);
      expect(t.err()).toMatch(/\[STORE_UNAVAILABLE\] .*writing 1 postings failed/);
      expect(t.out()).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a posting the validator refuses (our schema and the validator disagree) is an internal error, not an outage', async () => {
    const store = await open();
    const raw = new MongoClient(server.uri);
    try {
      const strict = structuredClone(POSTING_VALIDATOR) as { $jsonSchema: { properties: { status: { enum: string[] } } } };
      strict.$jsonSchema.properties.status.enum = ['active'];
      await raw.db(DB).command({ collMod: 'postings', validator: strict });
    } finally {
      await raw.close();
    }
    await expect(store.putPostings([makePosting({ status: 'expired', endedAt: '2026-03-01T00:00:00.000Z' })])).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: expect.stringMatching(/validator rejected/) });
  });
});

describe('MongoDB settings and schema (issue 12, defect 7)', () => {
  it('waits for a majority with a bound and looks for a server longer than an election', async () => {
    const store = await openMongoStore({ uri: server.uri, dbName: DB });
    stores.push(store);
    const client = (store as unknown as { client: MongoClient }).client;
    expect(client.options.serverSelectionTimeoutMS).toBeGreaterThanOrEqual(30_000);
    await store.putPostings([makePosting()]);
    expect(server.commandsNamed('update', 'postings')[0]!.body.writeConcern).toEqual({ w: 'majority', j: true, wtimeout: 10_000 });
  });

  it('stops the start naming the version needed when the server is older than MongoDB 4.4', async () => {
    await server.stop();
    await startServer({ maxWireVersion: 8 });
    await expect(open({ serverSelectionTimeoutMS: 500 })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringMatching(/MongoDB 4\.4/) });
  });

  it('replaces a stored posting whole, firstSeenAt included (the port contract), never merging', async () => {
    const store = await open();
    const p = makePosting({ firstSeenAt: '2026-03-01T08:00:00.000Z' });
    await store.putPostings([p]);
    const corrected = { ...p, firstSeenAt: '2026-02-20T08:00:00.000Z', title: 'Peer Recovery Specialist' };
    await store.putPostings([corrected]);
    expect(await store.getPosting(p.id)).toEqual(corrected);
    // A replacement document (no update operators such as $setOnInsert), upserted.
    const [statement] = server.commandsNamed('update', 'postings').at(-1)!.body.updates as { upsert: boolean; u: Record<string, unknown> }[];
    expect(statement!.upsert).toBe(true);
    expect(Object.keys(statement!.u).filter((k) => k.startsWith('$'))).toEqual([]);
    expect(statement!.u.firstSeenAt).toBe('2026-02-20T08:00:00.000Z');
  });

  it('runs collMod only when the validator differs', async () => {
    await (await open()).close();
    expect(server.commandsNamed('create').map((c) => c.body.create)).toContain('postings');
    await (await open()).close();
    expect(server.commandsNamed('collMod')).toHaveLength(0);
    const raw = new MongoClient(server.uri);
    try {
      await raw.db(DB).command({ collMod: 'postings', validator: { $jsonSchema: { bsonType: 'object' } } });
    } finally {
      await raw.close();
    }
    await (await open()).close();
    expect(server.commandsNamed('collMod')).toHaveLength(2);
    expect(server.commandsNamed('collMod')[1]!.body.validator).toEqual(POSTING_VALIDATOR);
  });

  it('starts with a warning when the user may not update an outdated validator (readWrite only)', async () => {
    await (await open()).close();
    await server.stop();
    const kept = server.documents(DB, 'postings');
    await startServer({ refuseCollMod: true });
    const raw = new MongoClient(server.uri);
    try {
      await raw.db(DB).createCollection('postings', { validator: { $jsonSchema: { bsonType: 'object' } } });
    } finally {
      await raw.close();
    }
    const log: string[] = [];
    const store = await open({ log: (l) => log.push(l) });
    expect(kept).toEqual([]);
    expect(log.join('\n')).toMatch(/validator differs .* may not update it .*not authorized/);
    await store.putPostings([makePosting()]);
    expect(await store.countPostings()).toBe(1);
  });
});

describe('the MongoDB change feed and checkpoints', () => {
  const ids = (b: { changes: { posting: StoredPosting }[] }) => b.changes.map((c) => c.posting.id);

  it('gives every write a new, higher seq; a rewritten posting moves to its latest seq', async () => {
    const store = await open();
    expect(await store.currentSeq()).toBe(0);
    const [a, b, c] = [makePosting(), makePosting(), makePosting()];
    await store.putPostings([a, b]);
    await store.putPostings([c]);
    const first = await store.changesSince(0, 10);
    expect(first.changes.map((x) => x.seq)).toEqual([1, 2, 3]);
    expect(ids(first)).toEqual([a.id, b.id, c.id]);
    expect(first.changes[0]!.posting).toEqual(a);
    await store.putPostings([{ ...a, title: 'Recovery Coach' }]);
    const after = await store.changesSince(0, 10);
    expect(ids(after)).toEqual([b.id, c.id, a.id]);
    expect(after.lastSeq).toBe(4);
    expect(await store.currentSeq()).toBe(4);
    const paged = await store.changesSince(0, 2);
    expect(paged).toMatchObject({ lastSeq: 3 });
    expect(ids(await store.changesSince(paged.lastSeq, 2))).toEqual([a.id]);
    expect(await store.changesSince(4, 10)).toEqual({ changes: [], lastSeq: 4 });
  });

  it('never lets a follower pass a batch another writer is still writing (the seq gap)', async () => {
    const writer = await open();
    const other = await open();
    const early = makePosting();
    await writer.putPostings([early]);
    // Another process took seqs 2..3 and has not finished writing them.
    const raw = new MongoClient(server.uri);
    try {
      await raw.db(DB).collection('change_batches').insertOne({ _id: 2 as never, end: 3, at: new Date(), done: false });
      const late = makePosting();
      await other.putPostings([late]);
      expect(server.documents(DB, 'postings').find((d) => d._id === late.id)?.seq).toBe(4);
      // Seq 4 is committed but 2..3 are not: the follower stops at 1.
      expect(ids(await writer.changesSince(0, 10))).toEqual([early.id]);
      expect(await writer.currentSeq()).toBe(1);
      await raw.db(DB).collection('change_batches').updateOne({ _id: 2 as never }, { $set: { done: true } });
      expect(ids(await writer.changesSince(1, 10))).toEqual([late.id]);
    } finally {
      await raw.close();
    }
  });

  it('skips a batch left open by a writer that died, once it is older than abandonedBatchMs', async () => {
    const store = await open({ abandonedBatchMs: 1000 });
    const raw = new MongoClient(server.uri);
    try {
      await raw.db(DB).collection('change_batches').insertOne({ _id: 1 as never, end: 5, at: new Date(Date.now() - 5000), done: false });
    } finally {
      await raw.close();
    }
    const p = makePosting();
    await store.putPostings([p]);
    expect(stored(p.id)?.seq).toBe(6);
    expect(ids(await store.changesSince(0, 10))).toEqual([p.id]);
  });

  it('two writers interleaving never make a follower miss a change', async () => {
    const a = await open();
    const b = await open();
    const follower = await open();
    const seen = new Map<string, string>();
    let since = 0;
    const follow = async () => {
      const batch = await follower.changesSince(since, 7);
      for (const c of batch.changes) seen.set(c.posting.id, c.posting.title);
      since = batch.lastSeq;
    };
    const latest = new Map<string, string>();
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 30; i++) {
      const p = makePosting({ id: `p_race${String(i % 12).padStart(4, '0')}`, title: `Peer Specialist ${i}`, sourceId: `race-${i % 12}` });
      latest.set(p.id, p.title);
      writes.push((i % 2 ? a : b).putPostings([p]));
      if (i % 3 === 0) writes.push(follow());
    }
    await Promise.all(writes);
    for (let i = 0; i < 20 && since < (await follower.currentSeq()); i++) await follow();
    await follow();
    // Writes to one id raced, so which title won is the store's call; the follower must agree with it.
    const inStore = new Map((await follower.getPostings([...latest.keys()])).map((p) => [p.id, p.title]));
    expect(seen).toEqual(inStore);
  });

  it('keeps checkpoints per view, monotonic', async () => {
    const store = await open();
    expect(await store.getCheckpoint('meili:http://127.0.0.1:7700/postings')).toBeNull();
    await store.putCheckpoint({ view: 'meili:http://127.0.0.1:7700/postings', seq: 10, updatedAt: '2026-03-10T08:00:00.000Z', documents: 9 });
    await store.putCheckpoint({ view: 'meili:http://127.0.0.1:7700/postings', seq: 4, updatedAt: '2026-03-10T09:00:00.000Z', documents: 3 });
    await store.putCheckpoint({ view: 'embedded-search', seq: 2, updatedAt: '2026-03-10T09:00:00.000Z' });
    expect(await store.getCheckpoint('meili:http://127.0.0.1:7700/postings')).toEqual({ view: 'meili:http://127.0.0.1:7700/postings', seq: 10, updatedAt: '2026-03-10T08:00:00.000Z', documents: 9 });
    await store.putCheckpoint({ view: 'meili:http://127.0.0.1:7700/postings', seq: 12, updatedAt: '2026-03-10T10:00:00.000Z', documents: 11 });
    expect((await store.getCheckpoint('meili:http://127.0.0.1:7700/postings'))?.seq).toBe(12);
    expect(await store.getCheckpoint('embedded-search')).toEqual({ view: 'embedded-search', seq: 2, updatedAt: '2026-03-10T09:00:00.000Z' });
  });

  it('gives postings written before the change feed existed a seq at open', async () => {
    const raw = new MongoClient(server.uri);
    try {
      const { _id: _drop, ...legacy } = { _id: '', ...makePosting({ id: 'p_legacy0001' }) };
      const { id, ...fields } = legacy;
      await raw.db(DB).collection('postings').insertOne({ _id: id as never, ...fields, sourceKeys: [`${fields.source}\u0000${fields.sourceId}`], validThroughAt: null });
    } finally {
      await raw.close();
    }
    const store = await open();
    const feed = await store.changesSince(0, 10);
    expect(ids(feed)).toEqual(['p_legacy0001']);
  });

  it('wakes followers through a change stream when another writer commits', async () => {
    const follower = await open();
    const writer = await open();
    let woken = 0;
    const watch = await follower.watchChanges(() => woken++);
    expect(watch).not.toBeNull();
    try {
      // The stream is open once the server saw its aggregate.
      for (let i = 0; i < 100 && !server.commands.some((c) => c.name === 'aggregate' && JSON.stringify(c.body.pipeline).includes('$changeStream')); i++) await new Promise((r) => setTimeout(r, 10));
      await writer.putPostings([makePosting(), makePosting()]);
      for (let i = 0; i < 200 && woken < 2; i++) await new Promise((r) => setTimeout(r, 10));
      expect(woken).toBeGreaterThanOrEqual(2);
    } finally {
      await watch!.close();
    }
  });

  it('offers no change stream on a standalone server (followers poll)', async () => {
    await server.stop();
    await startServer({ standalone: true });
    const store = await open();
    expect(await store.watchChanges(() => undefined)).toBeNull();
  });
});

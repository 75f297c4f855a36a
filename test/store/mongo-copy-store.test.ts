import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../jobs/cli.ts';
import { openMongoStore } from '../../store/mongo/mongo-store.ts';
import { openPostingStore } from '../../store/open-store.ts';
import type { Employer, ScrapeRun } from '../../store/ports.ts';
import { captureIO } from '../cli-io.ts';
import { MongoStandIn } from './mongo-stand-in.ts';
import { makePosting } from './posting-fixtures.ts';

let dir = '';
let server: MongoStandIn;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerboard-copy-'));
  server = new MongoStandIn();
  await server.start();
});
afterEach(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

const employer: Employer = { id: 'emp_copy_01', name: 'Hope Works', email: 'jobs@hopeworks.example', website: null, apiKeyHash: 'a'.repeat(64), createdAt: '2026-01-05T10:00:00.000Z' };
const run: ScrapeRun = {
  id: 'run_copy_01', sourceId: 'greenhouse-hope', startedAt: '2026-03-03T08:00:00.000Z', endedAt: '2026-03-03T08:01:00.000Z', status: 'ok',
  pagesFetched: 3, robotsSkipped: 0, counts: { received: 2, new: 2, updated: 0, unchanged: 0, duplicates: 0, rejected: {} }, expired: 0, errors: [],
};

describe('peerboard copy-store: moving an embedded store into MongoDB', () => {
  it('copies postings whole, their employers and the runs; a second run changes nothing', async () => {
    const embedded = await openPostingStore({ DATA_DIR: dir, MONGODB_URI: undefined, MONGODB_DB: 'peerboard' });
    const direct = makePosting({ employerId: employer.id, postedDirectly: true, firstSeenAt: '2025-12-01T08:00:00.000Z' });
    const expired = makePosting({ status: 'expired', endedAt: '2026-02-01T00:00:00.000Z' });
    try {
      await embedded.createEmployer(employer);
      await embedded.putPostings([direct, expired]);
      await embedded.putRun(run);
    } finally {
      await embedded.close();
    }
    const env = { DATA_DIR: join(dir, 'elsewhere'), MONGODB_URI: server.uri, MONGODB_DB: 'peerboard_copy' };
    for (let round = 0; round < 2; round++) {
      const t = captureIO(env);
      expect(await main(['copy-store', '--from', dir], t.io)).toBe(0);
      expect(t.out()).toBe('copied 2 postings, 1 employers and 1 scrape runs into MongoDB (database peerboard_copy)\n');
    }
    const mongo = await openMongoStore({ uri: server.uri, dbName: 'peerboard_copy', serverSelectionTimeoutMS: 2000 });
    try {
      expect(await mongo.getPostings([direct.id, expired.id])).toEqual([direct, expired]);
      expect(await mongo.getEmployerByKeyHash(employer.apiKeyHash)).toEqual(employer);
      expect(await mongo.listRuns()).toEqual([run]);
      // The copy is in MongoDB's change feed, so an index following it (a new view) gets everything.
      const feed = await mongo.changesSince(0, 100);
      expect(new Set(feed.changes.map((c) => c.posting.id))).toEqual(new Set([direct.id, expired.id]));
    } finally {
      await mongo.close();
    }
  });

  it('needs --from and MONGODB_URI', async () => {
    const t = captureIO({});
    expect(await main(['copy-store'], t.io)).toBe(2);
    expect(await main(['copy-store', '--from', dir], t.io)).toBe(2);
    expect(t.err()).toMatch(/set MONGODB_URI/);
  });
});

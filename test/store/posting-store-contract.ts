import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredPosting } from '../../schema/index.ts';
import type { PostingStore, ScrapeRun } from '../../store/ports.ts';
import { ColumnarStatsEngine, loadStatsEngine } from '../../store/stats/stats-engine.ts';
import { hourlyPay, makePosting } from './posting-fixtures.ts';

/** One contract suite, run against every PostingStore adapter. */
export interface StoreHarness {
  open(): Promise<PostingStore>;
  /** Removes everything the harness created (files, database). */
  cleanup(): Promise<void>;
}

async function collect(store: PostingStore, query?: Parameters<PostingStore['iteratePostings']>[0], batchSize?: number): Promise<StoredPosting[][]> {
  const out: StoredPosting[][] = [];
  for await (const b of store.iteratePostings(query, batchSize)) out.push(b);
  return out;
}

function run(overrides: Partial<ScrapeRun> = {}): ScrapeRun {
  return {
    id: `run_${Math.random().toString(36).slice(2, 10)}`,
    sourceId: 'greenhouse-southeast-behavioral',
    startedAt: '2026-03-03T08:00:00.000Z',
    endedAt: '2026-03-03T08:02:10.000Z',
    status: 'ok',
    pagesFetched: 12,
    robotsSkipped: 0,
    counts: { received: 40, new: 3, updated: 1, unchanged: 30, duplicates: 2, rejected: { not_peer_role: 4 } },
    expired: 1,
    errors: [],
    ...overrides,
  };
}

export function describePostingStoreContract(name: string, harness: () => StoreHarness): void {
  describe(`PostingStore contract: ${name}`, () => {
    let h: StoreHarness;
    let store: PostingStore;

    beforeEach(async () => {
      h = harness();
      store = await h.open();
    });
    afterEach(async () => {
      await store.close().catch(() => undefined);
      await h.cleanup();
    });

    it('stores postings and reads them back by id, several ids and listing', async () => {
      const a = makePosting({ id: 'p_contract0001' });
      const b = makePosting({ id: 'p_contract0002', title: 'Recovery Coach', roleFamily: 'peer_recovery_specialist' });
      await store.putPostings([a, b]);
      expect(await store.getPosting(a.id)).toEqual(a);
      expect(await store.getPosting('p_missing')).toBeNull();
      expect((await store.getPostings([b.id, 'p_missing', a.id])).map((p) => p.id)).toEqual([b.id, a.id]);
      expect((await store.findBySource(b.sources[0]!.source, b.sources[0]!.sourceId))?.id).toBe(b.id);
      expect(await store.findBySource(b.sources[0]!.source, 'nope')).toBeNull();
    });

    it('replaces a posting by id, and its listings move with it', async () => {
      const a = makePosting({ id: 'p_contract0003' });
      await store.putPostings([a]);
      const moved = { ...a, title: 'Peer Support Specialist II', sources: [{ ...a.sources[0]!, source: 'indeed-feed', sourceId: 'ix-77' }] };
      await store.putPostings([moved]);
      expect((await store.getPosting(a.id))?.title).toBe('Peer Support Specialist II');
      expect(await store.findBySource(a.sources[0]!.source, a.sources[0]!.sourceId)).toBeNull();
      expect((await store.findBySource('indeed-feed', 'ix-77'))?.id).toBe(a.id);
      expect(await store.countPostings()).toBe(1);
    });

    it('finds a posting by any of its listings', async () => {
      const a = makePosting({ id: 'p_contract0004' });
      const two = {
        ...a,
        sources: [a.sources[0]!, { source: 'careers-page', sourceId: 'https://sebh.org/careers/peer', url: 'https://sebh.org/careers/peer', firstSeenAt: a.firstSeenAt, lastSeenAt: a.lastSeenAt }],
      };
      await store.putPostings([two]);
      expect((await store.findBySource('careers-page', 'https://sebh.org/careers/peer'))?.id).toBe(a.id);
      expect((await store.findBySource(a.sources[0]!.source, a.sources[0]!.sourceId))?.id).toBe(a.id);
    });

    it('refuses a second posting claiming a listing another posting holds', async () => {
      const a = makePosting({ id: 'p_contract0005' });
      await store.putPostings([a]);
      const b = makePosting({ id: 'p_contract0006', sources: a.sources });
      await expect(store.putPostings([b])).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await store.getPosting(b.id)).toBeNull();
    });

    it('rejects a malformed posting with a validation error and writes nothing of the batch', async () => {
      const good = makePosting({ id: 'p_contract0007' });
      const bad = { ...makePosting({ id: 'p_contract0008' }), status: 'deleted' } as unknown as StoredPosting;
      await expect(store.putPostings([good, bad])).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(await store.getPosting(good.id)).toBeNull();
    });

    it('iterates in id order in batches and filters by status, source, fingerprint and employer', async () => {
      const ps = [
        makePosting({ id: 'p_c3', status: 'expired', endedAt: '2026-03-10T00:00:00.000Z' }),
        makePosting({ id: 'p_c1', fingerprint: 'fp1_same' }),
        makePosting({ id: 'p_c2', fingerprint: 'fp1_same', source: 'usajobs', sourceId: '812345600' }),
        makePosting({ id: 'p_c5', status: 'closed', employerId: 'emp_1', postedDirectly: true, source: 'direct', sourceId: 'p_c5' }),
        makePosting({ id: 'p_c4' }),
      ];
      await store.putPostings(ps);
      const batches = await collect(store, {}, 2);
      expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
      expect(batches.flat().map((p) => p.id)).toEqual(['p_c1', 'p_c2', 'p_c3', 'p_c4', 'p_c5']);
      expect((await collect(store, { statuses: ['active'] })).flat().map((p) => p.id)).toEqual(['p_c1', 'p_c2', 'p_c4']);
      expect((await collect(store, { statuses: ['expired', 'closed'] })).flat().map((p) => p.id)).toEqual(['p_c3', 'p_c5']);
      expect((await collect(store, { fingerprint: 'fp1_same' })).flat().map((p) => p.id)).toEqual(['p_c1', 'p_c2']);
      expect((await collect(store, { source: 'usajobs' })).flat().map((p) => p.id)).toEqual(['p_c2']);
      expect((await collect(store, { employerId: 'emp_1' })).flat().map((p) => p.id)).toEqual(['p_c5']);
      expect(await store.countPostings({ statuses: ['active'], fingerprint: 'fp1_same' })).toBe(2);
      expect(await store.countPostings()).toBe(5);
      expect(await collect(store, { fingerprint: 'fp1_none' })).toEqual([]);
    });

    it('filters by validThrough and by when a source last saw the posting', async () => {
      const early = makePosting({ id: 'p_v1', validThrough: '2026-03-31T23:59:59-04:00' });
      const late = makePosting({ id: 'p_v2', validThrough: '2026-06-30T00:00:00.000Z' });
      const none = makePosting({ id: 'p_v3', validThrough: null });
      const twoSources = makePosting({
        id: 'p_v4',
        lastSeenAt: '2026-03-20T00:00:00.000Z',
        sources: [
          { source: 'board-a', sourceId: 'a-1', url: null, firstSeenAt: '2026-03-01T00:00:00.000Z', lastSeenAt: '2026-03-05T00:00:00.000Z' },
          { source: 'board-b', sourceId: 'b-1', url: null, firstSeenAt: '2026-03-01T00:00:00.000Z', lastSeenAt: '2026-03-20T00:00:00.000Z' },
        ],
      });
      await store.putPostings([early, late, none, twoSources]);
      // 2026-03-31T23:59:59-04:00 is 2026-04-01T03:59:59Z: instants compare, not strings.
      expect((await collect(store, { validThroughBefore: '2026-04-01T03:00:00.000Z' })).flat().map((p) => p.id)).toEqual([]);
      expect((await collect(store, { validThroughBefore: '2026-04-02T00:00:00.000Z' })).flat().map((p) => p.id)).toEqual(['p_v1']);
      expect((await collect(store, { source: 'board-a', lastSeenBefore: '2026-03-10T00:00:00.000Z' })).flat().map((p) => p.id)).toEqual(['p_v4']);
      expect((await collect(store, { source: 'board-b', lastSeenBefore: '2026-03-10T00:00:00.000Z' })).flat()).toEqual([]);
      expect((await collect(store, { lastSeenBefore: '2026-03-10T00:00:00.000Z' })).flat().map((p) => p.id)).toEqual(['p_v1', 'p_v2', 'p_v3']);
    });

    it('gives every posting write a new seq and feeds the latest state of each posting in seq order', async () => {
      expect(await store.currentSeq()).toBe(0);
      expect(await store.changesSince(0, 10)).toEqual({ changes: [], lastSeq: 0 });
      const a = makePosting({ id: 'p_f1' });
      const b = makePosting({ id: 'p_f2', sourceId: 'req-f2' });
      const c = makePosting({ id: 'p_f3', sourceId: 'req-f3' });
      await store.putPostings([a, b]);
      await store.putPostings([c]);
      const s1 = await store.currentSeq();
      expect(s1).toBeGreaterThanOrEqual(3);
      const all = await store.changesSince(0, 10);
      expect(all.changes.map((x) => x.posting.id)).toEqual(['p_f1', 'p_f2', 'p_f3']);
      expect(all.changes.map((x) => x.seq)).toEqual([...all.changes.map((x) => x.seq)].sort((x, y) => x - y));
      expect(new Set(all.changes.map((x) => x.seq)).size).toBe(3);
      expect(all.lastSeq).toBe(s1);
      expect(all.changes[0]!.posting).toEqual(a);

      // Rewritten: it moves to the end of the feed, once, in its new state.
      const a2 = { ...a, status: 'expired' as const, endedAt: '2026-03-09T00:00:00.000Z', updatedAt: '2026-03-09T00:00:00.000Z' };
      await store.putPostings([a2]);
      const after = await store.changesSince(s1, 10);
      expect(after.changes.map((x) => x.posting)).toEqual([a2]);
      expect(after.changes[0]!.seq).toBeGreaterThan(s1);
      const again = await store.changesSince(0, 10);
      expect(again.changes.map((x) => x.posting.id)).toEqual(['p_f2', 'p_f3', 'p_f1']);

      // Paged with limit: lastSeq is the next `since`.
      const page1 = await store.changesSince(0, 2);
      expect(page1.changes.map((x) => x.posting.id)).toEqual(['p_f2', 'p_f3']);
      const page2 = await store.changesSince(page1.lastSeq, 2);
      expect(page2.changes.map((x) => x.posting.id)).toEqual(['p_f1']);
      expect(await store.changesSince(page2.lastSeq, 2)).toEqual({ changes: [], lastSeq: page2.lastSeq });
    });

    it('a refused batch takes no seq and changes nothing in the feed', async () => {
      await store.putPostings([makePosting({ id: 'p_g1', sourceId: 'req-g1' })]);
      const before = await store.currentSeq();
      await expect(store.putPostings([makePosting({ id: 'p_g2', sourceId: 'req-g2' }), makePosting({ id: 'p_g3', sourceId: 'req-g1' })])).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await store.currentSeq()).toBe(before);
      expect((await store.changesSince(0, 10)).changes.map((x) => x.posting.id)).toEqual(['p_g1']);
    });

    it('keeps view checkpoints per view and never moves one backwards', async () => {
      expect(await store.getCheckpoint('embedded-search')).toBeNull();
      await store.putCheckpoint({ view: 'embedded-search', seq: 5, updatedAt: '2026-03-03T08:00:00.000Z', documents: 4 });
      await store.putCheckpoint({ view: 'meili:http://127.0.0.1:7700/postings', seq: 2, updatedAt: '2026-03-03T08:00:00.000Z' });
      expect(await store.getCheckpoint('embedded-search')).toEqual({ view: 'embedded-search', seq: 5, updatedAt: '2026-03-03T08:00:00.000Z', documents: 4 });
      await store.putCheckpoint({ view: 'embedded-search', seq: 3, updatedAt: '2026-03-04T08:00:00.000Z', documents: 1 });
      expect((await store.getCheckpoint('embedded-search'))?.seq).toBe(5);
      await store.putCheckpoint({ view: 'embedded-search', seq: 9, updatedAt: '2026-03-05T08:00:00.000Z' });
      expect((await store.getCheckpoint('embedded-search'))?.seq).toBe(9);
      expect((await store.getCheckpoint('meili:http://127.0.0.1:7700/postings'))?.seq).toBe(2);
    });

    it('keeps employers, finds them by id and API key hash, and refuses a duplicate e-mail', async () => {
      const e = { id: 'emp_a', name: 'Southeast Behavioral Health', email: 'hr@sebh.org', website: 'https://sebh.org', apiKeyHash: 'a'.repeat(64), createdAt: '2026-03-01T00:00:00.000Z' };
      await store.createEmployer(e);
      expect(await store.getEmployer('emp_a')).toEqual(e);
      expect(await store.getEmployerByKeyHash('a'.repeat(64))).toEqual(e);
      expect(await store.getEmployerByKeyHash('b'.repeat(64))).toBeNull();
      await expect(store.createEmployer({ ...e, id: 'emp_b', email: 'HR@sebh.org', apiKeyHash: 'c'.repeat(64) })).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('records scrape runs and lists them newest first, per source and limited', async () => {
      const r1 = run({ id: 'run_1', startedAt: '2026-03-01T08:00:00.000Z' });
      const r2 = run({ id: 'run_2', startedAt: '2026-03-02T08:00:00.000Z', sourceId: 'usajobs' });
      const r3 = run({ id: 'run_3', startedAt: '2026-03-03T08:00:00.000Z', status: 'running', endedAt: null });
      await store.putRun(r1);
      await store.putRun(r2);
      await store.putRun(r3);
      await store.putRun({ ...r3, status: 'partial', endedAt: '2026-03-03T08:05:00.000Z', errors: ['https://x.org/jobs/1: HTTP 503'] });
      expect((await store.listRuns()).map((r) => r.id)).toEqual(['run_3', 'run_2', 'run_1']);
      expect((await store.listRuns({ sourceId: 'greenhouse-southeast-behavioral' })).map((r) => r.id)).toEqual(['run_3', 'run_1']);
      expect((await store.listRuns({ last: 1 }))[0]).toMatchObject({ id: 'run_3', status: 'partial', errors: ['https://x.org/jobs/1: HTTP 503'] });
    });

    it('gives a named lock to one owner at a time until it expires or is released', async () => {
      expect(await store.acquireLock('source:usajobs', 'worker-a', 60_000)).toBe(true);
      expect(await store.acquireLock('source:usajobs', 'worker-b', 60_000)).toBe(false);
      expect(await store.acquireLock('source:usajobs', 'worker-a', 60_000)).toBe(true); // renew
      await store.releaseLock('source:usajobs', 'worker-b'); // not the owner: no effect
      expect(await store.acquireLock('source:usajobs', 'worker-b', 60_000)).toBe(false);
      await store.releaseLock('source:usajobs', 'worker-a');
      expect(await store.acquireLock('source:usajobs', 'worker-b', 1)).toBe(true);
      await new Promise((r) => setTimeout(r, 20));
      expect(await store.acquireLock('source:usajobs', 'worker-a', 60_000)).toBe(true); // b's expired
    });

    it('feeds the statistics engine exactly the numbers of the postings it holds', async () => {
      const wages = [16.5, 17.25, 18, 19.5, 21, 22.75, 24, 26.5, 31];
      const ps = wages.map((w, i) =>
        makePosting({ id: `p_st${i}`, pay: i % 3 === 0 ? hourlyPay(w, w + 2) : hourlyPay(w, null), settings: i % 2 ? ['crisis_unit'] : ['crisis_unit', 'moud'], status: i === 8 ? 'expired' : 'active' }),
      );
      await store.putPostings(ps);
      const fromStore = await loadStatsEngine(store, { minSample: 3 });
      const direct = ColumnarStatsEngine.fromPostings(ps, { minSample: 3 });
      expect(fromStore.size).toBe(9);
      for (const groupBy of [[], ['setting']] as const) {
        expect(fromStore.salaryStats({}, groupBy)).toEqual(direct.salaryStats({}, groupBy));
        expect(fromStore.salaryStats({ includeExpired: true }, groupBy)).toEqual(direct.salaryStats({ includeExpired: true }, groupBy));
      }
      expect(fromStore.salaryStats({}, [])[0]!.count).toBe(8);
    });

    it('keeps everything across close and reopen', async () => {
      const a = makePosting({ id: 'p_reopen1' });
      await store.putPostings([a]);
      await store.putCheckpoint({ view: 'embedded-search', seq: 1, updatedAt: '2026-03-04T00:00:00.000Z' });
      await store.putRun(run({ id: 'run_reopen' }));
      const seq = await store.currentSeq();
      await store.close();
      store = await h.open();
      expect(await store.getPosting(a.id)).toEqual(a);
      expect(await store.currentSeq()).toBe(seq);
      expect((await store.getCheckpoint('embedded-search'))?.seq).toBe(1);
      expect((await store.listRuns()).map((r) => r.id)).toEqual(['run_reopen']);
      await store.ping();
    });
  });
}

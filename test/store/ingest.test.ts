import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalTitle, dedupeFingerprint } from '../../store/dedupe.ts';
import { createIngest, newPostingId } from '../../store/ingest.ts';
import type { PostingStore } from '../../store/ports.ts';
import { RAW, openIngestHarness, type IngestHarness } from './ingest-harness.ts';

let h: IngestHarness;
beforeEach(async () => {
  h = await openIngestHarness();
});
afterEach(async () => {
  await h.close();
});

describe('ingest', () => {
  it('stores new peer postings, rejects invalid and non-peer ones with a reason, and counts everything', async () => {
    const r = await h.ingest([RAW.greenhousePeer, RAW.crisisCoach, RAW.notPeer, { employer: 'No Title Inc.' }, 'just a string']);
    expect(r).toMatchObject({ received: 5, new: 2, updated: 0, unchanged: 0, duplicates: 0, rejected: { not_peer_role: 1, invalid_posting: 2 } });
    expect(r.rejections.map((x) => [x.index, x.reason])).toEqual([
      [2, 'not_peer_role'],
      [3, 'invalid_posting'],
      [4, 'invalid_posting'],
    ]);
    expect(r.rejections[1]!.message).toMatch(/title/);
    expect(r.postingIds).toHaveLength(2);
    const [a, b] = await h.store.getPostings(r.postingIds);
    expect(a).toMatchObject({
      status: 'active',
      title: 'Peer Support Specialist - Part Time',
      firstSeenAt: '2026-03-10T08:00:00.000Z',
      lastSeenAt: '2026-03-10T08:00:00.000Z',
      updatedAt: '2026-03-10T08:00:00.000Z',
      sources: [{ source: 'greenhouse-sebh', sourceId: '4410021', url: RAW.greenhousePeer.url }],
      pay: { hourlyMin: 18.5, hourlyMax: 22 },
    });
    expect(b?.roleFamily).toBe('peer_recovery_specialist');
    expect(h.stats.size).toBe(2);
    expect(h.index.indexedIds.sort()).toEqual([...r.postingIds].sort());
  });

  it('is idempotent: the same batch again is all unchanged, and content, updatedAt and hash stay put', async () => {
    const batch = [RAW.greenhousePeer, RAW.aggregatorSameJob, RAW.crisisCoach, RAW.greenhousePeer];
    const first = await h.ingest(batch);
    expect(first).toMatchObject({ received: 4, new: 2, duplicates: 2, unchanged: 0, updated: 0 });
    const before = await h.store.getPostings(first.postingIds);
    h.index.calls = [];
    h.clock.now = new Date('2026-03-11T08:00:00.000Z');
    const second = await h.ingest(batch);
    expect(second).toMatchObject({ received: 4, new: 0, updated: 0, unchanged: 4, duplicates: 0, rejected: {} });
    expect(second.postingIds).toEqual(first.postingIds);
    const after = await h.store.getPostings(first.postingIds);
    for (let i = 0; i < after.length; i++) {
      expect(after[i]!.contentHash).toBe(before[i]!.contentHash);
      expect(after[i]!.updatedAt).toBe(before[i]!.updatedAt);
      // Seen again: lastSeenAt moves, which is not an update (documented in 021).
      expect(after[i]!.lastSeenAt).toBe('2026-03-11T08:00:00.000Z');
    }
    expect(h.index.calls).toEqual([]); // nothing for the index to do
    expect(await h.store.countPostings()).toBe(2);
  });

  it('makes one posting with two sources of the same job on two sites, and counts it once in the statistics', async () => {
    const r = await h.ingest([RAW.greenhousePeer]);
    const r2 = await h.ingest([RAW.aggregatorSameJob]);
    expect(r2).toMatchObject({ new: 0, duplicates: 1 });
    expect(r2.postingIds).toEqual(r.postingIds);
    const p = await h.store.getPosting(r.postingIds[0]!);
    expect(p!.sources.map((s) => [s.source, s.sourceId])).toEqual([
      ['greenhouse-sebh', '4410021'],
      ['jobs-aggregator', 'agg-88231'],
    ]);
    // The first listing keeps owning the content: the aggregator's wording does not overwrite it.
    expect(p!.title).toBe('Peer Support Specialist - Part Time');
    const [row] = h.stats.salaryStats({}, []);
    expect(row).toMatchObject({ count: 1, withPay: 1 });
    expect(row!.hourly.median).toBe(20.25);
  });

  it('keeps the part-time and the full-time opening at one employer and place apart', async () => {
    const r = await h.ingest([RAW.greenhousePeer, RAW.fullTimeOpening, RAW.aggregatorSameJob]);
    expect(r).toMatchObject({ new: 2, duplicates: 1 });
    expect(new Set(r.postingIds).size).toBe(2);
    expect(r.postingIds[2]).toBe(r.postingIds[0]);
  });

  it('does not merge same-titled jobs of unnamed employers, nor two listings of one source', async () => {
    const anon = { title: 'Peer Support Specialist', location: 'Columbus, OH', description: 'Peer support with lived experience of recovery.' };
    const r = await h.ingest([
      { ...anon, source: 'board-a', sourceId: 'a1' },
      { ...anon, source: 'board-b', sourceId: 'b1' },
      { ...RAW.greenhousePeer, sourceId: '4410099' }, // the same board listing the same title twice: two openings
      RAW.greenhousePeer,
    ]);
    expect(r.new).toBe(4);
  });

  it('updates a posting whose content changed at its source, and tells stats and index', async () => {
    const r = await h.ingest([RAW.greenhousePeer]);
    const id = r.postingIds[0]!;
    const before = await h.store.getPosting(id);
    h.clock.now = new Date('2026-03-12T08:00:00.000Z');
    h.index.calls = [];
    const r2 = await h.ingest([{ ...RAW.greenhousePeer, pay: '$19.50 - $23.00 per hour' }]);
    expect(r2).toMatchObject({ updated: 1, new: 0, unchanged: 0 });
    const after = await h.store.getPosting(id);
    expect(after!.pay).toMatchObject({ hourlyMin: 19.5, hourlyMax: 23 });
    expect(after!.contentHash).not.toBe(before!.contentHash);
    expect(after!.updatedAt).toBe('2026-03-12T08:00:00.000Z');
    expect(after!.firstSeenAt).toBe(before!.firstSeenAt);
    expect(h.stats.salaryStats({}, [])[0]!.hourly.median).toBe(21.25);
    expect(h.index.indexedIds).toEqual([id]);
  });

  it('reactivates an expired posting that appears again', async () => {
    const r = await h.ingest([RAW.greenhousePeer]);
    const id = r.postingIds[0]!;
    await h.lifecycle.expireMissing('greenhouse-sebh', new Set());
    expect((await h.store.getPosting(id))!.status).toBe('expired');
    h.clock.now = new Date('2026-03-20T08:00:00.000Z');
    const r2 = await h.ingest([RAW.greenhousePeer]);
    expect(r2).toMatchObject({ updated: 1 });
    const p = await h.store.getPosting(id);
    expect(p).toMatchObject({ status: 'active', endedAt: null, lastSeenAt: '2026-03-20T08:00:00.000Z' });
    expect(h.stats.salaryStats({}, [])[0]!.count).toBe(1);
  });

  it('keeps a posting closed by its employer closed when a scraper sees it again', async () => {
    const r = await h.ingest([RAW.greenhousePeer]);
    const id = r.postingIds[0]!;
    await h.lifecycle.closePosting(id);
    const r2 = await h.ingest([RAW.greenhousePeer]);
    expect(r2).toMatchObject({ unchanged: 1, updated: 0 });
    expect((await h.store.getPosting(id))!.status).toBe('closed');
  });

  it('lets an employer post directly, and reopens the closed post only when the employer changes it', async () => {
    const post = { ...RAW.crisisCoach, source: 'direct', sourceId: 'emp_1-req-1', employerId: 'emp_1' };
    const r = await h.ingest([post]);
    const id = r.postingIds[0]!;
    expect(await h.store.getPosting(id)).toMatchObject({ employerId: 'emp_1', postedDirectly: true });
    await h.lifecycle.closePosting(id);
    await h.ingest([post]);
    expect((await h.store.getPosting(id))!.status).toBe('closed');
    const r3 = await h.ingest([{ ...post, pay: '$23.00/hr' }]);
    expect(r3.updated).toBe(1);
    expect((await h.store.getPosting(id))!.status).toBe('active');
  });

  it('ignores an employer id on a scraped or imported line', async () => {
    const r = await h.ingest([{ ...RAW.crisisCoach, employerId: 'emp_victim' }]);
    expect(await h.store.getPosting(r.postingIds[0]!)).toMatchObject({ employerId: null, postedDirectly: false });
  });

  it('stamps the caller\'s source on lines that have none, and gives a stable listing id to lines without an id or URL', async () => {
    const line = { title: 'Certified Peer Specialist', employer: 'Hope Clubhouse', location: 'Dayton, OH', pay: '$17/hr', description: 'Clubhouse peer support; lived experience required.' };
    const r = await h.ingest([line], { source: 'import' });
    const p = await h.store.getPosting(r.postingIds[0]!);
    expect(p!.sources[0]!.source).toBe('import');
    expect(p!.sources[0]!.sourceId).toMatch(/^h_[0-9a-f]{24}$/);
    expect(await h.ingest([line], { source: 'import' })).toMatchObject({ unchanged: 1 });
  });

  it('writes nothing on a dry run but counts as if it had', async () => {
    const r = await h.ingest([RAW.greenhousePeer, RAW.notPeer], { dryRun: true });
    expect(r).toMatchObject({ new: 1, rejected: { not_peer_role: 1 } });
    expect(await h.store.countPostings()).toBe(0);
    expect(h.stats.size).toBe(0);
  });

  it('does not fail when the index fails: the posting is stored (in the change feed, for the index to catch up) and the failure reported', async () => {
    h.index.failNext = 1;
    const r = await h.ingest([RAW.greenhousePeer], { waitForIndex: true });
    expect(r.new).toBe(1);
    expect(h.indexErrors).toEqual(['connect ECONNREFUSED 127.0.0.1:7700']);
    expect((await h.store.changesSince(0, 10)).changes.map((c) => c.posting.id)).toEqual(r.postingIds);
    await h.ingest([RAW.crisisCoach], { waitForIndex: true });
    expect(h.index.calls.at(-1)).toMatchObject({ wait: true });
  });

  it('when another writer creates the same listing between planning and writing, plans again and joins its posting', async () => {
    // What two servers on one MongoDB can do: the other one stores the listing first, our write
    // then hits the unique listing key (CONFLICT), and ingest must not create a second posting.
    const inner = h.store;
    const otherServer = createIngest({ store: inner, now: () => h.clock.now });
    let raced = false;
    const racing = new Proxy(inner, {
      get(target, prop, receiver) {
        if (prop === 'putPostings') {
          return async (postings: Parameters<PostingStore['putPostings']>[0]) => {
            if (!raced) {
              raced = true;
              await otherServer([RAW.greenhousePeer]);
            }
            return target.putPostings(postings);
          };
        }
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const ours = createIngest({ store: racing, now: () => h.clock.now });
    const r = await ours([RAW.greenhousePeer]);
    expect(raced).toBe(true);
    expect(r).toMatchObject({ new: 0, unchanged: 1 });
    expect(await inner.countPostings()).toBe(1);
  });

  it('keeps every acknowledged posting across a restart of the store', async () => {
    const r = await h.ingest([RAW.greenhousePeer, RAW.crisisCoach, RAW.aggregatorSameJob]);
    await h.store.close();
    const { openEmbeddedStore } = await import('../../store/embedded/embedded-store.ts');
    h.store = await openEmbeddedStore({ dataDir: h.dir });
    expect((await h.store.getPostings(r.postingIds)).length).toBe(3);
  });
});

describe('de-duplication rule', () => {
  it('reads the same title written differently as one canonical title', () => {
    const same = ['Peer Support Specialist - Part Time', 'Peer Support Specialist (PT)', 'PEER SUPPORT SPECIALIST, P/T', 'Peer Support Spec. - Part-Time (Req #4411)', 'Part Time Peer Support Specialist - Columbus, OH'];
    const canon = same.map((t) => canonicalTitle(t, { city: 'Columbus', state: 'OH' }));
    expect(new Set(canon).size).toBe(1);
    expect(canonicalTitle('Peer Support Specialist', { employmentType: 'part_time' })).toBe(canon[0]);
  });
  it('keeps what tells jobs apart: level, population, employment type', () => {
    const t = (s: string) => canonicalTitle(s);
    expect(t('Peer Specialist I')).not.toBe(t('Peer Specialist II'));
    expect(t('Peer Specialist 2')).toBe(t('Peer Specialist II'));
    expect(t('Youth Peer Advocate')).not.toBe(t('Peer Advocate'));
    expect(t('Peer Support Specialist - Full Time')).not.toBe(t('Peer Support Specialist - Part Time'));
  });
  it('keys by employer and title, ignoring legal suffixes and case; place is compared pair by pair (store/dedupe sameJob)', () => {
    const base = { title: 'Recovery Coach', employer: 'Franklin County Crisis Center, Inc.', location: { city: 'Columbus', state: 'OH', postalCode: null, workplace: 'onsite' as const, lat: null, lon: null }, employmentType: null };
    const a = dedupeFingerprint(base, { source: 'x', sourceId: '1' });
    expect(dedupeFingerprint({ ...base, employer: 'FRANKLIN COUNTY CRISIS CENTER' }, { source: 'y', sourceId: '2' })).toBe(a);
    expect(dedupeFingerprint({ ...base, location: { ...base.location, city: 'Dayton' } }, { source: 'y', sourceId: '2' })).toBe(a);
    expect(dedupeFingerprint({ ...base, title: 'Recovery Coach II' }, { source: 'y', sourceId: '2' })).not.toBe(a);
  });
  it('makes short, URL-safe, random posting ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newPostingId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^p_[a-z2-7]{16}$/);
  });
});

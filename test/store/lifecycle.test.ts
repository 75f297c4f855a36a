import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RAW, openIngestHarness, type IngestHarness } from './ingest-harness.ts';

let h: IngestHarness;
beforeEach(async () => {
  h = await openIngestHarness();
});
afterEach(async () => {
  await h.close();
});

describe('posting lifecycle', () => {
  it('expires the postings a complete run no longer saw, and only those', async () => {
    const r = await h.ingest([RAW.greenhousePeer, { ...RAW.greenhousePeer, sourceId: '4410030', title: 'Peer Recovery Specialist', url: 'https://boards.greenhouse.io/sebh/jobs/4410030' }, RAW.crisisCoach]);
    const [kept, gone, other] = r.postingIds;
    h.clock.now = new Date('2026-03-11T08:00:00.000Z');
    h.index.calls = [];
    const n = await h.lifecycle.expireMissing('greenhouse-sebh', new Set(['4410021']));
    expect(n).toBe(1);
    expect((await h.store.getPosting(kept!))!.status).toBe('active');
    expect(await h.store.getPosting(gone!)).toMatchObject({ status: 'expired', endedAt: '2026-03-11T08:00:00.000Z', updatedAt: '2026-03-11T08:00:00.000Z' });
    expect((await h.store.getPosting(other!))!.status).toBe('active');
    expect(h.stats.salaryStats({}, [])[0]!.count).toBe(2);
    expect(h.stats.salaryStats({ includeExpired: true }, [])[0]!.count).toBe(3);
    expect(h.index.indexedIds).toEqual([gone]);
  });

  it('keeps a job active while another source still lists it, and drops only the vanished listing', async () => {
    const r = await h.ingest([RAW.greenhousePeer, RAW.aggregatorSameJob]);
    const id = r.postingIds[0]!;
    expect(await h.lifecycle.expireMissing('greenhouse-sebh', new Set())).toBe(0);
    const p = await h.store.getPosting(id);
    expect(p!.status).toBe('active');
    expect(p!.sources.map((s) => s.source)).toEqual(['jobs-aggregator']);
    // Now the aggregator drops it too: the job is over.
    expect(await h.lifecycle.expireMissing('jobs-aggregator', new Set())).toBe(1);
    const q = await h.store.getPosting(id);
    expect(q!.status).toBe('expired');
    expect(q!.sources.map((s) => s.source)).toEqual(['jobs-aggregator']);
  });

  it('expires postings whose validThrough has passed', async () => {
    const r = await h.ingest([
      { ...RAW.crisisCoach, validThrough: '2026-03-15T23:59:59-04:00' },
      { ...RAW.greenhousePeer, validThrough: '2026-04-30' },
    ]);
    expect(await h.lifecycle.expireOverdue(new Date('2026-03-16T00:00:00.000Z'))).toBe(0); // 03:59:59Z not yet
    expect(await h.lifecycle.expireOverdue(new Date('2026-03-16T04:00:00.000Z'))).toBe(1);
    expect((await h.store.getPosting(r.postingIds[0]!))!.status).toBe('expired');
    expect((await h.store.getPosting(r.postingIds[1]!))!.status).toBe('active');
  });

  it('closes a posting, idempotently, and says so clearly for an unknown id', async () => {
    const r = await h.ingest([RAW.crisisCoach]);
    const closed = await h.lifecycle.closePosting(r.postingIds[0]!, new Date('2026-03-12T10:00:00.000Z'));
    expect(closed).toMatchObject({ status: 'closed', endedAt: '2026-03-12T10:00:00.000Z' });
    expect(await h.lifecycle.closePosting(r.postingIds[0]!)).toEqual(closed);
    expect(h.stats.salaryStats({}, [])[0]!.count).toBe(0);
    await expect(h.lifecycle.closePosting('p_nosuchposting00')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('serialises lifecycle changes with concurrent ingest so neither overwrites the other', async () => {
    const r = await h.ingest([RAW.greenhousePeer]);
    const id = r.postingIds[0]!;
    h.clock.now = new Date('2026-03-13T08:00:00.000Z');
    await Promise.all([h.lifecycle.closePosting(id), h.ingest([{ ...RAW.greenhousePeer, pay: '$20 - $24 per hour' }])]);
    const p = await h.store.getPosting(id);
    expect(p!.status).toBe('closed');
    expect(p!.pay).toMatchObject({ hourlyMin: 20, hourlyMax: 24 });
  });
});

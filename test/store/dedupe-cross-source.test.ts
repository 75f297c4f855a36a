import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { judgePairs, precisionRecall } from '../../bench/dedupe-bench.ts';
import type { RawPosting } from '../../schema/index.ts';
import { contentOwner, descriptionOverlap, listingRank } from '../../store/dedupe.ts';
import { LABELLED_PAIRS } from '../fixtures/dedupe/labelled-pairs.ts';
import { openIngestHarness, type IngestHarness } from './ingest-harness.ts';

const DESCRIPTION =
  'Harbor Light Behavioral Health is hiring a Peer Support Specialist for our adult outpatient clinic. You will use your lived experience of mental health recovery to support adults working toward their goals, co-facilitate WRAP and recovery groups, and advocate alongside them with the treatment team.';

/** The employer's careers page: JSON-LD with employment type and structured pay. */
const CAREERS_PAGE: RawPosting = {
  source: 'harborlight-careers',
  sourceId: 'HL-2025-118',
  url: 'https://harborlightbh.org/careers/jobs/peer-support-specialist',
  title: 'Peer Support Specialist',
  employer: 'Harbor Light Behavioral Health',
  location: { city: 'Columbus', state: 'OH', postalCode: '43215' },
  employmentType: 'FULL_TIME',
  structuredPay: { '@type': 'MonetaryAmount', currency: 'USD', value: { '@type': 'QuantitativeValue', minValue: 19.5, maxValue: 23, unitText: 'HOUR' } },
  description: `<p>${DESCRIPTION}</p>`,
  datePosted: '2026-03-02',
};

/** The same job on its ATS board: no employment type, no pay, a legal suffix, the state spelt out. */
const ATS_BOARD: RawPosting = {
  source: 'greenhouse-harborlight',
  sourceId: '4012345001',
  url: 'https://boards.greenhouse.io/harborlight/jobs/4012345001',
  title: 'Peer Support Specialist',
  employer: 'Harbor Light Behavioral Health, Inc.',
  location: 'Columbus, Ohio',
  description: `<div><p>${DESCRIPTION}</p><p>Apply today.</p></div>`,
  datePosted: '2026-03-02T09:00:12-05:00',
};

/** And on an aggregator, truncated, with a different title decoration. */
const AGGREGATOR: RawPosting = {
  source: 'indeed-feed',
  sourceId: 'ind-4410',
  url: 'https://www.indeed.com/viewjob?jk=4410',
  title: 'Peer Support Specialist - Columbus',
  employer: 'Harbor Light Behavioral Health',
  location: 'Columbus, OH',
  description: DESCRIPTION.slice(0, 220),
};

let h: IngestHarness;
beforeEach(async () => {
  h = await openIngestHarness('2026-03-10T08:00:00.000Z');
});
afterEach(async () => {
  await h.close();
});

describe('cross-source dedupe: missing is not different', () => {
  it('merges the careers page (with type and pay) and the ATS board (without), whichever comes first, keeping both sources', async () => {
    for (const order of [
      [ATS_BOARD, CAREERS_PAGE],
      [CAREERS_PAGE, ATS_BOARD],
    ]) {
      const local = await openIngestHarness();
      try {
        const first = await local.ingest([order[0]!]);
        const second = await local.ingest([order[1]!]);
        expect(second.new).toBe(0);
        expect(second.postingIds).toEqual(first.postingIds);
        const p = (await local.store.getPosting(first.postingIds[0]!))!;
        expect(p.sources.map((s) => s.source).sort()).toEqual(['greenhouse-harborlight', 'harborlight-careers']);
        // The careers page's facts are on the posting however the two arrived.
        expect(p.employmentType).toBe('full_time');
        expect(p.pay).toMatchObject({ hourlyMin: 19.5, hourlyMax: 23 });
        expect(p.location).toMatchObject({ city: 'Columbus', state: 'OH', postalCode: '43215' });
        expect(await local.store.countPostings({})).toBe(1);
      } finally {
        await local.close();
      }
    }
  });

  it('is idempotent: the same three listings again change nothing', async () => {
    const first = await h.ingest([ATS_BOARD, CAREERS_PAGE, AGGREGATOR]);
    expect(first).toMatchObject({ new: 1 });
    expect(new Set(first.postingIds).size).toBe(1);
    const before = (await h.store.getPosting(first.postingIds[0]!))!;
    const again = await h.ingest([ATS_BOARD, CAREERS_PAGE, AGGREGATOR]);
    expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 3 });
    const after = (await h.store.getPosting(first.postingIds[0]!))!;
    expect(after.contentHash).toBe(before.contentHash);
    expect(after.sources).toHaveLength(3);
  });

  it("shows the employer's own page over the ATS board over the aggregator", async () => {
    const r = await h.ingest([AGGREGATOR, ATS_BOARD, CAREERS_PAGE]);
    const p = (await h.store.getPosting(r.postingIds[0]!))!;
    expect(p.url).toBe(CAREERS_PAGE.url);
    expect(p.descriptionText).not.toContain('Apply today');
    expect(p.sources.map((s) => s.source)).toEqual(['indeed-feed', 'greenhouse-harborlight', 'harborlight-careers']);
  });

  it('takes a fact the owner leaves out from a later, lower-ranked listing, keeping every source', async () => {
    const { structuredPay: _pay, employmentType: _type, ...careersWithoutPay } = CAREERS_PAGE;
    const withPay: RawPosting = { ...AGGREGATOR, pay: '$19.50 - $23.00 per hour', employmentType: 'Full-time' };
    const first = await h.ingest([careersWithoutPay]);
    const second = await h.ingest([withPay]);
    expect(second).toMatchObject({ new: 0, updated: 1 });
    const p = (await h.store.getPosting(first.postingIds[0]!))!;
    expect(p.sources.map((x) => x.source)).toEqual(['harborlight-careers', 'indeed-feed']);
    expect(p.url).toBe(CAREERS_PAGE.url);
    expect(p.pay).toMatchObject({ hourlyMin: 19.5, hourlyMax: 23 });
    expect(p.employmentType).toBe('full_time');
    // Idempotent from here on.
    expect(await h.ingest([careersWithoutPay, withPay])).toMatchObject({ updated: 0, unchanged: 2 });
    expect((await h.store.getPosting(first.postingIds[0]!))!.sources).toHaveLength(2);
  });

  it('keeps the same title at two sites of one employer apart', async () => {
    const dayton: RawPosting = { ...CAREERS_PAGE, sourceId: 'HL-2025-131', url: 'https://harborlightbh.org/careers/jobs/peer-support-specialist-dayton', location: { city: 'Dayton', state: 'OH' } };
    const r = await h.ingest([ATS_BOARD, dayton]);
    expect(r.new).toBe(2);
  });

  it('keeps a re-posted opening months later apart from the first one', async () => {
    const first = await h.ingest([CAREERS_PAGE]);
    h.clock.now = new Date('2026-07-20T08:00:00.000Z');
    const repost: RawPosting = { ...ATS_BOARD, sourceId: '4012399999', datePosted: '2026-07-15' };
    const second = await h.ingest([repost]);
    expect(second.new).toBe(1);
    expect(second.postingIds[0]).not.toBe(first.postingIds[0]);
  });
});

describe('the labelled pairs', () => {
  const judgements = judgePairs();
  it.each(judgements.map((j) => [j.pair.name, j] as const))('%s', (_name, j) => {
    // Two pairs document what the rule cannot see (an abbreviated employer name; two openings
    // sharing one generic text): their verdict is pinned as a known error, not hidden.
    const known = /\(a known (?:miss|false merge)\)/.test(j.pair.name);
    expect(j.predicted).toBe(known ? !j.pair.same : j.pair.same);
  });

  it('has precision and recall of at least 90% (the bench prints the figures)', () => {
    const pr = precisionRecall(judgements);
    expect(LABELLED_PAIRS.length).toBeGreaterThanOrEqual(20);
    expect(pr.precision).toBeGreaterThanOrEqual(0.9);
    expect(pr.recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('helpers', () => {
  it('ranks the employer’s own site over ATS boards over aggregators', () => {
    expect(listingRank('https://harborlightbh.org/careers/1', 'Harbor Light Behavioral Health')).toBe(3);
    expect(listingRank('https://boards.greenhouse.io/harborlight/jobs/1', 'Harbor Light Behavioral Health')).toBe(2);
    expect(listingRank('https://recruiting.paylocity.com/Recruiting/Jobs/Details/1', 'Weber Valley')).toBe(2);
    expect(listingRank('https://www.indeed.com/viewjob?jk=1', 'Harbor Light Behavioral Health')).toBe(1);
    // A host we cannot place is not taken for the employer's own.
    expect(listingRank('https://jobs.example-aggregator.com/view/1', 'Southeast Behavioral Health')).toBe(2);
    expect(listingRank(null)).toBe(2);
    const sources = [
      { source: 'indeed', url: 'https://www.indeed.com/viewjob?jk=1' },
      { source: 'gh', url: 'https://boards.greenhouse.io/x/jobs/1' },
      { source: 'lever', url: 'https://jobs.lever.co/x/1' },
    ];
    expect(contentOwner(sources, 'X')?.source).toBe('gh');
  });

  it('measures description overlap as containment, so a truncated copy still matches', () => {
    expect(descriptionOverlap(DESCRIPTION, DESCRIPTION.slice(0, 200))).toBe(1);
    expect(descriptionOverlap(DESCRIPTION, 'Too short to say anything.')).toBeNull();
    expect(descriptionOverlap(DESCRIPTION, 'Mentor teenagers and young adults aged 16 to 24 who are leaving foster care or juvenile justice settings and run a weekly drop-in group at the high school with families.')).toBeLessThan(0.2);
  });
});

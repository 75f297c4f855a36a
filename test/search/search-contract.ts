import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError, type PostingFilter, type StoredPosting } from '../../schema/index.ts';
import type { SearchIndex, SearchQuery } from '../../store/search/search-port.ts';
import { COLUMBUS, FIXTURE_POSTINGS, makePosting } from './posting-fixtures.ts';

/**
 * The one contract every search adapter passes. Expected sets for filters come from a plain
 * reference implementation of the filter rules (schema/posting.ts), written here independently
 * of either adapter.
 */
function toRad(d: number) {
  return (d * Math.PI) / 180;
}
function referenceMiles(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = toRad(lat2 - lat1);
  const dLon = toRad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(lat1)) * Math.cos(toRad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * 3958.7613 * Math.asin(Math.sqrt(a));
}

export function referenceMatches(p: StoredPosting, f: PostingFilter): boolean {
  if (!f.includeExpired && p.status !== 'active') return false;
  if (f.settings?.length && !p.settings.some((s) => f.settings!.includes(s))) return false;
  if (f.states?.length && !(p.location.state && f.states.includes(p.location.state))) return false;
  if (f.roleFamilies?.length && !(p.roleFamily && f.roleFamilies.includes(p.roleFamily))) return false;
  if (f.employmentTypes?.length && !(p.employmentType && f.employmentTypes.includes(p.employmentType))) return false;
  if (f.workplaces?.length && !(p.location.workplace && f.workplaces.includes(p.location.workplace))) return false;
  if (f.employerId !== undefined && p.employerId !== f.employerId) return false;
  const hourlyTop = p.pay ? (p.pay.hourlyMax ?? p.pay.hourlyMin) : null;
  const annualTop = p.pay ? (p.pay.annualMax ?? p.pay.annualMin) : null;
  if (f.payMinHourly !== undefined && !(hourlyTop !== null && hourlyTop >= f.payMinHourly)) return false;
  if (f.payMinAnnual !== undefined && !(annualTop !== null && annualTop >= f.payMinAnnual)) return false;
  if (f.certificationRequired !== undefined && p.certifications.some((c) => c.required) !== f.certificationRequired) return false;
  if (f.livedExperienceRequired !== undefined && p.livedExperienceRequired !== f.livedExperienceRequired) return false;
  const posted = p.datePosted ? Date.parse(p.datePosted) : null;
  if (f.postedAfter !== undefined && !(posted !== null && posted >= Date.parse(f.postedAfter))) return false;
  if (f.postedBefore !== undefined && !(posted !== null && posted <= Date.parse(f.postedBefore))) return false;
  if (f.near) {
    const { lat, lon } = p.location;
    if (lat === null || lon === null) return false;
    if (referenceMiles(f.near.lat, f.near.lon, lat, lon) > f.near.radiusMiles) return false;
  }
  return true;
}

const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id);
const expectedIds = (f: PostingFilter) => FIXTURE_POSTINGS.filter((p) => referenceMatches(p, f)).map((p) => p.id).sort();

export interface ContractOptions {
  /**
   * False for the Meilisearch stand-in: it matches words literally (no typo tolerance, no
   * synonyms), so the tests of those are skipped there, and say so. Everything else — filters,
   * facets, sorts with and without text, paging, highlights, upsert and remove — runs.
   */
  fuzzyText?: boolean;
}

export function describeSearchContract(name: string, open: () => Promise<SearchIndex>, options: ContractOptions = {}): void {
  const fuzzy = options.fuzzyText === false ? it.skip : it;
  describe(`search contract: ${name}`, () => {
    let index: SearchIndex;
    const all = (q: SearchQuery = {}) => index.search({ ...q, page: { offset: 0, limit: 100 } });

    beforeAll(async () => {
      index = await open();
      await index.clear({ wait: true });
      await index.upsert(FIXTURE_POSTINGS, { wait: true });
    });
    afterAll(async () => {
      await index.close();
    });

    it('counts every posting it holds, whatever the status', async () => {
      expect(await index.count()).toBe(FIXTURE_POSTINGS.length);
    });

    it('by default finds only active postings; includeExpired adds expired and closed ones', async () => {
      const active = await all();
      expect(active.total).toBe(FIXTURE_POSTINGS.filter((p) => p.status === 'active').length);
      expect(ids(active)).not.toContain('p-dayton-expired');
      const everything = await all({ filter: { includeExpired: true } });
      expect(everything.total).toBe(FIXTURE_POSTINGS.length);
      expect(ids(everything)).toEqual(expect.arrayContaining(['p-dayton-expired', 'p-akron-closed']));
    });

    it('ranks a title match above postings that only mention the words in their description', async () => {
      const r = await all({ text: 'peer supervisor' });
      expect(ids(r)[0]).toBe('p-cleveland-supervisor');
    });

    fuzzy('requires every query word (or its synonym) to match', async () => {
      const r = await all({ text: 'forensic jail' });
      expect(ids(r)).toEqual(['p-franklin-reentry']);
    });

    fuzzy('forgives typos: "recovry coach" finds the recovery coach posting', async () => {
      const r = await all({ text: 'recovry coach' });
      expect(ids(r)).toContain('p-brightview-coach');
    });

    fuzzy('forgives typos: "peer suport" finds peer support postings', async () => {
      const r = await all({ text: 'peer suport' });
      expect(ids(r)).toContain('p-netcare-crisis');
    });

    it('matches the last word as a prefix while it is being typed', async () => {
      const r = await all({ text: 'Pittsb' });
      expect(ids(r)).toEqual(['p-ahn-cps']);
    });

    fuzzy('expands synonyms: "MAT" finds postings about medication for opioid use disorder', async () => {
      const r = await all({ text: 'MAT' });
      expect(ids(r)).toContain('p-brightview-coach');
      expect(FIXTURE_POSTINGS.find((p) => p.id === 'p-brightview-coach')!.descriptionText).not.toMatch(/\bMAT\b/);
    });

    fuzzy('expands multi-word synonyms: "medication assisted treatment" finds MOUD postings', async () => {
      expect(ids(await all({ text: 'medication assisted treatment' }))).toEqual(expect.arrayContaining(['p-brightview-coach', 'p-direct-bridger']));
    });

    fuzzy('expands synonyms: "ER" finds emergency department postings', async () => {
      const r = await all({ text: 'ER' });
      expect(ids(r)).toEqual(expect.arrayContaining(['p-riverside-ed', 'p-direct-bridger']));
      expect(ids(r)).not.toContain('p-ahn-cps');
    });

    fuzzy('expands synonyms: "reentry" finds "Re-Entry" and "adolescent" finds youth postings', async () => {
      expect(ids(await all({ text: 'reentry' }))).toContain('p-franklin-reentry');
      expect(ids(await all({ text: 'adolescent' }))).toContain('p-nationwide-youth');
    });

    fuzzy('finds "recovery coach" postings by the synonym "peer recovery specialist"', async () => {
      const r = await all({ text: 'recovery coach' });
      expect(ids(r)).toEqual(expect.arrayContaining(['p-brightview-coach', 'p-riverside-ed']));
    });

    const filters: [string, PostingFilter][] = [
      ['settings (any of)', { settings: ['moud', 'crisis_unit'] }],
      ['states (any of)', { states: ['PA', 'NY'] }],
      ['role families', { roleFamilies: ['peer_recovery_specialist', 'peer_navigator'] }],
      ['employment types', { employmentTypes: ['part_time', 'per_diem'] }],
      ['workplaces', { workplaces: ['remote', 'hybrid'] }],
      ['hourly pay minimum (top figure; a minimum-only posting counts; no pay never does)', { payMinHourly: 21 }],
      ['hourly pay minimum exactly at a figure', { payMinHourly: 23.73 }],
      ['annual pay minimum', { payMinAnnual: 50_000 }],
      ['certification required', { certificationRequired: true }],
      ['certification not required', { certificationRequired: false }],
      ['lived experience required', { livedExperienceRequired: true }],
      ['posted within inclusive bounds', { postedAfter: '2025-05-18T14:30:00.000Z', postedBefore: '2025-05-25T16:45:00.000Z' }],
      ['employer id', { employerId: 'emp_mercy_01' }],
      ['near Columbus within 10 miles', { near: { ...COLUMBUS, radiusMiles: 10 } }],
      ['fields combine with AND', { states: ['OH'], settings: ['hospital_ed', 'youth_services'], payMinHourly: 20 }],
      ['includeExpired with a setting', { includeExpired: true, settings: ['treatment_center'] }],
    ];
    for (const [label, filter] of filters) {
      it(`filters by ${label}`, async () => {
        const r = await all({ filter });
        const want = expectedIds(filter);
        expect(want.length).toBeGreaterThan(0);
        expect(ids(r).sort()).toEqual(want);
        expect(r.total).toBe(want.length);
      });
    }

    it('treats a filter value carrying filter syntax as a plain value', async () => {
      const r = await all({ filter: { states: ['OH" OR status = "closed'] } });
      expect(r.total).toBe(0);
      const e = await all({ filter: { employerId: 'emp_mercy_01" OR status = "closed' } });
      expect(e.total).toBe(0);
    });

    it('counts facets over the filtered results, most frequent first', async () => {
      const filter: PostingFilter = { states: ['OH'] };
      const r = await index.search({ filter, facets: ['settings', 'states', 'employmentTypes'], page: { offset: 0, limit: 1 } });
      const matching = FIXTURE_POSTINGS.filter((p) => referenceMatches(p, filter));
      const settingCounts = new Map<string, number>();
      for (const p of matching) for (const s of p.settings) settingCounts.set(s, (settingCounts.get(s) ?? 0) + 1);
      expect(new Map(r.facets.settings!.map((f) => [f.value, f.count]))).toEqual(settingCounts);
      const counts = r.facets.settings!.map((f) => f.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      expect(r.facets.states).toEqual([{ value: 'OH', count: matching.length }]);
      expect(r.facets.employmentTypes!.reduce((n, f) => n + f.count, 0)).toBe(matching.length);
      expect(r.facets.roleFamilies).toBeUndefined();
    });

    it('sorts newest first', async () => {
      const r = await all({ sort: 'newest' });
      const dates = r.hits.map((h) => Date.parse(FIXTURE_POSTINGS.find((p) => p.id === h.id)!.datePosted!));
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
    });

    it('sorts by pay, highest and lowest first, postings without pay last', async () => {
      const top = (id: string) => {
        const p = FIXTURE_POSTINGS.find((x) => x.id === id)!;
        return p.pay ? (p.pay.hourlyMax ?? p.pay.hourlyMin) : null;
      };
      const high = (await all({ sort: 'pay_high' })).hits.map((h) => top(h.id));
      expect(high.at(-1)).toBeNull();
      const paid = high.filter((v): v is number => v !== null);
      expect(paid).toEqual([...paid].sort((a, b) => b - a));
      const low = (await all({ sort: 'pay_low' })).hits.map((h) => top(h.id));
      expect(low.at(-1)).toBeNull();
      const paidLow = low.filter((v): v is number => v !== null);
      expect(paidLow).toEqual([...paidLow].sort((a, b) => a - b));
    });

    // Issue 12 §3: with query text the sort key still decides the order (relevance only breaks
    // ties), on every engine: Meilisearch's ranking rules put `sort` first for this.
    describe('sorting with query text orders by the key, not by relevance', () => {
      const top = (id: string) => {
        const p = FIXTURE_POSTINGS.find((x) => x.id === id)!;
        return p.pay ? (p.pay.hourlyMax ?? p.pay.hourlyMin) : null;
      };
      it('NEWEST with text: newest first', async () => {
        const r = await all({ text: 'peer', sort: 'newest' });
        expect(r.hits.length).toBeGreaterThan(3);
        const dates = r.hits.map((h) => Date.parse(FIXTURE_POSTINGS.find((p) => p.id === h.id)!.datePosted!));
        expect(dates).toEqual([...dates].sort((a, b) => b - a));
      });
      it('PAY_HIGH and PAY_LOW with text: by the top hourly figure, postings without pay last', async () => {
        const high = (await all({ text: 'peer', sort: 'pay_high' })).hits.map((h) => top(h.id));
        const paidHigh = high.filter((v): v is number => v !== null);
        expect(paidHigh.length).toBeGreaterThan(3);
        expect(high.slice(0, paidHigh.length)).toEqual(paidHigh);
        expect(paidHigh).toEqual([...paidHigh].sort((a, b) => b - a));
        const low = (await all({ text: 'peer', sort: 'pay_low' })).hits.map((h) => top(h.id));
        const paidLow = low.filter((v): v is number => v !== null);
        expect(low.slice(0, paidLow.length)).toEqual(paidLow);
        expect(paidLow).toEqual([...paidLow].sort((a, b) => a - b));
      });
      it('DISTANCE with text: nearest first', async () => {
        const r = await all({ text: 'peer', filter: { near: { ...COLUMBUS, radiusMiles: 300 } }, sort: 'distance' });
        expect(r.hits.length).toBeGreaterThan(3);
        const d = r.hits.map((h) => h.distanceMiles!);
        expect(d).toEqual([...d].sort((a, b) => a - b));
      });
      it('NEWEST with text pages the same order without overlap', async () => {
        const full = ids(await all({ text: 'peer', sort: 'newest' }));
        const paged: string[] = [];
        for (let offset = 0; offset < full.length; offset += 3) paged.push(...ids(await index.search({ text: 'peer', sort: 'newest', page: { offset, limit: 3 } })));
        expect(paged).toEqual(full);
      });
    });

    it('filters by radius and sorts by distance, reporting distances in miles', async () => {
      const r = await all({ filter: { near: { ...COLUMBUS, radiusMiles: 150 } }, sort: 'distance' });
      const d = r.hits.map((h) => h.distanceMiles);
      expect(d.every((x) => x !== null && x <= 150)).toBe(true);
      expect(d).toEqual([...d].sort((a, b) => a! - b!));
      expect(ids(r)).toContain('p-brightview-coach'); // Cincinnati, ~97 miles
      expect(ids(r)).not.toContain('p-ahn-cps'); // Pittsburgh, ~160 miles
      expect(r.hits[0]!.distanceMiles!).toBeLessThan(2);
    });

    it('highlights matched words with <mark> and escapes the rest of the text', async () => {
      const r = await all({ text: 'bridger care' });
      expect(ids(r)).toEqual(['p-direct-bridger']);
      const hl = new Map(r.hits[0]!.highlights.map((h) => [h.field, h.snippet]));
      expect(hl.get('title')).toBe('ED Peer <mark>Bridger</mark>');
      const description = hl.get('description')!;
      expect(description).toContain('<mark>care</mark>');
      expect(description).toContain('&lt;b&gt;');
      expect(description).toContain('&amp;');
      expect(description).not.toContain('<b>');
    });

    it('returns no highlights without query text', async () => {
      const r = await all();
      expect(r.hits.every((h) => h.highlights.length === 0)).toBe(true);
    });

    it('pages through results without overlap, with a stable total', async () => {
      const full = await all({ sort: 'newest' });
      const pages = [];
      for (let offset = 0; offset < full.total; offset += 4) {
        const r = await index.search({ sort: 'newest', page: { offset, limit: 4 } });
        expect(r.total).toBe(full.total);
        pages.push(...ids(r));
      }
      expect(pages).toEqual(ids(full));
      const odd = await index.search({ sort: 'newest', page: { offset: 3, limit: 2 } });
      expect(ids(odd)).toEqual(ids(full).slice(3, 5));
    });

    it('rejects bad queries with a validation error', async () => {
      await expect(index.search({ page: { offset: 0, limit: 1000 } })).rejects.toBeInstanceOf(ValidationError);
      await expect(index.search({ sort: 'distance' })).rejects.toBeInstanceOf(ValidationError);
      await expect(index.search({ filter: { payMinHourly: Number.NaN } })).rejects.toBeInstanceOf(ValidationError);
    });

    it('replaces a posting on upsert and forgets it on remove', async () => {
      const renamed = makePosting({ id: 'p-contract-temp', title: 'Veteran Peer Specialist', employer: 'VA Central Ohio', roleFamily: 'veteran_peer_specialist' });
      await index.upsert([renamed], { wait: true });
      expect(ids(await all({ text: 'veteran' }))).toContain('p-contract-temp');
      await index.upsert([{ ...renamed, title: 'Justice Peer Mentor', employer: 'Hope Works', roleFamily: 'forensic_peer_specialist', descriptionText: 'Mentor people leaving prison.' }], { wait: true });
      expect(ids(await all({ text: 'veteran' }))).not.toContain('p-contract-temp');
      expect(ids(await all({ text: 'justice mentor' }))).toEqual(['p-contract-temp']);
      await index.remove(['p-contract-temp'], { wait: true });
      expect(ids(await all({ text: 'justice mentor' }))).toEqual([]);
      expect(await index.count()).toBe(FIXTURE_POSTINGS.length);
    });
  });
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPLOYMENT_TYPES, ROLE_FAMILIES, SETTINGS, WORKPLACES, type PostingFilter, type StoredPosting } from '../../schema/index.ts';
import { EmbeddedSearchIndex } from '../../store/search/embedded/embedded-search-index.ts';
import { TermDictionary } from '../../store/search/embedded/term-dictionary.ts';
import { highlight } from '../../store/search/embedded/snippets.ts';
import { terms } from '../../store/search/text-analysis.ts';
import { referenceMatches } from './search-contract.ts';
import { makePosting } from './posting-fixtures.ts';

function dictionaryOf(...words: string[]): TermDictionary {
  const d = new TermDictionary();
  words.forEach((w, i) => d.addDocument(i, new Map([[w, 1]])));
  return d;
}
const expanded = (d: TermDictionary, term: string, prefix = false) => d.expand(term, prefix).map((e) => `${e.term}:${e.typos}`).sort();

describe('embedded engine: terms and typos', () => {
  it('normalises case, accents and plural "s", and drops stop words', () => {
    expect(terms('Peer Specialists in the Crisis Unit — Café Niños')).toEqual(['peer', 'specialist', 'crisis', 'unit', 'cafe', 'nino']);
  });

  it('allows one typo from five letters and two from nine, none below five', () => {
    const d = dictionaryOf('coach', 'coaches', 'roach', 'specialist', 'peer', 'deer', 'recovery');
    expect(expanded(d, 'coahc')).toEqual(['coach:1']); // an adjacent swap is one typo
    expect(expanded(d, 'peir')).toEqual([]); // four letters: exact only
    expect(expanded(d, 'specalst')).toEqual([]); // eight letters, two typos: too many
    expect(expanded(d, 'specialsit')).toEqual(['specialist:1']);
    expect(expanded(d, 'spezialisd')).toEqual(['specialist:2']);
    expect(expanded(d, 'recovry')).toEqual(['recovery:1']);
  });

  it('counts a typo on the first letter as two, as Meilisearch does', () => {
    const d = dictionaryOf('coach', 'recovery', 'specialist');
    expect(expanded(d, 'goach')).toEqual([]); // five letters allow one typo; a first-letter typo costs two
    expect(expanded(d, 'xspecialist')).toEqual(['specialist:2']);
    expect(expanded(d, 'psecialist')).toEqual(['specialist:2']);
    expect(expanded(d, 'pecialist')).toEqual(['specialist:2']);
  });

  it('never applies typos to numbers', () => {
    const d = dictionaryOf('43215', '43216');
    expect(expanded(d, '43217')).toEqual([]);
  });

  it('completes the last word as a prefix, including terms added after the sorted list was built', () => {
    const d = new TermDictionary();
    for (let i = 0; i < 3000; i++) d.addDocument(i, new Map([[`term${i}`, 1]]));
    d.addDocument(3000, new Map([['navigator', 1]]));
    expect(expanded(d, 'navig', true)).toEqual(['navigator:0']);
    for (let i = 0; i < 3000; i++) d.addDocument(3001 + i, new Map([[`word${i}`, 1]]));
    d.addDocument(6001, new Map([['navigation', 1]]));
    expect(expanded(d, 'navig', true)).toEqual(['navigation:0', 'navigator:0']);
    expect(d.expand('term', true)).toHaveLength(50); // a short prefix keeps the 50 most frequent
  });
});

describe('embedded engine: highlights', () => {
  it('marks matched words, escapes the rest, and crops long text around the first match', () => {
    const text = `${'Intro words here. '.repeat(20)}Support <clients> & families in recovery. ${'More text follows. '.repeat(20)}`;
    const s = highlight(text, new Set(['recovery', 'client']), true)!;
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('&lt;<mark>clients</mark>&gt; &amp; families in <mark>recovery</mark>');
    expect(s.split(/\s+/).length).toBeLessThan(40);
    expect(highlight('Nothing to see', new Set(['recovery']), true)).toBeNull();
  });
});

describe('embedded engine: writes', () => {
  it('compacts tombstones away and keeps answering the same', async () => {
    const index = new EmbeddedSearchIndex({ compactMinDead: 10, compactRatio: 0.2 });
    const postings = Array.from({ length: 60 }, (_, i) =>
      makePosting({ id: `c-${i}`, title: i % 2 ? 'Family Advocate' : 'Peer Navigator', settings: [i % 3 ? 'outpatient' : 'crisis_unit'], descriptionText: 'Full time, benefits.' }),
    );
    await index.upsert(postings);
    for (let round = 0; round < 5; round++) {
      await index.upsert(postings.slice(0, 40).map((p) => ({ ...p, title: `${p.title} ${round}` })));
    }
    const stats = index.stats();
    expect(stats.documents).toBe(60);
    expect(stats.slots).toBeLessThan(60 + 40 * 5); // compaction ran
    const r = await index.search({ text: 'peer navigator', filter: { settings: ['crisis_unit'] }, page: { offset: 0, limit: 100 } });
    const want = postings.filter((_, i) => i % 2 === 0 && i % 3 === 0).map((p) => p.id).sort();
    expect(r.hits.map((h) => h.id).sort()).toEqual(want);
  });

  it('removes postings and ignores unknown ids', async () => {
    const index = new EmbeddedSearchIndex();
    await index.upsert([makePosting({ id: 'a', title: 'Peer Navigator' }), makePosting({ id: 'b', title: 'Peer Navigator' })]);
    await index.remove(['a', 'nope']);
    expect((await index.search({ text: 'navigator' })).hits.map((h) => h.id)).toEqual(['b']);
    expect(await index.count()).toBe(1);
  });
});

describe('embedded engine: filters agree with the reference rules on random data', () => {
  const posting = fc
    .record({
      settings: fc.subarray([...SETTINGS], { maxLength: 3 }),
      state: fc.constantFrom('OH', 'PA', 'NY', null),
      roleFamily: fc.constantFrom(...ROLE_FAMILIES, null),
      employmentType: fc.constantFrom(...EMPLOYMENT_TYPES, null),
      workplace: fc.constantFrom(...WORKPLACES, null),
      hourly: fc.option(fc.tuple(fc.option(fc.integer({ min: 1500, max: 3500 }), { nil: null }), fc.option(fc.integer({ min: 1500, max: 4500 }), { nil: null })), { nil: null }),
      cert: fc.boolean(),
      lived: fc.boolean(),
      day: fc.option(fc.integer({ min: 1, max: 28 }), { nil: null }),
      geo: fc.option(fc.tuple(fc.double({ min: 39, max: 41, noNaN: true }), fc.double({ min: -84, max: -82, noNaN: true })), { nil: null }),
      status: fc.constantFrom('active', 'active', 'expired', 'closed'),
      employerId: fc.constantFrom('emp_1', 'emp_2', null),
    })
;
  const filter: fc.Arbitrary<PostingFilter> = fc.record(
    {
      settings: fc.subarray([...SETTINGS], { minLength: 1, maxLength: 3 }),
      states: fc.subarray(['OH', 'PA', 'NY', 'WV'], { minLength: 1 }),
      roleFamilies: fc.subarray([...ROLE_FAMILIES], { minLength: 1, maxLength: 3 }),
      employmentTypes: fc.subarray([...EMPLOYMENT_TYPES], { minLength: 1 }),
      workplaces: fc.subarray([...WORKPLACES], { minLength: 1 }),
      payMinHourly: fc.integer({ min: 1500, max: 4500 }).map((c) => c / 100),
      payMinAnnual: fc.integer({ min: 30_000, max: 90_000 }),
      certificationRequired: fc.boolean(),
      livedExperienceRequired: fc.boolean(),
      postedAfter: fc.integer({ min: 1, max: 28 }).map((d) => `2025-05-${String(d).padStart(2, '0')}T00:00:00.000Z`),
      postedBefore: fc.integer({ min: 1, max: 28 }).map((d) => `2025-05-${String(d).padStart(2, '0')}T00:00:00.000Z`),
      near: fc.record({ lat: fc.double({ min: 39, max: 41, noNaN: true }), lon: fc.double({ min: -84, max: -82, noNaN: true }), radiusMiles: fc.integer({ min: 1, max: 120 }) }),
      employerId: fc.constantFrom('emp_1', 'emp_2', 'emp_3'),
      includeExpired: fc.boolean(),
    },
    { requiredKeys: [] },
  );

  it('returns exactly the postings the reference filter accepts, with matching facet counts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(posting, { minLength: 1, maxLength: 40 }), filter, async (rows, f) => {
        const postings: StoredPosting[] = rows.map((r, i) =>
          makePosting({
            id: `r-${i}`,
            title: 'Peer Support Specialist',
            settings: r.settings,
            roleFamily: r.roleFamily,
            employmentType: r.employmentType,
            location: { state: r.state, workplace: r.workplace, lat: r.geo?.[0] ?? null, lon: r.geo?.[1] ?? null },
            pay: r.hourly ? { hourly: [r.hourly[0] === null ? null : r.hourly[0] / 100, r.hourly[1] === null ? null : r.hourly[1] / 100] } : null,
            certifications: r.cert ? [{ name: 'CPS', required: true, withinMonths: null }] : [],
            livedExperienceRequired: r.lived,
            datePosted: r.day === null ? null : `2025-05-${String(r.day).padStart(2, '0')}T00:00:00.000Z`,
            status: r.status,
            employerId: r.employerId,
          }),
        );
        const index = new EmbeddedSearchIndex();
        await index.upsert(postings);
        const res = await index.search({ filter: f, facets: ['settings', 'states'], page: { offset: 0, limit: 100 } });
        const want = postings.filter((p) => referenceMatches(p, f));
        expect(res.hits.map((h) => h.id).sort()).toEqual(want.map((p) => p.id).sort());
        expect(res.total).toBe(want.length);
        const settingCounts = new Map<string, number>();
        for (const p of want) for (const s of p.settings) settingCounts.set(s, (settingCounts.get(s) ?? 0) + 1);
        expect(new Map(res.facets.settings!.map((x) => [x.value, x.count]))).toEqual(settingCounts);
      }),
      { numRuns: 200 },
    );
  });
});

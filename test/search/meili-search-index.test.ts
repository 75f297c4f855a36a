import { afterEach, describe, expect, it } from 'vitest';
import { PeerboardError, ValidationError } from '../../schema/index.ts';
import { MeiliSearchIndex } from '../../store/search/meili/meili-search-index.ts';
import { POSTINGS_SETTINGS } from '../../store/search/meili/meili-settings.ts';
import { MeiliStandIn, type StandInOptions } from './meili-stand-in.ts';
import { COLUMBUS, FIXTURE_POSTINGS } from './posting-fixtures.ts';

const KEY = 'scoped-postings-key-3f9a';
const standIns: MeiliStandIn[] = [];
async function setUp(options: StandInOptions = {}): Promise<{ meili: MeiliStandIn; index: MeiliSearchIndex }> {
  const meili = new MeiliStandIn(options);
  await meili.start();
  standIns.push(meili);
  const index = new MeiliSearchIndex({ host: meili.url, apiKey: KEY, indexUid: 'postings', taskIntervalMs: 2, taskTimeoutMs: 5000 });
  return { meili, index };
}
afterEach(async () => {
  for (const s of standIns.splice(0)) await s.stop();
});

describe('Meilisearch adapter against a local stand-in', () => {
  it('creates the index, applies the settings, waits for the tasks and reads the settings back', async () => {
    const { meili, index } = await setUp({ processingPolls: 1 });
    await index.init();
    expect(meili.record.settingsSent).toEqual([POSTINGS_SETTINGS]);
    const sent = meili.record.settingsSent[0]!;
    expect(sent.filterableAttributes).toEqual(expect.arrayContaining(['settings', 'state', 'hourlyTop', 'datePosted', 'status', 'employerId', '_geo']));
    expect(sent.sortableAttributes).toEqual(['datePosted', 'hourlyTop', '_geo']);
    expect((sent.synonyms as Record<string, string[]>).mat).toEqual(expect.arrayContaining(['moud', 'medication for opioid use disorder']));
    expect((sent.synonyms as Record<string, string[]>).er).toEqual(expect.arrayContaining(['ed', 'emergency department']));
    // Index creation and the settings task were both polled until they finished (one "processing" answer each).
    expect(meili.record.taskPolls).toEqual([0, 0, 1, 1]);
    expect(new Set(meili.record.authorization)).toEqual(new Set([`Bearer ${KEY}`]));
  });

  it('refuses to start when Meilisearch does not report the settings it was given', async () => {
    const { index } = await setUp({ dropSettings: ['synonyms', 'pagination'] });
    const err = await index.init().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PeerboardError);
    expect((err as PeerboardError).code).toBe('SEARCH_UNAVAILABLE');
    expect((err as Error).message).toMatch(/synonyms\.mat/);
    expect((err as Error).message).toMatch(/pagination\.maxTotalHits/);
  });

  it('sends documents shaped for filtering and sorting, and waits only when asked', async () => {
    const { meili, index } = await setUp();
    await index.init();
    const polls = meili.record.taskPolls.length;
    await index.upsert(FIXTURE_POSTINGS.slice(0, 3));
    expect(meili.record.taskPolls.length).toBe(polls);
    await index.upsert(FIXTURE_POSTINGS.slice(9, 10), { wait: true });
    expect(meili.record.taskPolls.length).toBeGreaterThan(polls);
    const [first] = meili.record.documentsSent[0]!;
    expect(first).toMatchObject({
      id: 'p-riverside-ed',
      title: 'Peer Recovery Specialist - Emergency Department',
      settings: ['hospital_ed'],
      settingLabels: ['Hospitals / emergency departments'],
      roleFamily: 'peer_recovery_specialist',
      state: 'OH',
      hourlyTop: 23.73,
      certificationRequired: true,
      livedExperienceRequired: true,
      datePosted: Date.parse('2025-05-20T09:00:00.000Z') / 1000,
      status: 'active',
      _geo: { lat: 40.0283, lng: -83.0328 },
    });
    // A posting without coordinates carries no _geo at all (Meilisearch rejects `_geo: null`).
    const remote = meili.record.documentsSent[1]![0]!;
    expect(remote.id).toBe('p-remote-navigator');
    expect('_geo' in remote).toBe(false);
    expect(await index.count()).toBe(4);
  });

  it('turns a failed task into a SEARCH_UNAVAILABLE error', async () => {
    const { index } = await setUp({ failTaskTypes: ['documentAdditionOrUpdate'] });
    await index.init();
    const err = await index.upsert(FIXTURE_POSTINGS.slice(0, 1), { wait: true }).catch((e: unknown) => e);
    expect((err as PeerboardError).code).toBe('SEARCH_UNAVAILABLE');
    expect((err as Error).message).toMatch(/invalid_document_geo_field/);
  });

  it('builds filter expressions from typed values only', async () => {
    const { meili, index } = await setUp();
    await index.init();
    await index.search({
      text: 'peer recovery',
      filter: {
        settings: ['hospital_ed', 'moud'],
        states: ['oh', 'PA'],
        roleFamilies: ['peer_recovery_specialist'],
        employmentTypes: ['full_time'],
        workplaces: ['onsite'],
        payMinHourly: 21.5,
        payMinAnnual: 45000,
        certificationRequired: true,
        livedExperienceRequired: false,
        postedAfter: '2025-05-01T00:00:00.000Z',
        postedBefore: '2025-05-31T23:59:59.500Z',
        employerId: 'emp_mercy_01',
        near: { ...COLUMBUS, radiusMiles: 25 },
      },
      sort: 'distance',
      facets: ['settings', 'states'],
      page: { offset: 20, limit: 10 },
    });
    const sent = meili.record.searches[0]!;
    expect(sent.filter).toEqual([
      'status = "active"',
      'settings IN ["hospital_ed", "moud"]',
      'state IN ["OH", "PA"]',
      'roleFamily IN ["peer_recovery_specialist"]',
      'employmentType IN ["full_time"]',
      'workplace IN ["onsite"]',
      'employerId = "emp_mercy_01"',
      'hourlyTop >= 21.5',
      'annualTop >= 45000',
      'certificationRequired = true',
      'livedExperienceRequired = false',
      `datePosted >= ${Date.parse('2025-05-01T00:00:00.000Z') / 1000}`,
      `datePosted <= ${Date.parse('2025-05-31T23:59:59.500Z') / 1000}`,
      `_geoRadius(39.9612, -82.9988, ${25 * 1609.344})`,
    ]);
    expect(sent.sort).toEqual(['_geoPoint(39.9612, -82.9988):asc']);
    expect(sent.facets).toEqual(['settings', 'state']);
    expect(sent).toMatchObject({ q: 'peer recovery', page: 3, hitsPerPage: 10, matchingStrategy: 'all', attributesToCrop: ['description'] });
  });

  it('keeps an injection attempt inside a quoted string', async () => {
    const { meili, index } = await setUp();
    await index.init();
    await index.search({ filter: { states: ['OH" OR status = "closed'], employerId: 'x" OR status = "closed' } });
    expect(meili.record.searches[0]!.filter).toEqual([
      'status = "active"',
      'state IN ["OH\\" OR STATUS = \\"CLOSED"]',
      'employerId = "x\\" OR status = \\"closed"',
    ]);
    // A backslash could turn an escaped quote back into a closing one: refused before any request.
    await expect(index.search({ filter: { employerId: 'x\\" OR status = "closed' } })).rejects.toBeInstanceOf(ValidationError);
    expect(meili.record.searches).toHaveLength(1);
  });

  it('includes expired postings only when asked, and sorts by date or pay', async () => {
    const { meili, index } = await setUp();
    await index.init();
    await index.search({ filter: { includeExpired: true }, sort: 'newest' });
    await index.search({ sort: 'pay_high' });
    await index.search({ sort: 'pay_low' });
    expect(meili.record.searches.map((s) => [s.filter, s.sort])).toEqual([
      [[], ['datePosted:desc']],
      [['status = "active"'], ['hourlyTop:desc']],
      [['status = "active"'], ['hourlyTop:asc']],
    ]);
  });

  it('reads hits, exact totals, facets, distances and escaped highlights from the answer', async () => {
    const { meili, index } = await setUp();
    await index.init();
    meili.nextHits = [
      {
        id: 'p-direct-bridger',
        _geo: { lat: 41.6528, lng: -83.5379 },
        _formatted: {
          id: 'p-direct-bridger',
          title: 'ED Peer \u0002Bridger\u0003',
          employer: 'Mercy Health',
          description: '…walk with them into MAT programs. Use <b>\u0002care\u0003</b> & compassion.',
        },
      },
    ];
    meili.nextTotalHits = 57;
    meili.nextFacetDistribution = { state: { PA: 3, OH: 40, NY: 3 }, settings: { moud: 12, hospital_ed: 20 } };
    const r = await index.search({ text: 'bridger care', filter: { near: { ...COLUMBUS, radiusMiles: 200 } }, facets: ['states', 'settings'] });
    expect(r.total).toBe(57);
    expect(r.facets.states).toEqual([{ value: 'OH', count: 40 }, { value: 'NY', count: 3 }, { value: 'PA', count: 3 }]);
    expect(r.facets.settings).toEqual([{ value: 'hospital_ed', count: 20 }, { value: 'moud', count: 12 }]);
    const hit = r.hits[0]!;
    expect(hit.id).toBe('p-direct-bridger');
    expect(hit.distanceMiles).toBeGreaterThan(100);
    expect(hit.distanceMiles).toBeLessThan(125);
    expect(hit.highlights).toEqual([
      { field: 'title', snippet: 'ED Peer <mark>Bridger</mark>' },
      { field: 'description', snippet: '…walk with them into MAT programs. Use &lt;b&gt;<mark>care</mark>&lt;/b&gt; &amp; compassion.' },
    ]);
    const sent = meili.record.searches[0]!;
    expect(sent).toMatchObject({ highlightPreTag: '\u0002', highlightPostTag: '\u0003', attributesToHighlight: ['title', 'employer', 'description'] });
  });

  it('serves an offset that is not a multiple of the limit from a larger first page', async () => {
    const { meili, index } = await setUp();
    await index.init();
    await index.upsert(FIXTURE_POSTINGS, { wait: true });
    const r = await index.search({ page: { offset: 3, limit: 2 } });
    expect(meili.record.searches[0]).toMatchObject({ page: 1, hitsPerPage: 5 });
    expect(r.hits.map((h) => h.id)).toEqual(FIXTURE_POSTINGS.slice(3, 5).map((p) => p.id));
    expect(r.total).toBe(FIXTURE_POSTINGS.length);
  });

  it('removes by id and clears, waiting for the tasks', async () => {
    const { meili, index } = await setUp();
    await index.init();
    await index.upsert(FIXTURE_POSTINGS, { wait: true });
    await index.remove(['p-ahn-cps', 'p-albany-parent'], { wait: true });
    expect(meili.record.deletedIds).toEqual([['p-ahn-cps', 'p-albany-parent']]);
    expect(await index.count()).toBe(FIXTURE_POSTINGS.length - 2);
    await index.clear({ wait: true });
    expect(meili.record.clears).toBe(1);
    expect(await index.count()).toBe(0);
  });

  it('reports an unreachable server as SEARCH_UNAVAILABLE', async () => {
    const { meili, index } = await setUp();
    await meili.stop();
    standIns.splice(standIns.indexOf(meili), 1);
    const err = await index.ping().catch((e: unknown) => e);
    expect((err as PeerboardError).code).toBe('SEARCH_UNAVAILABLE');
  });
});

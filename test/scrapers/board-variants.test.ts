import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../scrapers/http/index.ts';
import { parseWorkdaySite, runSource, sourceConfigSchema, type SourceRunContext } from '../../scrapers/sources/index.ts';
import { json, startFixtureServer, type FixtureServer } from '../fixtures/fixture-server.ts';
import {
  ASHBY_VARIANT_BOARD,
  GH_VARIANT_BOARD,
  greenhouseVariantJobs,
  LEVER_EU_COMPANY,
  mountBoardVariants,
  NEOGOV_TABLE_AGENCY,
  usajobsVariantSearch,
  WD_SHARED_SITE,
  WD_SHARED_TENANT,
} from '../fixtures/sites/board-variants.ts';

let server: FixtureServer;

beforeEach(async () => {
  server = await startFixtureServer();
  mountBoardVariants(server);
});
afterEach(async () => {
  await server.close();
});

function context(): SourceRunContext {
  return {
    fetcher: createFetcher({ contact: 'https://peerboard.example/contact', defaultDelayMs: 0, sleep: async () => undefined }),
    signal: new AbortController().signal,
    env: { usajobsApiKey: 'k', usajobsEmail: 'scrapers@peerboard.example' },
  };
}

const run = (raw: Record<string, unknown>) => runSource(sourceConfigSchema.parse(raw), context());

describe('jsonld discovery on real careers pages', () => {
  it('follows query-string, relative and data-href links and the "Next ›" page; skips PDFs and mailto', async () => {
    const out = await run({ id: 'maple', kind: 'jsonld', url: `${server.origin}/careers` });
    expect(out.errors).toEqual([]);
    expect(out.complete).toBe(true);
    expect(out.postings.map((p) => p.sourceId).sort()).toEqual(['MG-2211', 'MG-2230', 'MG-2241', 'MG-GH-5123987']);
    expect(server.requests.some((r) => r.path.endsWith('.pdf'))).toBe(false);
    // The second listing page is read once, as a listing, not again as a posting page.
    expect(server.requests.filter((r) => r.path === '/careers?page=2')).toHaveLength(1);
  });

  it('falls back to the robots.txt Sitemap when the listing links to nothing; reads a .xml.gz and a gzip-encoded sitemap', async () => {
    const out = await run({ id: 'maple-app', kind: 'jsonld', url: `${server.origin}/jobs-app`, include: '/careers/openings/' });
    expect(out.errors).toEqual([]);
    expect(out.postings.map((p) => p.sourceId).sort()).toEqual(['MG-2230', 'MG-2241']);
    // The index's second sitemap is on another host: never requested (nothing left the fixture server, and no error).
    expect(server.requestsTo('/sitemap_index.xml.gz')).toHaveLength(1);
  });
});

describe('greenhouse board variants', () => {
  it('reads pay from a currency_range or currency custom field, offices when the location is empty', async () => {
    const out = await run({ id: 'gh-maple', kind: 'greenhouse', board: GH_VARIANT_BOARD, baseUrl: `${server.origin}/v1/boards` });
    expect(out.complete).toBe(true);
    const byId = (id: string) => out.postings.find((p) => p.sourceId === id)!;
    expect(byId('5123987')).toMatchObject({ employer: 'Maple Grove Recovery', location: 'Columbus, Ohio, United States', pay: '$20 - $24.50', employmentType: 'Full-time', url: `${server.origin}/careers?gh_jid=5123987` });
    expect(byId('5123987').structuredPay).toBeUndefined();
    expect(byId('5123988')).toMatchObject({ location: 'Remote - US', pay: '$19 per hour' });
    expect(byId('5123989')).toMatchObject({ location: 'Elyria, OH', pay: undefined });
    expect(byId('5123987').datePosted).toBe('2025-05-01T10:00:00-04:00');
  });

  it('reports an unknown board (404) as an incomplete run with the status, not as an empty board', async () => {
    const out = await run({ id: 'gh-none', kind: 'greenhouse', board: 'no-such-board', baseUrl: `${server.origin}/v1/boards` });
    expect(out.complete).toBe(false);
    expect(out.postings).toEqual([]);
    expect(out.errors.join('\n')).toMatch(/no-such-board\/jobs.*HTTP 404/);
  });
});

describe('lever and ashby variants', () => {
  it('Lever on the EU host: allLocations, no descriptionPlain, "unspecified" workplace dropped, no salary', async () => {
    const out = await run({ id: 'lever-eu', kind: 'lever', company: LEVER_EU_COMPANY, baseUrl: `${server.origin}/eu/v0/postings` });
    expect(out.complete).toBe(true);
    const p = out.postings[0]!;
    expect(p).toMatchObject({ location: ['Dublin, OH', 'Hilliard, OH'], workplace: undefined, structuredPay: undefined, employmentType: 'Part-time' });
    expect(p.description).toContain('<h3>You bring</h3>');
    expect(server.requestsTo(`/eu/v0/postings/${LEVER_EU_COMPANY}`)[0]?.query.get('mode')).toBe('json');
  });

  it('Ashby without compensation: no pay, unlisted job skipped, a secondary location without address kept as text', async () => {
    const out = await run({ id: 'ashby-pathway', kind: 'ashby', board: ASHBY_VARIANT_BOARD, baseUrl: `${server.origin}/posting-api/job-board` });
    expect(out.postings).toHaveLength(1);
    expect(out.postings[0]).toMatchObject({ pay: undefined, structuredPay: undefined, location: [{ city: 'Toledo', state: 'Ohio', country: 'United States' }, 'Bowling Green, OH'] });
  });
});

describe('workday variants', () => {
  it('reads tenant and site from myworkdaysite.com and from any wdN host, with or without a locale', () => {
    expect(parseWorkdaySite('https://wd1.myworkdaysite.com/en-US/recruiting/oakridgebh/Oakridge_Careers')).toMatchObject({ origin: 'https://wd1.myworkdaysite.com', tenant: 'oakridgebh', site: 'Oakridge_Careers', pagePrefix: '/en-US/recruiting/oakridgebh' });
    expect(parseWorkdaySite('https://acme.wd12.myworkdayjobs.com/External/job/Columbus-OH/Peer_R1')).toMatchObject({ tenant: 'acme', site: 'External', locale: undefined });
    expect(parseWorkdaySite('https://acme.wd3.myworkdayjobs.com/fr-ca/Carrieres')).toMatchObject({ tenant: 'acme', site: 'Carrieres', locale: 'fr-ca' });
  });

  it('uses jobRequisitionLocation when location is missing, never "2 Locations", and drops "Posted 30+ Days Ago"', async () => {
    const out = await run({ id: 'wd-oak', kind: 'workday', url: `${server.origin}/en-US/recruiting/${WD_SHARED_TENANT}/${WD_SHARED_SITE}`, tenant: WD_SHARED_TENANT });
    const first = out.postings.find((p) => p.sourceId === 'JR-1041')!;
    expect(first).toMatchObject({ location: ['Mansfield, OH', 'Ashland, OH'], employer: 'Oakridge Behavioral Health', datePosted: '2025-05-16', employmentType: 'Full time', workplace: 'Hybrid' });
    // Its detail answered 502: the listing summary stands, with its place and no invented date.
    const second = out.postings.find((p) => p.sourceId === 'JR-1052')!;
    expect(second).toMatchObject({ title: 'Peer Support Specialist - Weekends', location: 'Ashland, OH', datePosted: undefined });
    expect(second.url).toBe(`${server.origin}/en-US/recruiting/${WD_SHARED_TENANT}/${WD_SHARED_SITE}/job/Ashland-OH/Peer-Support-Specialist---Weekends_JR-1052`);
    expect(out.complete).toBe(true);
  });
});

describe('usajobs variants', () => {
  it('keeps "Anywhere in the U.S." as text and marks the job remote; PH pay passes; a WC entry is no pay', async () => {
    const out = await run({ id: 'usa', kind: 'usajobs', keyword: 'peer', baseUrl: `${server.origin}/api/search` });
    const tele = out.postings.find((p) => p.sourceId === '835100001')!;
    expect(tele.location).toEqual(['Anywhere in the U.S. (remote job)', { city: 'Cleveland', state: 'Ohio', country: 'United States', lat: 41.5, lon: -81.69 }]);
    expect(tele).toMatchObject({ workplace: 'remote', pay: '$24.53 - $31.89 Per Hour', employmentType: 'Part-time', validThrough: '2025-05-27T23:59:59.9970' });
    expect(tele.structuredPay).toEqual([{ MinimumRange: '24.53', MaximumRange: '31.89', RateIntervalCode: 'PH', Description: 'Per Hour' }]);
    const wc = out.postings.find((p) => p.sourceId === '835100002')!;
    expect(wc).toMatchObject({ pay: undefined, structuredPay: undefined, workplace: 'hybrid' });
  });
});

describe('optional fields really optional', () => {
  it('accepts a USAJOBS item with no PositionRemuneration and a Greenhouse metadata entry with no value', async () => {
    const answer = usajobsVariantSearch();
    const first = answer.SearchResult.SearchResultItems[0]!.MatchedObjectDescriptor as Record<string, unknown>;
    delete first.PositionRemuneration;
    server.route('/api/search', json(answer));
    const usa = await run({ id: 'usa', kind: 'usajobs', keyword: 'peer', baseUrl: `${server.origin}/api/search` });
    expect(usa.rejected).toEqual([]);
    expect(usa.postings.find((p) => p.sourceId === '835100001')).toMatchObject({ pay: undefined, structuredPay: undefined });

    const jobs = greenhouseVariantJobs(server.origin).map((j) => ({ ...j, metadata: [{ id: 9010, name: 'Shift', value_type: 'short_text' }] }));
    server.route(`/v1/boards/${GH_VARIANT_BOARD}/jobs`, json({ jobs, meta: { total: jobs.length } }));
    const gh = await run({ id: 'gh-maple', kind: 'greenhouse', board: GH_VARIANT_BOARD, baseUrl: `${server.origin}/v1/boards` });
    expect(gh.rejected).toEqual([]);
    expect(gh.postings).toHaveLength(3);
  });
});

describe('neogov table layout', () => {
  it('reads rows from the job table, salary text as printed, and the posting page by aria-labelledby', async () => {
    const out = await run({ id: 'ng-lorain', kind: 'neogov', agency: NEOGOV_TABLE_AGENCY, baseUrl: server.origin });
    expect(out.errors).toEqual([]);
    expect(out.complete).toBe(true);
    expect(out.postings.map((p) => p.sourceId)).toEqual(['4901110', '4901122', '4901135']);
    const [pss, coach, mentor] = out.postings;
    expect(pss).toMatchObject({ pay: '$45,968.00 - $68,952.00 Annually', location: 'Elyria, OH', employmentType: 'Full-Time', employer: 'Lorain County, OH', validThrough: '06/02/25 11:59 PM Eastern' });
    expect(pss!.description).toContain('peer support for Lorain County residents');
    expect(pss!.description).not.toContain('OPERS');
    expect(coach).toMatchObject({ pay: 'Depends on Qualifications', validThrough: undefined, employmentType: 'Intermittent' });
    expect(mentor!.pay).toBe('$3,830.67 - $5,746.00 Monthly');
  });
});

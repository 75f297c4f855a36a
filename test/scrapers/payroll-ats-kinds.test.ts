import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../scrapers/http/index.ts';
import { normalizePosting } from '../../scrapers/normalize/index.ts';
import { parseJobFeed, parseSourceConfigs, runSource, type SourceConfig, type SourceRunContext } from '../../scrapers/sources/index.ts';
import type { RawPosting } from '../../schema/index.ts';
import { json, startFixtureServer, type FixtureServer } from '../fixtures/fixture-server.ts';
import { BAMBOOHR_UNKNOWN_COMPANY_REPLY } from '../fixtures/sites/bamboohr-answers.ts';
import { fixtureSources, mountFixtureSites } from '../fixtures/sites/fixture-sites.ts';
import { PAYLOCITY_COMPANY, PAYLOCITY_NOT_FOUND_PAGE, paylocityDetailPage, paylocityListPage } from '../fixtures/sites/paylocity-pages.ts';
import { SMARTRECRUITERS_COMPANY, SMARTRECRUITERS_POSTING_COUNT, smartRecruitersPage } from '../fixtures/sites/smartrecruiters-answers.ts';
import { UKG_BOARD, UKG_OPPORTUNITY_COUNT, UKG_TENANT, ukgSearch } from '../fixtures/sites/ukg-answers.ts';
import { WORKABLE_ACCOUNT, WORKABLE_PAGE_TOKEN } from '../fixtures/sites/workable-answers.ts';
import { INDEED_FEED } from '../fixtures/sites/xml-feeds.ts';

let server: FixtureServer;

beforeEach(async () => {
  server = await startFixtureServer();
  mountFixtureSites(server);
});
afterEach(async () => {
  await server.close();
});

function context(overrides: Partial<SourceRunContext> = {}): SourceRunContext {
  return {
    fetcher: createFetcher({ contact: 'https://peerboard.example/contact', defaultDelayMs: 0, sleep: async () => undefined, maxRetries: 0 }),
    signal: new AbortController().signal,
    env: {},
    ...overrides,
  };
}

function source(id: string, overrides: Record<string, unknown> = {}): SourceConfig {
  const found = fixtureSources(server.origin).find((s) => s.id === id);
  if (!found) throw new Error(`no fixture source ${id}`);
  return { ...found, ...overrides };
}

const byId = (list: RawPosting[], id: string): RawPosting => {
  const hit = list.find((p) => p.sourceId === id);
  if (!hit) throw new Error(`no posting ${id} in ${list.map((p) => p.sourceId).join(', ')}`);
  return hit;
};

const NOW = new Date('2025-05-20T12:00:00Z');
const normalized = (p: RawPosting) => normalizePosting(p, { now: NOW });

describe('sources file', () => {
  it('accepts the seven new kinds with their fields and fills the documented defaults', () => {
    const [sr, wk, rc, bb, pl, ukg, xf] = parseSourceConfigs([
      { id: 'a', kind: 'smartrecruiters', company: 'BayviewRecovery' },
      { id: 'b', kind: 'workable', account: 'threerivers-recovery' },
      { id: 'c', kind: 'recruitee', company: 'lakeshorepeer' },
      { id: 'd', kind: 'bamboohr', company: 'riverwalkbh' },
      { id: 'e', kind: 'paylocity', company: PAYLOCITY_COMPANY },
      { id: 'f', kind: 'ukg', tenant: UKG_TENANT, board: UKG_BOARD },
      { id: 'g', kind: 'xmlfeed', url: 'https://jobs.example.org/feed.xml' },
    ]);
    expect(sr).toMatchObject({ baseUrl: 'https://api.smartrecruiters.com' });
    expect(wk).toMatchObject({ baseUrl: 'https://apply.workable.com' });
    expect(rc).toMatchObject({ company: 'lakeshorepeer' });
    expect(bb).toMatchObject({ company: 'riverwalkbh' });
    expect(pl).toMatchObject({ baseUrl: 'https://recruiting.paylocity.com' });
    expect(ukg).toMatchObject({ baseUrl: 'https://recruiting.ultipro.com' });
    expect(xf).toMatchObject({ url: 'https://jobs.example.org/feed.xml' });
  });

  it('names the field when a Paylocity company is not a GUID or a UKG board is missing', () => {
    expect(() => parseSourceConfigs([{ id: 'e', kind: 'paylocity', company: 'weber-valley' }])).toThrow(/company: the company GUID/);
    expect(() => parseSourceConfigs([{ id: 'f', kind: 'ukg', tenant: UKG_TENANT }])).toThrow(/board/);
  });
});

describe('smartrecruiters', () => {
  it('pages the postings list by offset/limit and reads each posting detail for the job ad', async () => {
    const out = await runSource(source('smartrecruiters-bayview'), context());
    expect(out).toMatchObject({ complete: true, errors: [] });
    expect(out.postings).toHaveLength(SMARTRECRUITERS_POSTING_COUNT);
    const pages = server.requestsTo(`/v1/companies/${SMARTRECRUITERS_COMPANY}/postings?`).map((r) => r.query.get('offset'));
    expect(pages).toEqual(['0', '100']);
    const crisis = byId(out.postings, '744000046721845');
    expect(crisis).toMatchObject({ title: 'Peer Support Specialist - Crisis Stabilization', employer: 'Bayview Recovery Centers', location: 'Tacoma, WA', employmentType: 'Full-time', datePosted: '2025-05-06T15:22:41.610Z' });
    expect(crisis.url).toContain('/sr-jobs/BayviewRecovery/744000046721845-peer-support-specialist');
    expect(crisis.description).toContain('<h3>Qualifications</h3>');
    expect(crisis.description).toContain('Certified Peer Counselor');
  });

  it('pages by what each answer held when the server caps limit below 100', async () => {
    server.route(`/v1/companies/${SMARTRECRUITERS_COMPANY}/postings`, (req) => json(smartRecruitersPage(Number(req.query.get('offset') ?? '0'), 30)));
    const out = await runSource(source('smartrecruiters-bayview'), context());
    expect(out).toMatchObject({ complete: true, errors: [] });
    expect(out.postings).toHaveLength(SMARTRECRUITERS_POSTING_COUNT);
    expect(server.requestsTo(`/v1/companies/${SMARTRECRUITERS_COMPANY}/postings?`).map((r) => r.query.get('offset'))).toEqual(['0', '30', '60', '90']);
  });

  it('reads the wage past a sign-on bonus, a shift differential and "three 12-hour shifts"', async () => {
    const out = await runSource(source('smartrecruiters-bayview'), context());
    const n = normalized(byId(out.postings, '744000046721845'));
    expect(n.isPeerRole).toBe(true);
    expect(n.pay).toMatchObject({ period: 'hour', hourlyMin: 22.5, hourlyMax: 26.75 });
  });

  it('passes nurse and peer-review jobs on, and the normaliser rejects them as not peer roles', async () => {
    const out = await runSource(source('smartrecruiters-bayview'), context());
    expect(normalized(byId(out.postings, '744000046730550')).isPeerRole).toBe(false);
    expect(normalized(byId(out.postings, '744000046731002')).isPeerRole).toBe(false);
  });

  it('reports an empty first page (what an unknown company gets) and expires nothing', async () => {
    const out = await runSource(source('smartrecruiters-bayview', { company: 'NoSuchCompany' }), context());
    expect(out.complete).toBe(false);
    expect(out.postings).toEqual([]);
    expect(out.errors[0]).toMatch(/no postings for company "NoSuchCompany".*unknown/);
  });

  it('names the field when the list answer changes shape', async () => {
    server.route(`/v1/companies/${SMARTRECRUITERS_COMPANY}/postings`, () => {
      const { content, ...rest } = smartRecruitersPage(0, 100);
      return json({ ...rest, postings: content });
    });
    const out = await runSource(source('smartrecruiters-bayview'), context());
    expect(out.complete).toBe(false);
    expect(out.errors[0]).toMatch(/not a SmartRecruiters postings page: content: /);
  });
});

describe('workable', () => {
  it('pages with the nextPage token in the POST body, skips unpublished jobs and reads each job', async () => {
    const out = await runSource(source('workable-threerivers'), context());
    expect(out).toMatchObject({ complete: true, errors: [] });
    expect(out.postings.map((p) => p.sourceId).sort()).toEqual(['0B9E44D7A1', '7D2F1A9C3B', 'A81C55E02F', 'C3D0F7B812']);
    const searches = server.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/api/v3/accounts/${WORKABLE_ACCOUNT}/jobs`));
    expect(searches.map((r) => (JSON.parse(r.body) as { token?: string }).token ?? null)).toEqual([null, WORKABLE_PAGE_TOKEN]);
    const crs = byId(out.postings, '7D2F1A9C3B');
    expect(crs).toMatchObject({ title: 'Certified Recovery Specialist', location: 'Pittsburgh, Pennsylvania', employmentType: 'Full-time', workplace: 'on-site' });
    expect(crs.url).toBe(`${server.origin}/${WORKABLE_ACCOUNT}/j/7D2F1A9C3B/`);
    expect(crs.description).toContain('<h3>Requirements</h3>');
    expect(byId(out.postings, 'C3D0F7B812').workplace).toBe('remote');
  });

  it('takes pay from the salary object where there is one, past a retention bonus', async () => {
    const out = await runSource(source('workable-threerivers'), context());
    const n = normalized(byId(out.postings, '7D2F1A9C3B'));
    expect(n.payBasis).toBe('structured');
    expect(n.pay).toMatchObject({ hourlyMin: 19.5, hourlyMax: 23 });
    // No salary object: the description's wage, not the shift differential.
    expect(normalized(byId(out.postings, 'A81C55E02F')).pay).toMatchObject({ hourlyMin: 20, hourlyMax: 22 });
    expect(normalized(byId(out.postings, '0B9E44D7A1')).isPeerRole).toBe(false);
  });

  it('says the account does not exist when Workable answers 404', async () => {
    const out = await runSource(source('workable-threerivers', { account: 'no-such-account' }), context());
    expect(out.complete).toBe(false);
    expect(out.errors[0]).toMatch(/no Workable account "no-such-account" \(.*HTTP 404\)/);
  });

  it('names the field when the jobs answer changes shape', async () => {
    server.route(`POST /api/v3/accounts/${WORKABLE_ACCOUNT}/jobs`, json({ total: 1, jobs: [] }));
    const out = await runSource(source('workable-threerivers'), context());
    expect(out.complete).toBe(false);
    expect(out.errors[0]).toMatch(/not a Workable jobs answer: results: /);
  });
});

describe('recruitee', () => {
  it('reads /api/offers/ with structured places, ISO dates and employment type codes as words', async () => {
    const out = await runSource(source('recruitee-lakeshore'), context());
    expect(out).toMatchObject({ complete: true, errors: [] });
    expect(server.requestsTo('/api/offers/')).toHaveLength(1);
    const prss = byId(out.postings, '1487221');
    expect(prss).toMatchObject({
      location: { city: 'Muskegon', state: 'MI', postalCode: '49440', country: 'US' },
      datePosted: '2025-05-05T14:31:07Z',
      employmentType: 'Full-time',
      url: `${server.origin}/o/peer-recovery-support-specialist`,
      structuredPay: { min: '18.50', max: '21.00', period: 'hour', currency: 'USD' },
    });
    expect(byId(out.postings, '1487305')).toMatchObject({ workplace: 'hybrid', employmentType: 'Part-time', structuredPay: undefined });
  });

  it('uses the salary object, else the description, and leaves a sign-on bonus out of pay', async () => {
    const out = await runSource(source('recruitee-lakeshore'), context());
    const withSalary = normalized(byId(out.postings, '1487221'));
    expect(withSalary).toMatchObject({ payBasis: 'structured', pay: { hourlyMin: 18.5, hourlyMax: 21 } });
    const nullSalary = normalized(byId(out.postings, '1487305'));
    expect(nullSalary).toMatchObject({ payBasis: 'description', pay: { hourlyMin: 19, hourlyMax: 22.5 } });
    expect(normalized(byId(out.postings, '1487390')).isPeerRole).toBe(false);
  });

  it('says the company does not exist on a 404', async () => {
    server.route('/api/offers/', { status: 404, headers: { 'content-type': 'application/json' }, body: '{"error":"Not found"}' });
    const out = await runSource(source('recruitee-lakeshore'), context());
    expect(out.complete).toBe(false);
    expect(out.errors[0]).toMatch(/no Recruitee company "lakeshorepeer"/);
  });

  it('names the field when the answer changes shape', async () => {
    server.route('/api/offers/', json({ jobs: [] }));
    const out = await runSource(source('recruitee-lakeshore'), context());
    expect(out.errors[0]).toMatch(/not a Recruitee offers answer: offers: /);
  });
});

describe('bamboohr', () => {
  it('reads /careers/list and each /careers/{id}/detail; compensation text is the pay', async () => {
    const out = await runSource(source('bamboohr-riverwalk'), context());
    expect(out).toMatchObject({ complete: true, errors: [] });
    const act = byId(out.postings, '87');
    expect(act).toMatchObject({ title: 'Peer Support Specialist - ACT Team', pay: '$18.90 - $23.00 per hour', datePosted: '2025-05-02', employmentType: 'Full-Time', workplace: 'onsite', url: `${server.origin}/careers/87` });
    expect(act.location).toEqual({ city: 'Louisville', state: 'Kentucky', country: 'United States' });
    expect(byId(out.postings, '95').workplace).toBe('remote');
  });

  it('reads the stated range, not a grade table in the text; without compensation, the wage before the differential', async () => {
    const out = await runSource(source('bamboohr-riverwalk'), context());
    expect(normalized(byId(out.postings, '87')).pay).toMatchObject({ hourlyMin: 18.9, hourlyMax: 23 });
    expect(normalized(byId(out.postings, '91')).pay).toMatchObject({ hourlyMin: 19.25, hourlyMax: 19.25 });
    expect(normalized(byId(out.postings, '95')).pay).toMatchObject({ period: 'year', annualMin: 41000, annualMax: 46000 });
  });

  it('says the company is unknown when BambooHR redirects to its home page (never followed)', async () => {
    server.route('/careers/list', BAMBOOHR_UNKNOWN_COMPANY_REPLY);
    const out = await runSource(source('bamboohr-riverwalk'), context());
    expect(out.complete).toBe(false);
    expect(out.errors[0]).toMatch(/no BambooHR careers site for company "riverwalkbh".*redirect to another host refused/);
  });

  it('names the field when the list answer changes shape', async () => {
    server.route('/careers/list', json({ meta: { totalCount: 1 }, jobs: [] }));
    const out = await runSource(source('bamboohr-riverwalk'), context());
    expect(out.complete).toBe(false);
    expect(out.errors[0]).toMatch(/not a BambooHR job list: result: /);
  });

  it('keeps the listing facts when a detail answer changes shape, naming the field', async () => {
    server.route('/careers/87/detail', json({ meta: {}, result: { opening: {} } }));
    const out = await runSource(source('bamboohr-riverwalk'), context());
    expect(byId(out.postings, '87')).toMatchObject({ title: 'Peer Support Specialist - ACT Team', pay: undefined });
    expect(out.errors.join('\n')).toMatch(/not a BambooHR job opening: result\.jobOpening: /);
    expect(out.complete).toBe(true);
  });
});

describe('paylocity', () => {
  it('reads window.pageData for the board, skips internal jobs, and each posting page with its JSON-LD', async () => {
    const out = await runSource(source('paylocity-webervalley'), context());
    expect(out).toMatchObject({ complete: true, errors: [] });
    expect(out.postings.map((p) => p.sourceId).sort()).toEqual(['1184502', '1184533']);
    const pss = byId(out.postings, '1184502');
    expect(pss).toMatchObject({
      title: 'Peer Support Specialist',
      employer: 'Weber Valley Behavioral Health',
      location: { city: 'OGDEN', state: 'UT', postalCode: '84401', country: 'USA' },
      employmentType: 'Full-time',
      url: `${server.origin}/Recruiting/Jobs/Details/1184502`,
    });
    expect(pss.description).toContain('Utah Certified Peer Support Specialist');
    expect(pss.description).not.toContain('Apply');
    expect(pss.description).not.toContain('Job Type');
    expect(normalized(pss)).toMatchObject({ payBasis: 'structured', pay: { hourlyMin: 19, hourlyMax: 22 }, location: { city: 'Ogden', state: 'UT' } });
    expect(normalized(byId(out.postings, '1184533')).pay).toMatchObject({ hourlyMin: 18.25 });
  });

  it('reads a posting page that has only JSON-LD (no preview block)', async () => {
    server.route('/Recruiting/Jobs/Details/1184502', () => {
      const page = (paylocityDetailPage(1184502) ?? '').replace(/<div class="job-preview-details">[\s\S]*?<footer>/, '<footer>');
      return { status: 200, headers: { 'content-type': 'text/html' }, body: page };
    });
    const out = await runSource(source('paylocity-webervalley'), context());
    const pss = byId(out.postings, '1184502');
    expect(out.errors).toEqual([]);
    expect(pss.description).toContain('Utah Certified Peer Support Specialist');
    expect(pss).toMatchObject({ employmentType: 'FULL_TIME', structuredPay: { value: { minValue: 19, maxValue: 22, unitText: 'HOUR' } } });
  });

  it('finds a board that answers only on the lower-case path spelling', async () => {
    const listPath = `/Recruiting/Jobs/All/${PAYLOCITY_COMPANY}`;
    server.route(`/recruiting/jobs/All/${PAYLOCITY_COMPANY}`, { status: 200, headers: { 'content-type': 'text/html' }, body: paylocityListPage() });
    server.unroute(listPath);
    const out = await runSource(source('paylocity-webervalley'), context());
    expect(out).toMatchObject({ complete: true, errors: [] });
    expect(out.postings).toHaveLength(2);
    expect(server.requestsTo(listPath)).toHaveLength(1);
  });

  it('fails loudly for a GUID Paylocity answers with its "job not found" page', async () => {
    server.route(`/Recruiting/Jobs/All/${PAYLOCITY_COMPANY}`, { status: 200, headers: { 'content-type': 'text/html' }, body: PAYLOCITY_NOT_FOUND_PAGE });
    const out = await runSource(source('paylocity-webervalley'), context());
    expect(out).toMatchObject({ complete: false, postings: [] });
    expect(out.errors[0]).toMatch(/no Paylocity job list for company "3c2f0d6e-/);
  });

  it('names the field when pageData changes shape', async () => {
    server.route(`/Recruiting/Jobs/All/${PAYLOCITY_COMPANY}`, { status: 200, headers: { 'content-type': 'text/html' }, body: '<script>window.pageData = {"Postings":[]};</script>' });
    const out = await runSource(source('paylocity-webervalley'), context());
    expect(out.errors[0]).toMatch(/window\.pageData is not a Paylocity job list: Jobs: /);
  });

  it('keeps the listing facts for a job closed since the list was read', async () => {
    server.route('/Recruiting/Jobs/Details/1184533', { status: 200, headers: { 'content-type': 'text/html' }, body: PAYLOCITY_NOT_FOUND_PAGE });
    const out = await runSource(source('paylocity-webervalley'), context());
    expect(byId(out.postings, '1184533')).toMatchObject({ title: 'Family Resource Facilitator (Peer)', description: 'Family Resource Facilitators are parents with lived experience...' });
    expect(out.errors).toEqual([]);
  });
});

describe('ukg', () => {
  it('pages the board search with Top/Skip and reads each opportunity detail page', async () => {
    const out = await runSource(source('ukg-summit'), context());
    expect(out).toMatchObject({ complete: true, errors: [] });
    expect(out.postings).toHaveLength(UKG_OPPORTUNITY_COUNT);
    const searches = server.requests.filter((r) => r.method === 'POST').map((r) => (JSON.parse(r.body) as { opportunitySearch: { Skip: number; Top: number } }).opportunitySearch);
    expect(searches).toEqual([expect.objectContaining({ Skip: 0, Top: 50 }), expect.objectContaining({ Skip: 50, Top: 50 })]);
    const pss = byId(out.postings, 'a3f1c2d4-1111-4c2b-9d3e-0f1a2b3c4d01');
    expect(pss).toMatchObject({ employmentType: 'Full-time', location: { city: 'Akron', state: 'OH', postalCode: '44313', country: 'USA' }, datePosted: '2025-05-05T13:00:00.000Z' });
    expect(pss.url).toBe(`${server.origin}/${UKG_TENANT}/JobBoard/${UKG_BOARD}/OpportunityDetail?opportunityId=a3f1c2d4-1111-4c2b-9d3e-0f1a2b3c4d01`);
    expect(pss.description).toContain('<table>');
  });

  it('reads the stated grade range, not the grade table or the 12-hour shifts', async () => {
    const out = await runSource(source('ukg-summit'), context());
    const n = normalized(byId(out.postings, 'a3f1c2d4-1111-4c2b-9d3e-0f1a2b3c4d01'));
    expect(n.isPeerRole).toBe(true);
    expect(n.pay).toMatchObject({ hourlyMin: 20.15, hourlyMax: 24.46 });
    expect(normalized(byId(out.postings, 'a3f1c2d4-3333-4c2b-9d3e-0f1a2b3c4d03')).isPeerRole).toBe(false);
  });

  it('pages by what each answer held, up to totalCount, when the board returns fewer than Top', async () => {
    server.route(`POST /${UKG_TENANT}/JobBoard/${UKG_BOARD}/JobBoardView/LoadSearchResults`, (req) => {
      const answer = ukgSearch(req);
      return json({ ...answer, opportunities: answer.opportunities.slice(0, 20) });
    });
    const out = await runSource(source('ukg-summit'), context());
    expect(out.postings).toHaveLength(UKG_OPPORTUNITY_COUNT);
    const skips = server.requests.filter((r) => r.method === 'POST').map((r) => (JSON.parse(r.body) as { opportunitySearch: { Skip: number } }).opportunitySearch.Skip);
    expect(skips).toEqual([0, 20, 40]);
  });

  it('says the board does not exist on a 404', async () => {
    const out = await runSource(source('ukg-summit', { board: '00000000-0000-4000-8000-000000000000' }), context());
    expect(out.complete).toBe(false);
    expect(out.errors[0]).toMatch(/no UKG job board SUM1001SUMMIT\/00000000-/);
  });

  it('names the field when the search answer changes shape', async () => {
    server.route(`POST /${UKG_TENANT}/JobBoard/${UKG_BOARD}/JobBoardView/LoadSearchResults`, json({ results: [], totalCount: 0 }));
    const out = await runSource(source('ukg-summit'), context());
    expect(out.errors[0]).toMatch(/not a UKG search answer: opportunities: /);
  });
});

describe('xmlfeed', () => {
  it('reads an Indeed-format feed: CDATA and plain fields, escaped HTML, a job without a title rejected', async () => {
    const out = await runSource(source('xmlfeed-harborpointe'), context());
    expect(out.complete).toBe(true);
    expect(out.postings.map((p) => p.sourceId)).toEqual(['HPR-2291', 'HPR-2304', 'HPR-2310']);
    expect(out.rejected).toEqual([expect.objectContaining({ reason: 'no-title', message: 'job 4: <title> is missing or empty' })]);
    const prs = byId(out.postings, 'HPR-2291');
    expect(prs).toMatchObject({ employer: 'Harbor Pointe Recovery', pay: '$20.50 - $24.00 per hour', validThrough: '2025-07-01', employmentType: 'fulltime' });
    expect(prs.location).toEqual({ city: 'Portland', state: 'ME', postalCode: '04101', country: 'US', street: '12 Fore St' });
    expect(prs.description).toContain('<ul><li>Maine Intentional Peer Support training</li></ul>');
    const coach = byId(out.postings, 'HPR-2304');
    expect(coach).toMatchObject({ title: 'Recovery Coach & Peer Navigator', workplace: 'hybrid' });
    expect(coach.description?.startsWith('<p>Help people')).toBe(true);
    expect(normalized(prs).pay).toMatchObject({ hourlyMin: 20.5, hourlyMax: 24 });
    expect(normalized(coach).pay).toMatchObject({ hourlyMin: 19, hourlyMax: 19 });
    expect(normalized(byId(out.postings, 'HPR-2310')).isPeerRole).toBe(false);
  });

  it('reads an RSS 2.0 job feed with WP Job Manager fields and content:encoded', async () => {
    const out = await runSource(source('xmlfeed-opendoor'), context());
    const pss = out.postings[0]!;
    expect(pss).toMatchObject({
      title: 'Peer Support Specialist – Drop-In Center',
      url: 'https://opendoorpeers.example.org/job/peer-support-specialist-drop-in-center/',
      employer: 'Open Door Peer Collective',
      location: 'Burlington, VT',
      employmentType: 'Full Time',
      datePosted: 'Fri, 16 May 2025 15:04:11 +0000',
    });
    expect(pss.description).toContain('$18.00 - $20.00 per hour');
    expect(normalized(out.postings[1]!).isPeerRole).toBe(false);
  });

  it('finds <job> entries under a <jobs> wrapper too, and a combined <location>', () => {
    const feed = parseJobFeed('<source><publisher>X</publisher><jobs><job><title><![CDATA[Peer Mentor]]></title><referencenumber>7</referencenumber><url>https://x.example/7</url><location><![CDATA[Akron, OH]]></location></job></jobs></source>', 'https://x.example/feed');
    expect(feed).toMatchObject({ ok: true, format: 'indeed', postings: [{ sourceId: '7', title: 'Peer Mentor', location: 'Akron, OH' }] });
  });

  it('says what it got when the document is not a job feed', () => {
    expect(parseJobFeed('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>', 'https://x.example/feed')).toEqual({
      ok: false,
      message: 'not a job feed: expected an Indeed-format <source> with <job> elements or an RSS 2.0 <rss>, got <feed>',
    });
    expect(parseJobFeed('<rss version="2.0"></rss>', 'https://x.example/feed')).toMatchObject({ ok: false, message: expect.stringMatching(/<channel> is missing/) });
    expect(parseJobFeed(INDEED_FEED.replace(/<(\/?)job>/g, '<$1position>'), 'https://x.example/feed')).toMatchObject({ ok: false, message: expect.stringMatching(/lists <job> elements/) });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../../scrapers/http/index.ts';
import { runSource, SOURCE_KINDS, type SourceConfig, type SourceRunContext } from '../../scrapers/sources/index.ts';
import { startFixtureServer, type FixtureServer } from '../fixtures/fixture-server.ts';
import { fixtureSources, mountFixtureSites, USAJOBS_EMAIL, USAJOBS_KEY, type FixtureSites } from '../fixtures/sites/fixture-sites.ts';
import { NEOGOV_REDESIGNED_FRAGMENT } from '../fixtures/sites/neogov-pages.ts';
import { WORKDAY_JOB_COUNT } from '../fixtures/sites/workday-answers.ts';

let server: FixtureServer;
let sites: FixtureSites;

beforeEach(async () => {
  server = await startFixtureServer();
  sites = mountFixtureSites(server);
});
afterEach(async () => {
  await server.close();
});

function context(overrides: Partial<SourceRunContext> = {}): SourceRunContext {
  return {
    // No pacing and instant backoff: the fetcher's timing has its own tests.
    fetcher: createFetcher({ contact: 'https://peerboard.example/contact', defaultDelayMs: 0, sleep: async () => undefined }),
    signal: new AbortController().signal,
    env: { usajobsApiKey: USAJOBS_KEY, usajobsEmail: USAJOBS_EMAIL },
    ...overrides,
  };
}

function source(id: string): SourceConfig {
  const found = fixtureSources(server.origin).find((s) => s.id === id);
  if (!found) throw new Error(`no fixture source ${id}`);
  return found;
}

const byId = <T extends { sourceId?: string | undefined }>(list: T[], id: string): T => {
  const hit = list.find((p) => p.sourceId === id);
  if (!hit) throw new Error(`no posting ${id} in ${list.map((p) => p.sourceId).join(', ')}`);
  return hit;
};

describe('every kind', () => {
  it('has a fixture source, and each run yields postings carrying source, sourceId and url', async () => {
    const configs = fixtureSources(server.origin);
    expect(new Set(configs.map((c) => c.kind))).toEqual(new Set(SOURCE_KINDS));
    for (const config of configs) {
      const out = await runSource(config, context());
      expect(out.errors, config.id).toEqual([]);
      expect(out.complete, config.id).toBe(true);
      expect(out.postings.length, config.id).toBeGreaterThan(0);
      for (const p of out.postings) {
        expect(p.source).toBe(config.id);
        expect(p.sourceId).toBeTruthy();
        expect(p.url).toMatch(/^https?:\/\//);
      }
    }
  });
});

describe('greenhouse', () => {
  it('unescapes content once, names the employer from the board and keeps pay_input_ranges as given', async () => {
    const out = await runSource(source('greenhouse-harborlight'), context());
    const prs = byId(out.postings, '4012345001');
    expect(prs.employer).toBe('Harbor Light Behavioral Health');
    expect(prs.description).toContain('<p><strong>Peer Recovery Specialist</strong></p>');
    expect(prs.description).toContain('$19.50 - $23.00 per hour &amp; full benefits');
    expect(prs.structuredPay).toEqual([{ min_cents: 4056000, max_cents: 4784000, currency_type: 'USD', title: 'Columbus, OH', blurb: '<p>The pay range for this role in Ohio.</p>' }]);
    expect(prs.employmentType).toBe('Full-time');
    expect(prs.datePosted).toBe('2025-04-28T09:00:12-04:00');
    expect(byId(out.postings, '4012345003').structuredPay).toBeUndefined();
    expect(server.requestsTo('/v1/boards/harborlight/jobs/4012345001')[0]?.query.get('pay_transparency')).toBe('true');
  });

  it('keeps the listing copy when one job detail fails, and the run stays complete', async () => {
    server.route('/v1/boards/harborlight/jobs/4012345002', { status: 500, body: 'Internal Server Error' });
    const out = await runSource(source('greenhouse-harborlight'), context());
    expect(out.postings).toHaveLength(3);
    expect(byId(out.postings, '4012345002').structuredPay).toBeUndefined();
    expect(out.complete).toBe(true);
    expect(out.errors.join('\n')).toMatch(/4012345002.*HTTP 500/);
  });

  it('marks the run incomplete when the listing answers 500 after retries', async () => {
    server.route('/v1/boards/harborlight/jobs', { status: 500, body: 'Internal Server Error' });
    const out = await runSource(source('greenhouse-harborlight'), context());
    expect(out.complete).toBe(false);
    expect(out.postings).toEqual([]);
    expect(out.errors[0]).toMatch(/HTTP 500/);
  });
});

describe('lever', () => {
  it('builds the description from description, lists and additional, and converts createdAt', async () => {
    const out = await runSource(source('lever-northstar'), context());
    const act = byId(out.postings, '7f0c9b4e-3a52-4d8e-9a51-2c6f0e9d8b11');
    expect(act.description).toContain('<h3>What you bring</h3>');
    expect(act.description).toContain('equal opportunity employer');
    expect(act.structuredPay).toEqual({ currency: 'USD', interval: 'per-hour-wage', min: 21, max: 25.5 });
    expect(act.datePosted).toBe(new Date(1746540000000).toISOString());
    expect(act.employmentType).toBe('Full Time');
    const warmline = byId(out.postings, 'c1d2e3f4-0000-4abc-8def-123456789abc');
    expect(warmline.workplace).toBe('remote');
    expect(warmline.location).toEqual(['Remote - Colorado', 'Boulder, CO']);
  });
});

describe('ashby', () => {
  it('reads compensation and structured addresses, and skips unlisted jobs', async () => {
    const out = await runSource(source('ashby-bridgeway'), context());
    expect(out.postings.map((p) => p.title)).toEqual(['Recovery Coach / Peer Specialist', 'Peer Navigator, Justice-Involved Programs']);
    const coach = out.postings[0]!;
    expect(coach.pay).toBe('$20 – $24 per hour');
    expect(coach.structuredPay).toMatchObject({ summaryComponents: [{ compensationType: 'Salary', interval: '1 HOUR', currencyCode: 'USD', minValue: 20, maxValue: 24 }] });
    expect(coach.location).toEqual([
      { city: 'Phoenix', state: 'Arizona', country: 'United States' },
      { city: 'Tempe', state: 'Arizona', country: 'United States' },
    ]);
    expect(out.postings[1]!.workplace).toBe('Remote');
  });
});

describe('workday', () => {
  it('pages through the search (total only on page one) and reads each job detail', async () => {
    const out = await runSource(source('workday-mercy'), context());
    expect(out.postings).toHaveLength(WORKDAY_JOB_COUNT);
    const searches = server.requests.filter((r) => r.method === 'POST');
    expect(searches.map((r) => JSON.parse(r.body).offset)).toEqual([0, 20]);
    expect(JSON.parse(searches[0]!.body)).toEqual({ appliedFacets: {}, limit: 20, offset: 0, searchText: 'peer' });
    const first = byId(out.postings, 'R-24101');
    expect(first.employer).toBe('Mercy Health');
    expect(first.location).toEqual(['Cincinnati, OH', 'Springfield, OH']);
    expect(first.description).toContain('$18.75 - $27.10 per hour');
    expect(first.datePosted).toBe('2025-05-01');
  });

  it('reads tenant and site from a myworkdayjobs.com URL', async () => {
    const { parseWorkdaySite } = await import('../../scrapers/sources/index.ts');
    expect(parseWorkdaySite('https://mercyhealth.wd5.myworkdayjobs.com/en-US/MercyCareers')).toEqual({
      origin: 'https://mercyhealth.wd5.myworkdayjobs.com',
      tenant: 'mercyhealth',
      site: 'MercyCareers',
      locale: 'en-US',
      pagePrefix: '/en-US',
    });
  });
});

describe('usajobs', () => {
  it('sends the e-mail as User-Agent and the key as Authorization-Key, and pages to NumberOfPages', async () => {
    const out = await runSource(source('usajobs-peer'), context());
    expect(out.postings.map((p) => p.sourceId)).toEqual(['834512700', '834599811']);
    const req = server.requestsTo('/api/search')[0]!;
    expect(req.headers['user-agent']).toBe(USAJOBS_EMAIL);
    expect(req.headers['authorization-key']).toBe(USAJOBS_KEY);
    expect(req.query.get('Keyword')).toBe('peer support');
    const p = out.postings[0]!;
    expect(p.structuredPay).toEqual([{ MinimumRange: '49025.0', MaximumRange: '63733.0', RateIntervalCode: 'PA', Description: 'Per Year' }]);
    expect(p.location).toEqual({ city: 'Chillicothe', state: 'Ohio', country: 'United States', lat: 39.33, lon: -82.98 });
    expect(p.validThrough).toBe('2025-06-06T23:59:59.9970');
    expect(p.description).toContain('<li>Facilitate peer support groups</li>');
  });

  it('is disabled with a clear message and no requests when USAJOBS_API_KEY is missing', async () => {
    const out = await runSource(source('usajobs-peer'), context({ env: { usajobsEmail: USAJOBS_EMAIL } }));
    expect(out.complete).toBe(false);
    expect(out.postings).toEqual([]);
    expect(out.errors[0]).toMatch(/disabled: set USAJOBS_API_KEY/);
    expect(server.requests).toHaveLength(0);
  });

  it('stops the run on a 401 instead of requesting every page', async () => {
    const out = await runSource(source('usajobs-peer'), context({ env: { usajobsApiKey: 'wrong', usajobsEmail: USAJOBS_EMAIL } }));
    expect(out.complete).toBe(false);
    expect(out.errors[0]).toMatch(/HTTP 401/);
    expect(server.requestsTo('/api/search')).toHaveLength(1);
  });
});

describe('neogov', () => {
  it('reads salary text from the listing and the closing date and description from the posting page', async () => {
    const out = await runSource(source('neogov-franklin'), context());
    expect(out.postings).toHaveLength(3);
    const pss = byId(out.postings, '4876123');
    expect(pss.pay).toBe('$22.10 - $28.45 Hourly');
    expect(pss.employmentType).toBe('Full-Time');
    expect(pss.validThrough).toBe('06/13/25 11:59 PM');
    expect(pss.description).toContain('Ohio Peer Recovery Supporter certification required');
    expect(pss.description).not.toContain('OPERS pension');
    // "Continuous" is not a date.
    expect(byId(out.postings, '4879001').validThrough).toBeUndefined();
    expect(server.requestsTo('/careers/home/index').map((r) => r.query.get('page'))).toEqual(['1', '2']);
  });

  it('fails loudly when a listing page has no rows it can read', async () => {
    server.route('/careers/home/index', { headers: { 'content-type': 'text/html' }, body: NEOGOV_REDESIGNED_FRAGMENT });
    const out = await runSource(source('neogov-franklin'), context());
    expect(out.complete).toBe(false);
    expect(out.errors[0]).toMatch(/no job rows found/);
  });

  it('accepts an agency with no openings when the board says so', async () => {
    const config = { ...source('neogov-franklin'), agency: 'emptyagency' } as SourceConfig;
    const out = await runSource(config, context());
    expect(out).toMatchObject({ complete: true, postings: [], errors: [] });
  });
});

describe('jsonld', () => {
  it('finds the same postings from the listing page and from the sitemap index', async () => {
    const fromListing = await runSource(source('harborlight-careers'), context());
    const fromSitemap = await runSource(source('harborlight-sitemap'), context());
    const ids = (o: typeof fromListing) => o.postings.map((p) => p.sourceId).sort();
    expect(ids(fromListing)).toEqual(['HL-2025-118', 'HL-2025-131', 'HL-2025-144', `${server.origin}/careers/jobs/warmline-peer-specialist`]);
    expect(ids(fromSitemap)).toEqual(ids(fromListing));
    // Off-host links (Indeed) are never followed.
    expect(server.requests.some((r) => r.path.includes('indeed'))).toBe(false);
  });

  it('records malformed and title-less blocks as rejected items and keeps the good blocks on the page', async () => {
    const out = await runSource(source('harborlight-careers'), context());
    expect(out.rejected.map((r) => r.reason).sort()).toEqual(['malformed-jsonld', 'no-title']);
    expect(byId(out.postings, 'HL-2025-144').location).toBe('Columbus, OH 43215');
  });

  it('decodes an escaped description once, keeps string numbers in baseSalary, and passes employmentType arrays and TELECOMMUTE', async () => {
    const out = await runSource(source('harborlight-careers'), context());
    const crisis = byId(out.postings, 'HL-2025-131');
    expect(crisis.description).toBe('<p>Our 16-bed Crisis Stabilization Unit is looking for a <strong>Certified Peer Support Specialist</strong> &amp; advocate.</p><p>CPS certification required.</p>');
    expect(crisis.employmentType).toEqual(['FULL_TIME', 'TEMPORARY']);
    expect(crisis.structuredPay).toMatchObject({ value: { minValue: '20.50', maxValue: '24.00', unitText: 'HOUR' } });
    expect(crisis.location).toEqual([
      { city: 'Dayton', state: 'OH', postalCode: '45402', country: 'US', lat: 39.7589, lon: -84.1916 },
      { city: 'Kettering', state: 'OH', country: 'US' },
    ]);
    const warmline = out.postings.find((p) => p.title.startsWith('Warmline'))!;
    expect(warmline.workplace).toBe('TELECOMMUTE');
    expect(warmline.employer).toBe('Harbor Light Behavioral Health');
  });

  it('skips a posting page robots.txt disallows without requesting it, and counts it', async () => {
    server.route('/robots.txt', { headers: { 'content-type': 'text/plain' }, body: 'User-agent: PeerboardBot\nDisallow: /careers/jobs/peer-mentor\n' });
    const out = await runSource(source('harborlight-careers'), context());
    expect(out.robotsSkipped).toBe(1);
    expect(server.requestsTo('/careers/jobs/peer-mentor')).toHaveLength(0);
    expect(out.postings.map((p) => p.sourceId)).not.toContain('HL-2025-144');
  });

  it('marks the run incomplete when a posting page fails with a 500, so expiry leaves that job alone', async () => {
    server.route('/careers/jobs/peer-mentor', { status: 500, body: 'upstream error' });
    const out = await runSource(source('harborlight-careers'), context());
    expect(out.postings.map((p) => p.sourceId)).not.toContain('HL-2025-144');
    expect(out.complete).toBe(false);
  });

  it('stays complete when a posting page answers 404: the employer took the job down', async () => {
    server.route('/careers/jobs/peer-mentor', { status: 404, body: 'not found' });
    const out = await runSource(source('harborlight-careers'), context());
    expect(out.postings.map((p) => p.sourceId)).not.toContain('HL-2025-144');
    expect(out.complete).toBe(true);
  });

  it('stops at maxPages and says the run is incomplete', async () => {
    const config = { ...source('harborlight-careers'), maxPages: 3 } as SourceConfig;
    const out = await runSource(config, context());
    expect(out.complete).toBe(false);
    expect(out.pagesFetched).toBe(3);
  });
});

describe('html', () => {
  it('reads items with the selectors, follows next, and decodes a windows-1252 detail page', async () => {
    const out = await runSource(source('riverbend-html'), context());
    expect(out.postings.map((p) => p.title)).toEqual(['Recovery Coach', 'Peer Support Specialist (Weekends)', 'Peer Specialist – Café Recovery Program']);
    expect(out.postings[0]).toMatchObject({ pay: '$18.00 - $20.00/hr', location: 'Akron, OH', employer: 'Riverbend Recovery Community Center' });
    expect(out.postings[2]!.description).toContain('Riverbend’s Peer Specialist – Café Recovery Program supports members on their recovery path — “nothing about us without us.”');
    // The volunteer box matches the item selector but has no title: rejected, not a posting.
    expect(out.rejected).toHaveLength(2);
  });

  it('fails loudly when the item selector matches nothing', async () => {
    const config = { ...source('riverbend-html'), selectors: { item: 'div.opening', title: 'h3', link: 'a' } } as SourceConfig;
    const out = await runSource(config, context());
    expect(out.complete).toBe(false);
    expect(out.errors[0]).toMatch(/no items match "div.opening"/);
  });
});

describe('across runs and sources', () => {
  it('sees the same job on the Greenhouse board and the employer careers page (for de-duplication downstream)', async () => {
    const gh = await runSource(source('greenhouse-harborlight'), context());
    const site = await runSource(source('harborlight-careers'), context());
    const a = byId(gh.postings, '4012345001');
    const b = byId(site.postings, 'HL-2025-118');
    expect([a.title, a.employer]).toEqual([b.title, b.employer]);
    expect(a.source).not.toBe(b.source);
  });

  it('gives the same output when run twice on an unchanged site (idempotent)', async () => {
    const ctx = context();
    const first = await runSource(source('harborlight-careers'), ctx);
    const second = await runSource(source('harborlight-careers'), ctx);
    expect(second.postings).toEqual(first.postings);
    expect(second.complete).toBe(true);
  });

  it('shows new, updated and vanished jobs after the listing changes', async () => {
    const ctx = context();
    const before = await runSource(source('greenhouse-harborlight'), ctx);
    sites.setVersion(2);
    const after = await runSource(source('greenhouse-harborlight'), ctx);
    const ids = (o: typeof before) => o.postings.map((p) => p.sourceId).sort();
    expect(ids(before)).toEqual(['4012345001', '4012345002', '4012345003']);
    expect(ids(after)).toEqual(['4012345001', '4012345002', '4012345004']);
    expect(byId(after.postings, '4012345002').structuredPay).not.toEqual(byId(before.postings, '4012345002').structuredPay);
    expect(after.complete).toBe(true);

    const siteAfter = await runSource(source('harborlight-careers'), ctx);
    expect(siteAfter.postings.map((p) => p.sourceId)).toContain('HL-2025-152');
    expect(siteAfter.postings.some((p) => p.title.startsWith('Warmline'))).toBe(false);
  });

  it('stops after the page in flight when the signal aborts, and reports complete: false', async () => {
    const controller = new AbortController();
    const out = await runSource(
      source('workday-mercy'),
      context({
        signal: controller.signal,
        onProgress: ({ pagesFetched }) => {
          if (pagesFetched === 3) controller.abort();
        },
      }),
    );
    expect(out.complete).toBe(false);
    expect(out.pagesFetched).toBe(3);
    expect(out.errors).toEqual([]);
  });
});

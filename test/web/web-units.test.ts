import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPLOYMENT_TYPES, SETTINGS, WORKPLACES } from '../../schema/index.ts';
import { normalizePosting } from '../../scrapers/normalize/index.ts';
import { DEMO_SAMPLE_SIZE, demoSamplePostings } from '../../jobs/demo/demo-sample.ts';
import { xmlText } from '../../web/feeds/feeds.ts';
import { money, ordinal, payAsStated } from '../../web/format/pay-format.ts';
import { issuesToErrors, parseMarketQuery, stateOfLocation } from '../../web/pages/employers-page.tsx';
import { applyLinks, scriptJson } from '../../web/pages/job-page.tsx';
import { jobSearchQueryString, parseJobSearchParams, parsePlace } from '../../web/search/job-search-params.ts';
import type { JobSearchParams } from '../../web/search/job-search-params.ts';

describe('the /jobs URL', () => {
  const paramsArb: fc.Arbitrary<JobSearchParams> = fc.record({
    q: fc.constantFrom('', 'peer', 'recovery coach', 'Peer & "family" <advocate>'),
    settings: fc.uniqueArray(fc.constantFrom(...SETTINGS), { maxLength: 3 }),
    states: fc.uniqueArray(fc.constantFrom('OH', 'PA', 'CA'), { maxLength: 2 }),
    near: fc.constantFrom('', 'Columbus, OH'),
    radius: fc.constantFrom(null, 10, 50),
    payMin: fc.constantFrom(null, 20, 45000),
    payPeriod: fc.constantFrom('hour' as const, 'year' as const),
    types: fc.uniqueArray(fc.constantFrom(...EMPLOYMENT_TYPES), { maxLength: 2 }),
    workplaces: fc.uniqueArray(fc.constantFrom(...WORKPLACES), { maxLength: 2 }),
    posted: fc.constantFrom(null, 1, 7, 30),
    cert: fc.boolean(),
    lived: fc.boolean(),
    sort: fc.constantFrom('relevance' as const, 'newest' as const, 'pay_high' as const, 'pay_low' as const),
    page: fc.integer({ min: 1, max: 20 }),
  });

  it('reads back every search it writes, with no problems', () => {
    fc.assert(
      fc.property(paramsArb, (p) => {
        const norm: JobSearchParams = { ...p, radius: p.near ? p.radius : null, payPeriod: p.payMin === null ? 'hour' : p.payPeriod };
        if (norm.payMin !== null && norm.payMin > 1000) norm.payPeriod = 'year';
        const { params, problems } = parseJobSearchParams(new URLSearchParams(jobSearchQueryString(norm)));
        expect(problems).toEqual([]);
        expect(params).toEqual(norm);
      }),
    );
  });

  it('ignores empty form fields and names every value it cannot read', () => {
    expect(parseJobSearchParams(new URLSearchParams('q=&setting=&near=&payMin=&posted=')).problems).toEqual([]);
    const { problems } = parseJobSearchParams(new URLSearchParams('setting=spaceship&state=ZZ&payMin=lots&sort=distance&page=0&cert=maybe'));
    expect(problems.map((p) => p.field)).toEqual(['setting', 'state', 'payMin', 'cert', 'sort', 'page']);
  });

  it('reads a place written "City, ST" or "City ST"', () => {
    expect(parsePlace('Columbus, OH')).toEqual({ city: 'Columbus', state: 'OH' });
    expect(parsePlace('grand rapids mi')).toEqual({ city: 'grand rapids', state: 'MI' });
    expect(parsePlace('Columbus')).toBeNull();
    expect(parsePlace('Paris, ZZ')).toBeNull();
  });
});

describe('formatting', () => {
  it('writes pay as people do', () => {
    expect(money(23.7259)).toBe('$23.73');
    expect(money(49350)).toBe('$49,350');
    const pay = { min: 19.5, max: 24.75, period: 'hour' as const, currency: 'USD', hourlyMin: 19.5, hourlyMax: 24.75, annualMin: 40560, annualMax: 51480 };
    expect(payAsStated(pay)).toBe('$19.50 to $24.75 an hour');
    expect(payAsStated({ ...pay, min: null })).toBe('Up to $24.75 an hour');
    expect(payAsStated({ ...pay, max: null, period: 'year', min: 42000 })).toBe('From $42,000 a year');
    expect([1, 2, 3, 4, 11, 12, 13, 21, 62, 100].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '62nd', '100th']);
  });

  it('keeps scraped text from closing a script element or breaking XML', () => {
    const json = scriptJson({ t: '</script><script>alert(1)</script>&\u2028' });
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual({ t: '</script><script>alert(1)</script>&\u2028' });
    expect(xmlText('a & <b> "c" \u0001')).toBe('a &amp; &lt;b&gt; &quot;c&quot; ');
  });
});

describe('a job page', () => {
  it('offers the employer\'s own page before the job boards that copy it', () => {
    const p = {
      url: 'https://boards.greenhouse.io/harbor/jobs/1',
      employer: 'Harbor',
      sources: [
        { source: 'gh', sourceId: '1', url: 'https://boards.greenhouse.io/harbor/jobs/1', firstSeenAt: '', lastSeenAt: '' },
        { source: 'site', sourceId: '2', url: 'https://www.harbor.example/careers/peer', firstSeenAt: '', lastSeenAt: '' },
        { source: 'bad', sourceId: '3', url: 'javascript:alert(1)', firstSeenAt: '', lastSeenAt: '' },
      ],
    } as unknown as Parameters<typeof applyLinks>[0];
    expect(applyLinks(p)).toEqual([
      { href: 'https://www.harbor.example/careers/peer', label: "Apply on Harbor's website" },
      { href: 'https://boards.greenhouse.io/harbor/jobs/1', label: 'Apply on boards.greenhouse.io' },
    ]);
  });
});

describe('the employer forms', () => {
  it('puts each API validation line beside its field', () => {
    const errors = issuesToErrors(['input.pay.max: max must be at least min', 'input.title: at least 3 characters', 'input: the job was not accepted (not_peer_role): not a peer role'], {
      title: { id: 'e-title', label: 'Job title' },
      'pay.max': { id: 'e-payMax', label: 'Highest pay' },
    }, 'e-title');
    expect(errors).toEqual([
      { field: 'e-payMax', message: 'Highest pay: max must be at least min' },
      { field: 'e-title', message: 'Job title: at least 3 characters' },
      { field: 'e-title', message: 'The job was not accepted (not_peer_role): not a peer role' },
    ]);
  });

  it('reads an offer for the live market position with the plausibility rule', () => {
    expect(stateOfLocation('Columbus, OH 43215 (hybrid)')).toBe('OH');
    const ok = parseMarketQuery(new URLSearchParams('payMin=41600&payMax=45760&payPeriod=year&setting=moud&location=Dayton, OH'));
    expect(ok.query).toEqual({ hourly: 21, filter: { settings: ['moud'], states: ['OH'] }, scope: 'MOUD services in Ohio' });
    expect(parseMarketQuery(new URLSearchParams('payMin=22&payPeriod=fortnight')).problem).toBeTruthy();
    expect(parseMarketQuery(new URLSearchParams('payMin=22000&payPeriod=hour')).problem).toMatch(/outside/);
  });
});

describe('the demo sample', () => {
  it('covers all ten settings and at least fifteen states, most with pay, through the real normaliser', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const raws = demoSamplePostings(now);
    expect(raws.length).toBe(DEMO_SAMPLE_SIZE);
    expect(demoSamplePostings(now)).toEqual(raws);
    const normalized = raws.map((r) => normalizePosting(r, { now }));
    expect(normalized.every((p) => p.isPeerRole)).toBe(true);
    expect(new Set(normalized.flatMap((p) => p.settings))).toEqual(new Set(SETTINGS));
    expect(new Set(normalized.map((p) => p.location.state)).size).toBeGreaterThanOrEqual(15);
    expect(normalized.filter((p) => p.pay).length / normalized.length).toBeGreaterThan(0.75);
  });
});

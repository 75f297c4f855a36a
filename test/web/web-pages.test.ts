import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS } from '../../schema/index.ts';
import type { TestServer } from '../server/server-harness.ts';
import { FormSession, getPage, startDemoServer } from './web-harness.ts';

/**
 * The pages over plain HTTP, without a browser: status codes, what each page says, escaping of
 * scraped text, the feed, the sitemap, the employer forms without JavaScript.
 */
let s: TestServer;
let hostileId: string;
let alaskaId: string;

beforeAll(async () => {
  s = await startDemoServer();
  const r = await s.runtime.ingest(
    [
      {
        source: 'test-hostile',
        sourceId: 'h1',
        url: 'https://careers.example.org/jobs/h1',
        title: 'Peer Support Specialist <script>alert("t")</script> & <b>Co</b>',
        employer: 'Evil <img src=x onerror=alert(1)> Recovery',
        location: 'Columbus, OH',
        pay: '$20.00 - $24.00 per hour',
        description: '<p>Peer support in our crisis stabilization unit.</p><script>alert("d")</script><p onclick="alert(2)">Lived experience required. </script></p>',
        datePosted: new Date().toISOString(),
      },
      {
        source: 'test-hostile',
        sourceId: 'ak1',
        url: 'https://careers.example.org/jobs/ak1',
        title: 'Peer Support Specialist - Specialty Court',
        employer: 'Juneau Treatment Court',
        location: 'Juneau, AK',
        pay: '$26.00 - $30.00 per hour',
        description: '<p>Peer support for participants of our drug court and treatment court.</p>',
        datePosted: new Date(Date.now() - 86_400_000).toISOString(),
      },
    ],
    { waitForIndex: true },
  );
  alaskaId = r.postingIds[1]!;
  // Ingest makes titles and employers plain text (markup stripped, issue 9), so the pages' own
  // escaping is proven on a posting written straight into the store, as an older version or
  // another writer could have stored it: the pages must never trust stored text.
  const ingested = await s.runtime.store.getPosting(r.postingIds[0]!);
  expect(ingested?.title).toBe('Peer Support Specialist & Co');
  hostileId = ingested!.id;
  await s.runtime.store.putPostings([
    {
      ...ingested!,
      title: 'Peer Support Specialist <script>alert("t")</script> & <b>Co</b>',
      employer: 'Evil <img src=x onerror=alert(1)> Recovery',
      updatedAt: new Date().toISOString(),
    },
  ]);
  await s.runtime.reconcile();
});
afterAll(async () => {
  await s?.close();
});

async function someJobId(query = ''): Promise<string> {
  const page = await getPage(s, `/jobs${query}`);
  const href = page.$('.job-list a[href^="/jobs/"]').first().attr('href');
  expect(href).toBeTruthy();
  return href!.slice('/jobs/'.length);
}

describe('home page', () => {
  it('offers the search, the ten settings with their active job counts, headline pay with its sample size and the newest jobs', async () => {
    const { status, $ } = await getPage(s, '/');
    expect(status).toBe(200);
    expect($('form[action="/jobs"] input[name=q]').length).toBe(1);
    expect($('form[action="/jobs"] input[name=near]').length).toBe(1);
    for (const key of SETTINGS) {
      const link = $(`a[href="/jobs?setting=${key}"]`);
      expect(link.length, key).toBe(1);
      expect(link.parent().text()).toMatch(/\(\d+ jobs?\)/);
    }
    const pay = $('h2:contains("Pay in the last 12 months")').nextAll('.headline-pay').text();
    expect(pay).toMatch(/Median pay\s*\$\d+\.\d\d an hour\$\d{2},\d{3} a year/);
    expect(pay).toMatch(/Top 10% earn at least\s*\$\d+\.\d\d an hour/);
    expect($('main').text()).toMatch(/From \d+ postings that stated pay, of \d+ posted in the last 12 months/);
    expect($('h2:contains("Newest jobs")').next('ul.job-list').children('li').length).toBe(6);
  });
});

describe('/jobs', () => {
  it('finds jobs despite a typo, says how many, pages through them and links the feed', async () => {
    const { status, $ } = await getPage(s, '/jobs?q=recovry+coach');
    expect(status).toBe(200);
    const count = Number($('#results-count').text().replace(/[^\d]/g, ''));
    expect(count).toBeGreaterThan(20);
    expect($('#results-count').text()).toMatch(/^\d[\d,]* jobs$/);
    expect($('.job-list > li').length).toBe(20);
    expect($('.job-list mark').length).toBeGreaterThan(0);
    expect($('a[rel=next]').attr('href')).toBe('/jobs?q=recovry+coach&page=2');
    expect($('link[rel=alternate][type="application/atom+xml"]').attr('href')).toBe('/jobs.atom?q=recovry+coach');
    const second = await getPage(s, '/jobs?q=recovry+coach&page=2');
    expect(second.$('a[rel=prev]').attr('href')).toBe('/jobs?q=recovry+coach');
    expect(second.$('.job-list > li').first().find('a').attr('href')).not.toBe($('.job-list > li').first().find('a').attr('href'));
  });

  it('filters by setting, state, pay, type, requirements and place, with a count beside every option', async () => {
    const all = await getPage(s, '/jobs');
    const crisisCount = Number(/\((\d+)\)/.exec(all.$('label[for=f-setting-crisis_unit]').text())?.[1]);
    const { status, $ } = await getPage(s, '/jobs?setting=crisis_unit');
    expect(status).toBe(200);
    expect(Number($('#results-count').text().replace(/[^\d]/g, ''))).toBe(crisisCount);
    // Counts of the other settings stay what ticking them as well would add (not all 0).
    expect(Number(/\((\d+)\)/.exec($('label[for=f-setting-moud]').text())?.[1])).toBeGreaterThan(0);
    expect($('#f-setting-crisis_unit').attr('checked')).toBeDefined();
    for (const li of $('.job-list > li').toArray()) expect($(li).find('.tag-list').text()).toContain('Crisis stabilization units');
    for (const label of ['f-type-full_time', 'f-workplace-hybrid', 'f-cert', 'f-lived']) expect($(`label[for=${label}]`).text()).toMatch(/\(\d+\)/);
    expect($('#f-state option').eq(1).text()).toMatch(/\(\d+\)/);
    expect($('#f-posted option[value="30"]').text()).toMatch(/\(\d+\)/);

    const near = await getPage(s, '/jobs?setting=crisis_unit&setting=hospital_ed&setting=outpatient&near=Columbus%2C+OH&radius=100&payMin=15&payPeriod=hour&posted=3650&sort=distance');
    expect(near.status).toBe(200);
    const places = near.$('.job-list .job-meta').map((_, e) => near.$(e).text()).get().join('\n');
    expect(near.$('.job-list > li').length).toBeGreaterThan(0);
    expect(places).toMatch(/miles away/);
    expect(places).not.toMatch(/, (CA|TX|NY|WA)\b/);
    expect(near.$('#f-near').val()).toBe('Columbus, OH');
  });

  it('shows what to widen when nothing matches', async () => {
    const { status, $ } = await getPage(s, '/jobs?q=peer&setting=moud&state=NM&payMin=90');
    expect(status).toBe(200);
    expect($('#results-count').text()).toBe('0 jobs');
    const links = $('.empty-state a').map((_, a) => ({ text: $(a).text(), href: $(a).attr('href') })).get();
    expect(links).toContainEqual({ text: 'remove the lowest pay', href: '/jobs?q=peer&setting=moud&state=NM' });
    expect(links).toContainEqual({ text: 'include every state', href: '/jobs?q=peer&setting=moud&payMin=90&payPeriod=hour' });
  });

  it('answers a bad parameter with 400, an error summary and the message beside its field', async () => {
    const { status, $ } = await getPage(s, '/jobs?setting=spaceship&payMin=lots&near=Nowhereville%2C+ZZ');
    expect(status).toBe(400);
    const summary = $('.error-summary a').map((_, a) => $(a).attr('href')).get();
    expect(summary).toEqual(expect.arrayContaining(['#f-setting', '#f-payMin', '#f-near']));
    expect($('#f-setting .error-message').text()).toContain('"spaceship" is not a setting');
  });

  it('escapes scraped titles and employers, and serves the sanitised description', async () => {
    const list = await getPage(s, '/jobs?q=evil');
    expect(list.text).not.toContain('<script>alert');
    expect(list.text).not.toContain('<img src=x');
    expect(list.text).toContain('&lt;script>alert(&quot;t&quot;)&lt;/script> &amp; &lt;b>Co&lt;/b>');
    const job = await getPage(s, `/jobs/${hostileId}`);
    expect(job.status).toBe(200);
    expect(job.$('h1').text()).toBe('Peer Support Specialist <script>alert("t")</script> & <b>Co</b>');
    expect(job.$('.description script').length).toBe(0);
    expect(job.$('.description [onclick]').length).toBe(0);
    // Only the JSON-LD block is a <script> without src, and scraped text cannot close it.
    const inline = job.$('script:not([src])');
    expect(inline.length).toBe(1);
    expect(inline.attr('type')).toBe('application/ld+json');
    expect(inline.html()).not.toMatch(/<\/script|<script|<img/i);
  });
});

describe('/jobs/{id}', () => {
  it('shows pay three ways, settings, requirements, apply links, market position, similar jobs and JobPosting JSON-LD', async () => {
    const id = await someJobId('?q=peer&setting=hospital_ed&state=CA&sort=pay_high');
    const { status, $ } = await getPage(s, `/jobs/${id}`);
    expect(status).toBe(200);
    const pay = $('dt:contains("Pay")').next('dd').text();
    expect(pay).toMatch(/an hour/);
    expect(pay).toMatch(/a year/);
    expect($('dt:contains("Settings")').next('dd').text()).toContain('Hospitals / emergency departments');
    expect($('dt:contains("Certification")').next('dd').text()).toMatch(/: required|: preferred|None named/);
    expect($('dt:contains("Lived experience")').length).toBe(1);
    expect($('a.button[href^="https://careers."]').text()).toMatch(/^Apply on .+'s? website$/);
    expect($('#market-title').parent().text()).toMatch(/percentile of \d+ comparable postings|Too few comparable postings/);
    expect($('#similar-title').next('ul').children('li').length).toBeGreaterThan(0);
    const ld = JSON.parse($('script[type="application/ld+json"]').html()!);
    expect(ld['@type']).toBe('JobPosting');
    for (const field of ['title', 'description', 'datePosted', 'validThrough', 'hiringOrganization', 'jobLocation', 'baseSalary', 'employmentType']) expect(ld, field).toHaveProperty(field);
    expect(ld.jobLocation.address.addressRegion).toBe('CA');
    expect(ld.baseSalary.value.unitText).toMatch(/HOUR|YEAR/);
  });

  it('says "too few comparable postings" when the setting and state have too few with pay', async () => {
    const { $ } = await getPage(s, `/jobs/${alaskaId}`);
    expect($('#market-title').parent().text()).toContain('Too few comparable postings to compare: 1 open job with pay in Specialty courts in Alaska, and we compare only with 5 or more.');
  });

  it('keeps a closed job at 200 saying applications are closed, without an apply link; unknown ids are 404', async () => {
    const id = await someJobId('?setting=reentry&sort=newest');
    await s.runtime.lifecycle.closePosting(id);
    const closed = await getPage(s, `/jobs/${id}`);
    expect(closed.status).toBe(200);
    expect(closed.$('.notice-closed').text()).toContain('Applications are closed');
    expect(closed.$('a.button[rel~=external]').length).toBe(0);
    expect((await getPage(s, '/jobs/p_doesnotexist')).status).toBe(404);
    expect((await getPage(s, '/jobs/..%2F..%2Fetc')).status).toBe(404);
    const sitemap = await (await s.request('/sitemap.xml')).text();
    expect(sitemap).not.toContain(`/jobs/${id}<`);
  });
});

describe('feeds and crawlers', () => {
  it('serves the search as a valid Atom 1.0 feed, newest first', async () => {
    const res = await s.request('/jobs.atom?setting=outpatient');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    const $ = cheerio.load(xml, { xml: true });
    const feed = $('feed');
    for (const el of ['id', 'title', 'updated', 'author > name']) expect(feed.children(el.split(' ')[0]).length, el).toBe(1);
    expect(feed.children('link[rel=self]').attr('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/jobs\.atom\?setting=outpatient$/);
    const entries = $('entry').toArray();
    expect(entries.length).toBeGreaterThan(3);
    const published = entries.map((e) => $(e).children('published').text());
    expect([...published].sort().reverse()).toEqual(published);
    for (const e of entries) {
      for (const child of ['id', 'title', 'updated', 'link[rel=alternate]', 'summary']) expect($(e).children(child).length, child).toBe(1);
      expect($(e).children('updated').text()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    const hostile = await (await s.request('/jobs.atom?q=evil')).text();
    expect(hostile).toContain('<title type="text">Peer Support Specialist &lt;script&gt;');
    expect((await s.request('/jobs.atom?setting=bogus')).status).toBe(400);
  });

  it('lists active jobs in the sitemap and points robots.txt at it', async () => {
    const sitemap = await s.request('/sitemap.xml');
    expect(sitemap.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await sitemap.text();
    const active = await s.runtime.store.countPostings({ statuses: ['active'] });
    expect((xml.match(/<loc>[^<]+\/jobs\/[^<]+<\/loc>/g) ?? []).length).toBe(active);
    const robots = await (await s.request('/robots.txt')).text();
    expect(robots).toMatch(/^Sitemap: http:\/\/127\.0\.0\.1:\d+\/sitemap\.xml$/m);
    expect(robots).toContain('Disallow: /graphql');
  });

  it('keeps the API answers: JSON 404 for API clients, the IDE at /graphql', async () => {
    const res = await s.request('/nothing-here', { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('NOT_FOUND');
    expect((await getPage(s, '/nothing-here')).status).toBe(404);
    const ide = await getPage(s, '/graphql');
    expect(ide.status).toBe(200);
    expect(ide.text).toContain('GraphQL');
  });
});

describe('security headers and scripts', () => {
  it('sends a CSP without unsafe-inline, ships no script on /jobs and /jobs/{id}, and at most 60 kB gzipped on any page', async () => {
    const { gzipSync } = await import('node:zlib');
    const id = await someJobId();
    for (const path of ['/', '/jobs', `/jobs/${id}`, '/salaries', '/employers']) {
      const page = await getPage(s, path);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(page.$('[style]').length, `${path} inline style`).toBe(0);
      expect(page.$('[onclick],[onload],[onerror]').length).toBe(0);
      const srcs = page.$('script[src]').map((_, e) => page.$(e).attr('src')).get();
      if (path === '/jobs' || path.startsWith('/jobs/')) expect(srcs, path).toEqual([]);
      let gz = 0;
      for (const src of srcs) {
        const res = await s.request(src);
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toContain('immutable');
        gz += gzipSync(Buffer.from(await res.arrayBuffer())).length;
      }
      expect(gz, path).toBeLessThanOrEqual(60 * 1024);
    }
  });
});

describe('/salaries', () => {
  it('shows median and top decile by setting and state, the trend, the histogram, transparency, and CSV links with the same filters', async () => {
    const { status, $ } = await getPage(s, '/salaries');
    expect(status).toBe(200);
    const settingRows = $('#table-by-setting tbody tr');
    expect(settingRows.length).toBe(10);
    const published = $('#table-by-setting td[data-value]').length;
    expect(published).toBeGreaterThan(10);
    expect($('#table-by-state tbody tr').length).toBeGreaterThanOrEqual(15);
    expect($('#table-trend tbody tr').length).toBeGreaterThan(12);
    expect($('#table-histogram tbody tr').length).toBeGreaterThan(3);
    expect($('.headline-pay').text()).toMatch(/Pay transparency\s*\d+%/);
    expect($('a[href^="/export/salary-stats.csv"]').first().attr('href')).toBe('/export/salary-stats.csv?includeExpired=true&postedWithinDays=365&groupBy=SETTING');
  });

  it('follows setting and state, says "fewer than N postings with pay" for small cells, and its CSV links answer', async () => {
    const { status, $ } = await getPage(s, '/salaries?setting=crisis_unit&state=OH&interval=quarter');
    expect(status).toBe(200);
    expect($('#s-setting option[selected]').val()).toBe('crisis_unit');
    expect($('#table-trend tbody tr').first().find('th').text()).toMatch(/^\d{4}-Q[1-4]$/);
    expect($('td.suppressed').first().text()).toBe('fewer than 5 postings with pay');
    const csv = $('a[href^="/export/salary-stats.csv"]').first().attr('href')!;
    expect(csv).toBe('/export/salary-stats.csv?states=OH&includeExpired=true&postedWithinDays=365&groupBy=SETTING');
    const res = await s.request(csv);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const postings = await s.request($('a[href^="/export/postings.csv"]').attr('href')!);
    expect(postings.status).toBe(200);
    expect((await getPage(s, '/salaries?state=ZZ')).status).toBe(400);
  });
});

describe('/employers without JavaScript', () => {
  it('registers, shows the key once, posts a job with the key in the form body, lists it, and closes it', async () => {
    const session = new FormSession(s);
    const page = await session.get('/employers');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const registered = await session.post('/employers/register', { csrf: page.csrf, name: 'Lakeside Peer Services', email: 'jobs@lakeside.example.org', website: '' });
    expect(registered.status).toBe(200);
    const key = registered.$('#api-key').val() as string;
    expect(key).toMatch(/^pbk_/);
    expect(registered.$('.warning-text').text()).toContain('only once');
    expect(registered.$('[data-copy-key]').length).toBe(1);

    const job = {
      csrf: page.csrf,
      apiKey: key,
      title: 'Peer Recovery Specialist - Lakeside Crisis Center',
      location: 'Columbus, OH',
      payMin: '21.50',
      payMax: '25',
      payPeriod: 'hour',
      settings: ['crisis_unit'],
      employmentType: 'full_time',
      description: '<p>Support adults in our crisis stabilization unit. Lived experience of recovery required.</p>',
      applyUrl: 'https://lakeside.example.org/careers/peer',
      validThrough: '',
    };
    const posted = await session.post('/employers/jobs', job);
    expect(posted.status).toBe(200);
    expect(posted.text).not.toContain(key);
    expect(posted.$('#posted-title').parent().text()).toMatch(/percentile of \d+ comparable postings|Too few comparable postings/);
    const href = posted.$('#posted-title').parent().find('a').attr('href')!;
    const id = href.slice('/jobs/'.length);
    const search = await getPage(s, '/jobs?q=lakeside+crisis');
    expect(search.$('.job-list a').map((_, a) => search.$(a).attr('href')).get()).toContain(href);
    expect(posted.$('#my-jobs-title').parent().text()).toContain(job.title);

    const listed = await session.post('/employers/my-jobs', { csrf: page.csrf, apiKey: key });
    expect(listed.status).toBe(200);
    expect(listed.$(`form[action="/employers/jobs/${id}/close"]`).length).toBe(1);

    const closed = await session.post(`/employers/jobs/${id}/close`, { csrf: page.csrf, apiKey: key });
    expect(closed.status).toBe(200);
    expect(closed.$('.success-panel').text()).toContain('is closed');
    expect((await getPage(s, href)).$('.notice-closed').text()).toContain('Applications are closed');
    const after = await getPage(s, '/jobs?q=lakeside+crisis');
    expect(after.$('.job-list a').map((_, a) => after.$(a).attr('href')).get()).not.toContain(href);
  });

  it('validates like the API: a summary at the top linking to each field, the message beside it, values kept, the key never echoed', async () => {
    const session = new FormSession(s);
    const page = await session.get('/employers');
    const reg = await session.post('/employers/register', { csrf: page.csrf, name: 'Hilltop Recovery', email: 'hr@hilltop.example.org' });
    const key = reg.$('#api-key').val() as string;
    const bad = await session.post('/employers/jobs', {
      csrf: page.csrf,
      apiKey: key,
      title: 'P',
      location: 'Columbus, OH',
      payMin: '30',
      payMax: '20',
      payPeriod: 'hour',
      employmentType: 'full_time',
      description: 'short',
      applyUrl: 'javascript:alert(1)',
    });
    expect(bad.status).toBe(400);
    const links = bad.$('.error-summary a').map((_, a) => bad.$(a).attr('href')).get();
    expect(links).toEqual(expect.arrayContaining(['#e-title', '#e-description', '#e-applyUrl']));
    expect(bad.$('#e-title-error').text()).toContain('at least 3 characters');
    expect(bad.$('#e-title').attr('aria-describedby')).toContain('e-title-error');
    expect(bad.$('#e-location').val()).toBe('Columbus, OH');
    expect(bad.text).not.toContain(key);

    const range = await session.post('/employers/jobs', { csrf: page.csrf, apiKey: key, title: 'Peer Support Specialist', location: 'Columbus, OH', payMin: '30', payMax: '20', payPeriod: 'hour', employmentType: 'full_time', description: 'Peer support specialist in our outpatient clinic, with lived experience.', applyUrl: 'https://hilltop.example.org/jobs/1' });
    expect(range.status).toBe(400);
    expect(range.$('#e-payMax-error').text()).toContain('max must be at least min');

    const wrongKey = await session.post('/employers/jobs', { csrf: page.csrf, apiKey: 'pbk_wrong', title: 'Peer Support Specialist' , location: 'Columbus, OH', payMin: '20', payMax: '22', payPeriod: 'hour', employmentType: 'full_time', description: 'x'.repeat(30), applyUrl: 'https://hilltop.example.org/jobs/1' });
    expect(wrongKey.status).toBe(400);
    expect(wrongKey.$('.error-summary a[href="#e-apiKey"]').length).toBe(1);
  });

  it('takes the key from the Authorization header, as the page script sends it', async () => {
    const session = new FormSession(s);
    const page = await session.get('/employers');
    const reg = await session.post('/employers/register', { csrf: page.csrf, name: 'Header Health', email: 'a@header.example.org' });
    const key = reg.$('#api-key').val() as string;
    const listed = await session.post('/employers/my-jobs', { csrf: page.csrf }, { authorization: `Bearer ${key}` });
    expect(listed.status).toBe(200);
    expect(listed.$('#my-jobs-title').parent().text()).toContain('Header Health');
  });

  it('refuses form posts from another site or without the form token (CSRF)', async () => {
    const session = new FormSession(s);
    const page = await session.get('/employers');
    const noToken = await session.post('/employers/register', { name: 'Nobody', email: 'n@example.org' });
    expect(noToken.status).toBe(403);
    const crossSite = await session.post('/employers/register', { csrf: page.csrf, name: 'Nobody', email: 'n@example.org' }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const otherOrigin = await session.post('/employers/register', { csrf: page.csrf, name: 'Nobody', email: 'n@example.org' }, { 'sec-fetch-site': '', origin: 'https://evil.example' });
    expect(otherOrigin.status).toBe(403);
    const forged = await session.post('/employers/register', { csrf: 'A'.repeat(43), name: 'Nobody', email: 'n@example.org' });
    expect(forged.status).toBe(403);
  });

  it('answers the live market position as JSON, with the API plausibility rule', async () => {
    const res = await s.request('/employers/market-position?payMin=20&payMax=24&payPeriod=hour&setting=outpatient&location=Portland%2C+OR');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { sampleSize: number; sentence: string; scope: string };
    expect(body.scope).toBe('Outpatient programs in Oregon');
    expect(body.sentence).toMatch(/percentile of \d+ comparable postings|Too few comparable postings/);
    const all = (await (await s.request('/employers/market-position?payMin=45000&payMax=52000&payPeriod=year')).json()) as { percentile: number; sampleSize: number };
    expect(all.sampleSize).toBeGreaterThan(50);
    expect(all.percentile).toBeGreaterThan(0);
    expect((await s.request('/employers/market-position?payMin=2000&payMax=2500&payPeriod=hour')).status).toBe(400);
  });
});

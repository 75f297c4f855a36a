import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../jobs/cli.ts';
import { createFetcher } from '../../scrapers/http/index.ts';
import { firstInPriority, loadHtml, selectorAlternatives } from '../../scrapers/sources/html-document.ts';
import { extractListing, runSource, type SourceConfig, type SourceRunContext } from '../../scrapers/sources/index.ts';
import { parsePostingPage } from '../../scrapers/sources/neogov/neogov-pages.ts';
import { captureIO } from '../cli-io.ts';
import { html, startFixtureServer, type FixtureServer } from '../fixtures/fixture-server.ts';
import { fixtureSources, mountFixtureSites } from '../fixtures/sites/fixture-sites.ts';
import { NEOGOV_AGENCY, neogovPostingPageAgencyHeadingFirst, neogovPostingPageWithoutTitle } from '../fixtures/sites/neogov-pages.ts';

let server: FixtureServer;
beforeEach(async () => {
  server = await startFixtureServer();
  mountFixtureSites(server);
});
afterEach(async () => {
  await server.close();
});

const context = (): SourceRunContext => ({
  fetcher: createFetcher({ contact: 'https://peerboard.example/contact', defaultDelayMs: 0, sleep: async () => undefined }),
  signal: new AbortController().signal,
  env: {},
});
const neogov = (): SourceConfig => fixtureSources(server.origin).find((s) => s.id === 'neogov-franklin')!;
const PSS_PATH = `/careers/${NEOGOV_AGENCY}/jobs/4876123/peer-support-specialist-adamh`;

describe('selector lists', () => {
  it('split at top-level commas only', () => {
    expect(selectorAlternatives('h2.entity-title, a[title="a,b"], :is(h1, h3) span')).toEqual(['h2.entity-title', 'a[title="a,b"]', ':is(h1, h3) span']);
  });

  it('answer in the order written, not in document order', () => {
    const $ = loadHtml('<h1>Franklin County</h1><h2 class="entity-title">Peer Support Specialist</h2>');
    expect($('h2.entity-title, h1').first().text()).toBe('Franklin County');
    expect(firstInPriority($, 'h2.entity-title, h1').text()).toBe('Peer Support Specialist');
  });

  it('html sources try a configured selector list in its order too', () => {
    const page = '<ul><li class="job"><span class="dept">Behavioral Health</span><a class="title" href="/j/1">Peer Mentor</a></li></ul>';
    const out = extractListing(page, 'https://small.example/jobs', { item: 'li.job', title: 'a.title, span.dept', link: 'a.title' });
    expect(out.items[0]?.title).toBe('Peer Mentor');
  });
});

describe('neogov posting page titles', () => {
  it('keeps the listing title when the agency name heading comes first, so the job stays a peer role', async () => {
    server.route(PSS_PATH, () => html(neogovPostingPageAgencyHeadingFirst('4876123') ?? ''));
    expect(parsePostingPage(neogovPostingPageAgencyHeadingFirst('4876123') ?? '').title).toBe('Peer Support Specialist - ADAMH');
    const out = await runSource(neogov(), context());
    const pss = out.postings.find((p) => p.sourceId === '4876123');
    expect(pss?.title).toBe('Peer Support Specialist - ADAMH');
    expect(pss?.description).toContain('Ohio Peer Recovery Supporter certification required');
    expect(out.errors).toEqual([]);
  });

  it('fails loudly when a posting page has no title, and keeps only the listing facts', async () => {
    server.route(PSS_PATH, () => html(neogovPostingPageWithoutTitle('4876123') ?? ''));
    const out = await runSource(neogov(), context());
    const pss = out.postings.find((p) => p.sourceId === '4876123');
    expect(pss).toMatchObject({ title: 'Peer Support Specialist - ADAMH', pay: '$22.10 - $28.45 Hourly' });
    expect(pss?.description).toBeUndefined();
    expect(out.errors.join('\n')).toMatch(/4876123.*posting page has no job title \(looked for h2\.entity-title, h1\.job-title/);
  });
});

describe('peerboard scrape arguments', () => {
  it.each(['0', '-1', '1.5', 'two'])('exits 2 for --concurrency %s, as the usage says for bad arguments', async (value) => {
    const t = captureIO({ DATA_DIR: '/nonexistent-peerboard-dir' });
    expect(await main(['scrape', `--concurrency=${value}`], t.io)).toBe(2);
    expect(t.err()).toContain(`--concurrency: expected a whole number of at least 1, got "${value}"`);
    expect(t.err()).toContain('usage: peerboard scrape');
  });
});

/**
 * Extraction speed alone (no network): pages/s on a ~150 KB careers page for the `jsonld` and
 * `html` (CSS selector) kinds, with cheerio's htmlparser2 back end (what the sources use) against
 * its default parse5 back end, and a check that both give the same postings.
 */
import * as cheerio from 'cheerio';
import { extractJobPostings, extractListing, opportunityDetailJson, parseJobFeed } from '../scrapers/sources/index.ts';
import { embeddedJsonObject } from '../scrapers/sources/answer-shapes.ts';
import { bigCareersPage, SMALL_SELECTORS } from '../test/fixtures/sites/careers-pages.ts';

const PAGE_URL = 'https://careers.example.org/careers';

function measure(label: string, iterations: number, fn: () => void): number {
  for (let i = 0; i < Math.min(5, iterations); i++) fn();
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) {
    const s = performance.now();
    fn();
    times.push(performance.now() - s);
  }
  const total = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  const pct = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  const rate = iterations / total;
  console.log(`${label.padEnd(34)} ${rate.toFixed(1).padStart(7)} pages/s   p50 ${pct(0.5).toFixed(2)} ms   p99 ${pct(0.99).toFixed(2)} ms`);
  return rate;
}

export async function run(options: { quick: boolean }): Promise<void> {
  const html = bigCareersPage();
  const n = options.quick ? 30 : 200;
  console.log(`page: ${(Buffer.byteLength(html) / 1024).toFixed(0)} KB, ${n} iterations per case`);

  const parse5 = (h: string) => cheerio.load(h);
  const htmlparser2 = (h: string) => cheerio.load(h, { xml: { xmlMode: false, decodeEntities: true, encodeEntities: 'utf8' } });

  // Same answers from both back ends, or the speed-up does not count.
  const a = extractJobPostings(parse5(html), PAGE_URL);
  const b = extractJobPostings(htmlparser2(html), PAGE_URL);
  const same = JSON.stringify(a) === JSON.stringify(b);
  console.log(`jsonld postings: ${b.postings.length}; parse5 and htmlparser2 identical: ${same}`);
  const la = extractListing(html, PAGE_URL, SMALL_SELECTORS);
  console.log(`html-selector items: ${la.items.length}`);

  const p5 = measure('jsonld, parse5 (cheerio default)', n, () => extractJobPostings(parse5(html), PAGE_URL));
  const h2 = measure('jsonld, htmlparser2 (used)', n, () => extractJobPostings(htmlparser2(html), PAGE_URL));
  measure('html selectors, htmlparser2 (used)', n, () => extractListing(html, PAGE_URL, SMALL_SELECTORS));
  console.log(`htmlparser2 / parse5 speed-up: ${(h2 / p5).toFixed(2)}x`);

  // The feed and embedded-JSON readers of the newer kinds, on documents of a realistic size:
  // a 500-job Indeed-format feed, a Paylocity job list page with 500 jobs in window.pageData, and
  // a UKG opportunity page.
  const feed = indeedFeed(500);
  const pageData = paylocityPage(500);
  const ukgPage = `<html><body><script>var o = new US.Opportunity.CandidateOpportunityDetail(${JSON.stringify({ Id: 'x', Title: 'Peer Support Specialist', Description: `<p>${'Peer support with lived experience. '.repeat(120)}</p>` })});</script></body></html>`;
  const parsedFeed = parseJobFeed(feed, 'https://feeds.example.org/jobs.xml');
  console.log(`feed: ${(Buffer.byteLength(feed) / 1024).toFixed(0)} KB, ${parsedFeed.ok ? parsedFeed.postings.length : 0} jobs; pageData page: ${(Buffer.byteLength(pageData) / 1024).toFixed(0)} KB`);
  const m = options.quick ? 10 : 50;
  measure('xmlfeed, Indeed format (500 jobs)', m, () => parseJobFeed(feed, 'https://feeds.example.org/jobs.xml'));
  measure('paylocity pageData (500 jobs)', m, () => embeddedJsonObject(pageData, pageData.indexOf('window.pageData')));
  measure('ukg opportunity detail JSON', n, () => opportunityDetailJson(ukgPage));
  console.log(`RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
}

function indeedFeed(jobs: number): string {
  const job = (i: number) =>
    `<job><title><![CDATA[Peer Support Specialist ${i}]]></title><date><![CDATA[Mon, 12 May 2025 14:00:00 GMT]]></date><referencenumber><![CDATA[R-${i}]]></referencenumber><url><![CDATA[https://jobs.example.org/${i}]]></url><company><![CDATA[Harbor Light]]></company><city><![CDATA[Columbus]]></city><state><![CDATA[OH]]></state><description><![CDATA[<p>${'Use your lived experience of recovery to support adults. '.repeat(30)}</p>]]></description><salary><![CDATA[$20 - $24 per hour]]></salary><jobtype><![CDATA[fulltime]]></jobtype></job>`;
  return `<?xml version="1.0" encoding="utf-8"?><source><publisher>Harbor Light</publisher>${Array.from({ length: jobs }, (_, i) => job(i)).join('')}</source>`;
}

function paylocityPage(jobs: number): string {
  const data = { Jobs: Array.from({ length: jobs }, (_, i) => ({ JobId: 1000000 + i, JobTitle: `Peer Support Specialist ${i}`, JobLocation: { City: 'OGDEN', State: 'UT' }, PublishedDate: '2025-05-06T10:15:00', IsInternal: false, Description: 'A short teaser of the posting "quoted" {braces} ...' })) };
  return `<html><body><script>window.pageData = ${JSON.stringify(data)};</script></body></html>`;
}

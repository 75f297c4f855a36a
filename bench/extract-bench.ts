/**
 * Extraction speed alone (no network): pages/s on a ~150 KB careers page for the `jsonld` and
 * `html` (CSS selector) kinds, with cheerio's htmlparser2 back end (what the sources use) against
 * its default parse5 back end, and a check that both give the same postings.
 */
import * as cheerio from 'cheerio';
import { extractJobPostings, extractListing } from '../scrapers/sources/index.ts';
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
  console.log(`RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
}

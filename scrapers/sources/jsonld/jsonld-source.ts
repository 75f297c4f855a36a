import type { SourceConfig, SourceRunContext, SourceRunOutput } from '../source-types.ts';
import { loadHtml, resolveLink } from '../html-document.ts';
import { recordRun, type SourceRunRecorder } from '../source-run-recorder.ts';
import { extractJobPostings } from './jsonld-extract.ts';
import { looksLikeSitemap, parseSitemap } from './sitemap-parser.ts';

type JsonLdConfig = Extract<SourceConfig, { kind: 'jsonld' }>;

/** Links that look like postings when the source names no `include` pattern. */
const DEFAULT_INCLUDE = /\/(?:jobs?|careers?|positions?|openings?|postings?|vacanc(?:y|ies)|opportunit(?:y|ies))\b/i;
/** Nested sitemap indexes are followed at most this deep (a loop guard). */
const MAX_SITEMAP_DEPTH = 2;

/**
 * Career pages with schema.org JobPosting JSON-LD. `url` is a listing page or a sitemap:
 * - listing handler: the page's own JSON-LD (ItemList pages list postings or their URLs) and its
 *   same-host links that match `include`; a sitemap (or sitemap index) gives its `<loc>` URLs;
 * - detail handler: each candidate page's JobPosting blocks.
 * At most `maxPages` pages are fetched in all; only pages on the listing's host are followed.
 */
export async function runJsonLd(config: JsonLdConfig, ctx: SourceRunContext): Promise<SourceRunOutput> {
  return recordRun(config, ctx, async (run) => {
    let include: RegExp;
    try {
      include = config.include ? new RegExp(config.include, 'i') : DEFAULT_INCLUDE;
    } catch (error) {
      run.markIncomplete();
      run.error(undefined, `include is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const host = new URL(config.url).host;
    const state: CrawlState = { run, config, include, host, fetched: 0, queued: new Set<string>(), pages: [] };
    await readListing(state, config.url, 0);
    for (const pageUrl of state.pages) {
      if (run.stopping) break;
      if (state.fetched >= config.maxPages) {
        run.markIncomplete();
        run.error(config.url, `stopped after maxPages=${config.maxPages}; ${state.pages.length - state.pages.indexOf(pageUrl)} pages not read`);
        break;
      }
      await readPostingPage(state, pageUrl);
    }
  });
}

interface CrawlState {
  run: SourceRunRecorder;
  config: JsonLdConfig;
  include: RegExp;
  host: string;
  fetched: number;
  queued: Set<string>;
  /** Posting pages to read, in discovery order. */
  pages: string[];
}

function enqueue(state: CrawlState, url: string, listingUrl: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return;
  }
  u.hash = '';
  // Same host only: a careers page linking to a job board elsewhere is another source's business.
  if (u.host !== state.host || u.href === listingUrl || state.queued.has(u.href)) return;
  state.queued.add(u.href);
  state.pages.push(u.href);
}

/** The listing handler (an HTML listing page, a sitemap or a sitemap index). */
async function readListing(state: CrawlState, url: string, depth: number): Promise<void> {
  const { run } = state;
  state.fetched++;
  const response = await run.fetch({ url }, { listing: true });
  if (!response) return;
  if (looksLikeSitemap(response.text, response.headers['content-type'])) {
    const sitemap = parseSitemap(response.text);
    if (sitemap.kind === 'index') {
      for (const child of sitemap.locations) {
        if (run.stopping) return;
        if (depth >= MAX_SITEMAP_DEPTH || new URL(child, url).host !== state.host) continue;
        await readListing(state, new URL(child, url).href, depth + 1);
      }
      return;
    }
    for (const loc of sitemap.locations) if (state.include.test(loc)) enqueue(state, loc, url);
    return;
  }
  const $ = loadHtml(response.text);
  const found = extractJobPostings($, response.url);
  for (const p of found.postings) run.add(p);
  for (const r of found.rejected) run.reject(r.url, r.reason, r.message);
  for (const listed of found.listedUrls) enqueue(state, listed, response.url);
  $('a[href]').each((_, a) => {
    const link = resolveLink($(a).attr('href'), response.url);
    if (link && state.include.test(link)) enqueue(state, link, response.url);
  });
  // Postings embedded in the listing itself need no detail page.
  for (const p of found.postings) if (p.url) state.queued.add(p.url);
  state.pages = state.pages.filter((p) => !found.postings.some((f) => f.url === p));
}

/** The detail handler: one posting page's JobPosting JSON-LD. */
async function readPostingPage(state: CrawlState, url: string): Promise<void> {
  const { run } = state;
  state.fetched++;
  const response = await run.fetch({ url }, { listing: false, postingPage: true });
  if (!response) return;
  const found = extractJobPostings(response.text, response.url);
  for (const p of found.postings) run.add(p);
  for (const r of found.rejected) run.reject(r.url, r.reason, r.message);
}

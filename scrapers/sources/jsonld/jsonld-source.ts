import type { CheerioAPI } from 'cheerio';
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
    const state: CrawlState = { run, config, include, site: siteOf(new URL(config.url).hostname), port: new URL(config.url).port, fetched: 0, queued: new Set<string>(), listings: new Set<string>(), pages: [], foundOnListing: 0 };
    const listingKind = await readListing(state, config.url, 0);
    // A careers page that links to no posting (the list is drawn by a script) still has a
    // sitemap: robots.txt names it. Only then, so sites that do link never cost the extra fetches.
    if (listingKind === 'html' && state.pages.length === 0 && state.foundOnListing === 0 && !run.stopping) await readRobotsSitemaps(state);
    state.pages = state.pages.filter((p) => !state.listings.has(p));
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
  /** The listing's host without a leading `www.`: `www.example.org` and `example.org` are one site. */
  site: string;
  port: string;
  fetched: number;
  queued: Set<string>;
  /** Listing pages read (the first, its next pages, sitemaps): never read again as posting pages. */
  listings: Set<string>;
  /** Posting pages to read, in discovery order. */
  pages: string[];
  /** Postings embedded in listing pages themselves. */
  foundOnListing: number;
}

function siteOf(hostname: string): string {
  return hostname.toLowerCase().replace(/^www\./, '');
}

/**
 * Same site: the listing's host, with or without `www.` (careers pages link to the apex while the
 * listing lives on www, and the other way round), same port. Other hosts (a job board, Indeed)
 * are another source's business.
 */
function sameSite(state: CrawlState, url: URL): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && siteOf(url.hostname) === state.site && url.port === state.port;
}

/** Links to files and actions, never posting pages. */
const NOT_A_PAGE = /\.(?:pdf|docx?|xlsx?|pptx?|zip|jpe?g|png|gif|svg|webp|mp4|mp3|ics|css|js)(?:$|[?#])/i;

function enqueue(state: CrawlState, url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return;
  }
  u.hash = '';
  if (!sameSite(state, u) || NOT_A_PAGE.test(u.pathname) || state.listings.has(u.href) || state.queued.has(u.href)) return;
  state.queued.add(u.href);
  state.pages.push(u.href);
}

/** "Next page" links of a paged careers listing. */
const NEXT_SELECTORS = ['link[rel~="next"][href]', 'a[rel~="next"][href]', '.pagination a.next[href]', 'a.next[href]', 'li.next a[href]', 'a.next-page[href]', 'a[aria-label="Next page"][href]', 'a[aria-label="Next"][href]'];

function nextListingUrl($: CheerioAPI, pageUrl: string): string | undefined {
  for (const selector of NEXT_SELECTORS) {
    const href = $(selector).first().attr('href');
    const link = resolveLink(href, pageUrl);
    if (link) return link;
  }
  // "Next ›", "Next »", "›" as the whole link text (WordPress and ATS widgets).
  const byText = $('a[href]')
    .filter((_, a) => /^(?:next(?:\s+page)?\s*[›»>]*|[›»]|>>)$/i.test($(a).text().trim()))
    .first()
    .attr('href');
  return resolveLink(byText, pageUrl);
}

/** Where an element points: `href`, or the `data-href` / `data-url` of script-driven rows and cards. */
function linkTargets($: CheerioAPI, pageUrl: string): string[] {
  const out: string[] = [];
  $('a[href], [data-href], [data-url]').each((_, el) => {
    const node = $(el);
    for (const raw of [node.attr('href'), node.attr('data-href'), node.attr('data-url')]) {
      if (raw === undefined || /^(?:javascript|mailto|tel):/i.test(raw.trim()) || raw.trim().startsWith('#')) continue;
      const link = resolveLink(raw, pageUrl);
      if (link) out.push(link);
    }
  });
  return out;
}

/** The listing handler (an HTML listing page and its next pages, a sitemap or a sitemap index). */
async function readListing(state: CrawlState, url: string, depth: number): Promise<'html' | 'sitemap' | undefined> {
  const { run } = state;
  state.fetched++;
  state.listings.add(new URL(url).href);
  const response = await run.fetch({ url }, { listing: true });
  if (!response) return undefined;
  state.listings.add(response.url);
  if (looksLikeSitemap(response.text, response.headers['content-type'])) {
    const sitemap = parseSitemap(response.text);
    if (sitemap.kind === 'index') {
      for (const child of sitemap.locations) {
        if (run.stopping) break;
        const childUrl = resolveLink(child, response.url);
        if (!childUrl || depth >= MAX_SITEMAP_DEPTH || !sameSite(state, new URL(childUrl)) || state.listings.has(childUrl)) continue;
        await readListing(state, childUrl, depth + 1);
      }
      return 'sitemap';
    }
    for (const loc of sitemap.locations) if (state.include.test(loc)) enqueue(state, loc);
    return 'sitemap';
  }
  const $ = loadHtml(response.text);
  const found = extractJobPostings($, response.url);
  for (const p of found.postings) run.add(p);
  for (const r of found.rejected) run.reject(r.url, r.reason, r.message);
  state.foundOnListing += found.postings.length;
  for (const listed of found.listedUrls) enqueue(state, listed);
  for (const link of linkTargets($, response.url)) if (state.include.test(link)) enqueue(state, link);
  // Postings embedded in the listing itself need no detail page.
  for (const p of found.postings) if (p.url) state.queued.add(p.url);
  state.pages = state.pages.filter((p) => !found.postings.some((f) => f.url === p));
  const next = nextListingUrl($, response.url);
  if (next && !run.stopping && !state.listings.has(next) && sameSite(state, new URL(next))) {
    if (state.fetched >= state.config.maxPages) {
      run.markIncomplete();
      run.error(next, `listing has more pages than maxPages=${state.config.maxPages}`);
    } else {
      await readListing(state, next, depth);
    }
  }
  return 'html';
}

/** `Sitemap:` lines of the site's robots.txt (RFC 9309 §2.2.4), read as listings. */
async function readRobotsSitemaps(state: CrawlState): Promise<void> {
  const robotsUrl = new URL('/robots.txt', state.config.url).href;
  const response = await state.run.fetch({ url: robotsUrl }, { listing: false });
  if (!response) return;
  const sitemaps = [...response.text.matchAll(/^\s*sitemap\s*:\s*(\S+)/gim)].map((m) => resolveLink(m[1], robotsUrl)).filter((u): u is string => u !== undefined);
  for (const sitemap of sitemaps) {
    if (state.run.stopping || state.fetched >= state.config.maxPages) return;
    if (sameSite(state, new URL(sitemap)) && !state.listings.has(sitemap)) await readListing(state, sitemap, 0);
  }
}

/** The detail handler: one posting page's JobPosting JSON-LD (or microdata). */
async function readPostingPage(state: CrawlState, url: string): Promise<void> {
  const { run } = state;
  state.fetched++;
  const response = await run.fetch({ url }, { listing: false, postingPage: true });
  if (!response) return;
  const found = extractJobPostings(response.text, response.url);
  for (const p of found.postings) run.add(p);
  for (const r of found.rejected) run.reject(r.url, r.reason, r.message);
}

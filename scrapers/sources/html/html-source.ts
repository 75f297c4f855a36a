import type { RawPosting } from '../../../schema/index.ts';
import { cleanText, firstInPriority, firstTextInPriority, loadHtml, resolveLink } from '../html-document.ts';
import { recordRun, type SourceRunRecorder } from '../source-run-recorder.ts';
import type { SourceConfig, SourceRunContext, SourceRunOutput } from '../source-types.ts';

type HtmlConfig = Extract<SourceConfig, { kind: 'html' }>;

/**
 * Small employers' careers pages with no structured data: the sources file names CSS selectors.
 * Listing handler: each `item` gives title, link, location and pay; `next` pages on. Detail handler
 * (only when a `description` selector is set): the posting page's description HTML.
 */
export async function runHtml(config: HtmlConfig, ctx: SourceRunContext): Promise<SourceRunOutput> {
  return recordRun(config, ctx, async (run) => {
    const items = await readListing(run, config);
    for (const item of items) {
      if (run.stopping) break;
      run.add(config.selectors.description && item.url ? await readDetail(run, config, item) : item);
    }
  });
}

export interface HtmlListingExtraction {
  items: RawPosting[];
  rejected: { reason: string; message: string }[];
  nextUrl: string | undefined;
}

/** Reads one listing page with the configured selectors (pure, for tests and the benchmark). */
export function extractListing(html: string, pageUrl: string, selectors: HtmlConfig['selectors'], employer?: string): HtmlListingExtraction {
  const $ = loadHtml(html);
  const out: HtmlListingExtraction = { items: [], rejected: [], nextUrl: undefined };
  $(selectors.item).each((index, el) => {
    const item = $(el);
    // The item itself may be the title or the link (`a.job-card` rows): match it as well as its descendants.
    // A selector list ("h3.title, h2") is tried in the order written, not in document order.
    const own = (selector: string) => firstInPriority($, selector, item, true);
    const title = cleanText(own(selectors.title).text());
    if (!title) {
      out.rejected.push({ reason: 'no-title', message: `item ${index + 1} has no text at "${selectors.title}"` });
      return;
    }
    const linkEl = own(selectors.link);
    // Script-driven rows keep the target in data-href / data-url instead of href.
    const href = linkEl.attr('href') ?? linkEl.attr('data-href') ?? linkEl.attr('data-url') ?? linkEl.find('a[href]').first().attr('href');
    const url = resolveLink(href, pageUrl);
    out.items.push({
      // The posting's own URL is the most stable id a plain page offers.
      sourceId: url ?? `${pageUrl}#${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      url: url ?? pageUrl,
      title,
      employer,
      location: selectors.location ? firstTextInPriority($, selectors.location, item) : undefined,
      pay: selectors.pay ? firstTextInPriority($, selectors.pay, item) : undefined,
    });
  });
  if (selectors.next) {
    const next = firstInPriority($, selectors.next);
    out.nextUrl = resolveLink(next.attr('href') ?? next.find('a[href]').first().attr('href'), pageUrl);
  }
  return out;
}

async function readListing(run: SourceRunRecorder, config: HtmlConfig): Promise<RawPosting[]> {
  const items: RawPosting[] = [];
  const visited = new Set<string>();
  const host = new URL(config.url).host;
  let pageUrl: string | undefined = config.url;
  for (let page = 1; pageUrl && page <= config.maxPages; page++) {
    if (run.stopping) return items;
    visited.add(pageUrl);
    const response = await run.fetch({ url: pageUrl }, { listing: true });
    if (!response) return items;
    const found = extractListing(response.text, response.url, config.selectors, config.employer);
    for (const r of found.rejected) run.reject(response.url, r.reason, r.message);
    if (found.items.length === 0 && page === 1) {
      run.markIncomplete();
      run.error(response.url, `no items match "${config.selectors.item}" (selectors out of date?)`);
      return items;
    }
    items.push(...found.items);
    const next = found.nextUrl;
    pageUrl = next && !visited.has(next) && new URL(next).host === host ? next : undefined;
    if (page === config.maxPages && pageUrl) {
      run.markIncomplete();
      run.error(config.url, `stopped after maxPages=${config.maxPages}`);
    }
  }
  return items;
}

async function readDetail(run: SourceRunRecorder, config: HtmlConfig, item: RawPosting): Promise<RawPosting> {
  const selector = config.selectors.description;
  if (!selector || !item.url) return item;
  const response = await run.fetch({ url: item.url }, { listing: false });
  if (!response) return item;
  const $ = loadHtml(response.text);
  const html = firstInPriority($, selector).html()?.trim();
  return html ? { ...item, description: html } : item;
}

import type { RawPosting } from '../../../schema/index.ts';
import { recordRun, type SourceRunRecorder } from '../source-run-recorder.ts';
import type { SourceConfig, SourceRunContext, SourceRunOutput } from '../source-types.ts';
import { parseListingPage, parsePostingPage, POSTING_TITLE_SELECTORS, type NeogovListingRow } from './neogov-pages.ts';

type NeogovConfig = Extract<SourceConfig, { kind: 'neogov' }>;

/**
 * County and state agencies on governmentjobs.com (NEOGOV). The listing handler reads the board's
 * paged HTML fragment (`/careers/home/index?agency=…&keywords=…&page=N`, the one the board's own
 * script loads), the detail handler the posting page for the description and closing date.
 */
export async function runNeogov(config: NeogovConfig, ctx: SourceRunContext): Promise<SourceRunOutput> {
  return recordRun(config, ctx, async (run) => {
    const rows = await readListing(run, config);
    for (const row of rows) {
      if (run.stopping) break;
      run.add(await readPosting(run, config, row));
    }
  });
}

function listingUrl(config: NeogovConfig, page: number): string {
  const url = new URL('/careers/home/index', config.baseUrl);
  url.searchParams.set('agency', config.agency);
  url.searchParams.set('keywords', config.keyword);
  url.searchParams.set('page', String(page));
  return url.href;
}

async function readListing(run: SourceRunRecorder, config: NeogovConfig): Promise<NeogovListingRow[]> {
  const rows = new Map<string, NeogovListingRow>();
  for (let page = 1; page <= config.maxPages; page++) {
    if (run.stopping) return [...rows.values()];
    const url = listingUrl(config, page);
    // The board serves the fragment to its own XHR; saying so gets the fragment rather than a full page.
    const response = await run.fetch({ url, headers: { 'x-requested-with': 'XMLHttpRequest', accept: 'text/html' } }, { listing: true });
    if (!response) return [...rows.values()];
    const parsed = parseListingPage(response.text, response.url);
    if (parsed.rows.length === 0) {
      if (page === 1 && !parsed.saysEmpty) {
        // Undocumented markup: zero rows without a "no jobs" notice means our reading broke, not that jobs vanished.
        run.markIncomplete();
        run.error(url, 'no job rows found on a listing page that should have them (governmentjobs markup changed?)');
      }
      return [...rows.values()];
    }
    for (const row of parsed.rows) rows.set(row.jobId, row);
    if (!parsed.nextUrl) return [...rows.values()];
  }
  run.markIncomplete();
  run.error(listingUrl(config, config.maxPages), `stopped after maxPages=${config.maxPages}`);
  return [...rows.values()];
}

async function readPosting(run: SourceRunRecorder, config: NeogovConfig, row: NeogovListingRow): Promise<RawPosting> {
  const base: RawPosting = {
    sourceId: row.jobId,
    url: row.url,
    title: row.title,
    employer: config.employer,
    location: row.location,
    pay: row.salary,
    employmentType: row.jobType,
  };
  const response = await run.fetch({ url: row.url }, { listing: false });
  if (!response) return base;
  const page = parsePostingPage(response.text);
  if (!page.title) {
    // A posting page without a job title is not a page we can read (markup changed, or an error
    // page served with 200): say so, and keep only what the listing stated.
    run.error(response.url, `posting page has no job title (looked for ${POSTING_TITLE_SELECTORS.join(', ')}); kept the listing's facts`);
    return base;
  }
  return {
    ...base,
    // The listing's title is the one the board files the job under; the page's headings can
    // include the agency's name, so the page title never replaces it.
    title: row.title,
    employer: config.employer ?? page.agencyName,
    location: page.location ?? row.location,
    pay: page.salary ?? row.salary,
    employmentType: page.jobType ?? row.jobType,
    description: page.descriptionHtml,
    validThrough: page.closing && !/continuous|until filled/i.test(page.closing) ? page.closing : undefined,
  };
}

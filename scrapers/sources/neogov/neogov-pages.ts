import type { CheerioAPI } from 'cheerio';
import { cleanText, loadHtml, resolveLink } from '../html-document.ts';

/**
 * Readers for governmentjobs.com-style (NEOGOV) pages. The markup is not documented, so each
 * reader looks for the few stable hooks the boards have used for years (`li.list-item`,
 * `a.item-details-link`, label/value rows on the posting page) and the source fails loudly when a
 * listing that should have jobs yields none.
 */
export interface NeogovListingRow {
  jobId: string;
  url: string;
  title: string;
  /** The `<li>` facts under the title: location, job type, salary, in the board's order. */
  meta: string[];
  salary: string | undefined;
  location: string | undefined;
  jobType: string | undefined;
  posted: string | undefined;
}

export interface NeogovListingPage {
  rows: NeogovListingRow[];
  /** The board says there is nothing to show ("No jobs found"), as opposed to markup we cannot read. */
  saysEmpty: boolean;
  nextUrl: string | undefined;
}

const SALARY = /\$\s?\d[\d,]*(?:\.\d+)?(?:\s*[-–]\s*\$?\s?\d[\d,]*(?:\.\d+)?)?\s*(?:hourly|annually|monthly|bi-?weekly|weekly|daily|per\s+\w+|\/\s*\w+)?/i;
const JOB_TYPE = /\b(full[- ]?time|part[- ]?time|temporary|seasonal|per diem|intermittent|contract|internship|variable)\b/i;

export function parseListingPage(html: string, pageUrl: string): NeogovListingPage {
  const $ = loadHtml(html);
  const rows: NeogovListingRow[] = [];
  $('li.list-item').each((_, el) => {
    const item = $(el);
    const link = item.find('a.item-details-link').first();
    const url = resolveLink(link.attr('href'), pageUrl);
    const title = cleanText(link.text());
    if (!url || !title) return;
    const jobId = item.attr('data-job-id') ?? /\/jobs\/(\d+)/.exec(url)?.[1] ?? url;
    const meta = item
      .find('ul.list-meta > li')
      .map((_, li) => cleanText($(li).text()))
      .get()
      .filter((t): t is string => typeof t === 'string');
    const salary = meta.find((m) => SALARY.test(m));
    const jobType = meta.find((m) => m !== salary && JOB_TYPE.test(m));
    const location = meta.find((m) => m !== salary && m !== jobType && !/^category:/i.test(m));
    const posted = item
      .find('ul.list-published > li, .list-published li')
      .map((_, li) => cleanText($(li).text()))
      .get()
      .find((t) => typeof t === 'string' && /^posted/i.test(t));
    rows.push({ jobId, url, title, meta, salary, location, jobType, posted });
  });
  const saysEmpty = $('.no-records, .search-results-no-records, .no-jobs-found').length > 0 || /no (?:jobs|job postings|records) (?:found|match)/i.test($('body').text() || $.root().text());
  const next = $('li.PagedList-skipToNext a[href], a[rel="next"][href]').first().attr('href');
  return { rows, saysEmpty, nextUrl: resolveLink(next, pageUrl) };
}

export interface NeogovPostingPage {
  title: string | undefined;
  agencyName: string | undefined;
  salary: string | undefined;
  location: string | undefined;
  jobType: string | undefined;
  jobNumber: string | undefined;
  department: string | undefined;
  closing: string | undefined;
  descriptionHtml: string | undefined;
}

export function parsePostingPage(html: string): NeogovPostingPage {
  const $ = loadHtml(html);
  const facts = labelledValues($);
  // In priority order (a comma selector would answer in document order and pick the outer tab).
  const description =
    ['#details-info .job-details-content', '.job-details-content', '#details-info', '#job-description', '[itemprop="description"]']
      .map((sel) => $(sel).first())
      .find((el) => el.length > 0) ?? $([]);
  return {
    title: cleanText($('h2.entity-title, h1.job-title, .job-title h2, h1').first().text()),
    agencyName: cleanText($('.agency-name, .entity-name, [itemprop="hiringOrganization"] [itemprop="name"]').first().text()),
    salary: facts.get('salary'),
    location: facts.get('location'),
    jobType: facts.get('job type'),
    jobNumber: facts.get('job number'),
    department: facts.get('department'),
    closing: facts.get('closing') ?? facts.get('closing date') ?? facts.get('closing date/time'),
    descriptionHtml: description.length > 0 ? (description.html() ?? undefined)?.trim() : undefined,
  };
}

/** Label/value rows ("Salary" → "$22.10 - $28.45 Hourly"): a leaf element holding only the label, then the value beside it. */
function labelledValues($: CheerioAPI): Map<string, string> {
  const out = new Map<string, string>();
  $('.term-description, dt, th, .summary-label, .span2, .col-label').each((_, el) => {
    const node = $(el);
    if (node.children().length > 0 && node.children().text().trim() !== node.text().trim()) return;
    const label = cleanText(node.text())?.replace(/:$/, '').toLowerCase();
    if (!label || out.has(label)) return;
    let value = node.next();
    if (value.length === 0) value = node.parent().next();
    const text = cleanText(value.text());
    if (text) out.set(label, text);
  });
  return out;
}

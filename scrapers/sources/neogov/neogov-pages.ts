import type { CheerioAPI } from 'cheerio';
import { cleanText, firstInPriority, firstTextInPriority, loadHtml, resolveLink } from '../html-document.ts';

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
/** Pay without figures, as boards print it in the salary slot. */
const PAY_WORDS = /^(?:depends on qualifications|doq|doe|negotiable|commensurate with experience|see (?:job )?(?:description|posting)|varies|per (?:hour|diem))\b/i;
const JOB_TYPE = /\b(full[- ]?time|part[- ]?time|temporary|seasonal|per diem|intermittent|contract|internship|variable)\b/i;

/**
 * The board's listing fragment comes in two layouts, both in use:
 * - the list: `li.list-item[data-job-id]` with `a.item-details-link` and `ul.list-meta > li` facts;
 * - the table: `tr` rows with `.job-table-title` (a `th` or `td` holding the link, sometimes in an
 *   `h3`) and one cell per fact: `.job-table-location`, `.job-table-type`, `.job-table-salary`,
 *   `.job-table-posted`, `.job-table-closing`, `.job-table-department`, `.job-table-jobnumber`.
 */
export function parseListingPage(html: string, pageUrl: string): NeogovListingPage {
  const $ = loadHtml(html);
  const rows: NeogovListingRow[] = [];
  $('li.list-item').each((_, el) => {
    const item = $(el);
    const link = item.find('a.item-details-link').first();
    const url = resolveLink(link.attr('href'), pageUrl);
    const title = cleanText(link.text()) ?? cleanText(link.attr('title'));
    if (!url || !title) return;
    const jobId = item.attr('data-job-id') ?? jobIdOf(url);
    const meta = item
      .find('ul.list-meta > li')
      .map((_, li) => cleanText($(li).text()))
      .get()
      .filter((t): t is string => typeof t === 'string');
    const salary = meta.find((m) => SALARY.test(m) || PAY_WORDS.test(m.replace(/^salary:\s*/i, '')));
    const jobType = meta.find((m) => m !== salary && JOB_TYPE.test(m));
    const location = meta.find((m) => m !== salary && m !== jobType && !/^(?:category|department|job number):/i.test(m));
    const posted = item
      .find('ul.list-published > li, .list-published li')
      .map((_, li) => cleanText($(li).text()))
      .get()
      .find((t) => typeof t === 'string' && /^posted/i.test(t));
    rows.push({ jobId, url, title, meta, salary, location, jobType, posted });
  });
  $('tr').each((_, el) => {
    const row = $(el);
    const titleCell = row.find('.job-table-title').first();
    if (titleCell.length === 0) return;
    const link = titleCell.find('a[href]').first();
    const url = resolveLink(link.attr('href'), pageUrl);
    const title = cleanText(link.text());
    if (!url || !title) return;
    const cell = (name: string) =>
      row
        .find(`.job-table-${name}`)
        .map((_, c) => cleanText($(c).text()))
        .get()
        .filter((t): t is string => typeof t === 'string');
    const jobId = titleCell.attr('data-job-id') ?? row.attr('data-job-id') ?? jobIdOf(url);
    const meta = ['location', 'type', 'salary', 'department'].flatMap(cell);
    const posted = cell('posted')[0];
    rows.push({
      jobId,
      url,
      title,
      meta,
      salary: cell('salary')[0],
      location: cell('location')[0],
      jobType: cell('type').find((t) => JOB_TYPE.test(t)) ?? cell('type')[0],
      posted: posted ? `Posted ${posted}` : undefined,
    });
  });
  const saysEmpty = $('.no-records, .search-results-no-records, .no-jobs-found').length > 0 || /no (?:jobs|job postings|records) (?:found|match)|there are no (?:current )?(?:job )?(?:openings|positions|jobs)/i.test($('body').text() || $.root().text());
  const next = firstInPriority($, 'li.PagedList-skipToNext a[href], a[rel="next"][href], .pagination li.next a[href]').attr('href');
  return { rows, saysEmpty, nextUrl: resolveLink(next, pageUrl) };
}

function jobIdOf(url: string): string {
  return /\/jobs\/(\d+)/.exec(url)?.[1] ?? url;
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

/**
 * Where a posting page states the job title, most specific first. Tried one after the other (never
 * as one comma selector, which answers in document order: on pages where the agency's name is an
 * `<h1>` above the job's `<h2>`, the agency would become the title).
 */
export const POSTING_TITLE_SELECTORS = ['h2.entity-title', 'h1.job-title', '.job-title h2', '[itemprop="title"]', '#job-title', 'h1'] as const;
const AGENCY_SELECTORS = '.agency-name, .entity-name, [itemprop="hiringOrganization"] [itemprop="name"]';

export function parsePostingPage(html: string): NeogovPostingPage {
  const $ = loadHtml(html);
  const facts = labelledValues($);
  // In priority order (a comma selector would answer in document order and pick the outer tab).
  const description =
    ['#details-info .job-details-content', '.job-details-content', '#details-info', '#job-description', '[itemprop="description"]']
      .map((sel) => $(sel).first())
      .find((el) => el.length > 0) ?? $([]);
  return {
    title: firstTextInPriority($, POSTING_TITLE_SELECTORS.join(', ')),
    agencyName: firstTextInPriority($, AGENCY_SELECTORS),
    salary: facts.get('salary'),
    location: facts.get('location'),
    jobType: facts.get('job type'),
    jobNumber: facts.get('job number'),
    department: facts.get('department'),
    closing: facts.get('closing') ?? facts.get('closing date') ?? facts.get('closing date/time'),
    descriptionHtml: description.length > 0 ? (description.html() ?? undefined)?.trim() : undefined,
  };
}

/**
 * Label/value rows ("Salary" → "$22.10 - $28.45 Hourly"): a leaf element holding only the label,
 * then the value beside it — or, on the current posting page, the element whose
 * `aria-labelledby` names the label's id (`#salary-label-id`).
 */
function labelledValues($: CheerioAPI): Map<string, string> {
  const out = new Map<string, string>();
  $('[id$="-label-id"], .term-description, dt, th, .summary-label, .span2, .col-label').each((_, el) => {
    const node = $(el);
    if (node.children().length > 0 && node.children().text().trim() !== node.text().trim()) return;
    const label = cleanText(node.text())?.replace(/:$/, '').toLowerCase();
    if (!label || out.has(label)) return;
    const id = node.attr('id');
    let value = id ? $(`[aria-labelledby="${id.replace(/"/g, '')}"]`).first() : $([]);
    if (value.length === 0) value = node.next();
    if (value.length === 0) value = node.parent().next();
    const text = cleanText(value.text());
    if (text) out.set(label, text);
  });
  return out;
}

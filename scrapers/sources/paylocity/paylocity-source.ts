import type { CheerioAPI } from 'cheerio';
import { z } from 'zod';
import type { RawPosting } from '../../../schema/index.ts';
import { describeIssues, embeddedJsonObject, idString, optionalString, underOrigin } from '../answer-shapes.ts';
import { cleanText, firstInPriority, firstTextInPriority, loadHtml } from '../html-document.ts';
import { extractJobPostings } from '../jsonld/jsonld-extract.ts';
import { recordRun, type SourceRunRecorder } from '../source-run-recorder.ts';
import type { SourceConfig, SourceRunContext, SourceRunOutput } from '../source-types.ts';

type PaylocityConfig = Extract<SourceConfig, { kind: 'paylocity' }>;

/**
 * Paylocity career pages (`recruiting.paylocity.com`), where many payroll-suite employers post:
 *   GET /Recruiting/Jobs/All/{company GUID}  → an HTML page whose script sets `window.pageData = {...};`
 *       with `Jobs: [{ JobId, JobTitle, LocationName, JobLocation { City, State, Zip, Country },
 *       PublishedDate, IsRemote, IsInternal, HiringDepartment, Description (a short teaser) }]` —
 *       the whole board in one page (older boards answer on /Recruiting/Jobs/List/{number}).
 *   GET /Recruiting/Jobs/Details/{JobId}     → the posting page: `.job-preview-title`,
 *       `.preview-location`, `.job-preview-details` (Job Type, Description, Requirements, Salary
 *       sections) and, on most boards, a schema.org JobPosting in JSON-LD (its `baseSalary` is
 *       passed on as structured pay).
 * An unknown company GUID and a closed job both answer 200 with a "job not found" page (or a
 * redirect to …/JobNotFound): a job list page without `pageData.Jobs` is an error, never "no jobs".
 */
const locationSchema = z
  .object({ City: optionalString, State: optionalString, Zip: optionalString, PostalCode: optionalString, Country: optionalString, Name: optionalString })
  .loose()
  .nullish();

const jobSchema = z
  .object({
    JobId: idString,
    JobTitle: z.string().trim().min(1),
    LocationName: optionalString,
    JobLocation: locationSchema,
    PublishedDate: optionalString,
    IsRemote: z.boolean().nullish(),
    IsInternal: z.boolean().nullish(),
    HiringDepartment: optionalString,
    Description: optionalString,
  })
  .loose();
type PaylocityJob = z.infer<typeof jobSchema>;

const pageDataSchema = z.object({ Jobs: z.array(z.unknown()) }).loose();

const NOT_FOUND = /does not exist or is not currently active|job not found|jobnotfound/i;

export async function runPaylocity(config: PaylocityConfig, ctx: SourceRunContext): Promise<SourceRunOutput> {
  return recordRun(config, ctx, async (run) => {
    const jobs = await readListing(run, config);
    for (const job of jobs) {
      if (run.stopping) break;
      run.add(await readPosting(run, config, job));
    }
  });
}

async function readListing(run: SourceRunRecorder, config: PaylocityConfig): Promise<PaylocityJob[]> {
  const board = /^\d+$/.test(config.company) ? 'List' : 'All';
  const url = underOrigin(config.baseUrl, 'Recruiting', 'Jobs', board, config.company);
  // Paylocity's paths are case-insensitive and employers link both `/Recruiting/Jobs/…` and
  // `/recruiting/jobs/…`; a mirror may know only one spelling.
  const response = await run.fetchFirstKnown([url, underOrigin(config.baseUrl, 'recruiting', 'jobs', board, config.company)], { headers: { accept: 'text/html' } }, { listing: true });
  if (!response) return [];
  const marker = /window\.pageData\s*=\s*/.exec(response.text);
  if (!marker) {
    run.markIncomplete();
    const why = NOT_FOUND.test(response.url) || NOT_FOUND.test(response.text) ? `no Paylocity job list for company "${config.company}" (the board answers "job not found")` : 'no window.pageData on the job list page (Paylocity markup changed?)';
    run.error(url, why);
    return [];
  }
  const data = pageDataSchema.safeParse(embeddedJsonObject(response.text, marker.index + marker[0].length));
  if (!data.success) {
    run.markIncomplete();
    run.error(url, `window.pageData is not a Paylocity job list: ${describeIssues(data.error)}`);
    return [];
  }
  const jobs: PaylocityJob[] = [];
  for (const item of data.data.Jobs) {
    const job = jobSchema.safeParse(item);
    if (!job.success) {
      run.reject(url, 'invalid-job', describeIssues(job.error));
      continue;
    }
    // Internal postings are for current staff only; the public board lists them with the flag.
    if (job.data.IsInternal) continue;
    jobs.push(job.data);
  }
  return jobs;
}

function listingPlace(job: PaylocityJob): RawPosting['location'] {
  const l = job.JobLocation;
  if (l && (l.City || l.State)) {
    const out: { city?: string; state?: string; postalCode?: string; country?: string } = {};
    if (l.City) out.city = l.City;
    if (l.State) out.state = l.State;
    const zip = l.Zip ?? l.PostalCode;
    if (zip) out.postalCode = zip;
    if (l.Country) out.country = l.Country;
    return out;
  }
  return job.LocationName ?? l?.Name;
}

async function readPosting(run: SourceRunRecorder, config: PaylocityConfig, job: PaylocityJob): Promise<RawPosting> {
  const url = underOrigin(config.baseUrl, 'Recruiting', 'Jobs', 'Details', job.JobId);
  const base: RawPosting = {
    sourceId: job.JobId,
    url,
    title: job.JobTitle,
    employer: config.employer,
    location: listingPlace(job),
    description: job.Description,
    datePosted: job.PublishedDate,
    workplace: job.IsRemote ? 'remote' : undefined,
  };
  const response = await run.fetchFirstKnown([url, underOrigin(config.baseUrl, 'recruiting', 'jobs', 'Details', job.JobId)], { headers: { accept: 'text/html' } }, { listing: false });
  if (!response) return base;
  if (NOT_FOUND.test(response.url) || (!response.text.includes('job-preview-details') && NOT_FOUND.test(response.text))) return base;
  const $ = loadHtml(response.text);
  // Most boards also publish the job as schema.org JSON-LD for search engines: its pay object is
  // the structured pay, its dates the posting's dates.
  const ld = extractJobPostings($, response.url).postings[0];
  const details = firstInPriority($, '.job-preview-details');
  if (details.length === 0 && !ld) {
    run.error(url, 'no .job-preview-details and no JSON-LD on the posting page (Paylocity markup changed?); kept the listing facts');
    return base;
  }
  const facts = details.length > 0 ? sectionValues($, details) : new Map<string, string>();
  details.find('script, style, button, .preview-bottom-apply-btn, .job-preview-apply-btn, a.apply-btn, .job-listing-job-type').remove();
  const shown = details.length > 0 ? details.html()?.trim() : undefined;
  return {
    ...base,
    employer: config.employer ?? ld?.employer,
    location: base.location ?? ld?.location ?? firstTextInPriority($, '.preview-location'),
    pay: facts.get('salary') ?? facts.get('pay') ?? facts.get('compensation') ?? facts.get('pay range'),
    description: shown || ld?.description || base.description,
    datePosted: ld?.datePosted ?? base.datePosted,
    validThrough: ld?.validThrough,
    employmentType: facts.get('job type') ?? ld?.employmentType,
    structuredPay: ld?.structuredPay,
  };
}

/**
 * The posting's labelled sections: a heading element holding only "Job Type" / "Salary" and the
 * value in the element after it (Paylocity writes these as small headings over a paragraph).
 */
function sectionValues($: CheerioAPI, details: ReturnType<CheerioAPI>): Map<string, string> {
  const out = new Map<string, string>();
  details.find('h1, h2, h3, h4, h5, h6, strong, b, label, .job-preview-label, .preview-label, div, span').each((_, el) => {
    const node = $(el);
    if (node.children().length > 0 && cleanText(node.children().text()) !== cleanText(node.text())) return;
    const label = cleanText(node.text())?.replace(/:$/, '').toLowerCase();
    if (!label || label.length > 30 || out.has(label) || !/^(?:job type|salary|pay|pay range|compensation|schedule)$/.test(label)) return;
    let value = node.next();
    if (value.length === 0) value = node.parent().next();
    const text = cleanText(value.text());
    if (text) out.set(label, text);
  });
  return out;
}

import { z } from 'zod';
import type { RawPosting } from '../../../schema/index.ts';
import { describeIssues, optionalNumber, optionalString } from '../answer-shapes.ts';
import { recordRun, type SourceRunRecorder } from '../source-run-recorder.ts';
import type { SourceConfig, SourceRunContext, SourceRunOutput } from '../source-types.ts';

type WorkdayConfig = Extract<SourceConfig, { kind: 'workday' }>;

/**
 * Workday career sites (`https://{tenant}.wd5.myworkdayjobs.com/{site}`) are a JavaScript app over
 * a JSON API, which is what we read:
 *   POST /wday/cxs/{tenant}/{site}/jobs  { appliedFacets: {}, limit: 20, offset, searchText }
 *        → { total, jobPostings: [{ title, externalPath, locationsText, postedOn, bulletFields }] }
 *   GET  /wday/cxs/{tenant}/{site}{externalPath}
 *        → { jobPostingInfo: { id, title, jobDescription, location, timeType, startDate, jobReqId, externalUrl, ... },
 *            hiringOrganization: { name } }
 * Workday reports `total` only on the first page (later pages answer 0), so the first figure is kept.
 */
const PAGE_SIZE = 20;

const summarySchema = z
  .object({
    title: z.string().trim().min(1),
    externalPath: z.string().startsWith('/'),
    locationsText: optionalString,
    postedOn: optionalString,
    bulletFields: z.array(z.string()).nullish(),
  })
  .loose();
type WorkdaySummary = z.infer<typeof summarySchema>;

const pageSchema = z.object({ total: optionalNumber, jobPostings: z.array(z.unknown()) }).loose();

const detailSchema = z
  .object({
    jobPostingInfo: z
      .object({
        id: optionalString,
        title: z.string().trim().min(1),
        jobDescription: optionalString,
        location: optionalString,
        additionalLocations: z.array(z.string()).nullish(),
        timeType: optionalString,
        startDate: optionalString,
        endDate: optionalString,
        jobReqId: optionalString,
        externalUrl: optionalString,
        remoteType: optionalString,
      })
      .loose(),
    hiringOrganization: z.object({ name: optionalString }).loose().nullish(),
  })
  .loose();

export interface WorkdaySite {
  origin: string;
  tenant: string;
  site: string;
  /** The locale segment of the site URL (`en-US`), kept for building page links. */
  locale: string | undefined;
}

/** Reads tenant and site from a career site URL such as `https://acme.wd5.myworkdayjobs.com/en-US/Careers`. */
export function parseWorkdaySite(siteUrl: string, tenantOverride?: string): WorkdaySite {
  const url = new URL(siteUrl);
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const locale = segments[0] && /^[a-z]{2}-[A-Z]{2}$/.test(segments[0]) ? segments.shift() : undefined;
  const site = segments[0];
  const tenant = tenantOverride ?? /^([^.]+)\.wd\d+\.myworkdayjobs\.com$/i.exec(url.hostname)?.[1];
  if (!site) throw new Error(`${siteUrl}: no career site name in the path (expected https://{tenant}.wd5.myworkdayjobs.com/{site})`);
  if (!tenant) throw new Error(`${siteUrl}: cannot tell the Workday tenant from the host; set "tenant" in the source`);
  return { origin: url.origin, tenant, site, locale };
}

export async function runWorkday(config: WorkdayConfig, ctx: SourceRunContext): Promise<SourceRunOutput> {
  return recordRun(config, ctx, async (run) => {
    const site = parseWorkdaySite(config.url, config.tenant);
    const api = `${site.origin}/wday/cxs/${encodeURIComponent(site.tenant)}/${encodeURIComponent(site.site)}`;
    const summaries = await readListing(run, config, api);
    for (const summary of summaries) {
      if (run.stopping) break;
      run.add(await readDetail(run, config, api, site, summary));
    }
  });
}

/** The listing handler: pages of job summaries until `total` is reached or a page comes back empty. */
async function readListing(run: SourceRunRecorder, config: WorkdayConfig, api: string): Promise<WorkdaySummary[]> {
  const found: WorkdaySummary[] = [];
  let total: number | undefined;
  for (let page = 0; page < config.maxPages; page++) {
    if (run.stopping) return found;
    const offset = page * PAGE_SIZE;
    const body = JSON.stringify({ appliedFacets: {}, limit: PAGE_SIZE, offset, searchText: config.searchText });
    const answer = await run.fetchJson(
      { url: `${api}/jobs`, method: 'POST', body, headers: { 'content-type': 'application/json' } },
      { listing: true },
    );
    if (!answer) return found;
    const parsed = pageSchema.safeParse(answer.json);
    if (!parsed.success) {
      run.markIncomplete();
      run.error(`${api}/jobs`, `not a Workday job search answer: ${describeIssues(parsed.error)}`);
      return found;
    }
    if (page === 0) total = parsed.data.total;
    for (const item of parsed.data.jobPostings) {
      const summary = summarySchema.safeParse(item);
      if (summary.success) found.push(summary.data);
      else run.reject(`${api}/jobs`, 'invalid-job', describeIssues(summary.error));
    }
    const seen = offset + parsed.data.jobPostings.length;
    if (parsed.data.jobPostings.length === 0 || (total !== undefined && seen >= total)) return found;
  }
  // Pages remain beyond maxPages: jobs not seen must not be expired.
  run.markIncomplete();
  run.error(`${api}/jobs`, `stopped after maxPages=${config.maxPages} of ${total ?? 'unknown'} jobs`);
  return found;
}

/** The detail handler: the full posting; when it cannot be read the listing's summary still counts. */
async function readDetail(run: SourceRunRecorder, config: WorkdayConfig, api: string, site: WorkdaySite, summary: WorkdaySummary): Promise<RawPosting> {
  const pageUrl = `${site.origin}${site.locale ? `/${site.locale}` : ''}/${site.site}${summary.externalPath}`;
  const fallback: RawPosting = {
    sourceId: summary.bulletFields?.[0] ?? summary.externalPath,
    url: pageUrl,
    title: summary.title,
    employer: config.employer,
    location: summary.locationsText,
  };
  const answer = await run.fetchJson({ url: `${api}${summary.externalPath}` }, { listing: false });
  if (!answer) return fallback;
  const detail = detailSchema.safeParse(answer.json);
  if (!detail.success) {
    run.error(`${api}${summary.externalPath}`, `not a Workday job detail: ${describeIssues(detail.error)}`);
    return fallback;
  }
  const info = detail.data.jobPostingInfo;
  const places = [info.location, ...(info.additionalLocations ?? [])].filter((p): p is string => p !== undefined && p !== '');
  return {
    // The requisition id is what the employer uses everywhere; the summary's bullet field holds it too.
    sourceId: info.jobReqId ?? fallback.sourceId,
    url: info.externalUrl ?? pageUrl,
    title: info.title,
    employer: config.employer ?? detail.data.hiringOrganization?.name,
    location: places.length > 1 ? places : (places[0] ?? summary.locationsText),
    description: info.jobDescription,
    datePosted: info.startDate,
    validThrough: info.endDate,
    employmentType: info.timeType,
    workplace: info.remoteType,
  };
}

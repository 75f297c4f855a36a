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

const locationRefSchema = z
  .object({ descriptor: optionalString, country: z.object({ descriptor: optionalString, alpha2Code: optionalString }).loose().nullish() })
  .loose()
  .nullish();

const detailSchema = z
  .object({
    jobPostingInfo: z
      .object({
        id: optionalString,
        // Some tenants leave the title out of the detail; the summary's title stands in.
        title: optionalString,
        jobDescription: optionalString,
        location: optionalString,
        additionalLocations: z.array(z.union([z.string(), z.object({ descriptor: optionalString }).loose()])).nullish(),
        jobRequisitionLocation: locationRefSchema,
        country: z.object({ descriptor: optionalString, alpha2Code: optionalString }).loose().nullish(),
        timeType: optionalString,
        postedOn: optionalString,
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

/** "2 Locations", "12 Locations": a count, not a place (the detail names them). */
const LOCATION_COUNT = /^\d+\s+locations?$/i;

/**
 * `postedOn` as the listing shows it: "Posted Today", "Posted Yesterday", "Posted 3 Days Ago" are
 * passed on (the normaliser dates them against the run's clock); "Posted 30+ Days Ago" says only
 * "a month or more", so no date is better than a wrong one.
 */
function postedPhrase(postedOn: string | undefined): string | undefined {
  if (!postedOn || /\d+\s*\+/.test(postedOn)) return undefined;
  return /today|yesterday|\d+\s+days?\s+ago/i.test(postedOn) ? postedOn : undefined;
}

export interface WorkdaySite {
  origin: string;
  tenant: string;
  site: string;
  /** The locale segment of the site URL (`en-US`), kept for building page links. */
  locale: string | undefined;
  /** The path before the site name (`/en-US`, `/en-US/recruiting/acme`), for building page links. */
  pagePrefix: string;
}

/**
 * Reads tenant and site from a career site URL:
 * - `https://acme.wd5.myworkdayjobs.com/en-US/Careers` (any wdN, with or without a locale, with a
 *   trailing `/job/...` or `/details/...` path);
 * - `https://wd5.myworkdaysite.com/en-US/recruiting/acme/Careers` (Workday's shared host, where the
 *   tenant is in the path).
 */
export function parseWorkdaySite(siteUrl: string, tenantOverride?: string): WorkdaySite {
  const url = new URL(siteUrl);
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const locale = segments[0] && /^[a-z]{2}-[a-z]{2}$/i.test(segments[0]) ? segments.shift() : undefined;
  let tenant = tenantOverride ?? /^([^.]+)\.wd\d+\.myworkdayjobs\.com$/i.exec(url.hostname)?.[1];
  if (segments[0]?.toLowerCase() === 'recruiting' && segments.length >= 3) {
    segments.shift();
    const pathTenant = segments.shift();
    tenant = tenantOverride ?? pathTenant;
  }
  const site = segments[0];
  if (!site) throw new Error(`${siteUrl}: no career site name in the path (expected https://{tenant}.wd5.myworkdayjobs.com/{site})`);
  if (!tenant) throw new Error(`${siteUrl}: cannot tell the Workday tenant from the host; set "tenant" in the source`);
  const prefix = url.pathname.slice(0, url.pathname.indexOf(`/${site}`));
  return { origin: url.origin, tenant, site, locale, pagePrefix: prefix };
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
  const pageUrl = `${site.origin}${site.pagePrefix}/${site.site}${summary.externalPath}`;
  const listedPlace = summary.locationsText && !LOCATION_COUNT.test(summary.locationsText) ? summary.locationsText : undefined;
  const fallback: RawPosting = {
    sourceId: summary.bulletFields?.[0] ?? summary.externalPath,
    url: pageUrl,
    title: summary.title,
    employer: config.employer,
    location: listedPlace,
    datePosted: postedPhrase(summary.postedOn),
  };
  const answer = await run.fetchJson({ url: `${api}${summary.externalPath}` }, { listing: false });
  if (!answer) return fallback;
  const detail = detailSchema.safeParse(answer.json);
  if (!detail.success) {
    run.error(`${api}${summary.externalPath}`, `not a Workday job detail: ${describeIssues(detail.error)}`);
    return fallback;
  }
  const info = detail.data.jobPostingInfo;
  const additional = (info.additionalLocations ?? []).map((l) => (typeof l === 'string' ? l : l.descriptor));
  // `location` is missing on some tenants; the requisition's own location names the same place.
  const primary = info.location ?? info.jobRequisitionLocation?.descriptor;
  const places = [...new Set([primary, ...additional].filter((p): p is string => p !== undefined && p.trim() !== '' && !LOCATION_COUNT.test(p)))];
  return {
    // The requisition id is what the employer uses everywhere; the summary's bullet field holds it too.
    sourceId: info.jobReqId ?? fallback.sourceId,
    url: info.externalUrl ?? pageUrl,
    title: info.title ?? summary.title,
    employer: config.employer ?? detail.data.hiringOrganization?.name,
    location: places.length > 1 ? places : (places[0] ?? listedPlace),
    description: info.jobDescription,
    datePosted: info.startDate ?? postedPhrase(info.postedOn) ?? fallback.datePosted,
    validThrough: info.endDate,
    employmentType: info.timeType,
    workplace: info.remoteType,
  };
}

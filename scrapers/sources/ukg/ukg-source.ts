import { z } from 'zod';
import type { RawPosting } from '../../../schema/index.ts';
import { describeIssues, embeddedJsonObject, optionalNumber, optionalString, underOrigin } from '../answer-shapes.ts';
import { unescapeHtmlOnce } from '../html-document.ts';
import { recordRun, type SourceRunRecorder } from '../source-run-recorder.ts';
import type { SourceConfig, SourceRunContext, SourceRunOutput } from '../source-types.ts';

type UkgConfig = Extract<SourceConfig, { kind: 'ukg' }>;

/**
 * UKG Pro Recruiting (formerly UltiPro) job boards, `recruiting.ultipro.com/{tenant}/JobBoard/{board}/`.
 * The board page is a script app over one JSON search call, which is what we read:
 *   POST /{tenant}/JobBoard/{board}/JobBoardView/LoadSearchResults
 *        { opportunitySearch: { Top, Skip, QueryString, OrderBy, Filters }, matchCriteria: {...} }
 *        → { opportunities: [{ Id (GUID), Title, RequisitionNumber, JobCategoryName, FullTime,
 *            PostedDate, BriefDescription, Locations: [{ LocalizedName, Address { City,
 *            State { Code, Name }, PostalCode, Country { Code, Name } } }] }], totalCount }
 *   GET  /{tenant}/JobBoard/{board}/OpportunityDetail?opportunityId={Id}
 *        → an HTML page whose script builds the opportunity from a JSON object
 *          (`new US.Opportunity.CandidateOpportunityDetail({...})`) holding the full `Description`.
 * Skip/Top paging; `totalCount` says when to stop. An unknown tenant or board answers 404.
 */
const PAGE_SIZE = 50;

const addressSchema = z
  .object({
    City: optionalString,
    State: z.object({ Code: optionalString, Name: optionalString }).loose().nullish(),
    PostalCode: optionalString,
    Country: z.object({ Code: optionalString, Name: optionalString }).loose().nullish(),
  })
  .loose()
  .nullish();

const opportunitySchema = z
  .object({
    Id: z.string().min(1),
    Title: z.string().trim().min(1),
    RequisitionNumber: optionalString,
    FullTime: z.boolean().nullish(),
    PostedDate: optionalString,
    BriefDescription: optionalString,
    JobLocationType: z.union([z.number(), z.string()]).nullish(),
    Locations: z.array(z.object({ LocalizedName: optionalString, LocalizedDescription: optionalString, Address: addressSchema }).loose()).nullish(),
  })
  .loose();
type Opportunity = z.infer<typeof opportunitySchema>;

const pageSchema = z.object({ opportunities: z.array(z.unknown()), totalCount: optionalNumber }).loose();

const detailSchema = z.object({ Title: optionalString, Description: optionalString, FullTime: z.boolean().nullish(), PostedDate: optionalString }).loose();

function searchBody(skip: number): string {
  return JSON.stringify({
    opportunitySearch: {
      Top: PAGE_SIZE,
      Skip: skip,
      QueryString: '',
      OrderBy: [{ Value: 'postedDateDesc', PropertyName: 'PostedDate', Ascending: false }],
      Filters: [],
    },
    matchCriteria: { PreferredJobs: [], Educations: [], LicenseAndCertifications: [], Skills: [], hasNoLicenses: false, SkippedSkills: [] },
  });
}

export async function runUkg(config: UkgConfig, ctx: SourceRunContext): Promise<SourceRunOutput> {
  return recordRun(config, ctx, async (run) => {
    const board = underOrigin(config.baseUrl, config.tenant, 'JobBoard', config.board);
    const opportunities = await readListing(run, config, board);
    for (const o of opportunities) {
      if (run.stopping) break;
      run.add(await readDetail(run, config, board, o));
    }
  });
}

async function readListing(run: SourceRunRecorder, config: UkgConfig, board: string): Promise<Opportunity[]> {
  const url = `${board}/JobBoardView/LoadSearchResults`;
  const found = new Map<string, Opportunity>();
  let skip = 0;
  for (let page = 0; page < config.maxPages; page++) {
    if (run.stopping) return [...found.values()];
    const answer = await run.fetchJson(
      { url, method: 'POST', body: searchBody(skip), headers: { 'content-type': 'application/json; charset=utf-8', 'x-requested-with': 'XMLHttpRequest' } },
      { listing: true, explain: (e) => (e.status === 404 ? `no UKG job board ${config.tenant}/${config.board}` : undefined) },
    );
    if (!answer) return [...found.values()];
    const parsed = pageSchema.safeParse(answer.json);
    if (!parsed.success) {
      run.markIncomplete();
      run.error(url, `not a UKG search answer: ${describeIssues(parsed.error)}`);
      return [...found.values()];
    }
    for (const item of parsed.data.opportunities) {
      const o = opportunitySchema.safeParse(item);
      if (o.success) found.set(o.data.Id, o.data);
      else run.reject(url, 'invalid-opportunity', describeIssues(o.error));
    }
    const count = parsed.data.opportunities.length;
    skip += count;
    const total = parsed.data.totalCount;
    if (count === 0 || (total !== undefined ? skip >= total : count < PAGE_SIZE)) return [...found.values()];
  }
  run.markIncomplete();
  run.error(url, `stopped after maxPages=${config.maxPages}`);
  return [...found.values()];
}

/** The detail's JSON object: the argument of `CandidateOpportunityDetail(...)`, else the first object with a Description. */
export function opportunityDetailJson(html: string): unknown {
  const call = /CandidateOpportunityDetail\s*\(/.exec(html);
  if (call) {
    const value = embeddedJsonObject(html, call.index + call[0].length);
    if (value !== undefined) return value;
  }
  const description = /"Description"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(html);
  if (description?.[1]) {
    try {
      return { Description: JSON.parse(description[1]) as unknown };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

async function readDetail(run: SourceRunRecorder, config: UkgConfig, board: string, o: Opportunity): Promise<RawPosting> {
  const pageUrl = `${board}/OpportunityDetail?opportunityId=${encodeURIComponent(o.Id)}`;
  const places = (o.Locations ?? [])
    .map((l) => {
      const a = l.Address;
      const state = a?.State?.Code ?? a?.State?.Name;
      if (a?.City || state) {
        const out: { city?: string; state?: string; postalCode?: string; country?: string } = {};
        if (a?.City) out.city = a.City;
        if (state) out.state = state;
        if (a?.PostalCode) out.postalCode = a.PostalCode;
        const country = a?.Country?.Code ?? a?.Country?.Name;
        if (country) out.country = country;
        return out;
      }
      return l.LocalizedName ?? l.LocalizedDescription;
    })
    .filter((p): p is NonNullable<typeof p> => p !== undefined);
  const remote = typeof o.JobLocationType === 'string' && /remote|telecommut/i.test(o.JobLocationType);
  const base: RawPosting = {
    sourceId: o.Id,
    url: pageUrl,
    title: o.Title,
    employer: config.employer,
    location: places.length > 1 ? places : places[0],
    description: o.BriefDescription,
    datePosted: o.PostedDate,
    employmentType: o.FullTime === true ? 'Full-time' : o.FullTime === false ? 'Part-time' : undefined,
    workplace: remote ? 'remote' : undefined,
  };
  const response = await run.fetch({ url: pageUrl, headers: { accept: 'text/html' } }, { listing: false });
  if (!response) return base;
  const detail = detailSchema.safeParse(opportunityDetailJson(response.text));
  if (!detail.success || !detail.data.Description) {
    run.error(pageUrl, 'no opportunity description on the detail page (UKG markup changed?); kept the search result');
    return base;
  }
  // The description is HTML, sometimes entity-escaped once more inside the script.
  const description = /&lt;\/?[a-z]/i.test(detail.data.Description) && !/<[a-z]/i.test(detail.data.Description) ? unescapeHtmlOnce(detail.data.Description) : detail.data.Description;
  return { ...base, description };
}

import { z } from 'zod';
import type { RawPosting } from '../../../schema/index.ts';
import { describeIssues, idString, labelled, optionalNumber, optionalString, underOrigin } from '../answer-shapes.ts';
import { recordRun, type SourceRunRecorder } from '../source-run-recorder.ts';
import type { SourceConfig, SourceRunContext, SourceRunOutput } from '../source-types.ts';

type SmartRecruitersConfig = Extract<SourceConfig, { kind: 'smartrecruiters' }>;

/**
 * SmartRecruiters Posting API (public, no key):
 *   GET {origin}/v1/companies/{company}/postings?limit=100&offset=N
 *       → { offset, limit, totalFound, content: [{ id, name, refNumber, releasedDate, company { identifier, name },
 *           location { city, region, country, remote, hybrid, fullLocation }, typeOfEmployment { id, label }, ref }] }
 *   GET {origin}/v1/companies/{company}/postings/{id}
 *       → the same fields plus `jobAd.sections.{companyDescription, jobDescription, qualifications,
 *         additionalInformation}.{title, text}` (HTML), `postingUrl`, `applyUrl`, `active`.
 * The company identifier is case-sensitive, and an unknown one answers **200 with an empty list**,
 * exactly like a company with no openings: an empty first page is reported (and the run left
 * incomplete, so nothing is expired on a guess). Postings carry no salary field; an optional
 * `compensation` object, where a tenant sends one, is passed on, else pay comes from the text.
 */
const PAGE_SIZE = 100;

const locationSchema = z
  .object({ city: optionalString, region: optionalString, country: optionalString, fullLocation: optionalString, remote: z.boolean().nullish(), hybrid: z.boolean().nullish() })
  .loose()
  .nullish();

const summarySchema = z
  .object({
    id: idString,
    name: z.string().trim().min(1),
    refNumber: optionalString,
    releasedDate: optionalString,
    company: z.object({ identifier: optionalString, name: optionalString }).loose().nullish(),
    location: locationSchema,
    typeOfEmployment: labelled,
    department: labelled,
    ref: optionalString,
    compensation: z.unknown().optional(),
  })
  .loose();
type Summary = z.infer<typeof summarySchema>;

const pageSchema = z.object({ totalFound: optionalNumber, offset: optionalNumber, content: z.array(z.unknown()) }).loose();

const sectionSchema = z.object({ title: optionalString, text: optionalString }).loose().nullish();
const detailSchema = summarySchema.partial({ name: true }).extend({
  active: z.boolean().nullish(),
  postingUrl: optionalString,
  applyUrl: optionalString,
  jobAd: z
    .object({
      sections: z
        .object({ companyDescription: sectionSchema, jobDescription: sectionSchema, qualifications: sectionSchema, additionalInformation: sectionSchema })
        .loose()
        .nullish(),
    })
    .loose()
    .nullish(),
});
type Detail = z.infer<typeof detailSchema>;

export async function runSmartRecruiters(config: SmartRecruitersConfig, ctx: SourceRunContext): Promise<SourceRunOutput> {
  return recordRun(config, ctx, async (run) => {
    const api = underOrigin(config.baseUrl, 'v1', 'companies', config.company, 'postings');
    const summaries = await readListing(run, config, api);
    for (const summary of summaries) {
      if (run.stopping) break;
      const detail = await readDetail(run, api, summary);
      run.add(toRawPosting(config, summary, detail));
    }
  });
}

/** The listing handler: offset/limit pages until `totalFound` is reached or a page comes back short. */
async function readListing(run: SourceRunRecorder, config: SmartRecruitersConfig, api: string): Promise<Summary[]> {
  const found = new Map<string, Summary>();
  let offset = 0;
  for (let page = 0; page < config.maxPages; page++) {
    if (run.stopping) return [...found.values()];
    const url = `${api}?limit=${PAGE_SIZE}&offset=${offset}`;
    const answer = await run.fetchJson({ url }, { listing: true, explain: (e) => (e.status === 404 ? `no SmartRecruiters company "${config.company}"` : undefined) });
    if (!answer) return [...found.values()];
    const parsed = pageSchema.safeParse(answer.json);
    if (!parsed.success) {
      run.markIncomplete();
      run.error(url, `not a SmartRecruiters postings page: ${describeIssues(parsed.error)}`);
      return [...found.values()];
    }
    const { content, totalFound } = parsed.data;
    if (page === 0 && content.length === 0) {
      // SmartRecruiters answers an unknown company exactly like a company with no openings.
      run.markIncomplete();
      run.error(url, `SmartRecruiters lists no postings for company "${config.company}"; it answers the same for an unknown (or wrongly cased) company identifier, so nothing is expired`);
      return [];
    }
    for (const item of content) {
      const summary = summarySchema.safeParse(item);
      if (summary.success) found.set(summary.data.id, summary.data);
      else run.reject(url, 'invalid-posting', describeIssues(summary.error));
    }
    // The next page starts after what this one held (a server may cap `limit` below ours);
    // `totalFound` says when the board is done, a short page only when it is missing.
    offset += content.length;
    if (content.length === 0 || (totalFound !== undefined ? offset >= totalFound : content.length < PAGE_SIZE)) return [...found.values()];
  }
  run.markIncomplete();
  run.error(api, `stopped after maxPages=${config.maxPages} pages of ${PAGE_SIZE}`);
  return [...found.values()];
}

/** The detail handler: the job ad's sections; null keeps the listing's facts (the job still counts). */
async function readDetail(run: SourceRunRecorder, api: string, summary: Summary): Promise<Detail | null> {
  const url = `${api}/${encodeURIComponent(summary.id)}`;
  const answer = await run.fetchJson({ url }, { listing: false });
  if (!answer) return null;
  const detail = detailSchema.safeParse(answer.json);
  if (!detail.success) {
    run.error(url, `not a SmartRecruiters posting: ${describeIssues(detail.error)}`);
    return null;
  }
  return detail.data;
}

function place(location: Summary['location']): string | undefined {
  if (!location) return undefined;
  const parts = [location.city, location.region].filter((p): p is string => p !== undefined);
  const text = parts.length > 0 ? parts.join(', ') : location.fullLocation;
  if (location.remote) return text ? `Remote - ${text}` : 'Remote';
  return text;
}

function toRawPosting(config: SmartRecruitersConfig, summary: Summary, detail: Detail | null): RawPosting {
  const sections = detail?.jobAd?.sections;
  const parts = [sections?.jobDescription, sections?.qualifications, sections?.additionalInformation, sections?.companyDescription]
    .filter((s): s is NonNullable<typeof s> => Boolean(s?.text))
    .map((s) => (s.title ? `<h3>${s.title}</h3>\n${s.text ?? ''}` : (s.text ?? '')));
  const location = detail?.location ?? summary.location;
  const compensation = detail?.compensation ?? summary.compensation;
  return {
    sourceId: summary.id,
    // The public job page; the API's own `ref` is an API URL, not a page for people.
    url: detail?.postingUrl ?? `https://jobs.smartrecruiters.com/${encodeURIComponent(config.company)}/${encodeURIComponent(summary.id)}`,
    title: summary.name,
    employer: config.employer ?? summary.company?.name,
    location: place(location),
    description: parts.length > 0 ? parts.join('\n') : undefined,
    datePosted: summary.releasedDate,
    employmentType: summary.typeOfEmployment,
    workplace: location?.remote ? 'remote' : location?.hybrid ? 'hybrid' : undefined,
    structuredPay: compensation === undefined || compensation === null ? undefined : compensation,
  };
}

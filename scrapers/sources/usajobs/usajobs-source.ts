import { z } from 'zod';
import type { RawLocation, RawPosting } from '../../../schema/index.ts';
import { describeIssues, optionalNumber, optionalString } from '../answer-shapes.ts';
import { recordRun } from '../source-run-recorder.ts';
import type { SourceConfig, SourceRunContext, SourceRunOutput } from '../source-types.ts';

type UsajobsConfig = Extract<SourceConfig, { kind: 'usajobs' }>;

/**
 * USAJOBS Search API: `GET {base}?Keyword=…&Page=N&ResultsPerPage=…` with the headers USAJOBS asks
 * for — `User-Agent` set to the registered e-mail and `Authorization-Key` (the Host header is the
 * URL's own). Without a key the source does nothing and says why: the API refuses anonymous calls
 * and we would only collect 401s.
 */
const RESULTS_PER_PAGE = 250;

/** Figures come as strings ("49025.0"); a few mirrors send numbers. */
const figure = z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined || String(v).trim() === '' ? undefined : String(v).trim()));
const remunerationSchema = z.object({ MinimumRange: figure, MaximumRange: figure, RateIntervalCode: optionalString, Description: optionalString }).loose();
/** USAJOBS booleans are JSON booleans, but older answers and mirrors write "True"/"False". */
const flag = z
  .union([z.boolean(), z.string()])
  .nullish()
  .transform((v) => (typeof v === 'string' ? /^(?:true|yes|y)$/i.test(v.trim()) : (v ?? undefined)));
const descriptorSchema = z
  .object({
    PositionID: optionalString,
    PositionTitle: z.string().trim().min(1),
    PositionURI: optionalString,
    ApplyURI: z.array(z.string()).nullish(),
    PositionLocation: z
      .array(z.object({ LocationName: optionalString, CityName: optionalString, CountrySubDivisionCode: optionalString, CountryCode: optionalString, Latitude: optionalNumber, Longitude: optionalNumber }).loose())
      .nullish(),
    OrganizationName: optionalString,
    DepartmentName: optionalString,
    PositionSchedule: z.array(z.object({ Name: optionalString }).loose()).nullish(),
    // Kept exactly as USAJOBS sends it (structuredPay); read for the pay text separately.
    PositionRemuneration: z.unknown().optional(),
    PublicationStartDate: optionalString,
    ApplicationCloseDate: optionalString,
    QualificationSummary: optionalString,
    UserArea: z
      .object({
        Details: z
          .object({ JobSummary: optionalString, MajorDuties: z.union([z.array(z.string()), z.string()]).nullish(), RemoteIndicator: flag, TeleworkEligible: flag })
          .loose()
          .nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();
const itemSchema = z.object({ MatchedObjectId: z.union([z.string(), z.number()]).transform(String), MatchedObjectDescriptor: descriptorSchema }).loose();
const answerSchema = z
  .object({
    SearchResult: z
      .object({
        SearchResultCountAll: optionalNumber,
        SearchResultItems: z.array(z.unknown()),
        UserArea: z.object({ NumberOfPages: optionalNumber }).loose().nullish(),
      })
      .loose(),
  })
  .loose();

export async function runUsajobs(config: UsajobsConfig, ctx: SourceRunContext): Promise<SourceRunOutput> {
  return recordRun(config, ctx, async (run) => {
    const key = ctx.env.usajobsApiKey;
    const email = ctx.env.usajobsEmail;
    if (!key || !email) {
      run.markIncomplete();
      run.error(undefined, `usajobs source "${config.id}" is disabled: set ${!key ? 'USAJOBS_API_KEY' : ''}${!key && !email ? ' and ' : ''}${!email ? 'USAJOBS_EMAIL' : ''} (free key at https://developer.usajobs.gov/apirequest/)`);
      return;
    }
    let pages: number | undefined;
    for (let page = 1; page <= config.maxPages; page++) {
      if (run.stopping) return;
      const url = new URL(config.baseUrl);
      url.searchParams.set('Keyword', config.keyword);
      url.searchParams.set('Page', String(page));
      url.searchParams.set('ResultsPerPage', String(RESULTS_PER_PAGE));
      const answer = await run.fetchJson({ url: url.href, headers: { 'user-agent': email, 'authorization-key': key } }, { listing: true });
      if (!answer) return;
      const parsed = answerSchema.safeParse(answer.json);
      if (!parsed.success) {
        run.markIncomplete();
        run.error(url.href, `not a USAJOBS search answer: ${describeIssues(parsed.error)}`);
        return;
      }
      const result = parsed.data.SearchResult;
      pages ??= result.UserArea?.NumberOfPages ?? Math.ceil((result.SearchResultCountAll ?? 0) / RESULTS_PER_PAGE);
      for (const raw of result.SearchResultItems) {
        const item = itemSchema.safeParse(raw);
        if (item.success) run.add(toRawPosting(item.data));
        else run.reject(url.href, 'invalid-item', describeIssues(item.error));
      }
      if (result.SearchResultItems.length === 0 || page >= pages) return;
    }
    run.markIncomplete();
    run.error(config.baseUrl, `stopped after maxPages=${config.maxPages} of ${pages ?? 'unknown'} pages`);
  });
}

/** "Anywhere in the U.S. (remote job)", "Location Negotiable After Selection": not a city. */
const NOT_A_CITY = /anywhere|remote job|negotiable|multiple locations|various locations/i;

function toRawPosting(item: z.infer<typeof itemSchema>): RawPosting {
  const d = item.MatchedObjectDescriptor;
  const details = d.UserArea?.Details;
  let anywhere = false;
  const places: (string | RawLocation)[] = [];
  for (const l of d.PositionLocation ?? []) {
    const name = l.LocationName ?? l.CityName;
    if (name && NOT_A_CITY.test(name)) {
      if (/anywhere|remote job/i.test(name)) anywhere = true;
      places.push(name);
      continue;
    }
    places.push({
      // CityName reads "Chillicothe, Ohio": the city is before the comma, the state is its own field.
      city: (l.CityName ?? l.LocationName)?.split(',')[0]?.trim(),
      state: l.CountrySubDivisionCode,
      country: l.CountryCode,
      lat: l.Latitude,
      lon: l.Longitude,
    });
  }
  const remuneration = z.array(remunerationSchema).safeParse(d.PositionRemuneration);
  const r = remuneration.success ? remuneration.data[0] : undefined;
  // "WC" (without compensation) posts 0.0 - 0.0: that is no pay figure, not a wage of zero.
  const paid = r !== undefined && r.RateIntervalCode?.toUpperCase() !== 'WC' && [r.MinimumRange, r.MaximumRange].some((v) => v !== undefined && Number(v) > 0);
  const pay = paid ? [r.MinimumRange && `$${r.MinimumRange}`, r.MaximumRange && `$${r.MaximumRange}`].filter(Boolean).join(' - ') + (r.Description ? ` ${r.Description}` : '') : undefined;
  const duties = Array.isArray(details?.MajorDuties) ? details.MajorDuties : details?.MajorDuties ? [details.MajorDuties] : [];
  const description = [
    details?.JobSummary && `<h3>Summary</h3><p>${details.JobSummary}</p>`,
    duties.length > 0 && `<h3>Duties</h3><ul>${duties.map((x) => `<li>${x}</li>`).join('')}</ul>`,
    d.QualificationSummary && `<h3>Qualifications</h3><p>${d.QualificationSummary}</p>`,
  ]
    .filter((s): s is string => typeof s === 'string')
    .join('\n');
  const schedules = (d.PositionSchedule ?? []).map((s) => s.Name).filter((n): n is string => n !== undefined);
  return {
    sourceId: item.MatchedObjectId,
    url: d.PositionURI ?? d.ApplyURI?.[0],
    title: d.PositionTitle,
    employer: d.OrganizationName ?? d.DepartmentName,
    location: places.length > 1 ? places : places[0],
    pay,
    description: description === '' ? undefined : description,
    datePosted: d.PublicationStartDate,
    validThrough: d.ApplicationCloseDate,
    employmentType: schedules.length > 1 ? schedules : schedules[0],
    // RemoteIndicator (or an "Anywhere in the U.S." location) is a remote job; TeleworkEligible
    // means some days from home on an agency duty station, which is what "hybrid" names.
    workplace: details?.RemoteIndicator || anywhere ? 'remote' : details?.TeleworkEligible ? 'hybrid' : undefined,
    structuredPay: paid && remuneration.success ? d.PositionRemuneration : undefined,
  };
}

import { z } from 'zod';
import type { RawLocation, RawPosting } from '../../../schema/index.ts';
import { describeIssues, joinUrl, optionalString } from '../answer-shapes.ts';
import { recordRun } from '../source-run-recorder.ts';
import type { SourceConfig, SourceRunContext, SourceRunOutput } from '../source-types.ts';

type AshbyConfig = Extract<SourceConfig, { kind: 'ashby' }>;

/**
 * Ashby public posting API: `GET {base}/{board}?includeCompensation=true` answers
 * `{ apiVersion, jobs: [...] }` with the whole board, compensation included
 * (`compensationTierSummary` text and `summaryComponents` with interval and min/max).
 * Unlisted jobs (`isListed: false`) are skipped: the employer hid them from the board.
 */
const postalAddressSchema = z
  .object({ addressLocality: optionalString, addressRegion: optionalString, addressCountry: optionalString, postalCode: optionalString })
  .loose();
const addressSchema = z.object({ postalAddress: postalAddressSchema.nullish() }).loose().nullish();
const jobSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().trim().min(1),
    department: optionalString,
    team: optionalString,
    employmentType: optionalString,
    location: optionalString,
    secondaryLocations: z.array(z.object({ location: optionalString, address: addressSchema }).loose()).nullish(),
    isListed: z.boolean().nullish(),
    isRemote: z.boolean().nullish(),
    workplaceType: optionalString,
    descriptionHtml: optionalString,
    descriptionPlain: optionalString,
    publishedAt: optionalString,
    jobUrl: optionalString,
    applyUrl: optionalString,
    address: addressSchema,
    // Kept exactly as Ashby sends it (structuredPay); the summary text is read separately.
    compensation: z.unknown().optional(),
  })
  .loose();
type AshbyJob = z.infer<typeof jobSchema>;
const compensationSummarySchema = z
  .object({ compensationTierSummary: optionalString, scrapeableCompensationSalarySummary: optionalString })
  .loose();

export async function runAshby(config: AshbyConfig, ctx: SourceRunContext): Promise<SourceRunOutput> {
  return recordRun(config, ctx, async (run) => {
    const url = `${joinUrl(config.baseUrl, config.board)}?includeCompensation=true`;
    const answer = await run.fetchJson({ url }, { listing: true });
    if (!answer) return;
    const listing = z.object({ jobs: z.array(z.unknown()) }).loose().safeParse(answer.json);
    if (!listing.success) {
      run.markIncomplete();
      run.error(url, `not an Ashby job board answer: ${describeIssues(listing.error)}`);
      return;
    }
    for (const item of listing.data.jobs) {
      const job = jobSchema.safeParse(item);
      if (!job.success) {
        run.reject(url, 'invalid-job', describeIssues(job.error));
        continue;
      }
      if (job.data.isListed === false) continue;
      run.add(toRawPosting(job.data, config.employer ?? config.board));
    }
  });
}

function place(text: string | undefined, address: AshbyJob['address']): string | RawLocation | undefined {
  const a = address?.postalAddress;
  if (a && (a.addressLocality || a.addressRegion)) {
    return { city: a.addressLocality, state: a.addressRegion, postalCode: a.postalCode, country: a.addressCountry };
  }
  return text;
}

function toRawPosting(job: AshbyJob, employer: string): RawPosting {
  const places = [place(job.location, job.address), ...(job.secondaryLocations ?? []).map((s) => place(s.location, s.address))].filter(
    (p): p is string | RawLocation => p !== undefined,
  );
  const summary = compensationSummarySchema.safeParse(job.compensation);
  const compensation = summary.success ? summary.data : undefined;
  return {
    sourceId: job.id,
    url: job.jobUrl ?? job.applyUrl,
    title: job.title,
    employer,
    location: places.length > 1 ? places : places[0],
    pay: compensation?.compensationTierSummary ?? compensation?.scrapeableCompensationSalarySummary,
    description: job.descriptionHtml ?? job.descriptionPlain,
    datePosted: job.publishedAt,
    employmentType: job.employmentType,
    workplace: job.workplaceType ?? (job.isRemote ? 'Remote' : undefined),
    structuredPay: summary.success ? job.compensation : undefined,
  };
}

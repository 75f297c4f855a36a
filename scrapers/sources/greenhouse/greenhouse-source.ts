import { z } from 'zod';
import type { RawPosting } from '../../../schema/index.ts';
import { unescapeHtmlOnce } from '../html-document.ts';
import { describeIssues, idString, joinUrl, optionalNumber, optionalString } from '../answer-shapes.ts';
import { recordRun, type SourceRunRecorder } from '../source-run-recorder.ts';
import type { SourceConfig, SourceRunContext, SourceRunOutput } from '../source-types.ts';

type GreenhouseConfig = Extract<SourceConfig, { kind: 'greenhouse' }>;

/**
 * Greenhouse job board API (public, no key):
 *   GET {base}/{board}                         → { name, content }           the employer name
 *   GET {base}/{board}/jobs?content=true       → { jobs: [...], meta: { total } }   the listing
 *   GET {base}/{board}/jobs/{id}?pay_transparency=true → one job with `pay_input_ranges`
 * `content` is HTML-escaped (`&lt;p&gt;`); it is unescaped once. Pay ranges only come from the
 * single-job endpoint, so each job is fetched once more (conditional GET keeps re-runs cheap).
 */
const metadataSchema = z.object({ name: optionalString, value: z.unknown().optional() }).loose();
const jobSchema = z
  .object({
    id: idString,
    title: z.string().trim().min(1),
    absolute_url: optionalString,
    updated_at: optionalString,
    first_published: optionalString,
    requisition_id: optionalString,
    location: z.object({ name: optionalString }).loose().nullish(),
    content: optionalString,
    metadata: z.array(metadataSchema).nullish(),
    offices: z.array(z.object({ name: optionalString, location: optionalString }).loose()).nullish(),
    pay_input_ranges: z.array(z.unknown()).nullish(),
  })
  .loose();
type GreenhouseJob = z.infer<typeof jobSchema>;

const listingSchema = z.object({ jobs: z.array(z.unknown()) }).loose();
const boardSchema = z.object({ name: optionalString }).loose();

export async function runGreenhouse(config: GreenhouseConfig, ctx: SourceRunContext): Promise<SourceRunOutput> {
  return recordRun(config, ctx, async (run) => {
    const boardUrl = joinUrl(config.baseUrl, config.board);
    const employer = config.employer ?? (await readBoardName(run, boardUrl));
    const jobs = await readListing(run, boardUrl);
    if (!jobs) return;
    for (const job of jobs) {
      if (run.stopping) break;
      const detail = await readDetail(run, boardUrl, job);
      run.add(toRawPosting(detail ?? job, employer));
    }
  });
}

async function readBoardName(run: SourceRunRecorder, boardUrl: string): Promise<string | undefined> {
  const answer = await run.fetchJson({ url: boardUrl }, { listing: false });
  if (!answer) return undefined;
  const board = boardSchema.safeParse(answer.json);
  return board.success ? board.data.name : undefined;
}

/** The listing handler: every job on the board, or null when the listing could not be read. */
async function readListing(run: SourceRunRecorder, boardUrl: string): Promise<GreenhouseJob[] | null> {
  const url = `${boardUrl}/jobs?content=true`;
  const answer = await run.fetchJson({ url }, { listing: true });
  if (!answer) return null;
  const listing = listingSchema.safeParse(answer.json);
  if (!listing.success) {
    run.markIncomplete();
    run.error(url, `not a Greenhouse job list: ${describeIssues(listing.error)}`);
    return null;
  }
  const jobs: GreenhouseJob[] = [];
  for (const item of listing.data.jobs) {
    const job = jobSchema.safeParse(item);
    if (job.success) jobs.push(job.data);
    else run.reject(url, 'invalid-job', describeIssues(job.error));
  }
  return jobs;
}

/** The detail handler: the job again with its pay transparency ranges; null keeps the listing copy. */
async function readDetail(run: SourceRunRecorder, boardUrl: string, job: GreenhouseJob): Promise<GreenhouseJob | null> {
  const answer = await run.fetchJson({ url: `${boardUrl}/jobs/${encodeURIComponent(job.id)}?pay_transparency=true` }, { listing: false });
  if (!answer) return null;
  const detail = jobSchema.safeParse(answer.json);
  return detail.success ? { ...job, ...detail.data, content: detail.data.content ?? job.content } : null;
}

function metadataText(job: GreenhouseJob, pattern: RegExp): string | undefined {
  const hit = job.metadata?.find((m) => m.name !== undefined && pattern.test(m.name));
  if (!hit) return undefined;
  if (typeof hit.value === 'string') return hit.value;
  if (Array.isArray(hit.value)) return hit.value.filter((v): v is string => typeof v === 'string').join(', ') || undefined;
  return undefined;
}

const moneySchema = z.object({ unit: optionalString, amount: optionalNumber, min_value: optionalNumber, max_value: optionalNumber }).loose();

function money(amount: number, unit: string | undefined): string {
  const figure = amount.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(amount) ? 0 : 2, maximumFractionDigits: 2 });
  return !unit || unit.toUpperCase() === 'USD' ? `$${figure}` : `${figure} ${unit.toUpperCase()}`;
}

/**
 * Pay kept in a board's custom fields ("Pay Range", "Hourly Rate", "Salary Range"): a
 * `currency_range` value `{ unit, min_value, max_value }`, a `currency` value `{ unit, amount }`,
 * or text. Turned into pay text the normaliser reads, with the period the field's name gives.
 */
function metadataPay(job: GreenhouseJob): string | undefined {
  const field = job.metadata?.find((m) => m.name !== undefined && /pay|salary|wage|compensation|hourly rate|rate of pay/i.test(m.name) && m.value !== null && m.value !== undefined);
  if (!field?.name) return undefined;
  const period = /hour/i.test(field.name) ? ' per hour' : /annual|year|salary/i.test(field.name) ? ' per year' : '';
  if (typeof field.value === 'string') return field.value.trim() === '' ? undefined : field.value.trim();
  const m = moneySchema.safeParse(field.value);
  if (!m.success) return undefined;
  const { unit, amount, min_value: min, max_value: max } = m.data;
  if (min !== undefined && max !== undefined) return `${money(min, unit)} - ${money(max, unit)}${period}`;
  const single = amount ?? min ?? max;
  return single === undefined ? undefined : `${money(single, unit)}${period}`;
}

function toRawPosting(job: GreenhouseJob, employer: string | undefined): RawPosting {
  const ranges = job.pay_input_ranges && job.pay_input_ranges.length > 0 ? job.pay_input_ranges : undefined;
  const offices = (job.offices ?? []).map((o) => o.location ?? o.name).filter((o): o is string => o !== undefined);
  return {
    sourceId: job.id,
    url: job.absolute_url,
    title: job.title,
    employer,
    // The job's own location line; boards that leave it empty still name the offices.
    location: job.location?.name ?? (offices.length > 1 ? offices : offices[0]),
    pay: metadataPay(job),
    description: job.content === undefined ? undefined : unescapeHtmlOnce(job.content),
    datePosted: job.first_published ?? job.updated_at,
    employmentType: metadataText(job, /employment type|job type|schedule/i),
    workplace: metadataText(job, /workplace|remote/i),
    structuredPay: ranges,
  };
}

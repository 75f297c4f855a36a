import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { POSTING_TEXT_LIMITS, PeerboardError, ValidationError, employmentTypeSchema, limitMessage, settingSchema } from '../../schema/index.ts';
import type { RawPosting, StoredPosting } from '../../schema/index.ts';
import { sanitizeDescription } from '../../scrapers/normalize/index.ts';
import type { Employer } from '../../store/ports.ts';
import { generateApiKey, generateEmployerId, hashApiKey } from '../auth/api-keys.ts';
import { checkText, formatInputIssues, httpUrlSchema } from './input-text.ts';
import { parseId } from './job-filter-input.ts';
import { parsePayInput } from './pay-input.ts';
import type { RequestContext } from './request-context.ts';
import { isCalendarDate } from './scalars.ts';
import { requirePosting } from './search-resolvers.ts';

/**
 * The employer side: registration, and posting, updating and closing jobs. A posted job goes
 * through the same normaliser and ingest as scraped ones (source `direct`), so the same rules
 * (peer role, plausible pay) apply and it is searchable when the mutation returns.
 */

export const DIRECT_SOURCE = 'direct';
const MIN_DESCRIPTION_TEXT = 20;

const registerEmployerSchema = z.strictObject({
  name: z.string().trim().min(2, 'at least 2 characters').max(POSTING_TEXT_LIMITS.employer, limitMessage(POSTING_TEXT_LIMITS.employer)).superRefine(checkText('display')),
  email: z.string().trim().max(254, 'at most 254 characters').superRefine(checkText('display')).pipe(z.email('an e-mail address')),
  website: httpUrlSchema.nullish(),
});

const jobInputSchema = z.strictObject({
  title: z.string().trim().min(3, 'at least 3 characters').max(POSTING_TEXT_LIMITS.title, limitMessage(POSTING_TEXT_LIMITS.title)).superRefine(checkText('display')),
  description: z
    .string()
    .trim()
    .max(POSTING_TEXT_LIMITS.description, limitMessage(POSTING_TEXT_LIMITS.description))
    .superRefine(checkText('text'))
    // Counted on the text a job seeker will read: markup that the sanitiser drops (a <script>, empty
    // tags) says nothing about the job.
    .refine((d) => sanitizeDescription(d).text.trim().length >= MIN_DESCRIPTION_TEXT, `at least ${MIN_DESCRIPTION_TEXT} characters of text: say what the job is`),
  location: z.string().trim().min(2, 'at least 2 characters').max(POSTING_TEXT_LIMITS.location, limitMessage(POSTING_TEXT_LIMITS.location)).superRefine(checkText('display')),
  pay: z.unknown(),
  employmentType: employmentTypeSchema,
  applyUrl: httpUrlSchema,
  settings: z.array(settingSchema).max(10, 'at most 10 settings').nullish(),
  validThrough: z.string().refine(isCalendarDate, 'a date written YYYY-MM-DD').nullish(),
});

function parseInput<T extends z.ZodType>(schema: T, input: unknown, path: string): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(formatInputIssues(r.error.issues).map((line) => `${path}.${line}`));
  return r.data;
}

export async function registerEmployer(args: Record<string, unknown>, ctx: RequestContext) {
  const input = parseInput(registerEmployerSchema, args.input, 'input');
  const apiKey = generateApiKey();
  const employer: Employer = {
    id: generateEmployerId(),
    name: input.name,
    email: input.email.toLowerCase(),
    website: input.website ?? null,
    apiKeyHash: hashApiKey(apiKey),
    createdAt: ctx.now().toISOString(),
  };
  await ctx.runtime.store.createEmployer(employer);
  return { employer, apiKey };
}

/** The raw posting an employer's input becomes. */
function rawFromInput(input: unknown, employer: Employer, sourceId: string, now: Date, datePosted?: string | null): RawPosting {
  const job = parseInput(jobInputSchema, input, 'input');
  const pay = parsePayInput(job.pay, 'input.pay');
  if (job.validThrough && job.validThrough < now.toISOString().slice(0, 10)) {
    throw new ValidationError([`input.validThrough: ${job.validThrough} has passed`]);
  }
  return {
    source: DIRECT_SOURCE,
    sourceId,
    url: job.applyUrl,
    title: job.title,
    employer: employer.name,
    location: job.location,
    description: job.description,
    datePosted: datePosted ?? now.toISOString(),
    ...(job.validThrough ? { validThrough: `${job.validThrough}T23:59:59.999Z` } : {}),
    employmentType: job.employmentType,
    structuredPay: { min: pay.min, max: pay.max, period: pay.period, currency: pay.currency },
    employerId: employer.id,
    ...(job.settings?.length ? { settings: [...new Set(job.settings)] } : {}),
  };
}

async function ingestDirect(ctx: RequestContext, raw: RawPosting, isNew: boolean): Promise<StoredPosting> {
  const result = await ctx.runtime.ingest([raw], { source: DIRECT_SOURCE, now: ctx.now(), waitForIndex: true });
  const rejection = result.rejections[0];
  if (rejection) throw new ValidationError([`input: the job was not accepted (${rejection.reason}): ${rejection.message}`]);
  const id = result.postingIds[0];
  const posting = id ? await ctx.runtime.store.getPosting(id) : null;
  if (!posting) throw new PeerboardError('INTERNAL_SERVER_ERROR', 'the job was accepted but could not be read back');
  if (!posting.pay) {
    // Pay transparency: a direct post is published with its pay or not at all. parsePayInput
    // applies the normaliser's bounds first, so this only catches a disagreement between the two.
    if (isNew) await ctx.runtime.lifecycle.closePosting(posting.id, ctx.now());
    throw new ValidationError([`input.pay: the pay could not be published (${posting.payRejectedReason ?? 'unreadable'})`]);
  }
  return posting;
}

/** The caller's own posting, or FORBIDDEN / NOT_FOUND. */
async function ownPosting(ctx: RequestContext, rawId: unknown): Promise<{ employer: Employer; posting: StoredPosting }> {
  const id = parseId(rawId);
  const employer = await ctx.employer();
  const posting = await requirePosting(ctx, id);
  if (posting.employerId !== employer.id) throw new PeerboardError('FORBIDDEN', `job "${id}" was not posted by your organisation`);
  return { employer, posting };
}

export async function postJob(args: Record<string, unknown>, ctx: RequestContext): Promise<StoredPosting> {
  const employer = await ctx.employer();
  const sourceId = `${employer.id}-${randomBytes(9).toString('base64url')}`;
  return ingestDirect(ctx, rawFromInput(args.input, employer, sourceId, ctx.now()), true);
}

export async function updateJob(args: Record<string, unknown>, ctx: RequestContext): Promise<StoredPosting> {
  const { employer, posting } = await ownPosting(ctx, args.id);
  if (posting.status === 'closed') throw new ValidationError([`id: job "${posting.id}" is closed; post a new job instead`]);
  const direct = posting.sources.find((s) => s.source === DIRECT_SOURCE);
  if (!direct) throw new PeerboardError('FORBIDDEN', `job "${posting.id}" was not posted on Peerboard and cannot be edited here`);
  // Same source id: ingest finds the posting by (source, sourceId) and replaces its content.
  return ingestDirect(ctx, rawFromInput(args.input, employer, direct.sourceId, ctx.now(), posting.datePosted), false);
}

export async function closeJob(args: Record<string, unknown>, ctx: RequestContext): Promise<StoredPosting> {
  const { posting } = await ownPosting(ctx, args.id);
  if (posting.status === 'closed') return posting;
  return ctx.runtime.lifecycle.closePosting(posting.id, ctx.now());
}

import { z } from 'zod';
import type { RawPosting } from '../../../schema/index.ts';
import { describeIssues, idString, optionalString } from '../answer-shapes.ts';
import { recordRun } from '../source-run-recorder.ts';
import type { SourceConfig, SourceRunContext, SourceRunOutput } from '../source-types.ts';

type RecruiteeConfig = Extract<SourceConfig, { kind: 'recruitee' }>;

/**
 * Recruitee careers-site API (public): `GET https://{company}.recruitee.com/api/offers/` answers
 * `{ offers: [...] }`, the whole board at once (no paging). Each offer: `id`, `slug`, `title`,
 * `description` and `requirements` (HTML), `location` (text), `city`, `state_name`, `state_code`,
 * `country_code`, `postal_code`, `remote`/`hybrid`/`on_site`, `careers_url`, `published_at`
 * ("2025-04-28 13:05:11 UTC"), `close_at`, `employment_type_code` ("fulltime", "parttime_permanent",
 * ...), `department`, `status`, `salary { min, max, period, currency }` (figures may be strings or
 * null). An unknown company answers 404.
 */
const offerSchema = z
  .object({
    id: idString,
    slug: optionalString,
    title: z.string().trim().min(1),
    description: optionalString,
    requirements: optionalString,
    location: optionalString,
    city: optionalString,
    state_name: optionalString,
    state_code: optionalString,
    postal_code: optionalString,
    country_code: optionalString,
    remote: z.boolean().nullish(),
    hybrid: z.boolean().nullish(),
    careers_url: optionalString,
    published_at: optionalString,
    created_at: optionalString,
    close_at: optionalString,
    employment_type_code: optionalString,
    status: optionalString,
    salary: z
      .object({ min: z.union([z.number(), z.string()]).nullish(), max: z.union([z.number(), z.string()]).nullish(), period: optionalString, currency: optionalString })
      .loose()
      .nullish(),
  })
  .loose();
type Offer = z.infer<typeof offerSchema>;

const answerSchema = z.object({ offers: z.array(z.unknown()) }).loose();

/** `employment_type_code` as words (codes combine a schedule with a contract: "parttime_fixed_term"). */
function employmentWords(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const c = code.toLowerCase();
  if (c.startsWith('fulltime')) return 'Full-time';
  if (c.startsWith('parttime')) return 'Part-time';
  if (c.includes('intern')) return 'Internship';
  if (c.includes('temporary') || c.includes('fixed_term')) return 'Temporary';
  if (c.includes('freelance') || c.includes('contract')) return 'Contract';
  if (c.includes('volunteer')) return 'Volunteer';
  return code;
}

/** Recruitee dates are "2025-04-28 13:05:11 UTC": made ISO so every reader parses them. */
function isoDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.\d+)?\s*(?:UTC|Z)?$/.exec(text.trim());
  return m ? `${m[1]}T${m[2]}Z` : text;
}

export async function runRecruitee(config: RecruiteeConfig, ctx: SourceRunContext): Promise<SourceRunOutput> {
  return recordRun(config, ctx, async (run) => {
    const origin = (config.baseUrl ?? `https://${config.company}.recruitee.com`).replace(/\/+$/, '');
    // The trailing slash is part of the documented path.
    const url = `${origin}/api/offers/`;
    const answer = await run.fetchJson({ url }, { listing: true, explain: (e) => (e.status === 404 ? `no Recruitee company "${config.company}"` : undefined) });
    if (!answer) return;
    const parsed = answerSchema.safeParse(answer.json);
    if (!parsed.success) {
      run.markIncomplete();
      run.error(url, `not a Recruitee offers answer: ${describeIssues(parsed.error)}`);
      return;
    }
    for (const item of parsed.data.offers) {
      const offer = offerSchema.safeParse(item);
      if (!offer.success) {
        run.reject(url, 'invalid-offer', describeIssues(offer.error));
        continue;
      }
      if (offer.data.status && offer.data.status !== 'published') continue;
      run.add(toRawPosting(config, origin, offer.data));
    }
  });
}

function toRawPosting(config: RecruiteeConfig, origin: string, o: Offer): RawPosting {
  const state = o.state_code ?? o.state_name;
  const structured = o.city || state ? { city: o.city, state, postalCode: o.postal_code, country: o.country_code } : undefined;
  const location = structured ? Object.fromEntries(Object.entries(structured).filter(([, v]) => v !== undefined)) : o.location;
  const salary = o.salary && (present(o.salary.min) || present(o.salary.max)) ? o.salary : undefined;
  const description = [o.description, o.requirements ? `<h3>Requirements</h3>\n${o.requirements}` : undefined].filter((s): s is string => s !== undefined).join('\n');
  return {
    sourceId: o.id,
    url: o.careers_url ?? (o.slug ? `${origin}/o/${o.slug}` : undefined),
    title: o.title,
    employer: config.employer ?? config.company,
    location,
    description: description === '' ? undefined : description,
    datePosted: isoDate(o.published_at ?? o.created_at),
    validThrough: isoDate(o.close_at),
    employmentType: employmentWords(o.employment_type_code),
    workplace: o.remote ? 'remote' : o.hybrid ? 'hybrid' : undefined,
    structuredPay: salary,
  };
}

function present(v: unknown): boolean {
  return v !== null && v !== undefined && v !== '';
}

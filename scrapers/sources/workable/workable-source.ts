import { z } from 'zod';
import type { RawPosting } from '../../../schema/index.ts';
import { describeIssues, idString, optionalNumber, optionalString, underOrigin } from '../answer-shapes.ts';
import { recordRun, type SourceRunRecorder } from '../source-run-recorder.ts';
import type { SourceConfig, SourceRunContext, SourceRunOutput } from '../source-types.ts';

type WorkableConfig = Extract<SourceConfig, { kind: 'workable' }>;

/**
 * Workable's public careers API (what `apply.workable.com/{account}/` itself calls; no key):
 *   POST {origin}/api/v3/accounts/{account}/jobs  { query, location, department, worktype, remote, token? }
 *        → { total, results: [{ id, shortcode, title, remote, location { country, countryCode, city, region },
 *            locations, state, published, type, department: [..], workplace }], nextPage: "<token>" | null }
 *        The next page is asked for with `token: nextPage` in the same body.
 *   GET  {origin}/api/v2/accounts/{account}/jobs/{shortcode}
 *        → the job with `description`, `requirements`, `benefits` (HTML) and, where set, `salary`.
 * An unknown account answers 404. `type` is a code ("full", "part", "contract", ...).
 */
const SEARCH_BODY = { query: '', location: [], department: [], worktype: [], remote: [] };

const locationSchema = z
  .object({ country: optionalString, countryCode: optionalString, city: optionalString, region: optionalString })
  .loose()
  .nullish();

const jobSchema = z
  .object({
    id: idString.optional(),
    shortcode: z.string().min(1),
    title: z.string().trim().min(1),
    remote: z.boolean().nullish(),
    location: locationSchema,
    locations: z.array(locationSchema).nullish(),
    state: optionalString,
    published: optionalString,
    type: optionalString,
    workplace: optionalString,
    department: z.union([z.array(z.string()), z.string()]).nullish(),
    salary: z.unknown().optional(),
  })
  .loose();
type WorkableJob = z.infer<typeof jobSchema>;

const pageSchema = z.object({ total: optionalNumber, results: z.array(z.unknown()), nextPage: z.string().nullish() }).loose();

const detailSchema = jobSchema.partial({ title: true, shortcode: true }).extend({
  description: optionalString,
  requirements: optionalString,
  benefits: optionalString,
});
type WorkableDetail = z.infer<typeof detailSchema>;

/** Workable's `type` codes as words the normaliser reads. */
const TYPE_WORDS: Record<string, string> = {
  full: 'Full-time',
  part: 'Part-time',
  contract: 'Contract',
  temporary: 'Temporary',
  other: 'Other',
  internship: 'Internship',
  volunteer: 'Volunteer',
};

export async function runWorkable(config: WorkableConfig, ctx: SourceRunContext): Promise<SourceRunOutput> {
  return recordRun(config, ctx, async (run) => {
    const account = underOrigin(config.baseUrl, 'api', 'v3', 'accounts', config.account);
    const jobs = await readListing(run, config, `${account}/jobs`);
    for (const job of jobs) {
      if (run.stopping) break;
      const detail = await readDetail(run, config, job);
      run.add(toRawPosting(config, job, detail));
    }
  });
}

async function readListing(run: SourceRunRecorder, config: WorkableConfig, url: string): Promise<WorkableJob[]> {
  const found = new Map<string, WorkableJob>();
  let token: string | undefined;
  for (let page = 0; page < config.maxPages; page++) {
    if (run.stopping) return [...found.values()];
    const body = JSON.stringify(token ? { ...SEARCH_BODY, token } : SEARCH_BODY);
    const answer = await run.fetchJson(
      { url, method: 'POST', body, headers: { 'content-type': 'application/json' } },
      { listing: true, explain: (e) => (e.status === 404 ? `no Workable account "${config.account}"` : undefined) },
    );
    if (!answer) return [...found.values()];
    const parsed = pageSchema.safeParse(answer.json);
    if (!parsed.success) {
      run.markIncomplete();
      run.error(url, `not a Workable jobs answer: ${describeIssues(parsed.error)}`);
      return [...found.values()];
    }
    for (const item of parsed.data.results) {
      const job = jobSchema.safeParse(item);
      if (!job.success) {
        run.reject(url, 'invalid-job', describeIssues(job.error));
        continue;
      }
      // Only published jobs are open; a board may still list archived or closed ones.
      if (job.data.state && job.data.state !== 'published') continue;
      found.set(job.data.shortcode, job.data);
    }
    token = parsed.data.nextPage ?? undefined;
    if (!token || parsed.data.results.length === 0) return [...found.values()];
  }
  run.markIncomplete();
  run.error(url, `stopped after maxPages=${config.maxPages}`);
  return [...found.values()];
}

async function readDetail(run: SourceRunRecorder, config: WorkableConfig, job: WorkableJob): Promise<WorkableDetail | null> {
  const url = underOrigin(config.baseUrl, 'api', 'v2', 'accounts', config.account, 'jobs', job.shortcode);
  const answer = await run.fetchJson({ url }, { listing: false });
  if (!answer) return null;
  const detail = detailSchema.safeParse(answer.json);
  if (!detail.success) {
    run.error(url, `not a Workable job: ${describeIssues(detail.error)}`);
    return null;
  }
  return detail.data;
}

function place(l: z.infer<typeof locationSchema>): string | undefined {
  if (!l) return undefined;
  const parts = [l.city, l.region, l.city || l.region ? undefined : l.country].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function hasFigures(salary: unknown): boolean {
  if (typeof salary !== 'object' || salary === null) return false;
  return Object.entries(salary).some(([k, v]) => /from|to|min|max|amount|value/i.test(k) && v !== null && v !== undefined && v !== '');
}

function toRawPosting(config: WorkableConfig, job: WorkableJob, detail: WorkableDetail | null): RawPosting {
  const locations = (detail?.locations ?? job.locations ?? []).map(place).filter((p): p is string => p !== undefined);
  const primary = place(detail?.location ?? job.location);
  const places = [...new Set([primary, ...locations].filter((p): p is string => p !== undefined))];
  const sections = [detail?.description, detail?.requirements ? `<h3>Requirements</h3>\n${detail.requirements}` : undefined, detail?.benefits ? `<h3>Benefits</h3>\n${detail.benefits}` : undefined].filter(
    (s): s is string => s !== undefined,
  );
  const type = detail?.type ?? job.type;
  const workplace = detail?.workplace ?? job.workplace;
  const remote = detail?.remote ?? job.remote;
  const salary = detail?.salary ?? job.salary;
  return {
    sourceId: job.shortcode,
    url: `${config.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(config.account)}/j/${encodeURIComponent(job.shortcode)}/`,
    title: job.title,
    employer: config.employer ?? config.account,
    location: places.length > 1 ? places : places[0],
    description: sections.length > 0 ? sections.join('\n') : undefined,
    datePosted: detail?.published ?? job.published,
    employmentType: type ? (TYPE_WORDS[type.toLowerCase()] ?? type) : undefined,
    workplace: workplace ? workplace.replace(/_/g, '-') : remote ? 'remote' : undefined,
    structuredPay: hasFigures(salary) ? salary : undefined,
  };
}

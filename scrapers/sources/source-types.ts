import { z } from 'zod';
import type { RawPosting } from '../../schema/index.ts';
import type { Fetcher } from '../http/fetcher-port.ts';

/**
 * The sources file (`sources.json`): one entry per place postings come from. Every kind's base URL
 * can be overridden so tests and mirrors work.
 */
const common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, ".", "_" and "-"'),
  /** cron expression; default every 6 hours. */
  schedule: z.string().default('0 */6 * * *'),
  enabled: z.boolean().default(true),
  /** Minimum delay between two requests to one host (the site's Crawl-delay wins when longer). */
  delayMs: z.number().int().min(0).optional(),
  /** A display name for the employer when the source does not say. */
  employer: z.string().optional(),
};

export const sourceConfigSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('jsonld'), url: z.url(), include: z.string().optional(), maxPages: z.number().int().positive().default(200) }),
  z.object({ ...common, kind: z.literal('greenhouse'), board: z.string(), baseUrl: z.url().default('https://boards-api.greenhouse.io/v1/boards') }),
  z.object({ ...common, kind: z.literal('ashby'), board: z.string(), baseUrl: z.url().default('https://api.ashbyhq.com/posting-api/job-board') }),
  z.object({ ...common, kind: z.literal('lever'), company: z.string(), baseUrl: z.url().default('https://api.lever.co/v0/postings') }),
  z.object({
    ...common,
    kind: z.literal('workday'),
    url: z.url(),
    searchText: z.string().default('peer'),
    maxPages: z.number().int().positive().default(20),
    /** The Workday tenant, when the host is not `{tenant}.wdN.myworkdayjobs.com` (mirrors, tests). */
    tenant: z.string().optional(),
  }),
  z.object({ ...common, kind: z.literal('usajobs'), keyword: z.string(), baseUrl: z.url().default('https://data.usajobs.gov/api/search'), maxPages: z.number().int().positive().default(10) }),
  z.object({ ...common, kind: z.literal('neogov'), agency: z.string(), baseUrl: z.url().default('https://www.governmentjobs.com'), keyword: z.string().default('peer'), maxPages: z.number().int().positive().default(20) }),
  // The seven kinds below take `baseUrl` as the service's origin (scheme and host); the real paths
  // are appended, so a test server or a mirror only has to answer on the same paths.
  z.object({ ...common, kind: z.literal('smartrecruiters'), company: z.string().min(1), baseUrl: z.url().default('https://api.smartrecruiters.com'), maxPages: z.number().int().positive().default(20) }),
  z.object({ ...common, kind: z.literal('workable'), account: z.string().min(1), baseUrl: z.url().default('https://apply.workable.com'), maxPages: z.number().int().positive().default(20) }),
  /** `baseUrl` defaults to `https://{company}.recruitee.com`. */
  z.object({ ...common, kind: z.literal('recruitee'), company: z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'the subdomain of {company}.recruitee.com'), baseUrl: z.url().optional() }),
  /** `baseUrl` defaults to `https://{company}.bamboohr.com`. */
  z.object({ ...common, kind: z.literal('bamboohr'), company: z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'the subdomain of {company}.bamboohr.com'), baseUrl: z.url().optional() }),
  /** `company`: the company GUID in `recruiting.paylocity.com/Recruiting/Jobs/All/{GUID}` (older boards: a number). */
  z.object({
    ...common,
    kind: z.literal('paylocity'),
    company: z.string().regex(/^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i, 'the company GUID of the Paylocity job list (…/Recruiting/Jobs/All/{GUID})'),
    baseUrl: z.url().default('https://recruiting.paylocity.com'),
  }),
  /** `tenant` and `board` as in `recruiting.ultipro.com/{tenant}/JobBoard/{board GUID}/`. */
  z.object({
    ...common,
    kind: z.literal('ukg'),
    tenant: z.string().regex(/^[a-z0-9_-]+$/i, 'the tenant code in recruiting.ultipro.com/{tenant}/JobBoard/...'),
    board: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'the job board GUID in .../JobBoard/{board}/'),
    baseUrl: z.url().default('https://recruiting.ultipro.com'),
    maxPages: z.number().int().positive().default(20),
  }),
  /** An XML job feed: the Indeed format (`<source><job>…`) or RSS 2.0. */
  z.object({ ...common, kind: z.literal('xmlfeed'), url: z.url() }),
  z.object({
    ...common,
    kind: z.literal('html'),
    url: z.url(),
    selectors: z.object({
      item: z.string(),
      title: z.string(),
      link: z.string(),
      location: z.string().optional(),
      pay: z.string().optional(),
      next: z.string().optional(),
      description: z.string().optional(),
    }),
    maxPages: z.number().int().positive().default(20),
  }),
]);
export type SourceConfig = z.infer<typeof sourceConfigSchema>;
export type SourceKind = SourceConfig['kind'];
export const sourcesFileSchema = z.array(sourceConfigSchema);

export interface SourceRunContext {
  fetcher: Fetcher;
  /** Aborted on shutdown: finish the page in flight, then stop and report `complete: false`. */
  signal: AbortSignal;
  env: { usajobsApiKey?: string | undefined; usajobsEmail?: string | undefined };
  onProgress?: (progress: { pagesFetched: number; postings: number }) => void;
}

export interface SourceRunOutput {
  /** Raw postings, each with `source` (the source id), a stable `sourceId` and `url`. */
  postings: RawPosting[];
  /** Items the source could not turn into a posting (malformed JSON-LD, a job with no title...). */
  rejected: { url?: string | undefined; reason: string; message: string }[];
  /** A sample of page-level errors, `url: message`. */
  errors: string[];
  /** True when the whole listing was traversed, so a job missing from it may be expired. */
  complete: boolean;
  pagesFetched: number;
  robotsSkipped: number;
}

export type SourceRunner = (config: SourceConfig, ctx: SourceRunContext) => Promise<SourceRunOutput>;

import type { GraphQLResolveInfo } from 'graphql';
import { ValidationError } from '../../schema/index.ts';
import type { Location, StoredPosting } from '../../schema/index.ts';
import { enumResolvers } from '../../schema/graphql/enums.ts';
import { MAX_RUNS } from '../../schema/graphql/type-defs.ts';
import type { IngestCounts, ScrapeRun } from '../../store/ports.ts';
import { closeJob, postJob, registerEmployer, updateJob } from './employer-resolvers.ts';
import { idSchema } from './job-filter-input.ts';
import type { RequestContext } from './request-context.ts';
import { DateScalar, DateTimeScalar } from './scalars.ts';
import { job, searchJobs } from './search-resolvers.ts';
import { marketPosition, roleFamilies, salaryStats, salaryTrend, settings } from './stats-resolvers.ts';

/**
 * The resolver map: thin functions over the runtime's services. Arguments are typed loosely
 * (`Record<string, unknown>`) on purpose: every resolver validates what it uses with the same
 * validators the CSV export uses, rather than trusting a generated type.
 */
type Args = Record<string, unknown>;

function parseLast(value: unknown): number {
  if (value === undefined || value === null) return 20;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_RUNS) {
    throw new ValidationError([`last: must be 1 to ${MAX_RUNS}, got ${JSON.stringify(value)}`]);
  }
  return value;
}

async function scrapeRuns(args: Args, ctx: RequestContext): Promise<ScrapeRun[]> {
  const last = parseLast(args.last);
  let sourceId: string | undefined;
  if (args.sourceId !== undefined && args.sourceId !== null) {
    const r = idSchema.safeParse(args.sourceId);
    if (!r.success) throw new ValidationError([`sourceId: ${r.error.issues[0]?.message ?? 'not a valid id'}`]);
    sourceId = r.data;
  }
  return ctx.runtime.store.listRuns({ ...(sourceId ? { sourceId } : {}), last });
}

function locationDisplay(l: Location): string {
  const place = [l.city, l.state].filter(Boolean).join(', ');
  if (l.workplace === 'remote') return place ? `Remote (${place})` : 'Remote';
  if (l.workplace === 'hybrid') return place ? `${place} (hybrid)` : 'Hybrid';
  return place || 'Location not stated';
}

export function createResolvers() {
  return {
    ...enumResolvers(),
    Date: DateScalar,
    DateTime: DateTimeScalar,
    Query: {
      searchJobs: (_: unknown, args: Args, ctx: RequestContext, info: GraphQLResolveInfo) => searchJobs(args, ctx, info),
      job: (_: unknown, args: Args, ctx: RequestContext) => job(args, ctx),
      salaryStats: (_: unknown, args: Args, ctx: RequestContext) => salaryStats(args, ctx),
      salaryTrend: (_: unknown, args: Args, ctx: RequestContext) => salaryTrend(args, ctx),
      marketPosition: (_: unknown, args: Args, ctx: RequestContext) => marketPosition(args, ctx),
      settings: (_: unknown, _args: Args, ctx: RequestContext) => settings(ctx),
      roleFamilies: (_: unknown, _args: Args, ctx: RequestContext) => roleFamilies(ctx),
      scrapeRuns: (_: unknown, args: Args, ctx: RequestContext) => scrapeRuns(args, ctx),
      me: (_: unknown, _args: Args, ctx: RequestContext) => ctx.optionalEmployer(),
    },
    Mutation: {
      registerEmployer: (_: unknown, args: Args, ctx: RequestContext) => registerEmployer(args, ctx),
      postJob: (_: unknown, args: Args, ctx: RequestContext) => postJob(args, ctx),
      updateJob: (_: unknown, args: Args, ctx: RequestContext) => updateJob(args, ctx),
      closeJob: (_: unknown, args: Args, ctx: RequestContext) => closeJob(args, ctx),
    },
    Job: {
      certificationRequired: (p: StoredPosting) => p.certifications.some((c) => c.required),
    },
    Location: {
      display: (l: Location) => locationDisplay(l),
    },
    IngestCounts: {
      rejected: (c: IngestCounts) => Object.entries(c.rejected).map(([reason, count]) => ({ reason, count })),
    },
  };
}

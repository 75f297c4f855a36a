import { ROLE_FAMILY_INFO, SETTING_INFO, ValidationError } from '../../schema/index.ts';
import type { PostingFilter } from '../../schema/index.ts';
import { STATS_DIMENSIONS, TREND_INTERVALS } from '../../store/stats/stats-port.ts';
import type { MarketPosition, SalaryStatsRow, StatsDimension, StatsEngine, TrendInterval, TrendPoint } from '../../store/stats/stats-port.ts';
import { parsePayInput } from './pay-input.ts';
import { publicGroupValue } from './public-values.ts';
import type { RequestContext } from './request-context.ts';
import { cacheKey, filterKeyParts } from './result-cache.ts';
import { isCalendarDate } from './scalars.ts';

/** More dimensions than this multiply into groups too small to publish. */
export const MAX_GROUP_BY = 3;
/** Longest trend, in periods (50 years of months). */
export const MAX_TREND_PERIODS = 600;

export interface PublicSalaryStatsRow extends Omit<SalaryStatsRow, 'group'> {
  group: { dimension: StatsDimension; value: string; label: string | null }[];
}

export function parseGroupBy(value: unknown, path = 'groupBy'): StatsDimension[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ValidationError([`${path}: must be a list of dimensions`]);
  const dims: StatsDimension[] = [];
  for (const v of value) {
    if (typeof v !== 'string' || !(STATS_DIMENSIONS as readonly string[]).includes(v)) {
      throw new ValidationError([`${path}: unknown dimension ${JSON.stringify(v)}; one of ${STATS_DIMENSIONS.map((d) => d.toUpperCase()).join(', ')}`]);
    }
    if (dims.includes(v as StatsDimension)) throw new ValidationError([`${path}: ${v.toUpperCase()} is listed twice`]);
    dims.push(v as StatsDimension);
  }
  if (dims.length > MAX_GROUP_BY) throw new ValidationError([`${path}: at most ${MAX_GROUP_BY} dimensions`]);
  return dims;
}

export function parseInterval(value: unknown): TrendInterval {
  if (value === undefined || value === null) return 'month';
  if (typeof value === 'string' && (TREND_INTERVALS as readonly string[]).includes(value)) return value as TrendInterval;
  throw new ValidationError([`interval: one of ${TREND_INTERVALS.map((d) => d.toUpperCase()).join(', ')}`]);
}

/** Salary statistics with group values in their public form. */
export function publicSalaryStats(stats: StatsEngine, filter: PostingFilter, groupBy: readonly StatsDimension[]): PublicSalaryStatsRow[] {
  return stats.salaryStats(filter, groupBy).map((row) => ({
    ...row,
    group: row.group.map((g) => ({ dimension: g.dimension, ...publicGroupValue(g.dimension, g.value) })),
  }));
}

/**
 * A statistics answer from the result cache. The statistics engine lives in this process and
 * changes only through this runtime's writes, which move its data version: entries are exact.
 */
function cachedStats<T>(ctx: RequestContext, operation: string, filter: PostingFilter, args: Record<string, unknown>, compute: () => T): T {
  const filterKey = filterKeyParts(filter);
  if (!filterKey) return compute();
  return ctx.cache.get(cacheKey(operation, { ...args, filter: filterKey }), compute);
}

export function salaryStats(args: Record<string, unknown>, ctx: RequestContext): PublicSalaryStatsRow[] {
  const groupBy = parseGroupBy(args.groupBy);
  const filter = ctx.filter(args.filter);
  return cachedStats(ctx, 'salaryStats', filter, { groupBy }, () => publicSalaryStats(ctx.runtime.stats, filter, groupBy));
}

function periodsBetween(from: string, to: string, interval: TrendInterval): number {
  const [fy, fm] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [ty, tm] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  const months = (ty - fy) * 12 + (tm - fm) + 1;
  return interval === 'month' ? months : interval === 'quarter' ? Math.ceil(months / 3) : ty - fy + 1;
}

export function salaryTrend(args: Record<string, unknown>, ctx: RequestContext): TrendPoint[] {
  const interval = parseInterval(args.interval);
  const filter = ctx.filter(args.filter);
  const dateArg = (name: 'from' | 'to'): string | undefined => {
    const v = args[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || !isCalendarDate(v)) throw new ValidationError([`${name}: a date written YYYY-MM-DD`]);
    return v;
  };
  const from = dateArg('from');
  const to = dateArg('to');
  if (from && to) {
    if (from > to) throw new ValidationError([`from: ${from} is after to (${to})`]);
    if (periodsBetween(from, to, interval) > MAX_TREND_PERIODS) {
      throw new ValidationError([`from/to: at most ${MAX_TREND_PERIODS} periods; use a longer interval or a shorter range`]);
    }
  }
  return cachedStats(ctx, 'salaryTrend', filter, { interval, from, to }, () => ctx.runtime.stats.salaryTrend(filter, interval, from, to));
}

export function marketPosition(args: Record<string, unknown>, ctx: RequestContext): MarketPosition {
  const offer = parsePayInput(args.pay);
  const filter = ctx.filter(args.filter);
  return cachedStats(ctx, 'marketPosition', filter, { offerHourly: offer.hourly }, () => ctx.runtime.stats.marketPosition(offer.hourly, filter));
}

/** Active postings per value of one dimension (the default filter counts active postings only). */
function activeCounts(stats: StatsEngine, dimension: StatsDimension): Map<string, number> {
  return new Map(stats.salaryStats({}, [dimension]).map((row) => [row.group[0]?.value ?? '', row.count]));
}

export function settings(ctx: RequestContext) {
  return cachedStats(ctx, 'settings', {}, {}, () => {
    const counts = activeCounts(ctx.runtime.stats, 'setting');
    return SETTING_INFO.map((s) => ({ key: s.key, label: s.label, description: s.description, activePostings: counts.get(s.key) ?? 0 }));
  });
}

export function roleFamilies(ctx: RequestContext) {
  return cachedStats(ctx, 'roleFamilies', {}, {}, () => {
    const counts = activeCounts(ctx.runtime.stats, 'role_family');
    return ROLE_FAMILY_INFO.map((r) => ({ key: r.key, label: r.label, activePostings: counts.get(r.key) ?? 0 }));
  });
}

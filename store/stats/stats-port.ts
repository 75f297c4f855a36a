import type { PostingFilter, StatsDimension, StoredPosting, TrendInterval } from '../../schema/index.ts';

export { STATS_DIMENSIONS, TREND_INTERVALS, type StatsDimension, type TrendInterval } from '../../schema/vocabularies.ts';

/** Inclusive (linear-interpolation) percentiles of pay points; all null below the minimum sample. */
export interface PayDistribution {
  min: number | null;
  p10: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
  max: number | null;
  mean: number | null;
}

/**
 * A published figure's suppression flag: below the minimum sample (STATS_MIN_SAMPLE) the
 * percentiles are null and `suppressed` says so, with the sample that was too small and the
 * minimum it missed, as statistical agencies flag suppressed cells.
 */
export interface Suppression {
  /** True when the figures are withheld: fewer postings with pay than `minSample`. */
  suppressed: boolean;
  /** Postings with a pay point behind the figures. */
  sampleSize: number;
  /** Fewest postings with pay for figures to be published. */
  minSample: number;
}

export interface SalaryStatsRow extends Suppression {
  group: { dimension: StatsDimension; value: string }[];
  /** Postings in the group. */
  count: number;
  /** Postings in the group with a pay point. */
  withPay: number;
  /** withPay / count, or null for an empty group. */
  payTransparency: number | null;
  hourly: PayDistribution;
  annual: PayDistribution;
}

export interface TrendPoint extends Suppression {
  /** "2026-03", "2026-Q1", "2026". */
  period: string;
  /** First day of the period, ISO date (YYYY-MM-DD). */
  start: string;
  count: number;
  withPay: number;
  hourlyMedian: number | null;
  hourlyP90: number | null;
  annualMedian: number | null;
  annualP90: number | null;
}

export interface MarketPosition extends Suppression {
  /** Share (0-100) of comparable postings whose pay point is at or below the offer's; null below the minimum sample. */
  percentile: number | null;
  offerHourly: number;
  offerAnnual: number;
  hourlyMedian: number | null;
  hourlyP90: number | null;
  annualMedian: number | null;
  annualP90: number | null;
}

export interface StatsEngine {
  salaryStats(filter: PostingFilter, groupBy: readonly StatsDimension[]): SalaryStatsRow[];
  salaryTrend(filter: PostingFilter, interval: TrendInterval, from?: string, to?: string): TrendPoint[];
  /** Where an offer (an hourly pay point) sits among comparable postings. */
  marketPosition(offerHourly: number, filter: PostingFilter): MarketPosition;
  /** Number of postings the engine holds (all statuses). */
  readonly size: number;
}

/** A stats engine kept current by ingest and lifecycle changes. */
export interface LiveStatsEngine extends StatsEngine {
  /** Adds, replaces (by id) the facts of these postings. */
  apply(postings: readonly StoredPosting[]): void;
}

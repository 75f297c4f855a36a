import { PLAUSIBLE_ANNUAL, PLAUSIBLE_HOURLY, type Pay, type PayPeriod } from '../../schema/index.ts';
import type { PayParse } from './pay-types.ts';

/**
 * Pay periods per year, DOMAIN.md's convention: 1 year = 2080 hours = 260 days = 52 weeks =
 * 26 pay periods = 12 months.
 */
export const PERIODS_PER_YEAR: Readonly<Record<PayPeriod, number>> = {
  hour: 2080,
  day: 260,
  week: 52,
  biweek: 26,
  month: 12,
  year: 1,
};

/**
 * Rounding (docs/decisions/010): annual figures are computed exactly from the stated figure and
 * rounded to whole dollars; hourly figures are annual / 2080 rounded to cents. So
 * |hourly * 2080 - annual| <= 0.005 * 2080 + 0.5 = 10.9 dollars for every conversion, and a
 * stated hourly figure keeps its cents exactly.
 */
export function toAnnual(value: number, period: PayPeriod): number {
  return Math.round(value * PERIODS_PER_YEAR[period]);
}

export function toHourly(value: number, period: PayPeriod): number {
  if (period === 'hour') return Math.round(value * 100) / 100;
  return Math.round(((value * PERIODS_PER_YEAR[period]) / 2080) * 100) / 100;
}

/** Converts a parse to the schema's Pay: stated figures kept as stated, hourly and annual added. */
export function toPay(parse: Pick<PayParse, 'min' | 'max' | 'period' | 'currency'>): Pay {
  const { min, max, period } = parse;
  return {
    min,
    max,
    period,
    currency: parse.currency || 'USD',
    hourlyMin: min === null ? null : toHourly(min, period),
    hourlyMax: max === null ? null : toHourly(max, period),
    annualMin: min === null ? null : toAnnual(min, period),
    annualMax: max === null ? null : toAnnual(max, period),
  };
}

/**
 * The lowest annual figure a written yearly, monthly or biweekly period may have in a currency
 * other than the dollar. Outside the US part-time and sessional posts state their actual
 * (pro-rata) pay per year or month: "£11,014 per annum" for a 14-hour week, "£200 - £350 per
 * month" for a monthly session. Dollar figures, and figures whose period was only inferred from
 * their size, keep the full-time floor (docs/decisions/095).
 */
const PRO_RATA_ANNUAL_MIN = 2_000;

function annualFloor(parse: { currency?: string; inferred?: boolean }): number {
  return parse.inferred === false && parse.currency !== undefined && parse.currency !== 'USD' ? PRO_RATA_ANNUAL_MIN : PLAUSIBLE_ANNUAL.min;
}

type PlausibilityInput = Pick<PayParse, 'min' | 'max' | 'period'> & Partial<Pick<PayParse, 'currency' | 'inferred'>>;

/**
 * Why these figures cannot be a wage, or null when they can. Hour, day and week figures are
 * judged on the hourly scale; biweekly, monthly and annual ones on the annual scale, so a
 * $15,000-a-year part-time salary is not thrown out for being $7.21 an hour.
 */
export function implausiblePayReason(parse: PlausibilityInput): string | null {
  const { min, max, period } = parse;
  if (min === null && max === null) return 'no figure';
  if (min !== null && max !== null && min > max) return 'minimum above maximum';
  const floor = annualFloor(parse);
  if (!plausibleFigure(min, period, floor)) return figureReason(min as number, period, floor);
  if (!plausibleFigure(max, period, floor)) return figureReason(max as number, period, floor);
  return null;
}

/** Why figure `v`, which plausibleFigure turned down, cannot be a wage. */
function figureReason(v: number, period: PayPeriod, annualMin: number): string {
  if (!(v > 0) || !Number.isFinite(v)) return `figure ${v} is not a positive amount`;
  if (period === 'hour' || period === 'day' || period === 'week') {
    const h = (v * PERIODS_PER_YEAR[period]) / 2080;
    return `${formatMoney(v)} per ${period} is $${h.toFixed(2)} an hour, outside ${PLAUSIBLE_HOURLY.min}-${PLAUSIBLE_HOURLY.max}`;
  }
  const a = v * PERIODS_PER_YEAR[period];
  return `${formatMoney(v)} per ${period} is $${Math.round(a)} a year, outside ${annualMin}-${PLAUSIBLE_ANNUAL.max}`;
}

/**
 * `implausiblePayReason(parse) === null` (the same tests), without writing the reason: the pay
 * reader asks this of every candidate several times, and formatting a reason's money costs more
 * than the test.
 */
export function isPlausiblePay(parse: PlausibilityInput): boolean {
  const { min, max, period } = parse;
  if (min === null && max === null) return false;
  if (min !== null && max !== null && min > max) return false;
  const floor = annualFloor(parse);
  return plausibleFigure(min, period, floor) && plausibleFigure(max, period, floor);
}

function plausibleFigure(v: number | null, period: PayPeriod, annualMin: number): boolean {
  if (v === null) return true;
  if (!(v > 0) || !Number.isFinite(v)) return false;
  if (period === 'hour' || period === 'day' || period === 'week') {
    const h = (v * PERIODS_PER_YEAR[period]) / 2080;
    return !(h < PLAUSIBLE_HOURLY.min || h > PLAUSIBLE_HOURLY.max);
  }
  const a = v * PERIODS_PER_YEAR[period];
  return !(a < annualMin || a > PLAUSIBLE_ANNUAL.max);
}

const PERIOD_WORDS: Readonly<Record<PayPeriod, string>> = {
  hour: 'per hour',
  day: 'per day',
  week: 'per week',
  biweek: 'bi-weekly',
  month: 'per month',
  year: 'per year',
};

/** "$49,026" / "$18.5" → "$18.50": two decimals only when there are cents. */
export function formatMoney(v: number): string {
  const cents = Math.round(v * 100);
  const whole = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  const w = whole.toLocaleString('en-US');
  return rest === 0 ? `$${w}` : `$${w}.${String(rest).padStart(2, '0')}`;
}

/**
 * Writes a parse back as a posting would ("$18.50 - $22 per hour", "Up to $25 per hour",
 * "Starting at $45,000 per year"). An inferred period is left unwritten, so parsing the text
 * again infers the same one: the parser is idempotent on its own output.
 */
export function formatPay(parse: Pick<PayParse, 'min' | 'max' | 'period' | 'inferred'>): string {
  const suffix = parse.inferred ? '' : ` ${PERIOD_WORDS[parse.period]}`;
  const { min, max } = parse;
  if (min !== null && max !== null) {
    return min === max ? `${formatMoney(min)}${suffix}` : `${formatMoney(min)} - ${formatMoney(max)}${suffix}`;
  }
  if (max !== null) return `Up to ${formatMoney(max)}${suffix}`;
  if (min !== null) return `Starting at ${formatMoney(min)}${suffix}`;
  return '';
}

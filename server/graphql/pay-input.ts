import { z } from 'zod';
import {
  HOURS_PER_PERIOD,
  HOURS_PER_YEAR,
  PLAUSIBLE_ANNUAL,
  PLAUSIBLE_HOURLY,
  ValidationError,
  payPeriodSchema,
} from '../../schema/index.ts';
import type { PayPeriod } from '../../schema/index.ts';
import { formatInputIssues } from './input-text.ts';

/**
 * A pay range sent by an employer (`postJob`) or asked about (`marketPosition`). Both figures are
 * required: Peerboard publishes pay-transparent postings only. The plausibility check mirrors the
 * normaliser's rule and bounds so a typo ("1800 an hour") gets a clear answer before anything is stored.
 */
export const payInputSchema = z
  .strictObject({
    min: z.number().positive('must be more than 0'),
    max: z.number().positive('must be more than 0'),
    period: payPeriodSchema,
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine((c) => c === 'USD', 'only USD is supported')
      .nullish(),
  })
  .superRefine((p, ctx) => {
    if (p.max < p.min) ctx.addIssue({ code: 'custom', path: ['max'], message: 'max must be at least min' });
  });

export interface PayOffer {
  min: number;
  max: number;
  period: PayPeriod;
  currency: 'USD';
  /** The pay point (midpoint of the range) per hour and per year. */
  hourly: number;
  annual: number;
}

export function parsePayInput(input: unknown, path = 'pay'): PayOffer {
  const r = payInputSchema.safeParse(input);
  if (!r.success) throw new ValidationError(formatInputIssues(r.error.issues).map((line) => `${path}.${line}`));
  const { min, max, period } = r.data;
  const hours = HOURS_PER_PERIOD[period];
  const problems: string[] = [];
  // The normaliser's rule (same constants): hour, day and week figures are judged as hourly
  // wages, longer periods as annual salaries.
  const hourlyScale = period === 'hour' || period === 'day' || period === 'week';
  for (const [name, figure] of [['min', min], ['max', max]] as const) {
    if (hourlyScale) {
      const h = figure / hours;
      if (h < PLAUSIBLE_HOURLY.min || h > PLAUSIBLE_HOURLY.max) {
        problems.push(`${path}.${name}: ${figure} a ${period} is $${h.toFixed(2)} an hour, outside the plausible $${PLAUSIBLE_HOURLY.min} to $${PLAUSIBLE_HOURLY.max}; check the figure and the period`);
      }
    } else {
      const a = (figure / hours) * HOURS_PER_YEAR;
      if (a < PLAUSIBLE_ANNUAL.min || a > PLAUSIBLE_ANNUAL.max) {
        problems.push(`${path}.${name}: ${figure} a ${period} is $${Math.round(a)} a year, outside the plausible $${PLAUSIBLE_ANNUAL.min} to $${PLAUSIBLE_ANNUAL.max}; check the figure and the period`);
      }
    }
  }
  if (problems.length) throw new ValidationError(problems);
  const hourly = (min + max) / 2 / hours;
  return { min, max, period, currency: 'USD', hourly, annual: hourly * HOURS_PER_YEAR };
}

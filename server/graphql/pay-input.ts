import { z } from 'zod';
import {
  HOURS_PER_PERIOD,
  HOURS_PER_YEAR,
  PLAUSIBLE_HOURLY,
  ValidationError,
  formatZodIssues,
  payPeriodSchema,
} from '../../schema/index.ts';
import type { PayPeriod } from '../../schema/index.ts';

/**
 * A pay range sent by an employer (`postJob`) or asked about (`marketPosition`). Both figures are
 * required: Peerboard publishes pay-transparent postings only. The plausibility check mirrors the
 * normaliser's bounds so a typo ("1800 an hour") gets a clear answer before anything is stored.
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
  if (!r.success) throw new ValidationError(formatZodIssues(r.error.issues).map((line) => `${path}.${line}`));
  const { min, max, period } = r.data;
  const hours = HOURS_PER_PERIOD[period];
  const hourlyMin = min / hours;
  const hourlyMax = max / hours;
  const problems: string[] = [];
  if (hourlyMin < PLAUSIBLE_HOURLY.min) {
    problems.push(`${path}.min: ${min} a ${period} is $${hourlyMin.toFixed(2)} an hour, below the federal minimum wage ($${PLAUSIBLE_HOURLY.min}); check the period`);
  }
  if (hourlyMax > PLAUSIBLE_HOURLY.max) {
    problems.push(`${path}.max: ${max} a ${period} is $${hourlyMax.toFixed(2)} an hour, above the plausible $${PLAUSIBLE_HOURLY.max}; check the period`);
  }
  if (problems.length) throw new ValidationError(problems);
  const hourly = (hourlyMin + hourlyMax) / 2;
  return { min, max, period, currency: 'USD', hourly, annual: hourly * HOURS_PER_YEAR };
}

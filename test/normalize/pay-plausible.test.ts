import { describe, expect, it } from 'vitest';
import { implausiblePayReason, isPlausiblePay } from '../../scrapers/normalize/index.ts';
import type { PayPeriod } from '../../schema/index.ts';

const PERIODS: PayPeriod[] = ['hour', 'day', 'week', 'biweek', 'month', 'year'];
const VALUES = [null, 0, -5, Number.NaN, Number.POSITIVE_INFINITY, 0.5, 7, 7.25, 15, 22.5, 150, 151, 400, 999, 1000, 2500, 9000, 14_999, 15_000, 49_350, 250_000, 600_000, 9_999_999];

describe('isPlausiblePay', () => {
  it('agrees with implausiblePayReason on every period and edge figure', () => {
    for (const period of PERIODS) {
      for (const min of VALUES) {
        for (const max of VALUES) {
          const parse = { min, max, period };
          expect(isPlausiblePay(parse), JSON.stringify(parse)).toBe(implausiblePayReason(parse) === null);
        }
      }
    }
  });
});

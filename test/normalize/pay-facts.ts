import type { PayParse } from '../../scrapers/normalize/index.ts';

/** The figures and period of a pay reading (what the pay tests assert), or null when there is none. */
export function facts(p: PayParse | null): Pick<PayParse, 'min' | 'max' | 'period'> | null {
  return p === null ? null : { min: p.min, max: p.max, period: p.period };
}

import { describe, expect, it } from 'vitest';
import { payFromStructured, toPay } from '../../scrapers/normalize/index.ts';

function figures(v: unknown) {
  const p = payFromStructured(v);
  return p && { min: p.min, max: p.max, period: p.period, inferred: p.inferred, currency: p.currency };
}

describe('payFromStructured: schema.org baseSalary', () => {
  it('reads a MonetaryAmount with a QuantitativeValue range', () => {
    expect(
      figures({
        '@type': 'MonetaryAmount',
        currency: 'USD',
        value: { '@type': 'QuantitativeValue', minValue: 18.5, maxValue: 22, unitText: 'HOUR' },
      }),
    ).toEqual({ min: 18.5, max: 22, period: 'hour', inferred: false, currency: 'USD' });
  });

  it('reads numeric strings and a single value', () => {
    expect(figures({ '@type': 'MonetaryAmount', currency: 'USD', value: { '@type': 'QuantitativeValue', value: '45000', unitText: 'YEAR' } })).toEqual({
      min: 45000, max: 45000, period: 'year', inferred: false, currency: 'USD',
    });
    expect(figures({ '@type': 'MonetaryAmount', currency: 'USD', value: { minValue: '3,500.00', maxValue: '4,200.00', unitText: 'MONTH' } })).toEqual({
      min: 3500, max: 4200, period: 'month', inferred: false, currency: 'USD',
    });
  });

  it('reads a bare number value with unitText on the outer object', () => {
    expect(figures({ '@type': 'MonetaryAmount', currency: 'USD', value: 21.25, unitText: 'HOUR' })).toEqual({
      min: 21.25, max: 21.25, period: 'hour', inferred: false, currency: 'USD',
    });
  });

  it('reads minValue/maxValue on the MonetaryAmount when the inner QuantitativeValue has only unitText (Yoast)', () => {
    expect(
      figures({ '@type': 'MonetaryAmount', currency: 'USD', minValue: 19, maxValue: 23.5, value: { '@type': 'QuantitativeValue', unitText: 'HOUR' } }),
    ).toEqual({ min: 19, max: 23.5, period: 'hour', inferred: false, currency: 'USD' });
  });

  it('infers the period from magnitude when unitText is missing, and says so', () => {
    expect(figures({ '@type': 'MonetaryAmount', currency: 'USD', value: { '@type': 'QuantitativeValue', minValue: 42000, maxValue: 50000 } })).toEqual({
      min: 42000, max: 50000, period: 'year', inferred: true, currency: 'USD',
    });
  });

  it('reads DAY and WEEK units and swaps a reversed range', () => {
    expect(figures({ currency: 'USD', value: { minValue: 180, maxValue: 150, unitText: 'DAY' } })?.period).toBe('day');
    expect(figures({ currency: 'USD', value: { minValue: 180, maxValue: 150, unitText: 'DAY' } })?.min).toBe(150);
    expect(figures({ currency: 'USD', value: { value: 850, unitText: 'WEEK' } })?.period).toBe('week');
  });

  it('finds baseSalary inside a whole JobPosting and in an array', () => {
    const posting = {
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      title: 'Peer Support Specialist',
      baseSalary: { '@type': 'MonetaryAmount', currency: 'USD', value: { '@type': 'QuantitativeValue', minValue: 19, maxValue: 23, unitText: 'HOUR' } },
    };
    expect(figures(posting)?.max).toBe(23);
    expect(figures([posting.baseSalary])?.min).toBe(19);
  });

  it('returns null for an amount with no figure', () => {
    expect(payFromStructured({ '@type': 'MonetaryAmount', currency: 'USD', value: { '@type': 'QuantitativeValue', unitText: 'HOUR' } })).toBeNull();
    expect(payFromStructured({ '@type': 'MonetaryAmount', currency: 'USD', value: { value: 0, unitText: 'HOUR' } })).toBeNull();
    expect(payFromStructured(null)).toBeNull();
    expect(payFromStructured('Competitive')).toBeNull();
  });
});

describe('payFromStructured: ATS objects', () => {
  it('reads Greenhouse pay_input_ranges in cents, inferring the period from the size when no word states it', () => {
    expect(
      figures({
        pay_input_ranges: [
          { min_cents: 4_500_000, max_cents: 5_200_000, currency_type: 'USD', title: 'Columbus, OH', blurb: 'The pay range for this role is:' },
        ],
      }),
    ).toEqual({ min: 45000, max: 52000, period: 'year', inferred: true, currency: 'USD' });
    // Greenhouse has no interval field: an hourly range titled only "Pay Range" is hourly, not $21 a year.
    expect(
      figures([{ min_cents: 2100, max_cents: 2675, currency_type: 'USD', title: 'Pay Range', blurb: 'Final offers depend on certification and experience.' }]),
    ).toEqual({ min: 21, max: 26.75, period: 'hour', inferred: true, currency: 'USD' });
  });

  it('reads a Greenhouse range as annual when its blurb says so', () => {
    expect(
      figures([{ min_cents: 4_100_000, max_cents: 4_700_000, currency_type: 'USD', title: 'Philadelphia', blurb: 'Annual base salary range:' }]),
    ).toEqual({ min: 41000, max: 47000, period: 'year', inferred: false, currency: 'USD' });
  });

  it('reads a Greenhouse range as hourly when its title or blurb says so', () => {
    expect(
      figures([{ min_cents: 1850, max_cents: 2200, currency_type: 'USD', title: 'Hourly Pay Range', blurb: '' }]),
    ).toEqual({ min: 18.5, max: 22, period: 'hour', inferred: false, currency: 'USD' });
  });

  it('reads Lever salaryRange intervals', () => {
    expect(figures({ salaryRange: { min: 42000, max: 48000, currency: 'USD', interval: 'per-year-salary' } })?.period).toBe('year');
    expect(figures({ min: 19, max: 22, currency: 'USD', interval: 'per-hour-wage' })).toEqual({
      min: 19, max: 22, period: 'hour', inferred: false, currency: 'USD',
    });
    expect(figures({ min: 3500, max: 4000, currency: 'USD', interval: 'per-month-salary' })?.period).toBe('month');
    expect(figures({ min: 1800, max: 2000, currency: 'USD', interval: 'bi-week-salary' })?.period).toBe('biweek');
    expect(figures({ min: 1750, max: 2000, currency: 'USD', interval: 'semi-month-salary' })).toEqual({
      min: 3500, max: 4000, period: 'month', inferred: false, currency: 'USD',
    });
    expect(payFromStructured({ min: 1000, max: 1000, currency: 'USD', interval: 'one-time' })).toBeNull();
  });

  it('reads the Salary component of Ashby compensation and skips equity', () => {
    const compensation = {
      compensationTierSummary: '$48K – $56K • Offers Bonus',
      scrapeableCompensationSalarySummary: '$48K - $56K',
      compensationTiers: [
        {
          id: 'b4a7',
          title: 'Peer Recovery Specialist',
          tierSummary: '$48K – $56K',
          components: [
            { id: 'c1', summary: '0.01% – 0.05%', compensationType: 'EquityPercentage', interval: 'NONE', currencyCode: null, minValue: 0.01, maxValue: 0.05 },
            { id: 'c2', summary: '$48K – $56K', compensationType: 'Salary', interval: '1 YEAR', currencyCode: 'USD', minValue: 48000, maxValue: 56000 },
          ],
        },
      ],
      summaryComponents: [
        { compensationType: 'Salary', interval: '1 YEAR', currencyCode: 'USD', minValue: 48000, maxValue: 56000 },
      ],
    };
    expect(figures({ compensation })).toEqual({ min: 48000, max: 56000, period: 'year', inferred: false, currency: 'USD' });
    expect(figures({ summaryComponents: [{ compensationType: 'Salary', interval: '1 HOUR', currencyCode: 'USD', minValue: 20, maxValue: 24 }] })?.period).toBe('hour');
  });

  it('reads USAJOBS PositionRemuneration strings and rate codes', () => {
    const pr = [{ MinimumRange: '49026.0', MaximumRange: '63733.0', RateIntervalCode: 'PA', Description: 'Per Year' }];
    expect(figures(pr)).toEqual({ min: 49026, max: 63733, period: 'year', inferred: false, currency: 'USD' });
    expect(figures({ PositionRemuneration: [{ MinimumRange: '23.57', MaximumRange: '30.64', RateIntervalCode: 'PH' }] })?.period).toBe('hour');
    expect(figures([{ MinimumRange: '1884', MaximumRange: '2452', RateIntervalCode: 'BW' }])?.period).toBe('biweek');
    expect(payFromStructured([{ MinimumRange: '0', MaximumRange: '0', RateIntervalCode: 'WC' }])).toBeNull();
  });

  it("reads Peerboard's employer form", () => {
    expect(figures({ min: 20, max: 24, period: 'hour', currency: 'USD' })).toEqual({ min: 20, max: 24, period: 'hour', inferred: false, currency: 'USD' });
    expect(figures({ min: null, max: 55000, period: 'year', currency: 'USD' })).toEqual({ min: null, max: 55000, period: 'year', inferred: false, currency: 'USD' });
    expect(figures({ min: 1700, max: 1900, period: 'biweek', currency: 'USD' })?.period).toBe('biweek');
  });

  it('reads a plain salary string like a pay field', () => {
    expect(figures('$18.50 - $22.00 per hour')).toEqual({ min: 18.5, max: 22, period: 'hour', inferred: false, currency: 'USD' });
  });

  it('never throws on hostile objects', () => {
    const hostile = Object.defineProperty({}, 'baseSalary', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(payFromStructured(hostile)).toBeNull();
    expect(payFromStructured({ value: { value: { value: { value: { value: 5 } } } } })).toBeNull();
  });
});

describe('toPay conversions (DOMAIN.md: 2080 hours, 260 days, 52 weeks, 26 biweeks, 12 months)', () => {
  it('converts $49,350 a year to $23.73 an hour', () => {
    expect(toPay({ min: 49350, max: 49350, period: 'year', currency: 'USD' })).toEqual({
      min: 49350, max: 49350, period: 'year', currency: 'USD', hourlyMin: 23.73, hourlyMax: 23.73, annualMin: 49350, annualMax: 49350,
    });
  });

  it('converts each period', () => {
    expect(toPay({ min: 20, max: 20, period: 'hour', currency: 'USD' }).annualMin).toBe(41600);
    expect(toPay({ min: 160, max: 160, period: 'day', currency: 'USD' }).hourlyMin).toBe(20);
    expect(toPay({ min: 800, max: 800, period: 'week', currency: 'USD' }).annualMin).toBe(41600);
    expect(toPay({ min: 1600, max: 1600, period: 'biweek', currency: 'USD' }).hourlyMin).toBe(20);
    expect(toPay({ min: 3500, max: 3500, period: 'month', currency: 'USD' })).toMatchObject({ hourlyMin: 20.19, annualMin: 42000 });
  });

  it('keeps a missing end missing', () => {
    expect(toPay({ min: null, max: 25, period: 'hour', currency: 'USD' })).toMatchObject({ hourlyMin: null, annualMin: null, hourlyMax: 25, annualMax: 52000 });
  });
});

import { describe, expect, it } from 'vitest';
import type { RawPosting } from '../../schema/index.ts';
import { findPayInDescription, implausiblePayReason, normalizePosting, parsePayText } from '../../scrapers/normalize/index.ts';
import { facts } from './pay-facts.ts';

// Pay classes the second round of real postings (issue 9, parts D-G) showed; docs/decisions/095.
// Every sentence here is written for the test, none is taken from a posting.

const now = new Date('2026-03-10T00:00:00Z');
function normalized(raw: Partial<RawPosting> & { description: string }) {
  return normalizePosting({ title: 'Recovery Support Worker', ...raw }, { now });
}

describe('the period written below the figures after blank lines', () => {
  it('is read even where the size alone would say another period', () => {
    // 1,410 would be inferred as a month; the line below says a week.
    expect(facts(parsePayText('$1,410.00 - $1,862.40\n\nper week'))).toEqual({ min: 1410, max: 1862.4, period: 'week' });
    expect(facts(findPayInDescription('Weekly earnings\n\n$1,410.00 - $1,862.40\n\nper week\n\nCloses\n\nOpen until filled'))).toEqual({ min: 1410, max: 1862.4, period: 'week' });
  });
});

describe('currency codes and short period words', () => {
  it('reads an ISO currency code after the figures', () => {
    const p = parsePayText('Pay band: 13104 - 13977 GBP Yearly GBP 13104.00 13977.00 YEAR');
    expect(facts(p)).toEqual({ min: 13104, max: 13977, period: 'year' });
    expect(p?.currency).toBe('GBP');
    expect(parsePayText('41000 - 45500 EUR per year')?.currency).toBe('EUR');
  });

  it('reads currency codes and signs of other dollars before the figures', () => {
    const aud = parsePayText('AUD 70,150 - 84,900 per annum');
    expect(facts(aud)).toEqual({ min: 70150, max: 84900, period: 'year' });
    expect(aud?.currency).toBe('AUD');
    expect(parsePayText('C$23.10 - C$26.75 per hour')?.currency).toBe('CAD');
    expect(parsePayText('$23.10 - $26.75 per hour')?.currency).toBe('USD');
  });

  it('reads lower-case "pa" as per annum, and a bracketed pro-rata figure is no end of a range', () => {
    const p = parsePayText('This role pays £24,310 pa pro rata (£14,586).');
    expect(facts(p)).toEqual({ min: 24310, max: 24310, period: 'year' });
    expect(p?.inferred).toBe(false);
  });

  it('reads "pro rata" and "FTE" after a salary-sized figure as a yearly salary', () => {
    expect(facts(findPayInDescription('The post pays £25,400 pro rata for three days a week.'))).toEqual({ min: 25400, max: 25400, period: 'year' });
    expect(facts(parsePayText('£23,900 FTE (£14,340 actual)'))).toEqual({ min: 23900, max: 23900, period: 'year' });
    expect(parsePayText('£12.60 pro rata')?.period).toBe('hour');
  });

  it('takes "remuneration" as a pay cue for unit-less figures', () => {
    expect(facts(parsePayText('Remuneration: 81250 - 96400 full-time equivalent, plus superannuation'))).toEqual({ min: 81250, max: 96400, period: 'year' });
  });

  it('reads figures with thousands separators right after a pay label as money, by their size', () => {
    expect(facts(findPayInDescription('Agency: Department of Corrections\n\nSalary Range: 3,950 - 4,870\n\nPosition Type: Permanent'))).toEqual({ min: 3950, max: 4870, period: 'month' });
    // Not after any other word: a count with separators is not pay.
    expect(findPayInDescription('Our programs reached 3,950 - 4,870 residents last year.')).toBeNull();
  });
});

describe('what a salary includes, and what is not pay', () => {
  it('keeps a figure whose bracket says what it includes', () => {
    expect(facts(parsePayText('£27,300 - £29,100 per annum (incl. of a high-cost area payment), pro rata'))).toEqual({ min: 27300, max: 29100, period: 'year' });
    expect(facts(findPayInDescription('| Salary: | Not specified |\n|---|---|\n| Extra salary details: | £27,300 - £29,100 per annum (incl. of a high-cost area payment) |'))).toEqual({ min: 27300, max: 29100, period: 'year' });
  });

  it('takes a table\'s label cell as the cue of the figure in the next cell', () => {
    expect(facts(findPayInDescription('| Contract: | Fixed term |\n| Salary details: | £27,300 - £29,100 |'))).toEqual({ min: 27300, max: 29100, period: 'year' });
    expect(findPayInDescription('| Hours: | 37.5 |\n| Team size: | 12 |')).toBeNull();
  });

  it('does not read bonus pay or incentive pay as the wage', () => {
    expect(parsePayText('Full-time staff also get a yearly retention bonus pay of $2,400 (paid monthly)')).toBeNull();
    expect(findPayInDescription('Eligible staff receive incentive pay of $1,000 per year.')).toBeNull();
    expect(parsePayText('Longevity pay of $900 per year after five years of service')).toBeNull();
    expect(parsePayText('Stipend pay: $250 per month')).toBeNull();
  });

  it('does not read salary packaging as pay', () => {
    expect(parsePayText('Salary negotiable + 11.5% super + salary packaging up to $15,900')).toBeNull();
  });

  it('does not read an amount added to another rate as a rate of its own', () => {
    const text = 'Day rates\n\nStandard shift: $130 per day\n\nWeekend shift: $140 per day\n\nHoliday cover: add $15 per day';
    expect(facts(parsePayText(text))).toEqual({ min: 130, max: 140, period: 'day' });
    expect(facts(parsePayText('$19.00 per hour, plus an additional $1.50 per hour on nights'))).toEqual({ min: 19, max: 19, period: 'hour' });
  });
});

describe('several rates as one range', () => {
  it('reads "X rising to Y" as a range from the start rate to the raised one', () => {
    expect(facts(parsePayText('8.70 rising to 9.60'))).toEqual({ min: 8.7, max: 9.6, period: 'hour' });
    expect(facts(parsePayText('£10.42 rising to £11.20 per hour after training'))).toEqual({ min: 10.42, max: 11.2, period: 'hour' });
    expect(facts(parsePayText('Band 4: £27,485 progressing to £30,162 per annum'))).toEqual({ min: 27485, max: 30162, period: 'year' });
  });

  it('reads a level number as a code, not a rate, when the period before it belongs to the line above', () => {
    expect(facts(parsePayText('Tier 1 $16.75 per hour\nTier 2 $18.25 per hour\nTier 3 $19.90 per hour'))).toEqual({ min: 16.75, max: 19.9, period: 'hour' });
  });

  it('joins the sections of a rate table with a heading and a note between them', () => {
    const text =
      'Standard rates\n\nLevel A: $118 per day\n\nLevel B: $126 per day\n\nSpecial needs classes: add $12 per day (not for extended assignments)\n\n\nExtended assignments (paid once you cover one class for 15 days in a row)\n\nThese rates apply to classroom cover only.\n\nLevel A: $148 per day\n\nLevel B: $158 per day';
    expect(facts(findPayInDescription(text))).toEqual({ min: 118, max: 158, period: 'day' });
  });
});

describe('plausibility bounds for part-time pay outside the US', () => {
  it('accepts a small annual or monthly figure in another currency when its period is written', () => {
    expect(implausiblePayReason({ min: 10480, max: 10480, period: 'year', currency: 'GBP', inferred: false })).toBeNull();
    expect(implausiblePayReason({ min: 180, max: 300, period: 'month', currency: 'GBP', inferred: false })).toBeNull();
    expect(facts(findPayInDescription('Salary:\n£10,480 per annum + shift allowance\nHours:\n15 hours per week'))).toEqual({ min: 10480, max: 10480, period: 'year' });
    expect(facts(findPayInDescription('Rate of pay: £180-£300 per month, depending on experience.'))).toEqual({ min: 180, max: 300, period: 'month' });
  });

  it('keeps the full-time floor for dollars, for periods inferred from size, and for sums too small to be any pay', () => {
    expect(implausiblePayReason({ min: 10480, max: 10480, period: 'year', currency: 'USD', inferred: false })).not.toBeNull();
    expect(implausiblePayReason({ min: 10480, max: 10480, period: 'year', currency: 'GBP', inferred: true })).not.toBeNull();
    expect(implausiblePayReason({ min: 120, max: 120, period: 'month', currency: 'GBP', inferred: false })).not.toBeNull();
    // Stipends by other names stay out now that small sums in pounds can pass the bounds.
    expect(findPayInDescription('Trainees receive a bursary of £600 per month during the course.')).toBeNull();
    expect(findPayInDescription('Panel members are paid an honorarium of £250 per month.')).toBeNull();
    expect(findPayInDescription('The post attracts an outer London weighting of £3,100 per annum.')).toBeNull();
    expect(findPayInDescription('A high cost area supplement of £4,200 per year is paid on top.')).toBeNull();
    expect(findPayInDescription('Salary: $9,500 per year for this part-time post')).toBeNull();
  });
});

describe('a pay field the page repeats as its header, against the employer\'s own line', () => {
  it('takes the employer\'s exact figure over a board\'s K-shorthand header', () => {
    const n = normalized({
      pay: '52k - 54k USD/year',
      description: 'Residential Aide\n\nState Department of Health\n\n52k - 54k USD/year\n\nFull Time\n\nWork Location: Main campus Compensation: $24.80\n\nSchedule: Full-time',
    });
    expect(n.pay).toMatchObject({ min: 24.8, max: 24.8, period: 'hour' });
    expect(n.payBasis).toBe('description');
  });

  it('takes the employer\'s exact figure over a K-shorthand pay field the text does not repeat', () => {
    const n = normalized({ pay: '38K - 41K', description: 'Day program aide\n\nThe hourly rate for this post is $19.40.' });
    expect(n.pay).toMatchObject({ min: 19.4, max: 19.4, period: 'hour' });
  });

  it('takes the employer\'s line over a header in another period', () => {
    const n = normalized({
      pay: '$2,010.40 - $2,688.00\n\nper week',
      description: 'Salary\n\n$2,010.40 - $2,688.00\n\nper week\n\nAbout the job\n\nThe list serves regular and relief openings. Relief staff work at most 20 hours a week. Relief staff pay is $ 25.13 - $28.40 per hour.',
    });
    expect(n.pay).toMatchObject({ min: 25.13, max: 28.4, period: 'hour' });
  });

  it('takes the range of all levels over a header that shows one level', () => {
    const n = normalized({
      pay: '$61,000.00 - $79,500.00 Annually',
      description:
        'Clinician (pool)\n$61,000.00 - $79,500.00 Annually\nFull Time\nWe hire at three levels:\n  • Clinician III (licensed): $66,200.00 - $86,300.00\n  • Clinician II: $61,000.00 - $79,500.00\n  • Clinician I (trainee): $55,900.00 - $72,800.00\nOpenings may be full or part time.',
    });
    expect(n.pay).toMatchObject({ min: 55900, max: 86300, period: 'year' });
  });

  it('keeps the header against an aggregator\'s generic unit-less block or an estimate', () => {
    const generic = normalized({
      pay: '$45,100 - $79,800\n\nper year',
      description: 'Salary\n$45,100 - $79,800\nper year\nType\nFull Time\nBase salary range: $36,900 - $48,000\nTypical entry: a year of related work.\nAbout the job\nYou will support veterans in their recovery.',
    });
    expect(generic.pay).toMatchObject({ min: 45100, max: 79800, period: 'year' });
    const average = normalized({
      pay: '$21.00 - $24.00 per hour',
      description: 'Pay\n$21.00 - $24.00 per hour\n\nSimilar jobs\nAverage salary for this title: $41,500 per year',
    });
    expect(average.pay).toMatchObject({ min: 21, max: 24, period: 'hour' });
  });

  it('keeps the header when the text only restates it in another period', () => {
    const n = normalized({
      pay: '$41,600 - $49,920 per year',
      description: 'Pay\n$41,600 - $49,920 per year\n\nThat is $20.00 - $24.00 per hour for a 40-hour week.',
    });
    expect(n.pay).toMatchObject({ min: 41600, max: 49920, period: 'year' });
    expect(n.payBasis).toBe('stated');
  });

  it('keeps the header when the text states no other pay', () => {
    const n = normalized({
      pay: 'Salary/Wage Range or Industry Benchmark: 13104 - 13977 GBP Yearly',
      description: 'Peer Worker\nSalary/Wage Range or Industry Benchmark: 13104 - 13977 GBP Yearly\nJob Description\nYou will support people on an acute ward, two days a week.',
    });
    expect(n.pay).toMatchObject({ min: 13104, max: 13977, period: 'year', currency: 'GBP' });
    expect(n.payBasis).toBe('stated');
  });

  it('keeps a pay field the text does not repeat: it is the source\'s own field, not a header', () => {
    const n = normalized({
      pay: '$20 - $22 per hour',
      description: 'About the role\n\nYou will run recovery groups. Certified staff earn $25.00 per hour.',
    });
    expect(n.pay).toMatchObject({ min: 20, max: 22, period: 'hour' });
    expect(n.payBasis).toBe('stated');
  });
});

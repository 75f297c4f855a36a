import { describe, expect, it } from 'vitest';
import { findPayInDescription, parsePayText } from '../../scrapers/normalize/index.ts';
import { facts } from './pay-facts.ts';

describe('pay classes seen on real postings (issue 9)', () => {
  it('reads the period on the line below the figures, also after blank lines', () => {
    expect(facts(parsePayText('Compensation\n$52,300 - $71,900\nannually'))).toEqual({ min: 52300, max: 71900, period: 'year' });
    expect(facts(findPayInDescription('Wage\n\n$19.75 - $24.10\n\nper hour\n\nSchedule: days'))).toEqual({ min: 19.75, max: 24.1, period: 'hour' });
  });

  it('does not take a label on the next line that starts another statement as the period', () => {
    expect(facts(findPayInDescription('Biweekly: $1,700.00 - $2,200.00\nMonthly: $3,683.33 - $4,766.67'))).toEqual({ min: 1700, max: 2200, period: 'biweek' });
  });

  it('reads a label above blank lines as the figure\'s cue', () => {
    expect(facts(findPayInDescription('PAY RANGE:\n\n$40,100.00 to $58,250.00 / Per Year'))).toEqual({ min: 40100, max: 58250, period: 'year' });
  });

  it('reads "X to - Y" as a range', () => {
    expect(facts(parsePayText('$51,200 to - $66,560 per year'))).toEqual({ min: 51200, max: 66560, period: 'year' });
  });

  it('reads spaces as thousands separators after a currency sign', () => {
    expect(facts(parsePayText('Salary: $51 300 - 68 900 per year'))).toEqual({ min: 51300, max: 68900, period: 'year' });
  });

  it('turns several rates for certification or levels into one range, lowest to highest', () => {
    expect(facts(parsePayText('$18.25 an hour uncertified; $19.75 an hour once certified'))).toEqual({ min: 18.25, max: 19.75, period: 'hour' });
    expect(facts(parsePayText('Recovery Coach I: $19.00 - $22.00\nRecovery Coach II: $21.00 - $25.50'))).toEqual({ min: 19, max: 25.5, period: 'hour' });
    expect(facts(findPayInDescription('Peer Navigator I: $20.10 - $24.30\nPeer Navigator II: $23.40 - $27.90'))).toEqual({ min: 20.1, max: 27.9, period: 'hour' });
  });

  it('reads a scheduled raise to a stated wage as the top of the range', () => {
    expect(facts(parsePayText('Pay: $16.50/hr to start, with a raise to $18/hr after the probation period'))).toEqual({ min: 16.5, max: 18, period: 'hour' });
  });

  it('keeps nested ranges apart: a hiring range inside a full range is the offer', () => {
    expect(facts(findPayInDescription('Hiring range: $22.00 - $24.00/hour; full range: $22.00 - $31.00/hour'))).toEqual({ min: 22, max: 24, period: 'hour' });
  });

  it('reads a minimum from "to start" or "starting" after the figure', () => {
    expect(facts(parsePayText('Pay: $21.75 starting hourly wage'))).toEqual({ min: 21.75, max: null, period: 'hour' });
  });

  it('takes two statements of one pay in the period stated first, also with a 35-hour week', () => {
    expect(facts(parsePayText('$24.00-$30.00 Hourly / $1,680.00-$2,100.00 BiWeekly / $43,680.00-$54,600.00 Yearly'))).toEqual({ min: 24, max: 30, period: 'hour' });
    expect(facts(parsePayText('$4,000 - $4,600 per month ($23.08 - $26.54 per hour)'))).toEqual({ min: 4000, max: 4600, period: 'month' });
  });

  it('reads a figure with cents right after a pay cue as money even without "$"', () => {
    expect(facts(findPayInDescription('Location: Akron Compensation: 21.40Schedule: Full-time'))).toEqual({ min: 21.4, max: 21.4, period: 'hour' });
  });

  it('prefers the employer\'s exact figure to a rounded K-shorthand header that disagrees', () => {
    expect(facts(findPayInDescription('39k - 39k USD/year\n\nJob details\nThe pay rate is 21.10 per hour for this shift.'))).toEqual({ min: 21.1, max: 21.1, period: "hour" });
  });

  it('uses the size of the figures when a stated period cannot be right', () => {
    expect(facts(parsePayText('Hourly $71,002 - $93,115'))).toEqual({ min: 71002, max: 93115, period: 'year' });
  });

  it('reads no pay from grade codes, class codes, pay range numbers, hours and dates', () => {
    expect(parsePayText('Pay scale & grade\nGS 7 - 9')).toBeNull();
    expect(parsePayText('Class Code Pay Plan\n6120  HN - 12 PEER SPECIALIST')).toBeNull();
    expect(parsePayText('PAY RANGE: 9')).toBeNull();
    expect(parsePayText('Shifts run between the hours of 8a-4p; pay depends on experience')).toBeNull();
    expect(parsePayText('This is a 24 / 7 program; compensation depends on experience')).toBeNull();
    expect(parsePayText('$1,500 hiring bonus for staff starting on March 3, 2025')).toBeNull();
  });

  it('does not take "grant-funded" as a bonus word that hides the wage', () => {
    expect(facts(parsePayText('(Grant-funded position)\nMONTHLY: $2,450'))).toEqual({ min: 2450, max: 2450, period: 'month' });
  });

  it('skips a generic aggregator salary block when the job states its own pay with a period', () => {
    const text = 'Salary\n$41,000 - $63,500\nper year\nType\nFull Time\nBase salary range: $33,900 - $44,000';
    expect(facts(parsePayText(text))).toEqual({ min: 41000, max: 63500, period: 'year' });
  });

  it('reads weekly pay as weekly, not as a monthly figure inferred from its size', () => {
    expect(facts(parsePayText('$1,320.00-$1,610.40 wk'))).toEqual({ min: 1320, max: 1610.4, period: 'week' });
    expect(facts(parsePayText('Weekly Salary\n$1,150'))).toEqual({ min: 1150, max: 1150, period: 'week' });
    expect(facts(findPayInDescription('$1,300.00 - $1,475.00\nPay Frequency: Weekly'))).toEqual({ min: 1300, max: 1475, period: 'week' });
    // An hourly figure's pay frequency is how often it is paid, not its unit.
    expect(facts(findPayInDescription('Pay rate $21.50 - $24.00\nPay Frequency: Biweekly'))).toEqual({ min: 21.5, max: 24, period: 'hour' });
  });

  it('reads qualified range ends and "just under" as they are written', () => {
    expect(facts(parsePayText('Pay runs from just over $31,000 to more than $52,000 per year.'))).toEqual({ min: 31000, max: 52000, period: 'year' });
    expect(facts(parsePayText('New hires earn just under $19 an hour.'))).toEqual({ min: null, max: 19, period: 'hour' });
  });

  it('does not read an "extra" amount as the wage', () => {
    expect(parsePayText('Mentors get $75.00 extra for each training they lead')).toBeNull();
  });

  it('reads European-format figures with the sign after them, as translated mirrors print US pay', () => {
    expect(facts(parsePayText('51.300,00 $ - 68.900,00 $'))).toEqual({ min: 51300, max: 68900, period: 'year' });
  });
});


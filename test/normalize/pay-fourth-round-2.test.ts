import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPayInDescription, parsePayText } from '../../scrapers/normalize/index.ts';
import { facts } from './pay-facts.ts';

// Pay classes the second blind set of real pay phrases showed (issue 9, fourth round;
// docs/decisions/101). The sentences are written for the tests.

describe('a starting salary stated with words between ("the starting pay for this role is")', () => {
  it('is a minimum only, as "starting at" is', () => {
    expect(facts(parsePayText('Starting pay for the night crew is $21.10 per hour.'))).toEqual({ min: 21.1, max: null, period: 'hour' });
    expect(facts(parsePayText('For new staff the starting salary would be £23,400 on the first pay point.'))).toEqual({ min: 23400, max: null, period: 'year' });
    expect(facts(parsePayText('A new clerk starts work as a trainee at step A or $17.25 per hour.'))).toEqual({ min: 17.25, max: null, period: 'hour' });
  });
  it('leaves a starting range a range', () => {
    expect(facts(parsePayText('The starting pay for this post is $19 - $22 per hour.'))).toEqual({ min: 19, max: 22, period: 'hour' });
  });
});

describe('a figure the page broke after its decimal point', () => {
  it('is read whole, cents and period included', () => {
    expect(facts(parsePayText('Aide I\n  • $18.\n  35/hour, $3,181.33/month'))).toEqual({ min: 18.35, max: 18.35, period: 'hour' });
    expect(facts(parsePayText('Yearly pay is $51,230.\n  40, before any overtime.'))).toEqual({ min: 51230.4, max: 51230.4, period: 'year' });
  });
  it('does not glue a sentence end to a number on the next line', () => {
    expect(facts(parsePayText('The wage is about $17.\n24 openings are posted today.'))).toEqual({ min: 17, max: 17, period: 'hour' });
  });
});

describe('a period word between two figures', () => {
  it('labels the next figure when the first has its own label before it', () => {
    expect(facts(parsePayText('Step 4 annual salary $47,880.00 Monthly $3,990.00'))).toEqual({ min: 47880, max: 47880, period: 'year' });
  });
  it('belongs to the figure before it when it follows that figure', () => {
    expect(facts(parsePayText('$3,100.00-$3,900.00 monthly / $37,200.00-$46,800.00'))).toEqual({ min: 3100, max: 3900, period: 'month' });
    expect(facts(parsePayText('$21.50 hourly $44,720 yearly'))).toEqual({ min: 21.5, max: 21.5, period: 'hour' });
  });
  it('is read when glued to the next word\'s capital', () => {
    expect(facts(parsePayText('$48,110.00 - $60,300.00 yearlyLocation: North Office'))).toEqual({ min: 48110, max: 60300, period: 'year' });
  });
});

describe('a level table restated in several periods', () => {
  it('is one range over the levels in the first period, not one level', () => {
    const table = 'AIDE I $20.10-$24.00 hourly / $3,484.00-$4,160.00 monthly\nAIDE II $22.40-$26.80 hourly / $3,882.67-$4,645.33 monthly';
    expect(facts(parsePayText(table))).toEqual({ min: 20.1, max: 26.8, period: 'hour' });
  });
});

describe('non-wage rates and sums', () => {
  it('a differential "paid at a rate of" is no wage, nor the sums listed after it', () => {
    expect(parsePayText('Weekend differential is paid at a rate of $0.90 for Saturday hours and $1.40 for Sunday hours.')).toBeNull();
  });
  it('health and welfare contributions are benefits', () => {
    expect(parsePayText('Health and Welfare: $540.00/month for staff scheduled 30 hours or more.')).toBeNull();
  });
  it('a visa or sponsorship salary threshold is not the job\'s pay, nor its restatements', () => {
    expect(parsePayText('The sponsorship salary threshold rose from £24,100 (£12.36 per hour) to £26,200 (£13.44 per hour).')).toBeNull();
  });
});

describe('a day\'s pay named as a full or half day', () => {
  it('gives the day as the period for money, not for a count of hours', () => {
    expect(facts(parsePayText('A half day of 3.5 hours or a full day of 7 hours. A half day is $61.20, and a full day is $122.40.'))).toEqual({ min: 61.2, max: 122.4, period: 'day' });
  });
});

describe('steps by year of service', () => {
  it('are levels of one range', () => {
    expect(facts(parsePayText('Year 1: $16.40/hour\nYear 2: $16.90\nYear 3: $17.45'))).toEqual({ min: 16.4, max: 17.45, period: 'hour' });
  });
});

describe('a range with the thousands written once', () => {
  it('reads "$40-55,000" as 40,000 to 55,000', () => {
    expect(facts(parsePayText('Salary range: $40-55,000 per year, by experience.'))).toEqual({ min: 40000, max: 55000, period: 'year' });
  });
  it('leaves a small figure and a large one apart when they are not such a range', () => {
    expect(facts(parsePayText('$15 - 90,000 residents served; pay $21.00 per hour'))).toEqual({ min: 21, max: 21, period: 'hour' });
    expect(parsePayText('Grants of $15 - 90,000 go to partner agencies.')).toBeNull();
  });
});

describe('"FTE" before a figure', () => {
  it('makes it the full-time yearly salary', () => {
    expect(facts(parsePayText('Support worker, band 2 duties (FTE £21,450).'))).toEqual({ min: 21450, max: 21450, period: 'year' });
    expect(facts(findPayInDescription('Pay: full-time equivalent: £24,650 a year, pro rata for part-time hours.'))).toEqual({ min: 24650, max: 24650, period: 'year' });
  });
});

type Phrase = { id: string; text: string; expected: { min: number | null; max: number | null; period: string } | null; sourceUrl: string };
function load(name: string): Phrase[] {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Phrase);
}
function exact(phrases: Phrase[]): number {
  return phrases.filter((p) => JSON.stringify(facts(parsePayText(p.text))) === JSON.stringify(p.expected)).length;
}

describe('the real phrases beyond the corpus after the fourth round', () => {
  it('reads at least 151 of the first set\'s 152 (137 before this round)', () => {
    expect(exact(load('pay-phrases-beyond-corpus.jsonl'))).toBeGreaterThanOrEqual(151);
  });
  it('holds the second set: 113 phrases from public pages, each with its source, read at least 106 exactly (92 blind)', () => {
    const second = load('pay-phrases-beyond-corpus-2.jsonl');
    expect(second.length).toBe(113);
    for (const p of second) expect(p.sourceUrl).toMatch(/^https?:\/\//);
    expect(new Set(second.map((p) => p.id)).size).toBe(113);
    expect(exact(second)).toBeGreaterThanOrEqual(106);
  });
});

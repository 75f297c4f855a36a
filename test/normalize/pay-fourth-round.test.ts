import { describe, expect, it } from 'vitest';
import { findPayInDescription, parsePayText } from '../../scrapers/normalize/index.ts';
import { facts } from './pay-facts.ts';

// Pay classes of the fourth round (issue 9; docs/decisions/101). The sentences are written for
// the tests; the real phrases that showed each class are in the beyond-corpus fixtures.

describe('a non-wage word before the first figure of a list heads the whole list', () => {
  it('throws out every sum of a benefit list, whatever period each names', () => {
    expect(parsePayText('Crews also get a meal allowance of $30 a day for food, $1,200 a month for housing, and $300 for the flight home.')).toBeNull();
    expect(parsePayText('The monthly premium is about $48 per month for single coverage and up to $190 per month for a family.')).toBeNull();
    expect(parsePayText('Night differentials run $1.25/hour, $1.75/hour and $2.25/hour by unit.')).toBeNull();
  });
  it('throws out the far end of a pair too far apart to be one range', () => {
    expect(parsePayText('Retention bonuses for hard-to-fill posts can add $1,500 to $12,000 annually.')).toBeNull();
  });
  it('keeps a wage that follows with its own pay word, a "plus", or after the bonus word of its neighbour', () => {
    expect(facts(parsePayText('Stipend of $300 for supplies; hourly pay $21.40 per hour.'))).toEqual({ min: 21.4, max: 21.4, period: 'hour' });
    expect(facts(parsePayText('A $750 sign-on bonus, $19.60/hr to start'))).toEqual({ min: 19.6, max: null, period: 'hour' });
    expect(facts(parsePayText('Shift differential $1.00/hr for evenings plus $18.75/hr'))).toEqual({ min: 18.75, max: 18.75, period: 'hour' });
  });
  it('keeps a wage paid on top of a stated differential in a description', () => {
    expect(facts(findPayInDescription('Differentials: evenings $1.50/hr, nights $2.50/hr.\nPay: $20.10 per hour'))).toEqual({ min: 20.1, max: 20.1, period: 'hour' });
  });
});

describe('insurance coverage and payments in lieu of it', () => {
  it('are benefits, not pay', () => {
    expect(parsePayText('Staff who opt out of the health plan receive a cash-in-lieu payment of $250 per month.')).toBeNull();
    expect(parsePayText('Dental coverage costs the employee $12 per month.')).toBeNull();
  });
});

describe('hiring and recruitment incentives', () => {
  it('are not pay, before or after the figures, also when two sums share the noun', () => {
    expect(parsePayText('New deputies may qualify for recruitment incentives up to $6,000.')).toBeNull();
    expect(parsePayText('Bus Driver - $3000/$6000 Hiring Incentive')).toBeNull();
    expect(parsePayText('Hiring bonus: $2,500')).toBeNull();
  });
  it('leave a hiring range a pay cue', () => {
    expect(facts(parsePayText('Hiring range: $44,000 - $51,000'))).toEqual({ min: 44000, max: 51000, period: 'year' });
  });
});

describe('"range" as a verb', () => {
  it('is no pay cue of its own: the subject decides', () => {
    expect(parsePayText('Completion awards, paid when a contract ends, can range from $800 to $3,500.')).toBeNull();
  });
  it('still reads a salary that ranges', () => {
    expect(facts(parsePayText('Salaries for this title range from $48,000 to $59,000.'))).toEqual({ min: 48000, max: 59000, period: 'year' });
  });
});

describe('a benefit a programme provides up to a cap', () => {
  it('is not pay', () => {
    expect(parsePayText('The state programme provides up to $3,000 per year toward eligible balances.')).toBeNull();
  });
});

describe('an amount more than another rate, written after the figure', () => {
  it('is a differential', () => {
    expect(parsePayText('Weekend shifts earn you $1.50 more per hour.')).toBeNull();
    expect(parsePayText('Lead workers receive $2.00/hr above the base rate.')).toBeNull();
  });
  it('leaves "or more" a minimum', () => {
    expect(facts(parsePayText('$20 per hour or more, by experience'))).toEqual({ min: 20, max: null, period: 'hour' });
  });
});

describe('bonus instalments paid at milestones of employment', () => {
  it('are not pay', () => {
    expect(parsePayText('Signing award of $3,000: $1,500 after the first 60 days and $1,500 on completion of the probationary period.')).toBeNull();
  });
  it('leave a wage with its period that changes after a milestone alone', () => {
    expect(facts(parsePayText('$17.50 per hour; $18.25 per hour after 90 days'))).toEqual({ min: 17.5, max: 18.25, period: 'hour' });
  });
});

describe('stepped pay: a rate for a first stretch and another from a later day', () => {
  it('is one range from the lower to the higher rate', () => {
    expect(facts(parsePayText('$88 per day for days 1 through 15\n$104 per day beginning on day 16'))).toEqual({ min: 88, max: 104, period: 'day' });
  });
  it('does not read the day number as money', () => {
    expect(facts(parsePayText('$130 per day starting on day 21'))).toEqual({ min: 130, max: 130, period: 'day' });
  });
});

describe('a starting salary and the salary it rises to', () => {
  it('is a range from the start to the raised salary', () => {
    expect(facts(parsePayText('Trainees start at $39,500 and increases to $45,200 once the academy is done.'))).toEqual({ min: 39500, max: 45200, period: 'year' });
    expect(facts(parsePayText('The entry salary is $41,000, rising to $47,500 upon completion of field training.'))).toEqual({ min: 41000, max: 47500, period: 'year' });
  });
  it('keeps the raised salary when a completion clause follows it', () => {
    expect(facts(parsePayText('Pay increases to $52,000 upon completion of the academy.'))).toEqual({ min: 52000, max: 52000, period: 'year' });
  });
  it('reads a starting salary raised to a figure as a minimum', () => {
    expect(facts(parsePayText('From July the starting salary for county dispatchers will be raised to $44,300.'))).toEqual({ min: 44300, max: null, period: 'year' });
  });
});

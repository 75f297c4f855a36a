import { describe, expect, it } from 'vitest';
import { findPayInDescription, parsePayText } from '../../scrapers/normalize/index.ts';

/** Figures only: min, max, period. */
function pay(text: string, where: 'field' | 'description' = 'field'): [number | null, number | null, string] | null {
  const p = where === 'field' ? parsePayText(text) : findPayInDescription(text);
  return p === null ? null : [p.min, p.max, p.period];
}

describe('a sum paid over a term is a stipend, not periodic pay (DOMAIN.md)', () => {
  it.each([
    'Each trainee is given $2,750 over the course of the eight-week training.',
    'Interns are paid $4,200 for the duration of the summer internship',
    'Compensation: $6,000 over the course of the 9-month fellowship',
    'Mentors get $1,250 across the spring semester',
    'A payment of $2,000 on completion of the peer academy',
    'We pay $1,500 for completing the two-week course',
    'Total award of $3,800 for the fall semester',
  ])('no pay in "%s"', (text) => {
    expect(pay(text, 'field')).toBeNull();
    expect(pay(text, 'description')).toBeNull();
  });

  it('reads the term phrase before the figure too', () => {
    expect(pay('Over the course of the twelve-week programme, each cohort member earns $3,300.')).toBeNull();
    expect(pay('During the practicum students receive $900')).toBeNull();
  });

  it('keeps a wage with a stated period, even during a training', () => {
    expect(pay('Pay: $19.50 an hour during the training period')).toEqual([19.5, 19.5, 'hour']);
    expect(pay('Trainees earn $17/hr over the course of the program', 'description')).toEqual([17, 17, 'hour']);
    expect(pay('$46,000 - $52,000 per year for the duration of the contract')).toEqual([46000, 52000, 'year']);
  });

  it('is not fooled by a term word that is not a term ("the program coordinator")', () => {
    expect(pay('Salary: $52,000 for the program coordinator role')).toEqual([52000, 52000, 'year']);
  });

  it('reads a salary for a school year as a year\'s pay (school-based jobs)', () => {
    expect(pay('Salary: $39,500 for the school year')).toEqual([39500, 39500, 'year']);
  });
});

describe('tax benefits and living-cost allowances are benefits, not pay', () => {
  it.each([
    'Salary packaging up to $15,900 a year tax free',
    'Salary packaging: up to $15,900 per year',
    'Up to $18,550 tax-free through salary packaging',
    'Up to $12,000 towards living expenses while you relocate',
    'Up to $8k allowance for housing and living costs',
    'Put up to $9,000 a year towards a car through salary sacrifice',
  ])('no pay in "%s"', (text) => {
    expect(pay(text, 'field')).toBeNull();
    expect(pay(text, 'description')).toBeNull();
  });

  it('still reads the wage beside them', () => {
    expect(pay('Pay: $27.40 - $31.15 per hour, plus salary packaging up to $15,900')).toEqual([27.4, 31.15, 'hour']);
    expect(pay('Base salary $61,000 per year. Salary packaging of up to $15,900 tax free is also offered.', 'description')).toEqual([61000, 61000, 'year']);
  });
});

describe('level tables: one range from the lowest to the highest figure', () => {
  it('merges levels whose ranges lie inside each other when each is labelled', () => {
    expect(pay('Coordinator I: $36,500 - $51,000; Coordinator II: $39,000 - $49,500; Coordinator III: $47,000 - $63,000 per year')).toEqual([36500, 63000, 'year']);
    expect(pay('Non-certified: $17.00 - $20.00 per hour; certified: $17.00 - $22.50 per hour')).toEqual([17, 22.5, 'hour']);
  });

  it('takes a labelled second rate right after a wage as a level, even without its own cue', () => {
    expect(pay('Hourly: $18.25 (non-certified) / $20.75 (certified)', 'description')).toEqual([18.25, 20.75, 'hour']);
    expect(pay('Hourly: $18.25 (non-certified) / $20.75 (certified)', 'field')).toEqual([18.25, 20.75, 'hour']);
  });

  it('takes the period stated once after the last level for all of them', () => {
    const table = 'Salary: Level 1 $41,200 - $50,100, Level 2 $45,300 - $55,900, Level 3 $49,800 - $61,400 annually';
    expect(pay(table, 'field')).toEqual([41200, 61400, 'year']);
    expect(pay(table, 'description')).toEqual([41200, 61400, 'year']);
  });

  it('keeps one scale stated twice as the first statement when nothing labels levels', () => {
    expect(pay('Hiring Range: $24 - $27 per hour; Full Range: $24 - $35 per hour')).toEqual([24, 27, 'hour']);
  });

  it('does not merge a stated range with an unlabelled period-less block beside it', () => {
    expect(pay('Salary: $52,300 - $71,800 per year\n\nBase salary range: $41,000 - $50,000')).toEqual([52300, 71800, 'year']);
  });
});

describe('a minimum / midpoint / maximum table written on one line', () => {
  it('is one range from the minimum to the maximum', () => {
    expect(pay('Annual salary: Minimum: $43,900 Midpoint: $50,250 Maximum: $56,600', 'description')).toEqual([43900, 56600, 'year']);
    expect(pay('Hourly rate: Min: $19.40, Mid: $22.10, Max: $24.80', 'description')).toEqual([19.4, 24.8, 'hour']);
  });

  it('leaves a lone labelled minimum as a minimum', () => {
    expect(pay('Salary: Minimum: $43,900 (depending on experience)', 'description')).toEqual([43900, null, 'year']);
  });
});

describe('a sum over a school year', () => {
  it('is a stipend when it is too small for a year of pay', () => {
    expect(pay('Mentors receive $1,500 over the course of the academic year')).toBeNull();
    expect(pay('Compensation: $2,200 for the school year', 'description')).toBeNull();
  });

  it('is a salary when its size is a year of pay', () => {
    expect(pay('Salary: $41,000 over the academic year')).toEqual([41000, 41000, 'year']);
  });
});

describe('one-time wording', () => {
  it('a one-time payment is no pay, a one-time position still has a salary', () => {
    expect(pay('A one-time payment of $750 after ninety days')).toBeNull();
    expect(pay('This one-time, grant-funded position pays $45,000 per year')).toEqual([45000, 45000, 'year']);
  });
});

describe('a figure of an hourly wage\'s size during a training', () => {
  it('stays a wage: no term makes $18.00 a lump sum', () => {
    expect(pay('During the training program, trainees are paid $18.00')).toEqual([18, 18, 'hour']);
  });
});

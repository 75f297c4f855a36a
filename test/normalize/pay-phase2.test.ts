import { describe, expect, it } from 'vitest';
import type { RawPosting } from '../../schema/index.ts';
import { findPayInDescription, normalizePosting, parsePayText } from '../../scrapers/normalize/index.ts';
import { facts } from './pay-facts.ts';

// Pay classes the fourth round's new real parts (J-L: treatment, justice, crisis and youth
// postings) showed; docs/decisions/103. Every sentence here is written for the test, none is
// taken from a posting.

const now = new Date('2026-03-10T00:00:00Z');
function normalized(raw: Partial<RawPosting> & { description: string }) {
  return normalizePosting({ title: 'Case Aide', ...raw }, { now });
}

describe('a class series stating each level in several periods', () => {
  it('is one range over the levels, in the first period, not one level restated', () => {
    const text = [
      'Case Aide I (#A11)',
      '$18.00-$22.00 hourly / $3,120.00-$3,813.33 monthly / $37,440.00-$45,760.00 yearly',
      '',
      'Case Aide II (#A12)',
      '$20.00-$25.00 hourly / $3,466.67-$4,333.33 monthly / $41,600.00-$52,000.00 yearly',
      '',
      'DUTIES',
      'Helps residents with daily plans.',
    ].join('\n');
    expect(facts(findPayInDescription(text))).toEqual({ min: 18, max: 25, period: 'hour' });
  });

  it('spans more than three times its floor when every figure is labelled as a level', () => {
    const text = [
      'Specialist I: $12.00 - $16.00 hourly',
      'Specialist II: $16.00 - $21.00 hourly',
      'Specialist III: $20.00 - $27.00 hourly',
      'Specialist IV: $25.00 - $33.00 hourly',
      'Specialist V: $31.00 - $40.00 hourly',
    ].join('\n');
    expect(facts(findPayInDescription(text))).toEqual({ min: 12, max: 40, period: 'hour' });
    // Without level labels, figures that far apart stay separate statements.
    const unlabelled = 'Pay: $12.00 - $16.00 hourly for the aide post; the coordinator post pays $38.00 - $40.00 hourly.';
    expect(facts(findPayInDescription(unlabelled))).not.toEqual({ min: 12, max: 40, period: 'hour' });
  });
});

describe('rates by licence and language status', () => {
  it('reads "$a/ $b bilingual" as two rates of one scale', () => {
    expect(facts(parsePayText('Hourly rate: $22/ $23 bilingual'))).toEqual({ min: 22, max: 23, period: 'hour' });
    expect(facts(parsePayText('Hourly rate: unlicensed $30/ $31 bilingual - licensed $34/$35 bilingual'))).toEqual({ min: 30, max: 35, period: 'hour' });
  });

  it('keeps bilingual pay on top of the wage out of the range', () => {
    expect(facts(parsePayText('Pay: $21.00/hr; $1.00/hr bilingual differential'))).toEqual({ min: 21, max: 21, period: 'hour' });
    expect(facts(parsePayText('Pay: $21.00/hr; $1.00/hr bilingual'))).toEqual({ min: 21, max: 21, period: 'hour' });
    // A second figure far above the first is no bilingual rate of the same scale: no range of the two.
    expect(facts(parsePayText('Hourly rate: $22 or $30 bilingual'))).not.toEqual({ min: 22, max: 30, period: 'hour' });
  });
});

describe('levels of a class specification, each under its own rate line', () => {
  const filler =
    'Works under close supervision, keeps case notes current, attends team meetings, takes part in training, ' +
    'helps residents plan their week and learn the routines of the house, and reports concerns to the lead. ' +
    'Drives a program vehicle when asked and keeps the shared spaces tidy and safe at the end of each shift.';

  it('joins the levels far apart when the same label heads each rate and a level is named between', () => {
    const text = `Case Aide I – entry level. ${filler}\nHourly Rate: entry, no experience $19.00\nCase Aide II – journey level. ${filler}\nHourly Rate: two years experience $22.00\n`;
    expect(facts(findPayInDescription(text))).toEqual({ min: 19, max: 22, period: 'hour' });
  });

  it('keeps rates apart when no level is named between them', () => {
    const text = `Hourly Rate: $19.00\n${filler}\n${filler}\nHourly Rate: $22.00\n`;
    expect(facts(findPayInDescription(text))).not.toEqual({ min: 19, max: 22, period: 'hour' });
  });

  it('takes the period the heading label names', () => {
    // 1,250 would be inferred as a month from its size.
    const p = findPayInDescription('Weekly Pay: after 3 months on the team $1,250\nSchedule: days');
    expect(facts(p)).toEqual({ min: 1250, max: 1250, period: 'week' });
    expect(p?.inferred).toBe(false);
  });
});

describe('fields run together by a page that lost its line breaks', () => {
  it('reads a pay label glued to the previous field', () => {
    expect(facts(findPayInDescription('Job TitleCase ManagerSalary$52,000.00 - $61,000.00DepartmentHealth Services'))).toEqual({ min: 52000, max: 61000, period: 'year' });
    expect(facts(parsePayText('State AgencySalary Range:\n4,113 - 5,183Position Type:'))).toEqual({ min: 4113, max: 5183, period: 'month' });
  });

  it('reads "MinUSD $X/Hr." as a minimum, and a bonus field glued after it is not the wage', () => {
    expect(facts(parsePayText('Compensation  MinUSD $18.00/Hr.Bonus$1,000 paid at 90 days'))).toEqual({ min: 18, max: null, period: 'hour' });
    expect(facts(parsePayText('Compensation MinUSD $19.00/Hr. MaxUSD $23.00/Hr.'))).toEqual({ min: 19, max: 23, period: 'hour' });
  });

  it('still treats a number glued to a word as no money', () => {
    expect(parsePayText('Shifts 7a-7p, 3 days a week')).toBeNull();
  });
});

describe('placeholder ranges', () => {
  it('reads a token floor far below the top as no pay', () => {
    expect(parsePayText('Salary $1.00 to $999,999.00')).toBeNull();
    expect(parsePayText('Pay range: $0.01 - $200,000.00 Grade 3 to 3')).toBeNull();
    expect(facts(parsePayText('Pay range: $12.00 to $15.00'))).toEqual({ min: 12, max: 15, period: 'hour' });
  });
});

describe('a "+" set off by spaces before the words of a minimum', () => {
  it('makes the figure a minimum only', () => {
    expect(facts(parsePayText('$52,000 + to start as a trainee'))).toEqual({ min: 52000, max: null, period: 'year' });
    // "+ benefits" is the pay and something else, not a minimum.
    expect(facts(parsePayText('$45,000 + benefits'))).toEqual({ min: 45000, max: 45000, period: 'year' });
  });
});

describe('European-format money after the sign', () => {
  it('reads "US$ 48.500,00" as 48,500.00', () => {
    expect(facts(parsePayText('US$ 48.500,00  -  US$ 52.000,00'))).toEqual({ min: 48500, max: 52000, period: 'year' });
    const eur = parsePayText('€ 3.200,00 per month');
    expect(facts(eur)).toEqual({ min: 3200, max: 3200, period: 'month' });
    expect(eur?.currency).toBe('EUR');
  });
});

describe('tables in pipe form', () => {
  it('reads the first cell of a row written without a leading bar as the label', () => {
    const p = normalized({ description: 'Closing Date | March 3, 2026 |\nSalary | $58,400 |\nFLSA Status | Exempt |\nThe team serves the county court.' });
    expect(p.pay).toMatchObject({ min: 58400, max: 58400, period: 'year' });
    expect(p.payBasis).toBe('description');
  });

  it('reads a table row of a pay field as one range, not as prose', () => {
    const field = 'Title | Grade | Hiring Rate/yr | Job Rate/yr |\n---|---|---|---|\nCommunity Support Counselor 1 | 14 | $52,000 | $64,000 |';
    expect(facts(parsePayText(field))).toEqual({ min: 52000, max: 64000, period: 'year' });
  });
});

describe('a cue in two more layouts', () => {
  it('reads a label line right above a lone figure', () => {
    expect(facts(findPayInDescription('Salary Information\nStarting Salary\n$48,500\nJob Type: Full time'))).toEqual({ min: 48500, max: null, period: 'year' });
  });

  it('reads a cue with its grade code between', () => {
    expect(facts(findPayInDescription('POSITION ANNOUNCEMENT\nSALARY GRADE 19: $61,200\nOpen until filled'))).toEqual({ min: 61200, max: 61200, period: 'year' });
  });
});

describe('the part of a pay the pay before it includes', () => {
  it('is no second rate', () => {
    const text = 'Aide I: Minimum starting salary of $50,000.00.  Includes minimum base pay of $46,000.00 with an additional $2.00 per hour premium pay.';
    expect(facts(findPayInDescription(text))).toEqual({ min: 50000, max: null, period: 'year' });
    expect(facts(parsePayText('Salary: $52,000, which includes a base of $48,000 and a shift premium'))).toEqual({ min: 52000, max: 52000, period: 'year' });
  });

  it('joins levels that each state only a starting floor into a minimum', () => {
    const text = [
      'Aide I: Minimum starting salary of $50,000.00.  Includes minimum base pay of $46,000.00 with an additional $2.00 per hour premium pay.',
      '',
      'Aide II: Minimum starting salary of $56,000.00.  Includes minimum base pay of $52,000.00 with an additional $2.00 per hour premium pay.',
    ].join('\n');
    expect(facts(findPayInDescription(text))).toEqual({ min: 50000, max: null, period: 'year' });
  });
});

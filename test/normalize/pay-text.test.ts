import { describe, expect, it } from 'vitest';
import { findPayInDescription, parsePayText } from '../../scrapers/normalize/index.ts';
import type { PayPeriod } from '../../schema/index.ts';

type Row = [text: string, min: number | null, max: number | null, period: PayPeriod, inferred?: boolean];

/** Pay fields as job boards, ATSs and county boards print them. */
const FIELD_CASES: Row[] = [
  // hourly ranges, every dash and word
  ['$18.50 - $22.00/hr', 18.5, 22, 'hour'],
  ['$18.50 – $22.00 per hour', 18.5, 22, 'hour'],
  ['$18.50—$22.00 an hour', 18.5, 22, 'hour'],
  ['$18 to $22 an hour', 18, 22, 'hour'],
  ['$18-$22/hr', 18, 22, 'hour'],
  ['$18 - 22/hr', 18, 22, 'hour'],
  ['18-22/hr', 18, 22, 'hour'],
  ['$22.10 - $28.45 Hourly', 22.1, 28.45, 'hour'],
  ['Pay Range: $20.00/hr to $24.00/hr', 20, 24, 'hour'],
  ['$20/hour - $24/hour', 20, 24, 'hour'],
  ['$17.00 - $19.50 per hour', 17, 19.5, 'hour'],
  ['From $17.00 - $19.50 per hour', 17, 19.5, 'hour'],
  ['$19.23 - $23.56 Hourly', 19.23, 23.56, 'hour'],
  ['Hourly Rate: $18.00 - $21.00', 18, 21, 'hour'],
  ['Hourly: 18.00 - 21.00', 18, 21, 'hour'],
  ['Pay rate: 20.00 - 24.00 per hour', 20, 24, 'hour'],
  ['$ 18.50 - $ 22.00 / hour', 18.5, 22, 'hour'],
  ['$18.50-$22.00 hr', 18.5, 22, 'hour'],
  ['USD 18.50 - 22.00 per hour', 18.5, 22, 'hour'],
  ['18.50 USD - 22.00 USD per hour', 18.5, 22, 'hour'],
  ['$18.00 - $22.00 /hr DOE', 18, 22, 'hour'],
  ['$18 - $22 per hour, depending on experience', 18, 22, 'hour'],
  ['Between $18 and $22 per hour', 18, 22, 'hour'],
  ['$22.00 - $18.00 per hour', 18, 22, 'hour'],
  ['$18/hr', 18, 18, 'hour'],
  ['$18.75 an hour', 18.75, 18.75, 'hour'],
  ['18.75/hour', 18.75, 18.75, 'hour'],
  ['$18.75 p/h', 18.75, 18.75, 'hour'],
  ['Wage: $19.00 per hour', 19, 19, 'hour'],
  ['$16.00 - $18.00 Per Hour (PRN)', 16, 18, 'hour'],
  ['Estimated $17.50 - $21 an hour', 17.5, 21, 'hour'],
  // annual
  ['Salary: $45,000.00 - $52,000.00 Annually', 45000, 52000, 'year'],
  ['$45,000 - $52,000 a year', 45000, 52000, 'year'],
  ['$45,000-$52,000/yr', 45000, 52000, 'year'],
  ['$45,000 to $52,000 per year', 45000, 52000, 'year'],
  ['$45,000 - $52,000 per annum', 45000, 52000, 'year'],
  ['$45,000 - $52,000 yearly', 45000, 52000, 'year'],
  ['$48k–$55k/yr', 48000, 55000, 'year'],
  ['$48K - $55K per year', 48000, 55000, 'year'],
  ['$48.5K - $55K annually', 48500, 55000, 'year'],
  ['$ 49,026 - $ 63,733 a year', 49026, 63733, 'year'],
  ['$49, 026.00 - $63, 733.00 Annually', 49026, 63733, 'year'],
  ['$49,026.00 - $63,733.00 Annually', 49026, 63733, 'year'],
  ['Annual Salary: $41,600 - $47,840', 41600, 47840, 'year'],
  ['Salary Range (annual): $52,000 – $58,000', 52000, 58000, 'year'],
  ['$52,000/year', 52000, 52000, 'year'],
  ['$52,000 annual salary', 52000, 52000, 'year'],
  ['Estimated $38.8K - $49.1K a year', 38800, 49100, 'year'],
  ['$42,500.00 per year', 42500, 42500, 'year'],
  ['$42,500 p.a.', 42500, 42500, 'year'],
  // month, week, biweek, day
  ['$3,500 - $4,200 per month', 3500, 4200, 'month'],
  ['$3,500 - $4,200 monthly', 3500, 4200, 'month'],
  ['$3,500/mo', 3500, 3500, 'month'],
  ['$3,467.00 - $4,507.00 Monthly', 3467, 4507, 'month'],
  ['Monthly Salary: $3,200 - $3,900', 3200, 3900, 'month'],
  ['$1,600 - $1,950 Bi-Weekly', 1600, 1950, 'biweek'],
  ['$1,884.00 - $2,452.00 Biweekly', 1884, 2452, 'biweek'],
  ['$1,600 every two weeks', 1600, 1600, 'biweek'],
  ['$800 - $950 weekly', 800, 950, 'week'],
  ['$800 per week', 800, 800, 'week'],
  ['$150 - $180 daily', 150, 180, 'day'],
  ['$175 per day', 175, 175, 'day'],
  ['$1,750 semi-monthly', 3500, 3500, 'month'],
  // open-ended
  ['Up to $25/hr', null, 25, 'hour'],
  ['Up to $25 an hour', null, 25, 'hour'],
  ['up to $55,000 a year', null, 55000, 'year'],
  ['Up to $55K per year', null, 55000, 'year'],
  ['As much as $24 per hour', null, 24, 'hour'],
  ['Maximum of $60,000 per year', null, 60000, 'year'],
  ['Starting at $18/hr', 18, null, 'hour'],
  ['Starting at $18.00 per hour', 18, null, 'hour'],
  ['Starting pay $19 an hour', 19, null, 'hour'],
  ['Starting salary of $45,000 per year', 45000, null, 'year'],
  ['From $20 an hour', 20, null, 'hour'],
  ['from $42,000 a year', 42000, null, 'year'],
  ['$18+/hr', 18, null, 'hour'],
  ['$18/hr and up', 18, null, 'hour'],
  ['$45K+ per year', 45000, null, 'year'],
  ['Minimum $17.50 per hour', 17.5, null, 'hour'],
  ['At least $20 per hour', 20, null, 'hour'],
  ['Starting at $18/hr, up to $22/hr based on experience', 18, 22, 'hour'],
  // two statements of one pay: the hourly one wins when there is one, else the first stated
  ['$3,500 - $4,200 per month ($20.19 - $24.23 per hour)', 3500, 4200, 'month'],
  ['$20.19 - $24.23 Hourly / $41,995 - $50,398 Annually', 20.19, 24.23, 'hour'],
  ['$41,995.20 - $50,398.40 Annually / $20.19 - $24.23 Hourly', 41995.2, 50398.4, 'year'],
  ['Salary: $47,500/yr ($22.84/hr)', 47500, 47500, 'year'],
  ['$23.07/hr ($48,000/yr)', 23.07, 23.07, 'hour'],
  ['$3,250 - $3,900 Monthly ($39,000 - $46,800 Annually)', 3250, 3900, 'month'],
  ['$1,520.00 - $1,816.00 Biweekly; $39,520 - $47,216 per year', 1520, 1816, 'biweek'],
  // inferred periods
  ['45K-55K', 45000, 55000, 'year', true],
  ['45-55K', 45000, 55000, 'year', true],
  ['$45,000 - $55,000', 45000, 55000, 'year', true],
  ['$18.00 - $22.00', 18, 22, 'hour', true],
  ['18.50', 18.5, 18.5, 'hour', true],
  ['$3,500', 3500, 3500, 'month', true],
  ['Pay Range: $20.00 - $24.00', 20, 24, 'hour', true],
  ['$52K', 52000, 52000, 'year', true],
  ['$20.00 - $24.00 DOE', 20, 24, 'hour', true],
  // non-wage figures beside the wage
  ['$18 - $20/hr + $1,000 sign-on bonus', 18, 20, 'hour'],
  ['$1,000 sign-on bonus; $18 - $20 per hour', 18, 20, 'hour'],
  ['$20/hr plus $1.50/hr shift differential', 20, 20, 'hour'],
  ['$19.50 per hour + $2/hour bilingual differential', 19.5, 19.5, 'hour'],
  ['$45,000 annually plus $3,000 stipend', 45000, 45000, 'year'],
  ['Sign-on bonus $2,500! Pay: $21.00 an hour', 21, 21, 'hour'],
  // a grade or step number next to the dollars is a code, not the wage
  ['Salary Grade 17 ($44,928 - $58,406 annually)', 44928, 58406, 'year'],
  ['Pay Band: 22 | $52,112.00 - $68,400.00', 52112, 68400, 'year', true],
  ['Step 1: $19.85/hr', 19.85, 19.85, 'hour'],
  // a word later in the sentence does not cancel a clear wage
  ['$18.75 an hour, with increases at 6 and 12 months', 18.75, 18.75, 'hour'],
  ['$21/hr plus night differential', 21, 21, 'hour'],
];

/** Fields that state no figure. */
const NO_PAY: string[] = [
  'DOE',
  'Depends on Experience',
  'Commensurate with experience',
  'Competitive',
  'Competitive salary and benefits',
  'Negotiable',
  'Salary negotiable',
  'TBD',
  '',
  'Grade 14',
  'GS-0303-07',
  'Pay Grade: N13',
  'Pay Grade: 14',
  'Salary Grade 22',
  'Job Class Level 7',
  'Full-time, 40 hours per week',
  '20-40 hours per week',
  'Call (614) 555-1234 for details',
];

describe('parsePayText on pay fields', () => {
  it.each(FIELD_CASES)('reads %j', (text, min, max, period, inferred = false) => {
    const p = parsePayText(text);
    expect(p, text).not.toBeNull();
    expect({ min: p?.min, max: p?.max, period: p?.period, inferred: p?.inferred }).toEqual({ min, max, period, inferred });
  });

  it.each(NO_PAY)('finds no figure in %j', (text) => {
    expect(parsePayText(text)).toBeNull();
  });

  it('keeps the grade of a pay field that names a grade', () => {
    expect(parsePayText('GS-0303-07 $49,026 - $63,733 per year')?.grade).toBe('GS-0303-07');
  });
});

/** Descriptions: the wage must be picked out of text full of other numbers. */
const DESCRIPTION_CASES: [string, string, number | null, number | null, PayPeriod][] = [
  [
    'Indeed job details footer',
    'Job Type: Full-time\nPay: $18.00 - $20.00 per hour\nBenefits:\n• 401(k) matching\n• Health insurance\nSchedule:\n• 8 hour shift\nWork Location: In person',
    18, 20, 'hour',
  ],
  [
    'sign-on bonus before the wage',
    'We are offering a $1,500 sign-on bonus for this position! The starting wage is $19.25 an hour with annual increases.',
    19.25, null, 'hour',
  ],
  [
    'NEOGOV salary line',
    'Salary\n$49,026.00 - $63,733.00 Annually\nLocation\nColumbus, OH\nJob Type\nFull-Time',
    49026, 63733, 'year',
  ],
  [
    'label on the line above the figures',
    'Compensation\n$22 - $26 per hour, based on experience and certification.',
    22, 26, 'hour',
  ],
  [
    'tuition and loan figures are not pay',
    'Benefits include tuition reimbursement up to $5,250 per year and student loan repayment assistance of up to $10,000. Hourly rate: $20.50.',
    20.5, 20.5, 'hour',
  ],
  [
    'ages, hours and days are not pay',
    'You will serve youth ages 14-24. This position is 20-40 hours per week. Certification must be obtained within 90 days. Pay range $17 - $19 per hour.',
    17, 19, 'hour',
  ],
  [
    'phone and years of experience are not pay',
    'Requires 1-2 years of experience. Call 614-555-0199 with questions. Salary: $40,000 - $44,000 per year.',
    40000, 44000, 'year',
  ],
  [
    'monthly and hourly statements of one pay keep the one stated first (DOMAIN.md)',
    'The salary for this position is $3,120 - $3,640 per month ($18.00 - $21.00 per hour).',
    3120, 3640, 'month',
  ],
  [
    'shift differential sentence after the wage',
    'Pay: $19/hr. Evening shift differential of $1.50/hr. Weekend differential $1.00 per hour.',
    19, 19, 'hour',
  ],
  [
    'a raise mentioned after the starting wage does not cancel it',
    'Starting pay is $17.50 per hour, with a raise after you complete your state certification.',
    17.5, null, 'hour',
  ],
  [
    'a differential named right after its own figure is not the wage',
    'Night shift earns a $2.25/hr shift differential. Hourly rate: $19.40.',
    19.4, 19.4, 'hour',
  ],
  [
    'a budget and a grant are not pay',
    'This $2.5 million SAMHSA grant funds the program. Our $45 million budget serves 12 counties. Salary: $46,000 annually.',
    46000, 46000, 'year',
  ],
];

describe('findPayInDescription', () => {
  // Bare numbers (years, hours, counts, grade codes) are skipped before the context scans; the
  // pay next to them must still be read, and a grade code must still lead into its pay.
  it.each([
    ['a grade code before its range among bare counts', 'Founded in 1978, we serve 12 counties. This position is Grade 14 ($42,000 - $56,000) with 11 paid holidays.', 42000, 56000, 'year'],
    ['a salary grade between a deadline and a tuition benefit', 'Complete notes within 24 hours. Salary Grade 22 $52,112 - $68,400 per year. Tuition reimbursement up to $5,250 per year.', 52112, 68400, 'year'],
    ['a bonus after a bare day count', 'Sign-on bonus grade 3 $1,500 paid after 90 days. Pay: $19.00 - $22.00 per hour.', 19, 22, 'hour'],
  ] as const)('%s', (_name, text, min, max, period) => {
    const p = findPayInDescription(text);
    expect({ min: p?.min, max: p?.max, period: p?.period }).toEqual({ min, max, period });
  });

  it.each(DESCRIPTION_CASES)('%s', (_name, text, min, max, period) => {
    const p = findPayInDescription(text);
    expect(p).not.toBeNull();
    expect({ min: p?.min, max: p?.max, period: p?.period }).toEqual({ min, max, period });
  });

  it.each([
    ['benefits with dollar figures only', 'We offer a $500 referral bonus, 401(k) with 4% match, and $2,000 tuition assistance.'],
    ['no figures at all', 'Competitive pay and great benefits. Salary commensurate with experience.'],
    ['a dollar figure with no cue and no period', 'Clients receive a $25 gift card for completing the survey.'],
    ['a retention bonus with a period', 'Retention bonus of $1,000 per year for the first three years.'],
    ['loan repayment', 'Eligible for NHSC loan repayment of up to $50,000.'],
    ['a differential right after the figure', 'Weekend shifts earn an extra $1.75/hr weekend differential.'],
    ['a cell phone stipend', 'Staff receive $40/month cell phone stipend.'],
    ['an implausible wage', 'Salary: $5 per hour'],
  ])('finds no wage: %s', (_name, text) => {
    expect(findPayInDescription(text)).toBeNull();
  });
});

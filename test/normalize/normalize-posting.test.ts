import { describe, expect, it } from 'vitest';
import { normalizedPostingSchema } from '../../schema/index.ts';
import { normalizePosting, parseRawPosting } from '../../scrapers/normalize/index.ts';
import { REAL_POSTINGS } from './fixtures/real-postings.ts';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('normalizePosting on realistic postings', () => {
  it.each(REAL_POSTINGS.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const n = normalizePosting(fixture.raw, { now: NOW });
    expect(normalizedPostingSchema.safeParse(n).success).toBe(true);
    expect(n.isPeerRole).toBe(fixture.expect.isPeerRole);
    expect(n.pay && { min: n.pay.min, max: n.pay.max, period: n.pay.period }).toEqual(fixture.expect.pay);
    expect(n.location.state).toBe(fixture.expect.state);
    // Settings are scored on peer roles and on the clinical negatives that name a setting outright.
    if (fixture.expect.isPeerRole || fixture.expect.settings.length > 0) expect([...n.settings].sort()).toEqual([...fixture.expect.settings].sort());
  });

  it('records how pay was found: structured before the pay field before the description', () => {
    const base = { title: 'Peer Support Specialist', description: 'Pay: $15 - $16 per hour' };
    expect(normalizePosting({ ...base }).payBasis).toBe('description');
    expect(normalizePosting({ ...base, pay: '$17 - $18/hr' }).payBasis).toBe('stated');
    const structured = normalizePosting({ ...base, pay: '$17 - $18/hr', structuredPay: { min: 19, max: 20, period: 'hour', currency: 'USD' } });
    expect(structured.payBasis).toBe('structured');
    expect(structured.pay?.min).toBe(19);
  });

  it('rejects an implausible wage with a reason instead of publishing it', () => {
    const n = normalizePosting({ title: 'Peer Specialist', pay: '$450,000 - $500,000 per year' });
    expect(n.pay).toBeNull();
    expect(n.payRejectedReason).toMatch(/outside 15000-300000/);
    const hourly = normalizePosting({ title: 'Peer Specialist', structuredPay: { '@type': 'MonetaryAmount', value: { value: 4, unitText: 'HOUR' } } });
    expect(hourly.pay).toBeNull();
    expect(hourly.payRejectedReason).toMatch(/outside 7.25-150/);
  });

  it('falls back to the pay field when the structured amount is implausible', () => {
    const n = normalizePosting({
      title: 'Peer Specialist',
      pay: '$45,000 - $50,000 a year',
      structuredPay: { '@type': 'MonetaryAmount', currency: 'USD', value: { minValue: 45000, maxValue: 50000, unitText: 'HOUR' } },
    });
    expect(n.pay).toMatchObject({ min: 45000, max: 50000, period: 'year' });
    expect(n.payBasis).toBe('stated');
  });

  it('keeps a pay grade that comes without dollars', () => {
    const n = normalizePosting({ title: 'Peer Support Specialist', pay: 'Pay Grade: N13' });
    expect(n.pay).toBeNull();
    expect(n.payGrade).toBe('Pay Grade: N13');
    expect(n.payRejectedReason).toBeNull();
  });

  it('reads pay stated only in the title, with the strict description rules', () => {
    const n = normalizePosting({ title: 'Recovery Coach (Per Diem) - $24.50/hour', description: '<p>Support people in early recovery at our drop-in center.</p>' });
    expect(n.pay).toMatchObject({ min: 24.5, max: 24.5, period: 'hour' });
    expect(n.payBasis).toBe('stated');
    // A bare dollar figure in a title is not enough evidence of a wage.
    expect(normalizePosting({ title: 'Peer Specialist - $1,000 Sign-On Bonus' }).pay).toBeNull();
    // The pay field still wins over the title.
    expect(normalizePosting({ title: 'Peer Specialist - $20/hr', pay: '$21 - $23 an hour' }).pay).toMatchObject({ min: 21, max: 23 });
  });

  it('takes the dollar range, not the grade number, from a graded pay field', () => {
    const n = normalizePosting({ title: 'Peer Support Specialist', pay: 'Salary Grade: 19 ($47,840 - $61,214)' });
    expect(n.pay).toMatchObject({ min: 47840, max: 61214, period: 'year' });
    expect(n.payGrade).toBe('Salary Grade: 19');
    const gradeOnly = normalizePosting({ title: 'Peer Support Specialist', pay: 'Pay Grade: 11' });
    expect(gradeOnly.pay).toBeNull();
    expect(gradeOnly.payGrade).toBe('Pay Grade: 11');
  });

  it('flags an inferred period', () => {
    const n = normalizePosting({ title: 'Peer Support Specialist', pay: '$18.00 - $21.00' });
    expect(n.payInferred).toBe(true);
    expect(n.pay).toMatchObject({ period: 'hour', annualMin: 37440, annualMax: 43680 });
  });

  it("uses an employer's chosen settings instead of classifying", () => {
    const n = normalizePosting({ title: 'Peer Support Specialist - Emergency Department', settings: ['crisis_unit', 'crisis_unit', 'moud'] });
    expect(n.settings).toEqual(['crisis_unit', 'moud']);
  });

  it('honours the workplace hint of the source', () => {
    expect(normalizePosting({ title: 'Peer Navigator', location: 'Columbus, OH', workplace: 'TELECOMMUTE' }).location.workplace).toBe('remote');
    expect(normalizePosting({ title: 'Peer Navigator', location: 'Columbus, OH', workplace: 'hybrid' }).location.workplace).toBe('hybrid');
    expect(normalizePosting({ title: 'Peer Navigator', location: 'Remote', workplace: 'onsite' }).location.workplace).toBe('onsite');
  });

  it('reads dates: ISO, epoch milliseconds, US dates and relative phrases', () => {
    expect(normalizePosting({ title: 'x', datePosted: '2026-03-01' }).datePosted).toBe('2026-03-01T00:00:00.000Z');
    expect(normalizePosting({ title: 'x', datePosted: '1772323200000' }).datePosted).toBe('2026-03-01T00:00:00.000Z');
    expect(normalizePosting({ title: 'x', datePosted: '03/01/2026' }).datePosted).toBe('2026-03-01T00:00:00.000Z');
    expect(normalizePosting({ title: 'x', datePosted: 'March 1, 2026' }).datePosted).toBe('2026-03-01T00:00:00.000Z');
    expect(normalizePosting({ title: 'x', datePosted: 'Posted 3 days ago' }, { now: NOW }).datePosted).toBe('2026-03-07T00:00:00.000Z');
    // "30+ days ago" says only "a while ago": undated (rule in posting-dates.ts, tested in dates-and-types.test.ts).
    expect(normalizePosting({ title: 'x', datePosted: '30+ days ago' }, { now: NOW }).datePosted).toBeNull();
    expect(normalizePosting({ title: 'x', datePosted: '2026-03-01T09:30:00-05:00' }).datePosted).toBe('2026-03-01T14:30:00.000Z');
    expect(normalizePosting({ title: 'x', datePosted: 'whenever' }).datePosted).toBeNull();
  });

  it('reads employment types from source values and from text', () => {
    const type = (employmentType: string | string[] | undefined, title = 'Peer Specialist', description = '') =>
      normalizePosting({ title, employmentType, description }).employmentType;
    expect(type('FULL_TIME')).toBe('full_time');
    expect(type('Full-Time')).toBe('full_time');
    expect(type(['PART_TIME', 'FULL_TIME'])).toBe('part_time');
    expect(type('PRN')).toBe('per_diem');
    expect(type('Per Diem')).toBe('per_diem');
    expect(type('CONTRACTOR')).toBe('contract');
    expect(type('Temporary/Seasonal')).toBe('temporary');
    expect(type('Regular Part Time')).toBe('part_time');
    expect(type(undefined, 'Peer Support Specialist (PRN)')).toBe('per_diem');
    expect(type(undefined, 'Peer Support Specialist', 'Job Type: Part-time\nPay: $18.00 per hour')).toBe('part_time');
    expect(type(undefined, 'Peer Support Specialist', 'This is a full-time, benefits-eligible position.')).toBe('full_time');
    expect(type(undefined)).toBeNull();
  });

  it('never throws and always satisfies the schema on odd but valid input', () => {
    const odd = [
      { title: '   x   ' },
      { title: 'Peer', description: '<<<>>>&&&', pay: '$$$ - - -', location: [] },
      { title: 'Peer', location: [{}, '', { state: 'Nowhere' }], structuredPay: [[[]]] },
      { title: 'Peer', description: '\u0000\uFFFF'.repeat(100), datePosted: '99/99/9999' },
    ];
    for (const raw of odd) {
      const parsed = parseRawPosting(raw);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(normalizedPostingSchema.safeParse(normalizePosting(parsed.raw)).success).toBe(true);
    }
  });
});

describe('parseRawPosting', () => {
  it('lists every problem as path: message', () => {
    const r = parseRawPosting({ title: '', pay: 5, settings: ['jail'] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_USER_INPUT');
      expect(r.error.issues.some((i) => i.startsWith('title:'))).toBe(true);
      expect(r.error.issues.some((i) => i.startsWith('pay:'))).toBe(true);
      expect(r.error.issues.some((i) => i.startsWith('settings.0:'))).toBe(true);
    }
  });

  it('rejects non-objects', () => {
    expect(parseRawPosting('Peer Support Specialist').ok).toBe(false);
    expect(parseRawPosting(null).ok).toBe(false);
  });
});

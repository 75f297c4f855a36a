import { describe, expect, it } from 'vitest';
import { classifySettings, normalizePosting, parseRawPosting, payFromStructured } from '../../scrapers/normalize/index.ts';
import type { NormalizedPosting } from '../../schema/index.ts';

/**
 * Rules found by the third, blind evaluation corpus (test/fixtures/normalize-eval-3/, see
 * docs/decisions/013). Each case is phrased differently from the corpus posting that exposed it,
 * so these test the rule, not the example.
 */

describe('settings: medication started on the spot', () => {
  it('an induction after a referral word is still MOUD where the job is', () => {
    const text = 'Peers meet overdose survivors in the emergency room and offer a handoff to recovery housing, along with same-day Suboxone induction by the ED physician.';
    expect(classifySettings({ title: 'Peer Recovery Coach', text })).toEqual(['hospital_ed', 'moud']);
  });

  it('a hospital-initiated medication is MOUD even after "connect ... to"', () => {
    const text = 'The coach links patients to housing and follows ED-initiated buprenorphine patients through their first week.';
    expect(classifySettings({ title: 'Recovery Coach', text })).toContain('moud');
  });

  it('a plain referral to medication stays a destination', () => {
    const text = 'The coach refers interested patients to buprenorphine prescribers in the community.';
    expect(classifySettings({ title: 'Recovery Coach', text })).not.toContain('moud');
  });
});

describe('settings: named units and programs', () => {
  it('a crisis response or crisis intervention unit is a crisis setting', () => {
    expect(classifySettings({ title: 'Clinician', text: 'Work alongside officers as part of the sheriff’s Crisis Intervention Unit.' })).toContain('crisis_unit');
    expect(classifySettings({ title: 'Clinician', text: 'You will be assigned to the county Crisis Response Unit.' })).toEqual(['crisis_unit']);
  });

  it('a psychosocial rehabilitation program is outpatient, not a rehab facility', () => {
    const text = 'You will co-lead classes in our psychosocial rehabilitation day program for adults with serious mental illness.';
    expect(classifySettings({ title: 'Peer Specialist', text })).toEqual(['outpatient']);
  });

  it('a substance use disorder treatment program is a treatment center', () => {
    const text = 'You will join the team of the 30-day substance use disorders treatment program in Building 7.';
    expect(classifySettings({ title: 'Peer Specialist', text })).toEqual(['treatment_center']);
  });
});

describe('settings: about-us paragraphs and reviewer jobs', () => {
  it('an inline "About <organisation>:" paragraph is about-us, not where the job is', () => {
    const text = 'About Lake County: we are a growing county of 700,000 residents, with departments ranging from the county jail to parks.\n\nYou will support adults in the county’s treatment court.';
    expect(classifySettings({ title: 'Peer Recovery Specialist', text })).toEqual(['specialty_court']);
  });

  it('"About the role:" still describes the job', () => {
    const text = 'About the role: you will work with men housed in the county jail.';
    expect(classifySettings({ title: 'Forensic Peer Specialist', text })).toEqual(['jail_police']);
  });

  it('a case reviewer’s description names what is reviewed, not a workplace', () => {
    const text = 'Review requests for residential treatment and inpatient psychiatric admissions against medical necessity criteria.';
    expect(classifySettings({ title: 'Utilization Review Clinician', text })).toEqual([]);
    expect(classifySettings({ title: 'Peer Reviewer (Psychologist)', text })).toEqual([]);
  });

  it('a hospital’s own peer review coordinator keeps the description', () => {
    const text = 'Work in the emergency department office supporting medical staff peer review.';
    expect(classifySettings({ title: 'Peer Review Coordinator', text })).toEqual(['hospital_ed']);
  });
});

function normalized(input: unknown): NormalizedPosting {
  const parsed = parseRawPosting(input);
  if (!parsed.ok) throw parsed.error;
  return normalizePosting(parsed.raw);
}

describe('pay: structured objects and equivalent statements', () => {
  it('keeps the hourly pay text when a yearly structured salary states the same pay', () => {
    const out = normalized({
      title: 'Peer Support Specialist',
      pay: '$18.75 – $22.50 an hour',
      structuredPay: { '@type': 'MonetaryAmount', currency: 'USD', value: { '@type': 'QuantitativeValue', minValue: 39000, maxValue: 46800, unitText: 'YEAR' } },
    });
    expect(out.pay).toMatchObject({ min: 18.75, max: 22.5, period: 'hour' });
  });

  it('keeps the structured salary when the hourly text states different pay', () => {
    const out = normalized({
      title: 'Peer Support Specialist',
      pay: '$15.00 per hour',
      structuredPay: { '@type': 'MonetaryAmount', currency: 'USD', value: { '@type': 'QuantitativeValue', minValue: 39000, maxValue: 46800, unitText: 'YEAR' } },
    });
    expect(out.pay).toMatchObject({ min: 39000, max: 46800, period: 'year' });
    expect(out.payBasis).toBe('structured');
  });

  it('reads salary_from/salary_to and min_salary/max_salary objects with a frequency word', () => {
    const workable = payFromStructured({ salary: { salary_from: 42000, salary_to: 47500, salary_currency: 'USD' } });
    expect(workable).toMatchObject({ min: 42000, max: 47500, period: 'year', currency: 'USD' });
    const other = payFromStructured({ salary_range: { min_salary: '19.25', max_salary: '21.75', frequency: 'hourly' } });
    expect(other).toMatchObject({ min: 19.25, max: 21.75, period: 'hour', inferred: false });
  });

  it('reads a plain compensation object that is not Ashby-shaped', () => {
    expect(payFromStructured({ compensation: { min: 3300, max: 3900, currency: 'USD', pay_period: 'MONTHLY' } })).toMatchObject({ min: 3300, max: 3900, period: 'month' });
  });
});

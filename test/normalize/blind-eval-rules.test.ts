import { describe, expect, it } from 'vitest';
import { classifyRole, classifySettings, findPayInDescription, parsePayText } from '../../scrapers/normalize/index.ts';

/**
 * Rules found by the second, blind evaluation corpus (test/fixtures/normalize-eval-2/, see
 * docs/decisions/013). Each case is phrased differently from the corpus posting that exposed it,
 * so these test the rule, not the example.
 */

function pay(p: ReturnType<typeof parsePayText>): { min: number | null; max: number | null; period: string } | null {
  return p === null ? null : { min: p.min, max: p.max, period: p.period };
}

describe('pay: a non-wage word names the figure before it, not the next one', () => {
  it.each([
    ['$750 referral bonus, $21.50 an hour', 21.5, 21.5],
    ['$1,000 retention bonus and $23/hr', 23, 23],
    ['$2,500 signing bonus plus $20 - $22 per hour', 20, 22],
  ])('reads %j', (text, min, max) => {
    expect(pay(parsePayText(text))).toEqual({ min, max, period: 'hour' });
    expect(pay(findPayInDescription(`Peer specialists earn well here. ${text}.`))).toEqual({ min, max, period: 'hour' });
  });

  it('still drops a figure the non-wage word follows in its own clause', () => {
    expect(findPayInDescription('New hires get a sign-on bonus of $1,200 after 90 days.')).toBeNull();
  });
});

describe('pay: grades, labelled tables and slashed period words', () => {
  it('reads the dollars after a grade code as the grade’s pay', () => {
    expect(pay(findPayInDescription('Classification: Grade 9 ($38,000 - $47,500)\nDuties include group facilitation.'))).toEqual({
      min: 38000,
      max: 47500,
      period: 'year',
    });
  });

  it('reads a minimum / midpoint / maximum table as one range', () => {
    expect(pay(findPayInDescription('Position details\nMin: $19.10\nMid: $22.40\nMax: $25.70\nReports to the program manager.'))).toEqual({
      min: 19.1,
      max: 25.7,
      period: 'hour',
    });
    expect(pay(findPayInDescription('Minimum $41,200\nMaximum $53,900'))).toEqual({ min: 41200, max: 53900, period: 'year' });
  });

  it('does not join a minimum and a maximum that are separate statements', () => {
    const p = findPayInDescription('Minimum wage for trainees is $15.00 per hour.\n\nThe peer team meets weekly and never exceeds 12.\nMaximum: $900 per month cell phone stipend');
    expect(pay(p)).toEqual({ min: 15, max: 15, period: 'hour' });
  });

  it.each([
    ['$48,000 - $60,000/Annually', 48000, 60000, 'year'],
    ['$24.10/Hourly', 24.1, 24.1, 'hour'],
    ['$3,900/Monthly', 3900, 3900, 'month'],
  ])('reads a period word after a slash in %j', (text, min, max, period) => {
    const p = parsePayText(text);
    expect(pay(p)).toEqual({ min, max, period });
    expect(p?.inferred).toBe(false);
  });
});

describe('pay: piece rates are not wages', () => {
  it.each(['$45 per session', '$120 per chart reviewed', '$0.70/mile', '$35 each visit'])('finds no wage in %j', (text) => {
    expect(parsePayText(text)).toBeNull();
    expect(findPayInDescription(`Compensation: ${text}.`)).toBeNull();
  });

  it('keeps year words with a modifier and per diem to the period rules', () => {
    expect(pay(parsePayText('$52,000 per calendar year'))).toEqual({ min: 52000, max: 52000, period: 'year' });
    expect(pay(parsePayText('Pay: $24 per hour'))).toEqual({ min: 24, max: 24, period: 'hour' });
  });
});

describe('settings: job-board section headings', () => {
  const duty = 'Peer specialists on this team work shifts in a 12-bed crisis stabilization unit.';

  it('"About the job" heads the job, not the organisation', () => {
    expect(classifySettings({ title: 'Peer Specialist', text: `About the job\n${duty}` })).toEqual(['crisis_unit']);
    expect(classifySettings({ title: 'Peer Specialist', text: `About the role\n${duty}` })).toEqual(['crisis_unit']);
    expect(classifySettings({ title: 'Peer Specialist', text: `About Us\n${duty}` })).toEqual([]);
  });

  it('"Full job description" ends a benefits list', () => {
    const text = 'Benefits\nPulled from the full job description\nDental insurance\nPaid time off\n\nFull job description\nPeer staff work on a 20-bed inpatient detox unit.';
    expect(classifySettings({ title: 'Peer Specialist', text })).toEqual(['treatment_center']);
  });
});

describe('settings: destinations and origins', () => {
  it('a program clients move on to is a destination', () => {
    const text = 'Peer staff support women in our residential program as they prepare to move on to outpatient care.';
    expect(classifySettings({ title: 'Peer Specialist', text })).toEqual(['treatment_center']);
  });

  it('a pathway into treatment is a destination, but an employer named "Pathway to ..." is not', () => {
    expect(classifySettings({ title: 'Peer Specialist', text: 'Each visit offers naloxone and a pathway into buprenorphine care.' })).toEqual([]);
    expect(classifySettings({ title: 'Peer Specialist', employer: 'Pathway to Hope', text: 'Pathway to Hope is an outpatient MAT clinic.' })).toEqual(['outpatient', 'moud']);
  });

  it('police who drop people off at a crisis center do not make it a police setting', () => {
    const text = 'Peer specialists greet guests at the crisis receiving center, which accepts walk-ins and police drop-offs at any hour.';
    expect(classifySettings({ title: 'Peer Specialist', text })).toEqual(['crisis_unit']);
    expect(classifySettings({ title: 'Peer Specialist', text: text.replace('police drop-offs', 'law enforcement transports') })).toEqual(['crisis_unit']);
  });
});

describe('settings: hospital and MOUD vocabulary', () => {
  it('inpatient treatment at a hospital is the hospital; at a program it is a treatment center', () => {
    expect(classifySettings({ title: 'Peer Specialist', text: 'The state hospital provides inpatient treatment to adults committed by the courts.' })).toEqual(['hospital_ed']);
    expect(classifySettings({ title: 'Peer Specialist', text: 'Our 40-bed program provides inpatient treatment for alcohol and drug addiction.' })).toEqual(['treatment_center']);
  });

  it('an addiction consult service is a hospital team', () => {
    expect(classifySettings({ title: 'Recovery Coach', text: 'Join the inpatient addiction medicine consult service as its recovery coach.' })).toEqual(['hospital_ed']);
  });

  it('office-based buprenorphine treatment is MOUD, even in an organisation’s opening', () => {
    expect(classifySettings({ title: 'Peer Specialist', text: 'We provide office-based buprenorphine treatment in four counties.' })).toEqual(['moud']);
  });

  it('a WIC clinic is no outpatient behavioural health setting', () => {
    expect(classifySettings({ title: 'Peer Counselor', text: 'Counsel new mothers at WIC clinic appointments.' })).toEqual([]);
  });
});

describe('role: workplace peer support and student educators', () => {
  it.each([
    ['Employee Peer Support Program Lead', 'Run the volunteer program.'],
    ['Peer Support Team Coordinator', 'Coordinates the critical incident stress management team that supports fellow firefighters after traumatic calls.'],
    ['Peer Support Coordinator', 'Leads peer support for our nurses and physicians after difficult patient events, alongside the EAP.'],
  ])('%s is workplace peer support, not a peer role', (title, text) => {
    expect(classifyRole({ title, text }).isPeerRole).toBe(false);
  });

  it('a peer specialist who works beside officers, or whose benefits list an EAP, is still a peer role', () => {
    expect(classifyRole({ title: 'Peer Support Specialist', text: 'Ride with sworn officers on the co-responder team and support people in crisis with your lived experience.' }).isPeerRole).toBe(true);
    expect(classifyRole({ title: 'Peer Support Specialist', text: 'Benefits: Employee assistance program, dental, vision.' }).isPeerRole).toBe(true);
  });

  it('settles a peer health or wellness educator from the description', () => {
    expect(classifyRole({ title: 'Peer Wellness Educator', text: 'Undergraduates lead alcohol and stress workshops in the residence halls.' }).isPeerRole).toBe(false);
    expect(classifyRole({ title: 'Peer Health Educator', text: 'Use your lived experience of recovery from substance use to run groups at our clinic.' }).isPeerRole).toBe(true);
  });
});

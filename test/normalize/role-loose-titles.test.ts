import { describe, expect, it } from 'vitest';
import { classifyRole } from '../../scrapers/normalize/index.ts';

const role = (title: string, text: string, employer?: string) => classifyRole({ title, employer, text });

/** Lived-experience roles under loose titles, and their look-alikes (issue 9, second round; decision 086). */
describe('mentor and advocate titles defined by lived experience', () => {
  it('a mentor the text calls a peer mentor, in a recovery or court program, is a peer role', () => {
    const text =
      'Our drug court pairs each participant with someone who has walked the same road. Peer mentors meet weekly with participants, attend hearings and help them keep their sobriety.';
    expect(role('Court Mentor', text)).toEqual({ isPeerRole: true, roleFamily: 'forensic_peer_specialist' });
    expect(role('Veteran Mentor', 'Veterans in treatment mentor fellow veterans through the recovery program and its court dates.').isPeerRole).toBe(true);
  });

  it('a mental health or consumer advocate hired for lived experience is a peer role', () => {
    const text = 'Candidates must have lived experience of a mental health condition and use it to support people at our wellness center.';
    expect(role('Mental Health Advocate', text).isPeerRole).toBe(true);
    expect(role('Consumer Advocate', text).isPeerRole).toBe(true);
  });

  it('look-alikes stay out', () => {
    // Campus, teaching and youth mentoring.
    expect(role('Student Success Mentor', 'Peer mentors help first-year students plan their semester and find tutoring; some know addiction recovery.').isPeerRole).toBe(false);
    expect(role('Mentor Teacher', 'Peer mentors coach new teachers on classroom management and mental health awareness.').isPeerRole).toBe(false);
    expect(role('Youth Mentor', 'Peer mentors build substance use prevention skills with middle schoolers.').isPeerRole).toBe(false);
    // No lived experience or peer wording, or a licence.
    expect(role('Mentor', 'Mentors guide adults with mental health needs at our residential program.').isPeerRole).toBe(false);
    expect(role('Mental Health Advocate', 'Lived experience welcome. Advocate for clients in hearings; LCSW required.').isPeerRole).toBe(false);
    // Victim, patient and legal advocacy are other trades.
    expect(role('Victim Advocate', 'Lived experience of recovery welcome; support survivors with mental health needs.').isPeerRole).toBe(false);
    expect(role('Patient Advocate', 'Lived experience welcome; resolve patient complaints about mental health care.').isPeerRole).toBe(false);
  });
});

describe('a generic title in a peer-support office', () => {
  it('is a peer role when the text places the job in the office and names peer work', () => {
    const text =
      'The Advocacy Specialist works in the Office of Consumer Affairs and Peer Support Services. The office trains peer specialists across the state and writes peer support policy.';
    expect(role('Advocacy Specialist 1', text).isPeerRole).toBe(true);
  });

  it('office, finance and clinical titles in that office are not peer roles', () => {
    const text =
      'The analyst works in the Office of Consumer Affairs and Peer Support Services. The office trains peer specialists across the state and writes peer support policy.';
    expect(role('Budget Analyst', text).isPeerRole).toBe(false);
    expect(role('Administrative Assistant', text).isPeerRole).toBe(false);
    expect(role('Clinical Director', text).isPeerRole).toBe(false);
  });
});

describe('a front-line title whose text makes lived experience a condition of hire', () => {
  it('is a peer role', () => {
    expect(role('Harm Reduction Outreach Worker', 'Applicants must bring lived experience of substance use and recovery to street outreach shifts.').isPeerRole).toBe(true);
    expect(role('Community Engagement Specialist', 'The hire self-identifies as a person in recovery from addiction and runs support groups.').isPeerRole).toBe(true);
    expect(role('Wellness Guide', 'Personal experience with mental health recovery is required for this role.').isPeerRole).toBe(true);
  });

  it('is not when the experience is only welcome, a licence is required, or the title is clinical or clerical', () => {
    expect(role('Outreach Worker', 'Personal experience with recovery is preferred but not required.').isPeerRole).toBe(false);
    expect(role('Outreach Worker', 'Candidates with lived experience of mental health challenges are encouraged to apply.').isPeerRole).toBe(false);
    expect(role('Outreach Specialist', 'Must have lived experience of recovery. LPC or LCSW required.').isPeerRole).toBe(false);
    expect(role('Crisis Counselor', 'Must have lived experience of mental illness.').isPeerRole).toBe(false);
    expect(role('Data Specialist', 'Must have lived experience of recovery; you will maintain our records.').isPeerRole).toBe(false);
    // Lived experience of something other than mental health or substance use.
    expect(role('Housing Specialist', 'Applicants must have lived experience of homelessness.').isPeerRole).toBe(false);
  });
});

describe('a licensed clinician in a peer program', () => {
  it('is a look-alike, while a peer title beside a clinical word stays a peer role', () => {
    expect(role('RN - Peer Support Program', 'Give medications to people in our recovery program.').isPeerRole).toBe(false);
    expect(role('Psychologist, Peer Recovery Services', 'Supervise the peer recovery team; license required.').isPeerRole).toBe(false);
    expect(role('Peer Support Specialist - Nurse Home Visiting Team', 'Share your recovery story with families.').isPeerRole).toBe(true);
  });
});

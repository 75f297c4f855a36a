import { describe, expect, it } from 'vitest';
import { classifyRole } from '../../scrapers/normalize/index.ts';

const role = (title: string, text: string, employer?: string) => classifyRole({ title, employer, text });

/** Roles defined by lived experience of services under plain titles, and their look-alikes (issue 9, round two; decision 087). */
describe('consumer-affairs and client-advocate titles', () => {
  it('a consumer-affairs post that requires having used mental health services is a peer role', () => {
    const text =
      'The coordinator speaks for service users in planning at the clinic. Applicants need a diploma; having been a primary consumer of mental health services, inpatient or outpatient, is likewise required.';
    expect(role('Consumer Affairs Coordinator', text.replace('having been a primary consumer', 'experience as a primary consumer')).isPeerRole).toBe(true);
    expect(role('Office of Consumer Affairs Liaison', 'The liaison self-identifies as a primary consumer of mental health services and reports to the board.').isPeerRole).toBe(true);
  });

  it('a client advocate on a treatment team is a peer role when a peer credential or lived experience is a listed requirement', () => {
    const credential = 'You will join an assertive community treatment team. Needed: a diploma, a driving licence, and a Certified Peer Support Specialist credential (must be kept current).';
    expect(role('Client Advocate II', credential).isPeerRole).toBe(true);
    const list = 'Minimum requirements:\n- High school diploma\n- Lived experience of recovery from a serious mental illness\n- A valid driving licence';
    expect(role('Client Advocate', list).isPeerRole).toBe(true);
  });

  it('a mental health advocate whose work is giving clients peer support is a peer role', () => {
    const text = 'Staff in this class give people leaving hospital a mix of peer support, advocacy and linkage, and carry the consumer perspective into team meetings at the mental health clinic.';
    expect(role('Mental Health Advocate', text).isPeerRole).toBe(true);
  });

  it('look-alikes stay out', () => {
    // A complaints-handling advocate with no lived-experience condition.
    expect(role('Client Advocate', 'Handles complaints from people using our mental health services and answers grievances within ten days.').isPeerRole).toBe(false);
    // A consumer-protection office.
    expect(role('Consumer Affairs Specialist', 'Investigate billing complaints against licensed contractors for the state board.').isPeerRole).toBe(false);
    // Lived experience only in a preferred list.
    const preferred = 'Requirements:\n- Bachelor degree\nPreferred:\n- Lived experience of mental health recovery';
    expect(role('Outreach Specialist', preferred).isPeerRole).toBe(false);
    // A peer credential that is only a plus.
    expect(role('Outreach Specialist', 'CPRS certification preferred; we serve adults with substance use needs.').isPeerRole).toBe(false);
  });
});

describe('organisations whose whole staff has lived experience', () => {
  it('a front-line crisis post at a lived-experience-led charity is a peer role', () => {
    const text =
      'We run an evening safe space for people thinking about suicide. Everyone on our staff and board has personal lived experience of suicidal distress or of losing someone to suicide. Each of our staff members has lived experience of the mental health system.';
    expect(role('Crisis Support Worker', text.replace('Everyone on our staff and board has', 'All our staff have')).isPeerRole).toBe(true);
    expect(role('Night Support Worker', 'A lived-experience-led mental health service offering calm evening support.').isPeerRole).toBe(true);
  });

  it('a clinician or an office post there is not, and nor is a service merely referring to such groups', () => {
    const text = 'All our staff have lived experience of mental distress; we offer an evening crisis space.';
    expect(role('Crisis Therapist', text).isPeerRole).toBe(false);
    expect(role('Finance Assistant', text).isPeerRole).toBe(false);
    expect(role('Crisis Support Worker', 'Our crisis team refers callers on to local groups where members share lived experience.').isPeerRole).toBe(false);
  });
});

describe('look-alikes that carry lived-experience or peer words', () => {
  it('lived-experience representatives on advisory or governance groups are not peer support jobs', () => {
    const text = 'People with lived experience of suicidality are invited to sit on steering and advisory groups shaping the crisis reform program.';
    expect(role('Lived Experience Representatives for a Reform Project', text).isPeerRole).toBe(false);
    expect(role('Consumer Advisory Council Member', text).isPeerRole).toBe(false);
    // An expression of interest for a peer worker's post is a job.
    expect(role('Expression of Interest - Lived Experience Peer Worker', 'Support adults in our community mental health team using your lived experience.').isPeerRole).toBe(true);
  });

  it('a campus "Mental Health Peer" helping fellow students is not a peer support worker', () => {
    const text = 'Student peers staff the counselling centre drop-in, help students manage exam stress and table at campus fairs during the academic year.';
    expect(role('Mental Health Peer', text).isPeerRole).toBe(false);
    expect(role('Wellness Peers 2026-27', text).isPeerRole).toBe(false);
    // Students hired for their own recovery are peers.
    expect(role('Mental Health Peer', `${text} Applicants must have lived experience of mental illness and be in recovery.`).isPeerRole).toBe(true);
  });

  it('a Support, Time and Recovery worker (a clinical support grade) is not a peer role', () => {
    const text = 'Join the home treatment team as a band 3 support worker giving practical help to adults in mental health crisis.';
    expect(role('Support, Time and Recovery Worker', text).isPeerRole).toBe(false);
    expect(role('Support Time & Recovery Worker - Community Team', text).isPeerRole).toBe(false);
    // A peer title beside it stays a peer role.
    expect(role('Peer Support Worker (Support, Time and Recovery)', text).isPeerRole).toBe(true);
  });
});

describe('front-line titles whose work is to use lived experience', () => {
  it('using your own lived experience of recovery, or a required peer certification, makes a plain title a peer role', () => {
    const uses = 'In this post you draw on your own lived experience of addiction recovery to walk beside adults at our outpatient clinic.';
    expect(role('Community Support Specialist', uses).isPeerRole).toBe(true);
    const cert = 'Serve adults with serious mental illness at the county clinic. Certification as a peer recovery specialist within 12 months of hire is required.';
    expect(role('Engagement Specialist', cert).isPeerRole).toBe(true);
  });

  it('a welcome, another kind of lived experience, or plain personal experience is not enough', () => {
    expect(role('Case Aide', 'We encourage applicants to use their lived experience; our behavioral health clinic welcomes all.').isPeerRole).toBe(false);
    expect(role('Outreach Worker', 'Use your lived experience of homelessness to engage people sleeping rough; we link them to mental health care.').isPeerRole).toBe(false);
    expect(role('Support Specialist', 'Use your personal experience of customer service to help staff at our mental health clinic.').isPeerRole).toBe(false);
  });
});

describe('family and youth titles of wraparound programs', () => {
  it('are peer roles when the text hires by lived experience or a peer credential', () => {
    const text = 'Parents and caregivers who have raised a child with emotional or behavioral challenges bring their lived experience to families new to the system of care.';
    expect(role('Family Navigator', text)).toEqual({ isPeerRole: true, roleFamily: 'family_peer_advocate' });
    expect(role('Parent Support Provider', text).isPeerRole).toBe(true);
    expect(role('Youth Support Partner', 'Young adults with lived experience of the mental health system support teens in wraparound.')).toEqual({ isPeerRole: true, roleFamily: 'youth_peer_advocate' });
  });

  it('are not without it', () => {
    expect(role('Family Navigator', 'Help families enrol in health insurance and find a primary care provider.').isPeerRole).toBe(false);
    expect(role('Youth Partner', 'Coordinate volunteer reading partners for elementary schools.').isPeerRole).toBe(false);
  });
});

describe('credentials and lived experience that are not the hire\'s own condition', () => {
  it('supervising or training certified peers does not make a plain title a peer role', () => {
    expect(role('Program Specialist', 'Oversee the schedules of our Certified Peer Specialists; must have three years of behavioral health experience.').isPeerRole).toBe(false);
  });

  it('a paragraph about the service that starts with lived experience is not a requirements line', () => {
    const text =
      'Minimum qualifications are listed at the end.\nLived experience sits at the centre of everything our recovery services do, and every team here works with people who use substances, their families, and the wider neighbourhood around our clinic and outreach van.';
    expect(role('Outreach Specialist', text).isPeerRole).toBe(false);
  });
});

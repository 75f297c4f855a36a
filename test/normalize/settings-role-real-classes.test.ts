import { describe, expect, it } from 'vitest';
import { classifyRole, classifySettings } from '../../scrapers/normalize/index.ts';

const settings = (text: string, title = 'Peer Support Specialist', employer?: string) => classifySettings({ title, employer, text });

describe('settings described rather than named (issue 9)', () => {
  it('a crisis line, chat or text service is a crisis setting', () => {
    expect(settings('You will answer the suicide prevention lifeline and follow up with callers.')).toContain('crisis_unit');
    expect(settings('Staff the crisis chat and text service on evening shifts.', 'Crisis Text Counselor')).toContain('crisis_unit');
  });

  it('a peer respite is a crisis setting, and a residential one a treatment center too', () => {
    expect(settings('Support guests during their stay at the peer respite house.')).toContain('crisis_unit');
    expect(settings('The program is a short-term residential respite where guests stay up to a week.', 'Respite Peer Specialist')).toEqual(
      expect.arrayContaining(['crisis_unit', 'treatment_center']),
    );
  });

  it('a VA medical center or health care system is a hospital', () => {
    expect(settings('The post is in mental health services at the Riverton VA Medical Center.')).toContain('hospital_ed');
    expect(settings('This role sits in the VA Northern Plains Health Care System.')).toContain('hospital_ed');
  });

  it('a county behavioral health service is outpatient, but a county mental health court is a court', () => {
    expect(settings('Lane County Adult Behavioral Health is hiring peers for its recovery team.')).toContain('outpatient');
    const court = settings('The peer attends hearings of the Lane County Mental Health Court with participants.');
    expect(court).toContain('specialty_court');
    expect(court).not.toContain('outpatient');
  });

  it('a PACT team is outpatient', () => {
    expect(settings('Join our PACT team visiting people in their homes.')).toContain('outpatient');
  });

  it('supportive housing, a community center and a day center are community settings', () => {
    expect(settings('The Peer Specialist works on site at our supportive housing program.')).toContain('community_org');
    expect(settings('The Recovery Mentor staffs the community center during open hours.', 'Recovery Mentor')).toContain('community_org');
  });

  it('a sentence about the job holder in unlabelled text counts as the job\'s own duties', () => {
    expect(settings('The Peer Advocate staffs the drop-in hours each afternoon.')).toContain('community_org');
  });

  it('a court-supervised treatment program is a specialty court', () => {
    expect(settings('Mentor veterans through the court-supervised treatment program.', 'Veteran Peer Mentor')).toContain('specialty_court');
  });

  it('generic "children and families" boilerplate does not make a youth setting', () => {
    expect(settings('Our agency has served individuals, children and families since 1970. You will support adults in recovery.')).not.toContain('youth_services');
  });

  it('campus students are not a youth setting', () => {
    expect(settings('Help fellow students with coursework and study skills.', 'Peer Tutor')).not.toContain('youth_services');
  });

  it('a lifespan service naming youth beside adults is not a youth setting', () => {
    expect(settings('We bring together people of all ages: youth, adults and older adults.')).not.toContain('youth_services');
    expect(settings('Support youth aged 16 to 24 in our drop-in program.', 'Youth Peer Mentor')).toContain('youth_services');
  });

  it('a recovery high school is a youth setting', () => {
    expect(settings('Work at our recovery high school supporting teens each morning.', 'Recovery Coach')).toContain('youth_services');
  });

  it('"Police and Fire" as a city\'s departments is no jail or police setting', () => {
    expect(settings('The team is a third branch of first responders beside Police and Fire, answering crisis calls.')).not.toContain('jail_police');
  });

  it('the VA\'s "rehabilitation treatment program" boilerplate is no treatment center', () => {
    expect(settings('The specialist helps staff in a rehabilitation treatment program for veterans.')).not.toContain('treatment_center');
  });
});

describe('role: peer work under generic titles, look-alikes under peer titles (issue 9)', () => {
  it('a generic title whose text hires for peer work is a peer role', () => {
    const text = 'Essential duties: provide peer support to people with substance use concerns; offer peer mentoring and links to the recovery community.';
    expect(classifyRole({ title: 'Behavioral Health Associate', text }).isPeerRole).toBe(true);
  });

  it('a clinical director overseeing peer teams, with a licence required, is not a peer role', () => {
    const text = 'The director provides peer support supervision and oversees peer specialists and therapists. LCSW or LPC license required.';
    expect(classifyRole({ title: 'Clinical Director, Recovery Services', text }).isPeerRole).toBe(false);
  });

  it('a peer supervisor or coordinator is a peer role (the advancement path)', () => {
    expect(classifyRole({ title: 'Peer Services Coordinator', text: 'Lead our team of certified peer specialists.' })).toEqual({ isPeerRole: true, roleFamily: 'peer_supervisor' });
  });

  it('a family advocate without lived experience or a peer credential is not a family peer advocate', () => {
    const text = 'Support families of children referred to the advocacy center; bachelor degree in human services and mental health knowledge required.';
    expect(classifyRole({ title: 'Family Advocate', text }).isPeerRole).toBe(false);
    expect(classifyRole({ title: 'Family Advocate', text: 'Parents with lived experience of raising a child with mental health needs support other families.' }).isPeerRole).toBe(true);
  });

  it('a peer educator with no lived-experience requirement is not a peer support role', () => {
    expect(classifyRole({ title: 'Peer Educators', text: 'Teach workshops on substance use and HIV prevention; a degree in health education preferred.' }).isPeerRole).toBe(false);
  });

  it('a volunteer mentor is not a peer support job', () => {
    expect(classifyRole({ title: 'Peer Recovery Volunteer Mentor', text: 'Lived experience welcome.' }).isPeerRole).toBe(false);
  });

  it('an online community moderator is not a peer support job', () => {
    expect(classifyRole({ title: 'Remote Peer Support Moderator', text: 'Moderate our online peer support forum; lived experience welcome.' }).isPeerRole).toBe(false);
  });

  it('a parent advocate hired for first-hand experience of the system is a family peer advocate', () => {
    const text = 'Parents with personal experience of the child welfare system support families in court.';
    expect(classifyRole({ title: 'Parent Advocate', text })).toEqual({ isPeerRole: true, roleFamily: 'family_peer_advocate' });
  });
});


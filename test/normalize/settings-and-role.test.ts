import { describe, expect, it } from 'vitest';
import { classifyRole, classifySettings } from '../../scrapers/normalize/index.ts';

describe('classifySettings', () => {
  it.each([
    ['title names the emergency department', { title: 'Peer Recovery Specialist - Emergency Department' }, ['hospital_ed']],
    ['ED as a capitalised acronym in the title', { title: 'Recovery Coach, ED Bridge Program' }, ['hospital_ed']],
    ['employer is a sheriff', { title: 'Peer Support Specialist', employer: "Hamilton County Sheriff's Office" }, ['jail_police']],
    ['employer is a children’s hospital', { title: 'Family Peer Advocate', employer: "Nationwide Children's Hospital" }, ['hospital_ed', 'youth_services']],
    ['job sentence about the county jail', { title: 'Peer Specialist', text: 'You will work in the county jail with people awaiting trial.' }, ['jail_police']],
    ['methadone clinic', { title: 'Peer Specialist', text: 'Support patients at our methadone clinic and opioid treatment program.' }, ['outpatient', 'moud']],
    ['MAT in capitals', { title: 'Peer Recovery Coach - MAT Program' }, ['moud']],
    ['CCBHC and ACT team', { title: 'Peer Specialist', text: 'Join the ACT team of our CCBHC.' }, ['outpatient']],
    ['988 and mobile crisis', { title: 'Peer Support Specialist', text: 'Respond with the mobile crisis team to calls routed from 988.' }, ['crisis_unit']],
    ['drug court', { title: 'Peer Mentor', text: 'Support participants of the county drug court through each phase.' }, ['specialty_court']],
    ['returning citizens', { title: 'Peer Navigator', text: 'Help returning citizens find housing and work after release.' }, ['reentry']],
    ['recovery community organization', { title: 'Recovery Coach', employer: 'Recovery Community Organization of the Valley' }, ['community_org']],
    ['residential detox', { title: 'Peer Support Specialist', text: 'Provide peer support on our withdrawal management unit and residential treatment program.' }, ['treatment_center']],
    ['transition-age youth', { title: 'Peer Specialist - TAY Program', text: 'Serve transition-age youth 16 to 25.' }, ['youth_services']],
  ] as const)('%s', (_name, input, expected) => {
    expect(classifySettings(input)).toEqual(expected);
  });

  it.each([
    ['"hospitalization" is not a hospital', { title: 'Peer Specialist', text: 'Benefits include hospitalization insurance. Help members avoid rehospitalization.' }],
    ['"ER" and "ED" inside words', { title: 'Peer Specialist', text: 'PEER SUPPORT. Provide support to members. Required: ability to work with others.' }],
    ['lower-case "mat" and "ed"', { title: 'Peer Specialist', text: 'Bring a yoga mat. Facilitate psycho-ed groups.' }],
    ['negated jail experience', { title: 'Peer Specialist', text: 'No jail experience required.' }],
    ['negated crisis role', { title: 'Peer Specialist', text: 'This is not a crisis position.' }],
    ['about-us list of other programs', {
      title: 'Peer Specialist',
      text: 'About Us\nWe also operate a jail diversion program, a crisis stabilization unit and an opioid treatment program.',
    }],
    ['EEO statement', { title: 'Peer Specialist', text: 'Equal Opportunity\nWe do not discriminate against applicants with a history of incarceration, including people in jail diversion or on probation.' }],
    ['a phone number containing 988', { title: 'Peer Specialist', text: 'Questions? Call (614) 988-2211.' }],
    ['police background check', { title: 'Peer Specialist', text: 'Must pass a police background check.' }],
    ['probationary period', { title: 'Peer Specialist', text: 'New employees serve a 90-day probation period.' }],
  ] as const)('no setting from %s', (_name, input) => {
    expect(classifySettings(input)).toEqual([]);
  });

  it('weighs the job’s own work above where it refers people', () => {
    const text = 'The specialist works in the emergency department and refers patients to outpatient clinics and residential treatment.';
    expect(classifySettings({ title: 'Peer Recovery Specialist', text })).toEqual(['hospital_ed']);
  });

  it('a strong phrase in the job section outweighs the same words in about-us', () => {
    const about = 'About Us\nOur agency also operates a jail program.';
    expect(classifySettings({ title: 'Peer Specialist', text: about })).toEqual([]);
    expect(classifySettings({ title: 'Peer Specialist', text: `${about}\n\nJob Summary\nYou will work in the county jail.` })).toEqual(['jail_police']);
  });
});

describe('classifyRole', () => {
  it.each([
    ['Certified Peer Specialist', 'certified_peer_specialist'],
    ['Peer Support Specialist', 'peer_support_specialist'],
    ['Peer Recovery Specialist', 'peer_recovery_specialist'],
    ['Recovery Coach', 'peer_recovery_specialist'],
    ['Recovery Support Specialist II', 'peer_recovery_specialist'],
    ['Parent Partner', 'family_peer_advocate'],
    ['Family Peer Advocate', 'family_peer_advocate'],
    ['Youth Peer Advocate', 'youth_peer_advocate'],
    ['Forensic Peer Specialist', 'forensic_peer_specialist'],
    ['Justice Peer Mentor', 'forensic_peer_specialist'],
    ['Peer Bridger', 'peer_navigator'],
    ['Recovery Navigator', 'peer_navigator'],
    ['Veteran Peer Specialist', 'veteran_peer_specialist'],
    ['Peer Support Supervisor', 'peer_supervisor'],
    ['Peer Program Manager', 'peer_supervisor'],
    ['Lead Peer Recovery Specialist', 'peer_supervisor'],
    ['Community Health Worker - Peer', 'peer_support_specialist'],
    ['PEER SUPPORT SPECIALIST - PART TIME', 'peer_support_specialist'],
  ] as const)('%s is a peer role (%s)', (title, family) => {
    expect(classifyRole({ title })).toEqual({ isPeerRole: true, roleFamily: family });
  });

  it.each([
    'Peer Review Nurse',
    'Physician Peer Reviewer',
    'Peer Review Coordinator - Quality',
    'Peer Tutor',
    'Breastfeeding Peer Counselor',
    'WIC Peer Counselor',
    'Registered Nurse (RN) - Behavioral Health',
    'Licensed Therapist',
    'Disaster Recovery Engineer',
    'Revenue Recovery Specialist',
    'Case Manager',
    'CPS Investigator',
  ])('%s is not a peer role', (title) => {
    expect(classifyRole({ title, text: 'Work with our peer support team. Mental health experience is a plus.' }).isPeerRole).toBe(false);
  });

  it('settles an ambiguous title from the description', () => {
    expect(classifyRole({ title: 'Peer Mentor', text: 'Use your lived experience of mental health recovery to support members.' }).isPeerRole).toBe(true);
    expect(classifyRole({ title: 'Peer Mentor', text: 'Peer mentors help first-year students on campus with academic success.' }).isPeerRole).toBe(false);
    expect(classifyRole({ title: 'Peer Counselor', text: 'Help mothers with breastfeeding in the WIC program.' }).isPeerRole).toBe(false);
  });
});

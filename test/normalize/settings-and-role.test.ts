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

describe('classifySettings: about-us, referrals and origins', () => {
  it('carries an about-us opening through its paragraph until a sentence turns to the job', () => {
    const text =
      'Lakeside Behavioral Health has been part of the community since 1985. Today we run adolescent programs, a detox unit, mobile crisis teams and two outpatient clinics.\n' +
      'The Peer Recovery Coach works in our outpatient clinic in Dover.';
    expect(classifySettings({ title: 'Peer Recovery Coach', employer: 'Lakeside Behavioral Health', text })).toEqual(['outpatient']);
  });

  it('a job sentence in the same paragraph as the about-us opening still counts', () => {
    const text = 'Riverside General is a 220-bed community hospital. Our Peer Recovery Specialists meet patients in the emergency department after an overdose.';
    expect(classifySettings({ title: 'Peer Recovery Specialist', employer: 'Riverside General', text })).toEqual(['hospital_ed']);
  });

  it('reads a sentence that names three or more settings as an inventory of the organisation', () => {
    const text = 'Alongside primary care, the agency operates a methadone program, a youth shelter and a psychiatric hospital.\nStaff in this role are based at our drop-in center.';
    expect(classifySettings({ title: 'Peer Specialist', text })).toEqual(['community_org']);
  });

  it('keeps the setting a one-setting organisation names when it describes itself', () => {
    expect(classifySettings({ title: 'Peer Support Specialist', employer: 'Maple Grove', text: 'Maple Grove is a 40-bed residential treatment facility for women.' })).toEqual(['treatment_center']);
    expect(classifySettings({ title: 'Recovery Coach', employer: 'Second Street', text: 'Second Street provides recovery support to people held in the county jail.' })).toEqual(['jail_police']);
  });

  it('counts only what an organisation is, not the list of what it provides, when its opening names several settings', () => {
    const list = 'Coastal Counseling provides outpatient therapy, intensive outpatient and medication-assisted treatment. The Peer Specialist works with clients in the IOP.';
    expect(classifySettings({ title: 'Peer Specialist', employer: 'Coastal Counseling', text: list })).toEqual(['outpatient']);
    const identity = 'Bayview Health is an outpatient buprenorphine clinic, with two locations.';
    expect(classifySettings({ title: 'Peer Specialist', employer: 'Bayview Health', text: identity })).toEqual(['outpatient', 'moud']);
  });

  it.each([
    ['warm handoffs', 'Meet patients in the emergency department after an overdose and provide warm handoffs to detox and residential treatment.', ['hospital_ed']],
    ['bridging to care', 'Support patients in the hospital and bridge them to outpatient buprenorphine providers after discharge.', ['hospital_ed']],
    ['options such as', 'Guests on our crisis stabilization unit weigh options such as residential treatment, IOP or methadone.', ['crisis_unit']],
    ['diverting from places', 'Ride along with police officers and divert people in crisis away from jail and the emergency room.', ['jail_police']],
  ] as const)('does not make a destination a setting: %s', (_name, text, expected) => {
    expect(classifySettings({ title: 'Peer Specialist', text })).toEqual(expected);
  });

  it('reads the jail people come home from as re-entry work', () => {
    expect(classifySettings({ title: 'Peer Navigator', text: 'We help people returning home from state prison and county jail find housing and work.' })).toEqual(['reentry']);
  });

  it('counts a jail in a release sentence only when the job is inside it', () => {
    expect(classifySettings({ title: 'Peer Navigator', text: 'Start meeting participants 90 days before release through video calls with the Department of Corrections.' })).toEqual([]);
    expect(classifySettings({ title: 'Peer Navigator', text: 'Visit justice-involved veterans in the Pima County jail prior to release.' })).toEqual(['jail_police']);
  });

  it('"connect with" people somewhere is meeting them there, "connect to" a place is a referral', () => {
    expect(classifySettings({ title: 'Veteran Peer Specialist', text: 'Connect with veterans at the county drug court each week.' })).toEqual(['specialty_court']);
    expect(classifySettings({ title: 'Veteran Peer Specialist', text: 'Connect veterans to the county drug court and other services.' })).toEqual([]);
  });

  it.each([
    ['a treatment provider named "Recovery Center"', { title: 'Peer Support Specialist', employer: 'Sunrise Recovery Center' }],
    ['a warmline', { title: 'Peer Specialist', text: 'Answer calls and texts on our peer warmline.' }],
    ['"inpatient" alone in a title', { title: 'Peer Specialist - Inpatient' }],
    ['a high school diploma', { title: 'Peer Specialist', text: 'High school diploma or GED required.' }],
    ['the worker’s own history of incarceration', { title: 'Peer Specialist', text: 'Lived experience of incarceration is valued; people who have been incarcerated are encouraged to apply.' }],
    ['a nonprofit tax status', { title: 'Peer Specialist', text: 'Hope House is a nonprofit.' }],
  ] as const)('no setting from %s', (_name, input) => {
    expect(classifySettings(input)).toEqual([]);
  });

  it('reads inpatient behavioral health as a hospital unit, and inpatient rehab as a treatment center', () => {
    expect(classifySettings({ title: 'Peer Support Specialist - Inpatient Behavioral Health' })).toEqual(['hospital_ed']);
    expect(classifySettings({ title: 'Peer Specialist - Inpatient', text: 'Support residents through detox and residential rehab.' })).toEqual(['treatment_center']);
  });

  it('keeps "St." and initials inside a sentence', () => {
    const text = "St. Mary's is a residential detox and rehab center. Dr. Patel leads the team.";
    expect(classifySettings({ title: 'Recovery Coach', employer: "St. Mary's Recovery Campus", text })).toEqual(['treatment_center']);
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

  it('recognises a Peer Mentor at a recovery program by its recovery wording', () => {
    expect(classifyRole({ title: 'Peer Mentor', text: 'Mentors are graduates of our long-term program. Applicants need 18 months of continuous sobriety.' }).isPeerRole).toBe(true);
    expect(classifyRole({ title: 'Peer Mentor - Men’s Program', employer: 'Lighthouse Recovery Program', text: 'Lead morning meetings and chores.' }).isPeerRole).toBe(true);
    expect(classifyRole({ title: 'DUI Court Peer Mentor', text: 'Attend hearings and meet participants weekly.' }).isPeerRole).toBe(true);
    expect(classifyRole({ title: 'Peer Mentor', text: 'Texas PRSS certification required. Meet participants weekly.' }).isPeerRole).toBe(true);
  });

  it('keeps student peer mentors, tutors and advisors at universities out', () => {
    expect(classifyRole({ title: 'Peer Advisor', text: 'Peer advisors help undergraduates plan class schedules and navigate academic advising. Alcohol-free events each semester.' }).isPeerRole).toBe(false);
    expect(classifyRole({ title: 'Peer Mentor (Student Position)', text: 'Support first-year students living in the residence halls.' }).isPeerRole).toBe(false);
    expect(classifyRole({ title: 'Peer Tutor', text: 'Tutor students who are in recovery from a tough semester.' }).isPeerRole).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { classifySettings } from '../../scrapers/normalize/index.ts';

const settings = (text: string, title = 'Peer Support Specialist', employer?: string) => classifySettings({ title, employer, text });

describe('settings: described settings in other words (issue 9, third round, decision 081)', () => {
  it('a hospital unit by its other names: behavioral health unit, psychiatric ward, acute inpatient care', () => {
    expect(settings('You will spend your shifts on the adult behavioral health unit, meeting people soon after admission.')).toContain('hospital_ed');
    expect(settings('Shifts are on two psychiatric wards of the general hospital campus.')).toContain('hospital_ed');
    expect(settings('The peer joins the acute inpatient team and helps plan each discharge with the nurses.')).toContain('hospital_ed');
    expect(settings('Peer Support Worker, Birch Ward', 'Peer Support Worker, Birch Ward')).toContain('hospital_ed');
  });

  it('a ward of the state, a numbered city ward and a "not" list name no hospital or clinic', () => {
    expect(settings('Caseloads include state ward services and foster placements for the county.', 'Social Worker')).not.toContain('hospital_ed');
    expect(settings('The office serves residents of Ward 7 and Ward 8 with tenant organising.')).not.toContain('hospital_ed');
    expect(settings('Members run the house together; the day must not include medication clinics, day treatment or therapy groups.')).not.toContain('outpatient');
  });

  it('crisis beds, crisis houses, crisis care and civilian response teams are crisis units', () => {
    expect(settings('Work overnight at our eight-bed crisis house, sitting with guests through the hardest nights.')).toContain('crisis_unit');
    expect(settings('Crisis Care Peer', 'Crisis Care Peer')).toContain('crisis_unit');
    expect(settings('Ride with the behavioral health response team when dispatch sends it to a call.')).toContain('crisis_unit');
  });

  it('a temporary detention order is a psychiatric hold, not a jail', () => {
    const got = settings('Clinicians complete evaluations for temporary detention and pre-detention screening forms for people in acute distress.', 'Emergency Services Clinician');
    expect(got).not.toContain('jail_police');
  });

  it('day treatment, ambulatory behavioral health and community treatment teams are outpatient', () => {
    expect(settings('Lead recovery groups in the adult day treatment program, Monday to Friday.')).toContain('outpatient');
    expect(settings('Based in the ambulatory behavioral health clinic, you will see people between appointments.')).toContain('outpatient');
    expect(settings('Join an intensive community treatment team that visits members at home each week.')).toContain('outpatient');
  });

  it('community recovery centres, overdose prevention sites and Housing First teams are community settings', () => {
    expect(settings('Greet visitors at the community recovery center and run the evening all-recovery meeting.')).toContain('community_org');
    expect(settings('Staff the overdose prevention site, offering supplies, naloxone and a friendly ear.')).toContain('community_org');
    expect(settings('Work on a Housing First team, helping tenants settle into their new apartments.')).toContain('community_org');
  });

  it('prisons named outright, and lock-ups, are jail settings', () => {
    expect(settings('Run recovery groups inside two state prisons for men nearing their parole dates.')).toContain('jail_police');
    expect(settings('Visit people held at the city lock-up within hours of their arrest.')).toContain('jail_police');
  });

  it('re-entry after a hospital stay is a discharge, not re-entry from jail', () => {
    expect(settings('Support adults with community re-entry following hospitalization and help them keep follow-up visits.')).not.toContain('reentry');
    expect(settings('Support adults returning home from prison through the re-entry program.')).toContain('reentry');
  });

  it('a named specialty docket and other problem-solving courts are specialty courts', () => {
    expect(settings('Mentor participants of the behavioral health docket and sit in on weekly staffings.')).toContain('specialty_court');
    expect(settings('Work with the opioid intervention court team on same-day treatment starts.')).toContain('specialty_court');
    expect(settings('Help people appearing in the community court find housing and treatment.')).toContain('specialty_court');
  });

  it('narcotic treatment programs, opioid agonist treatment and medications for OUD are MOUD services', () => {
    expect(settings('Support patients dosing at our narcotic treatment program each morning.')).toContain('moud');
    expect(settings('You will check in with clients on opioid agonist treatment between prescriber visits.')).toContain('moud');
    expect(settings('Encourage people starting medications for OUD to stay with their plan.')).toContain('moud');
  });

  it('ASAM residential levels without the acronym are treatment centers', () => {
    expect(settings('Peers work in our Level 3.5 program for adults with substance use disorders.')).toContain('treatment_center');
  });

  it('a hard-wrapped paragraph is read as one sentence: where the work takes place is the job', () => {
    // Lines broken every ~60 characters, as some boards print them.
    const text = 'The specialist is a field worker within the county team, and\nis supervised by the program lead. The work may take place in\nclients\' homes, jails, treatment courts, shelters and on the\nstreet, wherever the people served are.';
    const got = settings(text);
    expect(got).toEqual(expect.arrayContaining(['jail_police', 'specialty_court', 'community_org']));
  });

  it('"residential and non-residential programs": a shared head noun makes both settings', () => {
    const got = settings('You will carry out the same duties in our residential and non-residential programs for adults in recovery.');
    expect(got).toEqual(expect.arrayContaining(['treatment_center', 'outpatient']));
    // Without a shared noun it stays a hint: one "residential" in running text is not enough.
    expect(settings('Many of the people we serve have lived in residential care at some point.')).not.toContain('treatment_center');
  });

  it('where interns or peers are placed, based or embedded is where the job is', () => {
    const got = settings('Coaches are placed in community-based organizations such as health care centers, police departments and correctional facilities across the region.', 'Recovery Coach Intern');
    expect(got).toEqual(expect.arrayContaining(['community_org', 'outpatient', 'jail_police']));
  });

  it('a VA outpatient clinic (CBOC), psychosocial recovery centre (PRRC) or domiciliary names the VA setting', () => {
    expect(settings('The peer works at the Riverside CBOC with veterans between appointments.', 'Peer Support Specialist', 'Veterans Health Administration')).toContain('outpatient');
    expect(settings('Lead recovery groups in the PRRC for veterans with serious mental illness.')).toContain('outpatient');
    expect(settings('Serve veterans living in the domiciliary program during their stay.')).toContain('treatment_center');
  });

  it('family and youth wording: parent peers, caregivers of children, wraparound and transition-age young adults', () => {
    expect(settings('Parent peers walk beside caregivers of children with emotional or behavioral needs.', 'Family Support Partner')).toContain('youth_services');
    expect(settings('Join the high fidelity wraparound team as its family support partner.')).toContain('youth_services');
    expect(settings('Mentor transitional age young adults who are leaving foster placements.')).toContain('youth_services');
  });

  it('a state "Psychiatric Center" is a hospital; a recovery house is a community setting; a crisis care plan is no crisis unit', () => {
    expect(settings('Peers work on the admission wards and in the day room.', 'Peer Specialist', 'Hudson Valley Psychiatric Center')).toContain('hospital_ed');
    expect(settings('Live-in peer mentor for a recovery house of eight residents.', 'House Peer Mentor')).toContain('community_org');
    expect(settings('Help each person write a crisis care plan with their counselor.', 'Peer Support Specialist')).not.toContain('crisis_unit');
  });

  it('a title naming crisis work is a crisis job; a non-crisis line or a crisis-system project is not', () => {
    expect(settings('Support callers and walk-ins through the night shift.', 'Peer Support Specialist - Crisis')).toContain('crisis_unit');
    expect(settings('Talk with callers who want someone to listen.', 'Peer Listener (Non-Crisis Line)')).not.toContain('crisis_unit');
    expect(settings('Share your views in three workshops this spring.', 'Lived Experience Adviser, Crisis System Redesign')).not.toContain('crisis_unit');
  });

  it('emergency medicine, post-incarceration programs, recovery homes and health centers', () => {
    expect(settings('Department: Emergency Medicine\nShift: evenings', 'Peer Recovery Coach')).toContain('hospital_ed');
    expect(settings('Mentor members of our post-incarceration support program each week.')).toContain('reentry');
    expect(settings('Staff the recovery home on weekends and lead its house meeting.')).toContain('community_org');
    expect(settings('Peers are based in the health center and see patients between medical visits.')).toContain('outpatient');
  });

  it('a duty sentence keeps its setting when it mentions "our services", lived experience, a prior overdose or relapse prevention', () => {
    expect(settings('Educate patients in the emergency department about our services and the recovery community.')).toContain('hospital_ed');
    expect(settings('Use your lived experience with addiction to support patients in the emergency department.')).toContain('hospital_ed');
    expect(settings('Meet people in the emergency department after a previous overdose.')).toContain('hospital_ed');
    expect(settings('Facilitate relapse prevention groups at the residential treatment program.')).toContain('treatment_center');
    // What a job aims to prevent is still what clients avoid, and a requirement stays one.
    expect(settings('Help members prevent hospitalization and emergency room visits.')).not.toContain('hospital_ed');
    expect(settings('Prior experience in an emergency department setting is preferred.')).not.toContain('hospital_ed');
  });

  it('a crisis line given to the reader with a number or a text code is a resource, not the job\'s setting', () => {
    expect(settings('Not for emergencies: for help now, contact the regional crisis hotline at 1-800-555-0100 or text TALK to 556677.')).not.toContain('crisis_unit');
    expect(settings('Answer calls and chats on the regional crisis hotline during evening shifts.')).toContain('crisis_unit');
  });

  it('bulletin headings such as "Position Purpose" or "Nature of Work" end an about-us section', () => {
    const text = 'About Us\nFounded in 1980, we are a regional health nonprofit.\n\nPosition Purpose:\nThe peer meets people in the emergency department after an overdose.';
    expect(settings(text, 'Recovery Coach')).toContain('hospital_ed');
    const text2 = 'ABOUT THE COUNTY\nThe county serves 400,000 residents.\nNature of Work\nWork on the crisis stabilization unit with adults in acute distress.';
    expect(settings(text2, 'Peer Specialist')).toContain('crisis_unit');
  });

  it('under an about-us heading, a sentence about this very job still places it; one about the agency\'s peers in general does not', () => {
    const text = 'About Us\nWe are a regional health nonprofit founded in 1975.\nThis position is based in the emergency department of our main campus.';
    expect(settings(text, 'Recovery Coach')).toContain('hospital_ed');
    const text2 = 'About Us\nOur peer specialists work in emergency departments, county jails and shelters across the state.';
    expect(settings(text2, 'Peer Support Specialist')).toEqual([]);
  });

  it('a "Company:" or "Organization:" line names the employer as the job\'s place', () => {
    expect(settings('Company: Lakeside Hospital\nSchedule: days', 'Peer Mentor')).toContain('hospital_ed');
  });

  it('states\' own names for crisis, detox and inpatient units', () => {
    expect(settings('Work nights at the facility-based crisis program, greeting adults on arrival.')).toContain('crisis_unit');
    expect(settings('Support adults admitted to our Baker Act receiving facility.')).toContain('crisis_unit');
    expect(settings('Peers are based in the county addiction receiving facility.')).toContain('treatment_center');
    expect(settings('Join the acute treatment services team for adults in withdrawal.')).toContain('treatment_center');
    expect(settings('Help patients of the evaluation and treatment facility plan for discharge.')).toContain('hospital_ed');
  });
});


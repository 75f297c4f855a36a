import { describe, expect, it } from 'vitest';
import { classifySettings, settingScores } from '../../scrapers/normalize/index.ts';

const settings = (text: string, title = 'Peer Support Specialist', employer?: string) => classifySettings({ title, employer, text });

describe('settings: where the page says the job is, versus what it only mentions (issue 9, round 3)', () => {
  it('a location, facility or unit field places the job, and makes a treatment unit the hospital\'s', () => {
    expect(settings('Schedule: days\nSite: Riverbend Community Health Service\nHours: 30 a week', 'Lived Experience Worker')).toContain('outpatient');
    const got = settings('Work Location: Lakeside State Hospital\n\nThe campus also runs a secure forensic treatment facility of 90 beds.', 'Peer Mentor');
    expect(got).toContain('hospital_ed');
    expect(got).not.toContain('treatment_center');
  });

  it('a supervisor or reports-to field names another person\'s title, not the setting', () => {
    const got = settings('Program: Tenant Support\nSupervisor: Residential Coordinator\nHelp tenants keep their leases and reach services.', 'Housing Peer');
    expect(got).not.toContain('treatment_center');
  });

  it('a site menu line saying "Equal Opportunity" does not silence the job text under it', () => {
    const text = 'Home\nJobs\nEqual Opportunity Policy\nTransfer Requests\nClass 4410\n\nWorkers in this class serve outpatients of the county mental health division and run skills groups.';
    expect(settings(text, 'Behavioral Health Worker')).toContain('outpatient');
    // A real EEO statement still counts nothing.
    expect(settings('Equal Opportunity\nWe consider every applicant, whatever their history with the county jail.')).not.toContain('jail_police');
  });

  it('"The Agency" and "The Department" headings open about-us text, where a service list is no setting', () => {
    const text = 'THE AGENCY\n\nThe county health agency works through four service areas: Public Health, Correctional Health Services, Environmental Health and Administration.';
    expect(settings(text)).toEqual([]);
  });

  it('"About" a named program or response team heads the job\'s own unit', () => {
    const text = 'About Harbor City Street Response (HCSR):\n\nHarbor City Street Response sends unarmed responders to people in behavioral health crises instead of officers.';
    expect(settings(text, 'Peer Support Specialist', 'City of Harbor City')).toContain('crisis_unit');
  });

  it('"non-" negates only the word it is attached to', () => {
    expect(settings('The team takes non-life-threatening crisis calls from the dispatch centre around the clock.')).toContain('crisis_unit');
    expect(settings('This is a non-hospital role based in the community office.')).not.toContain('hospital_ed');
  });

  it('people in crisis and dispatched response teams are crisis work; a crisis-response skill alone is not', () => {
    expect(settings('You answer dispatch-based response calls with a paramedic partner.')).toContain('crisis_unit');
    expect(settings('You will support individuals experiencing mental health or substance use crises in the field.')).toContain('crisis_unit');
    expect(settings('• Skills in crisis response, de-escalation and active listening')).not.toContain('crisis_unit');
  });

  it('a crisis line printed with its phone number is a banner for readers, not the job', () => {
    const text = 'In distress? 24-Hour Crisis Line: 800-555-0199\n\nThe mentor supports participants of the county recovery court.';
    const got = settings(text, 'Recovery Court Mentor');
    expect(got).not.toContain('crisis_unit');
    expect(got).toContain('specialty_court');
  });

  it("an employee's probation is no probation setting", () => {
    expect(settings('After probation you may bid on open shifts by seniority.')).not.toContain('reentry');
    expect(settings('New staff complete a six-month probation before permanent status.')).not.toContain('reentry');
    expect(settings('The mentor meets people on probation at the county probation department.')).toContain('reentry');
  });

  it('a justice-involved population alone is no re-entry programme (DOMAIN.md: populations are not settings)', () => {
    expect(settings('The ward takes patients from the community and from the criminal justice system.', 'Peer Mentor')).not.toContain('reentry');
  });

  it('places a worker drives or escorts clients to are destinations', () => {
    expect(settings('• Drives residents to appointments, clinics and pharmacies when needed', 'Residential Aide')).not.toContain('outpatient');
    expect(settings('Escort participants as needed to court hearings and treatment appointments.')).not.toContain('specialty_court');
  });

  it('partners the job works with are contacts, not its setting', () => {
    expect(settings('• Work with agency staff and with community-based organizations across the region.', 'Parent Peer')).not.toContain('community_org');
  });

  it('a list split by semicolons keeps its head\'s referral', () => {
    const text = 'Link participants to resources such as food banks; youth services; head start centres; and job training.';
    expect(settings(text, 'Court Peer Advocate')).not.toContain('youth_services');
  });

  it('openings "in many of our programs, including ..." are where this job is', () => {
    const text = 'Peer positions are open in many of our programs, including Mobile Response, OTP and Crisis programs.';
    expect(settings(text)).toEqual(expect.arrayContaining(['crisis_unit', 'moud']));
  });

  it('"full range of" in a duty sentence and health insurance help are not boilerplate', () => {
    expect(settings('The clinician gives the full range of psychotherapy to families in a clinic setting.', 'Clinician II')).toContain('outpatient');
    const text = 'Duties: help tenants apply for benefits and health insurance, working from the Eastside Outpatient Program.';
    expect(settings(text, 'Housing Peer')).toContain('outpatient');
    expect(settings('We offer medical, dental and vision insurance and a residential treatment discount.')).not.toContain('treatment_center');
  });

  it('the settings a job works in, listed before "settings", include the inpatient side', () => {
    expect(settings('As a peer you give services in emergency, inpatient, outpatient and residential settings.')).toEqual(
      expect.arrayContaining(['hospital_ed', 'outpatient', 'treatment_center']),
    );
    expect(settingScores({ title: 'Peer Specialist', text: 'Some peers have worked inpatient before.' }).hospital_ed).toBeLessThan(1);
  });

  it('police listed with firefighters are people, not a police setting', () => {
    expect(settings('Fees are waived for auxiliary police, firefighters and EMS volunteers.', 'Counselor')).not.toContain('jail_police');
  });

  it('peer-run services inside a hospital are a service, not a peer-run organisation', () => {
    const got = settings('Patients of the state hospital join peer-operated services and recovery groups.');
    expect(got).toContain('hospital_ed');
    expect(got).not.toContain('community_org');
    expect(settings('The agency is a peer-run organization with two drop-in centers.')).toContain('community_org');
  });

  it('a bare drop-in is a mode of service; drop-in hours of a centre are the job\'s', () => {
    expect(settings('• Give help one-to-one, in small groups, drop-in or in class.', 'Writing Tutor')).not.toContain('community_org');
    expect(settings('The outreach worker staffs the fixed-site drop-in hours and the van.', 'Outreach Worker')).toContain('community_org');
  });

  it('acute detox units and plural centre names are read', () => {
    expect(settings('The aide works on a 20-bed acute detoxification unit.', 'Aide')).toContain('treatment_center');
    expect(settings('You will be placed in community-based organizations across the state.', 'Recovery Intern')).toContain('community_org');
    expect(settings('Coaches staff two recovery community centers in the valley.')).toContain('community_org');
  });

  it('a county department of behavioral health is the county clinic system', () => {
    expect(settings('The county department of behavioral health hires peers for its adult teams.')).toContain('outpatient');
  });

  it('a sentence or bullet opening on a duty verb is the job\'s duties, with no heading above it', () => {
    expect(settings('Provide peer support to tenants of the permanent supportive housing buildings.')).toContain('community_org');
    expect(settings('• Gives callers support through the regional hotline after hours')).toContain('crisis_unit');
  });

  it('"the peer" as subject turns an about-us paragraph back to the job', () => {
    const text = 'Founded in 1970, we operate outpatient clinics, residential treatment, a crisis center and school-based programs. The peer works in our mobile crisis team.';
    expect(settings(text)).toEqual(['crisis_unit']);
  });

  it('a navigator title is no referral word: the places after it are where the navigator works', () => {
    expect(settings('Navigators meet patients in the emergency department and link them to outpatient treatment.', 'Peer Navigator')).toEqual(['hospital_ed']);
  });

  it('"County of X Behavioral Health" is the county clinic system', () => {
    expect(settings('County of Lane Behavioral Health is hiring a peer for its adult services team.')).toContain('outpatient');
  });

  it('a family court and court dates are no specialty court', () => {
    expect(settings('Location: Harlan County Family Court\nSupports youth during court dates.', 'Youth Peer')).not.toContain('specialty_court');
    expect(settings('Mentors sit with participants at the adult drug court docket.', 'Court Mentor')).toContain('specialty_court');
  });

  it('a health system in the employer name does not place the job in a hospital', () => {
    expect(classifySettings({ title: 'Peer Support Specialist', employer: 'Lakeshore Health System', text: 'The peer works in the outpatient behavioral health clinic.' })).toEqual(['outpatient']);
  });

  it('a hospital the clients come from is not where the job is', () => {
    expect(settings('You will support adults recently discharged from the state hospital as they settle into apartments.')).not.toContain('hospital_ed');
    expect(settings('You will support adults on the wards of the state hospital.')).toContain('hospital_ed');
  });

  it("a worker's own foster care or juvenile justice history is no youth setting", () => {
    expect(settings('Lived experience of foster care or the juvenile justice system is welcome.')).not.toContain('youth_services');
  });

  it('youth named beside adults in a list of divisions is a lifespan service', () => {
    expect(settings('The county runs Adult and Youth Services in four towns.')).not.toContain('youth_services');
    expect(settings('You will mentor youth and young adult participants.')).toContain('youth_services');
  });

  it('consumer-operated centres, transitional housing and NAMI affiliates are community organisations', () => {
    expect(settings('You will work in a consumer-operated wellness centre.')).toContain('community_org');
    expect(settings('You will support residents of the transitional housing program.')).toContain('community_org');
    expect(settings('Run support groups and classes for members.', 'Program Coordinator', 'NAMI Greater Lakes')).toContain('community_org');
  });

  it("a site's navigation bar is no setting", () => {
    const text = 'Home | Our Hospitals | Clinics | Careers | Give\n\nYou will greet members at our drop-in center.';
    expect(settings(text)).toEqual(['community_org']);
  });

  it('places a mission keeps people out of, partners and places clients are helped to reach are not the job', () => {
    expect(settings('Our mission is to keep people out of jails, emergency rooms and hospitals. You will staff our drop-in center.')).toEqual(['community_org']);
    expect(settings('Services run in partnership with the county jail and local schools.')).toEqual([]);
    expect(settings('Help clients reach detox, shelters, food banks and medical care as needed.')).toEqual([]);
  });

  it('"call or text 988" told to the reader is no crisis line job', () => {
    expect(settings('Call or text 988 if you or someone you love is in crisis.')).not.toContain('crisis_unit');
    expect(settings('You will answer contacts to the 988 line from the regional call center.')).toContain('crisis_unit');
  });
});

import { describe, expect, it } from 'vitest';
import { classifySettings, settingScores } from '../../scrapers/normalize/index.ts';

const settings = (text: string, title = 'Peer Support Specialist', employer?: string) => classifySettings({ title, employer, text });

describe('settings: classes seen in the held-back split (issue 9, decision 084)', () => {
  it('a hard-wrapped list of work places survives a line that ends on a possessive', () => {
    const text =
      'The peer mentor belongs to a small outreach group that covers the whole county.\n' +
      'Most weeks the work may take place in members\'\n' +
      'homes, county jails, drug courts and emergency shelters, and sometimes in parks.';
    expect(settings(text)).toEqual(expect.arrayContaining(['jail_police', 'specialty_court', 'community_org']));
  });

  it('"the work may happen / occurs in ..." places the job, like "takes place"', () => {
    expect(settings('Our team covers three rural counties; the work may happen in jails, recovery courts and shelters as needed.'))
      .toEqual(expect.arrayContaining(['jail_police', 'specialty_court', 'community_org']));
    expect(settings('Most of the work occurs in the county jail and at the drug court.')).toEqual(expect.arrayContaining(['jail_police', 'specialty_court']));
  });

  it('a list of places the organisation runs is still an inventory, not the job', () => {
    expect(settings('Founded in 1970, the agency runs jails programs, recovery courts and emergency shelters across the region.', 'Accounts Clerk'))
      .toEqual([]);
  });

  it('supported housing, permanent supportive housing and the HUD-VASH programme are community housing', () => {
    expect(settings('You will support tenants of our supported housing flats with budgeting and tenancy skills.')).toContain('community_org');
    expect(settings('Peers visit formerly homeless tenants at our permanent supportive housing sites each week.')).toContain('community_org');
    expect(settings('Work alongside case managers to house veterans.', 'HUD-VASH Peer Support Specialist')).toContain('community_org');
  });

  it('a therapy or counselling practice by its name is an outpatient provider', () => {
    expect(settings('Offer peer-delivered services to our clients between their sessions.', 'Peer Support Specialist', 'Maple Leaf Therapy')).toContain('outpatient');
    expect(settings('Offer peer-delivered services to our clients.', 'Peer Support Specialist', 'Hillside Counseling Associates')).toContain('outpatient');
    // The service in the middle of a name is no practice ("Therapy Dogs of the Valley" trains dogs).
    expect(settings('Coordinate volunteer visits.', 'Volunteer Coordinator', 'Therapy Dogs of the Valley')).not.toContain('outpatient');
  });

  it('a crisis respite whose guests stay there is residential too; a day respite is not', () => {
    expect(settings('Welcome guests staying at the peer crisis respite house and keep the space calm.', 'Respite Peer'))
      .toEqual(expect.arrayContaining(['crisis_unit', 'treatment_center']));
    expect(settings('Staff the respite center, where guests drop by during the day to rest and talk.', 'Respite Peer')).not.toContain('treatment_center');
  });

  it('helping people re-enter the community or society is re-entry work, but not after a hospital stay', () => {
    expect(settings('Peers help people leaving the county system re-enter the community with housing and work.')).toContain('reentry');
    expect(settings('Mentors support men reentering society after years away.')).toContain('reentry');
    expect(settings('Peers help patients re-enter the community after a psychiatric stay.')).not.toContain('reentry');
  });

  it('a "Position Duties" heading opens the job\'s own duties', () => {
    const text = 'Position Duties\n\n• Back up station staff when a rider is in a behavioral health crisis.\n• Give crisis intervention on the platform.';
    expect(settings(text, 'Outreach Peer')).toContain('crisis_unit');
  });

  it('preauthorisation and medical review titles read cases from elsewhere; hospital committees are no workplace', () => {
    expect(settings('Enter physician peer review data and report to the medical staff and hospital committees.', 'Quality Specialist')).toEqual([]);
    expect(settings('Check outpatient clinic requests against medical policy.', 'Preauthorization Coordinator')).toEqual([]);
    expect(settings('Audit hospital admissions for medical necessity.', 'Medical Review Analyst')).toEqual([]);
  });

  it('what the job helps lower the risk of is no setting', () => {
    expect(settings('Coaching lowers the risk of emergency department visits and inpatient stays for members with diabetes.', 'Wellness Coach')).not.toContain('hospital_ed');
  });

  it('peer-led groups and support are a way of working, not a peer-led organisation', () => {
    expect(settings('Co-facilitate peer-led groups on the acute ward and give one-to-one peer-led support.', 'Peer Support Worker')).not.toContain('community_org');
    expect(settings('Join our peer-led organisation, a small charity run from a town-centre hub.', 'Peer Worker')).toContain('community_org');
  });

  it('a "Recovery Center and Hospital" is a hospital, not a recovery community centre', () => {
    const text = 'Our state Recovery Center and Hospital seeks a nurse for the admissions units.';
    expect(settingScores({ title: 'Psychiatric Nurse', text }).community_org).toBe(0);
    expect(settingScores({ title: 'Psychiatric Nurse', text: 'Our Recovery Center seeks a peer for the drop-in hours.' }).community_org).toBeGreaterThan(0);
  });

  it('a state "Mental Health Institute" is a state psychiatric hospital', () => {
    expect(settings('Our peers work on the admission units of the two state Mental Health Institutes, alongside nurses.')).toContain('hospital_ed');
  });

  it("a county's facts and figures open an about-us paragraph: its elected sheriff is no jail job", () => {
    const text =
      'Lakeview County covers 900 square miles and is the most populous county in the region. ' +
      'Its elected officials are the commissioners, the clerk, the sheriff and the treasurer.\n\n' +
      'Position Duties\n\n• Supervise the nursing staff of the public health clinic.';
    expect(settings(text, 'Nurse Manager')).not.toContain('jail_police');
  });

  it('the stages of life (childhood, youth, old age) are a lifespan, not a youth service', () => {
    expect(settings('The emblem stands for the four stages of life: childhood, youth, middle age and old age.', 'Clerk')).not.toContain('youth_services');
  });

  it('foster care leave is a benefit, foster care a youth service', () => {
    expect(settings('Staff get paid holidays and childbirth, adoption and foster care leave.', 'Clerk')).not.toContain('youth_services');
    expect(settings('Mentor young people leaving foster care as they find housing.')).toContain('youth_services');
  });

  it('"in-patient" and "out patient settings" are the usual inpatient and outpatient', () => {
    expect(settings('Counsel adults with serious mental illness in in-patient or out patient settings.', 'Counselor'))
      .toEqual(expect.arrayContaining(['hospital_ed', 'outpatient']));
    expect(settings('Carry out patient treatment programs as the nurse directs.', 'Aide')).not.toContain('outpatient');
  });

  it('field lines behind a "+" or a dash mark still name the facility and unit', () => {
    const text = 'Where you will work\n+ Facility: Hillcrest State Hospital\n+ Unit: Young Adult Services';
    expect(settings(text, 'Mental Health Assistant')).toEqual(expect.arrayContaining(['hospital_ed', 'youth_services']));
  });

  it('a crisis intervention center is a crisis center', () => {
    expect(settings('You will work shifts at the county Crisis Intervention Center, seeing walk-in clients.')).toContain('crisis_unit');
  });

  it('a dash bullet listing where the job works is a duty, not an inventory of the agency', () => {
    const text = 'Specific duties include:\n- Assessing people in many settings, among them the crisis center, homes, juvenile justice settings, and hospital emergency departments;';
    expect(settings(text, 'Clinician')).toEqual(expect.arrayContaining(['crisis_unit', 'youth_services', 'hospital_ed']));
  });

  it('booking an appointment or a ride is no jail booking', () => {
    expect(settings('Help patients by booking follow-up appointments and booking rides to the pharmacy.', 'Navigator')).not.toContain('jail_police');
    expect(settings('Meet people right after booking and offer recovery support.')).toContain('jail_police');
  });
});

import { describe, expect, it } from 'vitest';
import { classifySettings } from '../../scrapers/normalize/index.ts';

const settings = (text: string, title = 'Case Worker', employer?: string) => classifySettings({ title, employer, text });

describe('settings, fourth round: the justice cluster (decision 102)', () => {
  it('pretrial services and a court-run supervised release are jail and court work at once (DOMAIN.md)', () => {
    expect(settings('Interview newly booked defendants and write release recommendations.', 'Pretrial Services Officer')).toEqual(['jail_police', 'specialty_court']);
    expect(settings('Each morning the officer screens defendants for the supervised release program and reports to the arraignment part.'))
      .toEqual(expect.arrayContaining(['jail_police', 'specialty_court']));
  });

  it('pretrial release on bond or recognizance is no re-entry', () => {
    const out = settings('The officer recommends whether a defendant should be granted release from jail on personal recognizance bond.', 'Pretrial Officer II');
    expect(out).toEqual(['jail_police', 'specialty_court']);
    // Release from prison back home still is.
    expect(settings('Helps men recently released from prison find housing and work.', 'Navigator')).toContain('reentry');
  });

  it('a general court by its name, its officials and its process are no treatment court', () => {
    expect(settings('Write home-study reports for the Superior Court and meet families before the court process begins.', 'Court Social Worker')).not.toContain('specialty_court');
    expect(settings('The Administrative Office of Courts is filling a county post. Reports go to court officials.', 'Clerk')).not.toContain('specialty_court');
    // A juvenile court serves youth; its drug court is still a specialty court.
    expect(settings('Supervise youth placed on probation by the Juvenile Court.', 'Probation Counselor')).toEqual(expect.arrayContaining(['youth_services', 'reentry']));
    expect(settings('Supervise youth placed on probation by the Juvenile Court.', 'Probation Counselor')).not.toContain('specialty_court');
    expect(settings('Coordinate the juvenile drug court team and its weekly staffing.')).toContain('specialty_court');
  });

  it('"court" and "judge" repeated are still no treatment court; a named court programme is', () => {
    const text =
      'Prepare reports for the court. Attend hearings when the judge asks. Keep the court calendar. ' +
      'Answer questions from the judge. Deliver files to the court each week.';
    expect(settings(text, 'Juvenile Counselor')).not.toContain('specialty_court');
    expect(settings('Serve as a member of the family therapeutic court team.')).toContain('specialty_court');
    expect(settings('Attends court dockets to screen defendants assigned to the program.')).toContain('specialty_court');
  });

  it('people held in custody and secure youth facilities are detention', () => {
    expect(settings('Provides behavioral health care to individuals in ICE custody.')).toContain('jail_police');
    const youth = settings('Provide counseling to young people held at the juvenile detention center.', 'Therapist');
    expect(youth).toEqual(expect.arrayContaining(['jail_police', 'youth_services']));
    // A secure residential facility is the detention centre, not a residential treatment programme.
    const secure = settings('Work directly with young people in a secure residential facility, keeping them safe.', 'Counselor');
    expect(secure).toContain('jail_police');
    expect(secure).not.toContain('treatment_center');
  });

  it("a prison's residential programme is the prison's unit, no treatment centre", () => {
    const text =
      'The incumbent works in the psychology department of a federal correctional facility serving inmates. ' +
      'The incumbent coordinates a residential mental health program for the institution.';
    const out = settings(text, 'Program Coordinator');
    expect(out).toContain('jail_police');
    expect(out).not.toContain('treatment_center');
    // Outside a prison a residential programme still is one.
    expect(settings('The incumbent coordinates a residential mental health program for adults.', 'Program Coordinator')).toContain('treatment_center');
  });

  it("a corrections department's community division is re-entry work, not a prison", () => {
    const out = settings('Location: Department of Correction, Community Rehabilitation Services Division, Hill County', 'Correctional Counselor 3');
    expect(out).toContain('reentry');
    expect(out).not.toContain('jail_police');
    expect(settings('Location: Department of Correction, Northside Correctional Complex', 'Correctional Counselor 3')).toContain('jail_police');
  });

  it('people leaving a prison are re-entry clients', () => {
    const out = settings('Runs cognitive skills groups for people leaving the state prison.', 'Corrections Specialist');
    expect(out).toContain('reentry');
    expect(out).not.toContain('jail_police');
  });

  it('release into the community is re-entry', () => {
    expect(settings('Keep services going once the person is released into the community.')).toContain('reentry');
  });
});

describe('settings, fourth round: places the job is not in (decision 102, RULINGS R1)', () => {
  it('where service requests, information and data come from are sources, not settings', () => {
    expect(settings('May coordinate intake of service requests from families, hospitals, courts, probation and law enforcement.', 'Therapist'))
      .toEqual([]);
    expect(settings('Gather information from judges, employers, probation and parole.', 'Interviewer')).not.toContain('reentry');
  });

  it('partners with the police or the sheriff, and contacts kept with officers, are not settings', () => {
    expect(settings('Respond to people in their homes, partnering with law enforcement when safety calls for it.', 'Outreach Worker')).not.toContain('jail_police');
    expect(settings('Keep regular contact with the probation officers assigned to each client.', 'Clinician')).not.toContain('reentry');
    // Working inside the police department still is one.
    expect(settings('The clinician is embedded within the police department and rides with officers.', 'Clinician')).toContain('jail_police');
  });

  it('coordinating with agencies several words later is still a contact', () => {
    expect(settings('Coordinates treatment and supervision of patients with correctional agencies and mental health agencies.', 'Liaison')).not.toContain('jail_police');
  });

  it('people and organisations named by a setting word are contacts: staff, officials, agencies', () => {
    expect(settings('Writes status reports for medical staff, correctional agency staff and court officials.', 'Liaison')).toEqual([]);
  });

  it('what the job manages or follows is no place: resources, contracts, standards', () => {
    expect(settings('Provide management of hospital and other contractor resources.', 'Supervisor')).not.toContain('hospital_ed');
    expect(settings('Care follows correctional, detention and residential health care standards.', 'Nurse')).toEqual([]);
    expect(settings('Current sites lie in Police Zones 1, 2 and 5.', 'Outreach Worker')).not.toContain('jail_police');
  });

  it('admissions the job screens are where people go, not where it works', () => {
    expect(settings('Performs intake duties: receives complaints and screens admissions of young people to the detention center and to the emergency shelter.', 'Intake Officer')).toEqual([]);
  });

  it('an oversight job plans, regulates or reviews programmes it does not work in', () => {
    expect(settings('Representatives plan, regulate and improve probation and community correction programs statewide.', 'Program Representative')).toEqual([]);
    expect(settings('Coordinates legally mandated site reviews of psychiatric facilities.', 'Coordinator')).toEqual([]);
    expect(settings('The bureau oversees existing mental health initiatives, including outpatient and housing programs.', 'Analyst')).toEqual([]);
  });

  it('the candidate\'s past work is a requirement, not this job\'s place', () => {
    expect(settings('Two years of professional experience at the state or local level in a probation agency, parole agency or adult correctional facility.', 'Analyst'))
      .toEqual([]);
    expect(settings('Or one year as a Correctional Counselor with the Department of Correction.', 'Counselor')).toEqual([]);
  });

  it('a class specification comparing itself with another class gives that class\'s setting no weight', () => {
    const out = settings('The series differs from the clinician series: the clinician works in a clinic setting, while this series works on mobile crisis teams.', 'Crisis Specialist II');
    expect(out).toContain('crisis_unit');
    expect(out).not.toContain('outpatient');
  });

  it('the children of adult clients come with them: no youth service', () => {
    expect(settings('A residential drug and alcohol treatment program for pregnant women and women with children.')).not.toContain('youth_services');
    expect(settings('Staff the overnight shift for women in recovery and their children.', 'Residential Aide')).not.toContain('youth_services');
    // A parent partner still works with families of children.
    expect(settings('Support parents of children with serious emotional disturbance.', 'Parent Partner')).toContain('youth_services');
  });

  it('a school re-entry plan is no re-entry programme', () => {
    expect(settings('Join student intervention teams and write student re-entry plans after a crisis.', 'School Therapist')).not.toContain('reentry');
  });

  it('a list of court kinds for adults and juveniles is no youth service', () => {
    expect(settings('One coordinator may cover several courts (i.e. Adult Drug Court, Juvenile Drug Court and DUI Court).', 'Court Coordinator')).not.toContain('youth_services');
  });
});

describe('settings, fourth round: names and structure (decision 102)', () => {
  it('a VA medical center job the text places in outpatient care is outpatient (R2)', () => {
    const out = settings('The therapist sits in Social Work Service at the Bayside VA Medical Center and delivers services on an outpatient basis and in the community.', 'Addiction Therapist');
    expect(out).toContain('outpatient');
    expect(out).not.toContain('hospital_ed');
    expect(settings('The therapist works on the inpatient unit of the Bayside VA Medical Center.', 'Addiction Therapist')).toContain('hospital_ed');
  });

  it('inpatient facilities of addiction programmes are their residential side', () => {
    const out = settings('The work is done in addictions programs located in state facilities, such as inpatient and outpatient\nfacilities and halfway houses.', 'Alcohol and Drug Counselor');
    expect(out).toEqual(expect.arrayContaining(['treatment_center', 'outpatient']));
    expect(out).not.toContain('hospital_ed');
  });

  it('military treatment facilities are the military\'s hospitals and clinics, no treatment centre', () => {
    expect(settings('You will counsel patients at a naval medical center.', 'Substance Abuse Counselor', 'Military Treatment Facilities under DHA')).toEqual(['hospital_ed']);
  });

  it("a state's psychiatric facilities are its state hospitals", () => {
    expect(settings('We are hiring nurses to work in the three state psychiatric facilities.', 'Nurses')).toContain('hospital_ed');
  });

  it('a worker who works on the street does street outreach', () => {
    expect(settings('The health worker works mainly on the street with unhoused neighbours.', 'Community Health Worker')).toContain('community_org');
  });

  it('"Benefits Stipend: $2340" is a field, no heading that silences the job text below it', () => {
    const text = 'Program Coordinator\nSalary: $50,000\nBenefits Stipend: $2340\nPTO: 10 days\n\nDirect service in school-based programs two days a week, running day camps in summer.';
    expect(settings(text, 'Program Coordinator')).toContain('youth_services');
  });

  it("a county behavioral health resource centre is a centre of that kind, not the county's clinic", () => {
    expect(settings('The Multnomah County Behavioral Health Resource Center is a peer-run day center.', 'Peer Support Specialist')).not.toContain('outpatient');
  });
});

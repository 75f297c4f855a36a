import { describe, expect, it } from 'vitest';
import { classifySettings } from '../../scrapers/normalize/index.ts';

const settings = (text: string, title = 'Peer Support Specialist', employer?: string) => classifySettings({ title, employer, text });

describe('settings described rather than named, round 2 (issue 9)', () => {
  it('a state hospital and an inpatient ward are hospitals', () => {
    expect(settings('The trainer leads rights workshops for residents of two state hospitals in the valley.', 'Rights Trainer')).toContain('hospital_ed');
    expect(settings('Peers spend most shifts on the inpatient wards of the medical campus.')).toContain('hospital_ed');
    expect(settings('Peers support people in inpatient settings before discharge.')).toContain('hospital_ed');
  });

  it("a provider's non-residential programs are outpatient care", () => {
    const got = settings('The coach covers both the residential and the non-residential programs of the agency.');
    expect(got).toEqual(expect.arrayContaining(['outpatient', 'treatment_center']));
  });

  it('community mental health teams and the VA outpatient teams are outpatient', () => {
    expect(settings('Carers are supported alongside the community mental health team in the borough.')).toContain('outpatient');
    expect(settings('The apprentice splits the week between the ICMHR team and the BHIP clinic.', 'Peer Apprentice')).toContain('outpatient');
  });

  it('a non-government community organisation is a community organisation, not a negated one', () => {
    expect(settings('Cadets are placed with a non-government community mental health service in the east.', 'Peer Cadet')).toContain('community_org');
  });

  it('an early childhood program such as Head Start is a youth service', () => {
    expect(settings('The advocate meets the parents of every child enrolled in the Head Start centre.', 'Family Advocate')).toContain('youth_services');
  });

  it('a veterans treatment court named by its initials is a specialty court', () => {
    expect(settings('Mentors walk beside each participant until they graduate from the VTC docket.', 'Veteran Mentor')).toContain('specialty_court');
    expect(settings('The vtc acronym in lower case is not a court.', 'Veteran Mentor')).not.toContain('specialty_court');
  });

  it('parolees and probationers served by a residential program are re-entry work', () => {
    const got = settings('Workers staff two residential treatment centers for parolees and probationers sent by the courts.', 'Substance Abuse Worker');
    expect(got).toEqual(expect.arrayContaining(['reentry', 'treatment_center']));
  });

  it('weak hints beside one named setting do not turn a duty sentence into an inventory', () => {
    expect(settings('Workers staff a residential treatment center for people coming out of prison, some sent by courts.', 'Worker')).toContain(
      'treatment_center',
    );
  });

  it('the people a job deals or interacts with are contacts, not where it works', () => {
    expect(settings('The case manager deals with schools, courts and police about each client.', 'Case Manager')).toEqual([]);
    expect(settings('You will interact with sheriff deputies when clients are arrested.', 'Case Manager')).not.toContain('jail_police');
  });

  it('a central-office job oversees programs: the settings it names are not its own', () => {
    const text = 'The specialist monitors contracts for mobile crisis teams, outpatient clinics and residential treatment programs.';
    expect(settings(text, 'Program Specialist 2, Central Office')).toEqual([]);
    expect(settings(text, 'Program Specialist 2')).not.toEqual([]);
  });

  it('an "About the ... team" heading opens the job\'s own team, unlike an about-us heading', () => {
    const body = '\nThe program offers support for up to twelve weeks after a suicide crisis line call.';
    expect(settings(`About the Harbour Outreach Team${body}`)).toContain('crisis_unit');
    expect(settings(`About Us${body}`)).not.toContain('crisis_unit');
  });

  it('a free-standing psychiatric emergency service is a crisis unit too, one inside an ED is not', () => {
    expect(settings('Peers greet walk-in guests of the Riverbend psychiatric emergency service around the clock.')).toEqual(
      expect.arrayContaining(['crisis_unit', 'hospital_ed']),
    );
    expect(settings("Peers staff the psychiatric emergency services inside the hospital's emergency department.")).not.toContain('crisis_unit');
  });

  it('support after a suicidal crisis is crisis work', () => {
    expect(settings('You will give up to ten weeks of follow-on care to people after a suicidal crisis.')).toContain('crisis_unit');
    expect(settings('The agency was founded after a suicidal crisis in the town.', 'Peer Worker')).not.toContain('crisis_unit');
  });

  it('a title-case "About the Role" heading opens the job, and "Description" heads its duties', () => {
    const text = 'About the Role\n\nDescription\n\nThe house is a short-term residential program where guests stay a few nights.';
    expect(settings(text)).toContain('treatment_center');
  });

  it('a field team meeting people in homes, shelters and streets is not a shelter job', () => {
    expect(settings('Give recovery support wherever people are: homes, shelters, streets and parks.', 'ACT Specialist')).not.toContain('community_org');
    expect(settings('You will run evening groups at the family shelter downtown.')).toContain('community_org');
  });

  it('what a program aims to reduce or prevent, or what clients are at risk of, is avoided, not where the job is', () => {
    expect(settings('The outreach team works to reduce ER visits and jail bookings among its members.', 'ACT Peer')).not.toContain('hospital_ed');
    expect(settings('You will mentor clients at high risk of psychiatric crisis and eviction.', 'ACT Peer')).not.toContain('crisis_unit');
    expect(settings('You will staff the harm reduction program on weekday evenings.', 'Outreach Peer')).toContain('community_org');
  });

  it('a bridge clinic and opioid treatment clinics are MOUD services', () => {
    expect(settings('You will welcome walk-in patients at the low-barrier bridge clinic on Main Street.')).toContain('moud');
    expect(settings('You will work across two opioid treatment clinics in the county.')).toContain('moud');
  });

  it("a court's own program or team is a specialty court setting", () => {
    expect(settings('You will join the court team at weekly staffings and status hearings.', 'Peer Mentor')).toContain('specialty_court');
    expect(settings('You will join the basketball team for weekend games.', 'Peer Mentor')).not.toContain('specialty_court');
  });

  it('continuing ED is schooling, not an emergency department', () => {
    expect(settings('ONLINE CONTINUING ED CREDITS OFFERED')).not.toContain('hospital_ed');
    expect(settings('You will meet patients in the ED after an overdose.')).toContain('hospital_ed');
  });
});

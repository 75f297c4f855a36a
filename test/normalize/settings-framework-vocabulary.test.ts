import { describe, expect, it } from 'vitest';
import { classifySettings } from '../../scrapers/normalize/index.ts';

// Decision 100: the settings classifier knows the names the field's own standards give each setting.
// Every sentence here is ours; the terms are the frameworks' (CMS place-of-service names, SAMHSA's
// facility and crisis-continuum words, the ASAM levels, the Sequential Intercept Model, treatment-
// court and OTP words).
const settings = (text: string, title = 'Peer Support Specialist', employer?: string) => classifySettings({ title, employer, text });

describe('settings: CMS place-of-service names (decision 100)', () => {
  it('reads the behavioural-health place-of-service names as their settings', () => {
    expect(settings('You will be on the floor of our inpatient psychiatric facility most shifts.')).toEqual(['hospital_ed']);
    expect(settings('You will greet clients in the lobby of our community mental health center.')).toEqual(['outpatient']);
    expect(settings('You will run evening groups at our residential substance abuse treatment facility.')).toEqual(['treatment_center']);
    expect(settings('You will sit with guests at the homeless shelter on Main Street.')).toEqual(['community_org']);
    expect(settings('You will meet people inside the prison/correctional facility each week.')).toEqual(['jail_police']);
    expect(settings('You will see patients in the emergency room – hospital.')).toEqual(['hospital_ed']);
  });

  it('a non-residential substance use facility is outpatient care, not a treatment centre', () => {
    expect(settings('You will work at our non-residential substance abuse treatment facility downtown.')).toEqual(['outpatient']);
    expect(settings('You will co-lead groups in our outpatient substance abuse treatment program.')).toEqual(['outpatient']);
    expect(settings('You will co-lead groups in our intensive outpatient chemical dependency program.')).toEqual(['outpatient']);
    // The same words without "outpatient" still name a treatment programme.
    expect(settings('You will co-lead groups in our chemical dependency treatment program.')).toEqual(['treatment_center']);
  });

  it('a non-residential opioid treatment facility is an OTP (MOUD), as is an opioid treatment facility', () => {
    expect(settings('You will meet patients at our non-residential opioid treatment facility.')).toEqual(['moud']);
    expect(settings('You will meet patients at the opioid treatment facility on Elm Avenue.')).toEqual(['moud']);
  });

  it('a partial-hospitalisation facility is outpatient; a military treatment facility is no rehab', () => {
    expect(settings('You will support members in the psychiatric facility-partial hospitalization program.')).toEqual(['outpatient']);
    expect(settings('Veterans who were seen at a military treatment facility may call us for help.')).toEqual([]);
  });
});

describe('settings: ASAM levels of care in their written forms (decision 100)', () => {
  it('residential levels by Roman numerals, withdrawal-management suffixes and their names', () => {
    expect(settings('You will work in our Level III.5 program for men.')).toEqual(['treatment_center']);
    expect(settings('You will work on the 3.7-WM unit overnight.')).toEqual(['treatment_center']);
    expect(settings('You will support residents of our clinically managed high-intensity residential services.')).toEqual(['treatment_center']);
    expect(settings('You will support patients in medically monitored intensive inpatient treatment.')).toEqual(['treatment_center']);
  });

  it('Level 4 is a hospital; Levels 1 and 2 and ambulatory withdrawal management are outpatient', () => {
    expect(settings('You will support patients in medically managed intensive inpatient services.')).toEqual(['hospital_ed']);
    expect(settings('You will work in the ASAM Level 2.1 program.')).toEqual(['outpatient']);
    expect(settings('You will work in our Level II.5 partial program.')).toEqual(['outpatient']);
    expect(settings('You will check in with people in our ambulatory withdrawal management program.')).toEqual(['outpatient']);
    expect(settings('You will check in with people in our outpatient detox program.')).toEqual(['outpatient']);
  });

  it('a job grade is no level of care', () => {
    expect(settings('This is a Level II position with a set pay step.', 'Peer Specialist Level II')).toEqual([]);
    expect(settings('Pay grade 2.1 applies after training.', 'Peer Specialist')).toEqual([]);
  });
});

describe('settings: the crisis continuum (decision 100)', () => {
  it('a safe place to go: observation, walk-in crisis, residential crisis programmes', () => {
    expect(settings('You will sit with guests in our 23 hour observation unit.')).toEqual(['crisis_unit']);
    expect(settings('You will sit with guests in the crisis observation area.')).toEqual(['crisis_unit']);
    expect(settings('You will welcome people at the walk-in crisis clinic.')).toEqual(['crisis_unit']);
    expect(settings('You will support guests of our residential crisis stabilization program.')).toEqual(['crisis_unit']);
  });

  it('someone to contact and someone to respond: contact centres and mobile outreach teams', () => {
    expect(settings('You will answer calls, chats and texts at the crisis contact center.')).toEqual(['crisis_unit']);
    expect(settings('You will ride with our MCOT to homes across the county.')).toEqual(['crisis_unit']);
  });
});

describe('settings: the Sequential Intercept Model (decision 100)', () => {
  it('intercepts 0-1: deflection, pre-arrest diversion, people in custody', () => {
    expect(settings('You will ride along in our law enforcement deflection program.')).toEqual(['jail_police']);
    expect(settings('You will work in the pre-arrest diversion program beside patrol officers.')).toEqual(['jail_police']);
    expect(settings('You will meet adults in custody every weekday.')).toEqual(['jail_police']);
    expect(settings('You will visit detainees on the medical floor.')).toEqual(['jail_police']);
    expect(settings('You will mentor youth in custody.')).toEqual(['youth_services', 'jail_police']);
    expect(settings('You will run groups at the juvenile hall.')).toEqual(['youth_services', 'jail_police']);
  });

  it('a child "in custody of" a parent or the state is no jail', () => {
    expect(settings('You will support children placed in custody of the state and their foster parents.')).not.toContain('jail_police');
    expect(settings('You will support parents in custody proceedings.')).toEqual([]);
  });

  it('intercept 2: pretrial services run from a court are jail_police and specialty_court (DOMAIN.md)', () => {
    expect(settings('You will work alongside the pretrial services unit.')).toEqual(['jail_police', 'specialty_court']);
  });

  it('intercepts 4-5: jail in-reach, release planning, day reporting, work release, supervision offices', () => {
    expect(settings('You will provide jail in-reach and release planning.')).toEqual(['reentry']);
    expect(settings('You will run groups at the day reporting center.')).toEqual(['reentry']);
    expect(settings('You will check in with residents of the work release program.')).toEqual(['reentry']);
    expect(settings('You will sit with the community supervision officers twice a week.')).toEqual(['reentry']);
    expect(settings('You will lead pre-release classes for women.')).toEqual(['reentry']);
  });

  it('people "on community supervision" are a population, a hint only', () => {
    expect(settings('Some of the people we serve are on community supervision.')).toEqual([]);
  });
});

describe('settings: treatment-court words (decision 100)', () => {
  it('collaborative and co-occurring courts, re-entry courts, court staffings', () => {
    expect(settings('You will support participants of the collaborative courts.')).toEqual(['specialty_court']);
    expect(settings('You will support participants of the co-occurring disorders court.')).toEqual(['specialty_court']);
    expect(settings('You will sit on the reentry court team.')).toEqual(['reentry', 'specialty_court']);
    expect(settings('You will attend pre-court staffings every Tuesday.')).toEqual(['specialty_court']);
    expect(settings('You will attend the OWI court sessions.')).toEqual(['specialty_court']);
  });
});

describe('settings: OTP words (decision 100)', () => {
  it('guest dosing, take-home doses, the dosing window, buprenorphine brands, M.A.T. with periods', () => {
    expect(settings('You will greet patients during guest dosing.')).toEqual(['moud']);
    expect(settings('You will help patients work toward take-home doses.')).toEqual(['moud']);
    expect(settings('You will check in with patients at the dosing window.')).toEqual(['moud']);
    expect(settings('You will support patients starting Brixadi.')).toEqual(['moud']);
    expect(settings('You will work in our M.A.T. program.')).toEqual(['moud']);
    expect(settings('You will work across several OTPs in the valley.')).toEqual(['moud']);
    expect(settings('You will support people taking medications for the treatment of opioid use disorder.')).toEqual(['moud']);
  });

  it('an OTP network named "comprehensive treatment center" is MOUD, not a residential centre', () => {
    expect(settings('You will support patients at our Comprehensive Treatment Center in Riverside.')).toEqual(['moud']);
  });

  it('take-home pay and medication dosing are no OTP', () => {
    expect(settings('Your take-home pay rises after the first review.')).toEqual([]);
    expect(settings('Review medication dosing schedules with the prescriber.')).toEqual([]);
  });
});

describe('settings: youth, hospital and community words (decision 100)', () => {
  it('paediatric care and kinship care are youth services; paediatric beside adult care is a lifespan', () => {
    expect(settings('You will sit with families in the pediatric emergency department.')).toEqual(['hospital_ed', 'youth_services']);
    expect(settings('You will visit kinship caregivers at home.')).toEqual(['youth_services']);
    expect(settings('You will see pediatric and adult patients in the clinic.')).not.toContain('youth_services');
  });

  it('hospital units by their short names', () => {
    expect(settings('You will spend afternoons on the psych unit.')).toEqual(['hospital_ed']);
    expect(settings('You will work at the forensic hospital.')).toEqual(['hospital_ed']);
    expect(settings('You will work at our behavioral health hospital.')).toEqual(['hospital_ed']);
    expect(settings('You will support patients in hospital inpatient units.')).toEqual(['hospital_ed']);
  });

  it('street medicine, rapid re-housing, sober homes, the PATH programme', () => {
    expect(settings('You will walk with the street medicine team.')).toEqual(['community_org']);
    expect(settings('You will help tenants in rapid rehousing.')).toEqual(['community_org']);
    expect(settings('You will check in at the sober homes each evening.')).toEqual(['community_org']);
    expect(settings('You will join the PATH outreach team.')).toEqual(['community_org']);
  });
});

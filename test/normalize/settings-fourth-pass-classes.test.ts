import { describe, expect, it } from 'vitest';
import { classifySettings } from '../../scrapers/normalize/index.ts';

const settings = (text: string, title = 'Peer Support Worker', employer?: string) => classifySettings({ title, employer, text });

describe('settings: home treatment crisis teams, intensive care units, reentry centers (issue 9, decision 083)', () => {
  it("England's crisis resolution and home treatment teams are crisis services", () => {
    expect(settings('Join the crisis resolution and home treatment team, visiting people at home through the worst weeks of a breakdown.')).toContain('crisis_unit');
    expect(settings('The crisis resolution team works around the clock across the borough; you will offer peer support on its visits.')).toContain('crisis_unit');
    expect(settings('You will be based with the CRHTT and see people in their own homes.')).toContain('crisis_unit');
    expect(settings('As part of the intensive home treatment team you will see service users daily, alongside the nurses.')).toContain('crisis_unit');
  });

  it('a home treatment team in about-us text alone is not enough, and "crisis resolution" as a skill is none', () => {
    expect(settings('About us: our trust also runs a home treatment team, a memory clinic and a recovery college.', 'Administrator')).not.toContain('crisis_unit');
    expect(settings('Strong conflict and crisis resolution skills are needed for this front-desk post.', 'Receptionist')).not.toContain('crisis_unit');
  });

  it('a psychiatric intensive care unit, a PICU or an ICU is a hospital unit', () => {
    expect(settings('You will offer one-to-one peer support to women staying on our new psychiatric intensive care unit.')).toContain('hospital_ed');
    expect(settings('Peer Support Worker - PICU', 'Peer Support Worker - PICU')).toContain('hospital_ed');
    expect(settings('Families sit with our peer mentors in the ICU waiting area while their loved one is treated.', 'Family Peer Mentor')).toContain('hospital_ed');
  });

  it('intensive care coordination is a wraparound service, not an intensive care unit', () => {
    expect(settings('Provide intensive care coordination for families alongside the wraparound facilitator.', 'Family Partner')).not.toContain('hospital_ed');
  });

  it('a residential reentry center (a federal halfway house) is re-entry, not residential treatment', () => {
    const got = settings('Mentor men finishing their sentences at our residential reentry center as they look for work and housing.', 'Reentry Peer Mentor');
    expect(got).toContain('reentry');
    expect(got).not.toContain('treatment_center');
    expect(settings('Support clients at the residential treatment program through their first month.')).toContain('treatment_center');
  });

  it('a syringe service or exchange program is a harm reduction community setting', () => {
    expect(settings('Staff the syringe service program two evenings a week, handing out kits and naloxone.', 'Harm Reduction Peer')).toContain('community_org');
    expect(settings('Run the mobile needle exchange with a partner and talk with participants about treatment options.', 'Harm Reduction Peer')).toContain('community_org');
  });

  it('a mental health urgent care center is a crisis unit; a plain urgent care clinic is not', () => {
    expect(settings('Greet walk-in guests at the mental health urgent care center and stay with them until they see a clinician.')).toContain('crisis_unit');
    expect(settings('Check in patients at the urgent care clinic for colds, sprains and flu shots.', 'Medical Receptionist')).not.toContain('crisis_unit');
  });

  it('schools named together, an alternative school or a school district place a job in the schools; a diploma does not', () => {
    expect(settings('Meet students during lunch periods at the middle and high schools of the district.')).toContain('youth_services');
    expect(settings('Lead recovery groups for students at the alternative high school.')).toContain('youth_services');
    expect(settings('A high school diploma or equivalent is required for this role.')).not.toContain('youth_services');
  });

  it('a place "run by and for peers" is peer-run', () => {
    expect(settings('Open the drop-in space each morning; the wellness center is run by and for people with lived experience.')).toContain('community_org');
  });
});


import { describe, expect, it } from 'vitest';
import { classifySettings } from '../../scrapers/normalize/index.ts';

// Decision 100: every setting's phrases tolerate the usual written variants. Our own sentences.
const settings = (text: string, title = 'Peer Support Specialist') => classifySettings({ title, text });

describe('settings: written variants of the same names (decision 100)', () => {
  it('British spellings: behavioural, centre, programme, counselling, stabilisation', () => {
    expect(settings('You will greet visitors at the behavioural health urgent care centre.')).toEqual(['crisis_unit']);
    expect(settings('You will co-facilitate sessions at the harm reduction programme.')).toEqual(['community_org']);
    expect(settings('You will welcome clients at the counselling centre.')).toEqual(['outpatient']);
    expect(settings('You will join the day treatment programme twice a week.')).toEqual(['outpatient']);
    expect(settings('You will sit with guests at the crisis stabilisation unit.')).toEqual(['crisis_unit']);
    expect(settings('You will support members of the behavioural health clinic.')).toEqual(['outpatient']);
  });

  it('plurals of acronyms and of place nouns', () => {
    expect(settings('You will rotate between the CCBHCs of the region.')).toEqual(['outpatient']);
    expect(settings('You will rotate between our IOPs and the CMHCs.')).toEqual(['outpatient']);
    expect(settings('You will cover the EDs of three hospitals.')).toEqual(['hospital_ed']);
    expect(settings('You will answer the county crisis lines overnight.')).toEqual(['crisis_unit']);
    expect(settings('You will visit the clubhouses of the network.')).toEqual(['community_org']);
    expect(settings('You will work across the detention centers of the county.')).toEqual(['jail_police']);
  });

  it('hyphen, space or none: in-patient, drop in, co responders, post release, re entry, 23 hour', () => {
    expect(settings('You will support patients on the in-patient psychiatric unit.')).toEqual(['hospital_ed']);
    expect(settings('You will staff the drop in center on weekends.')).toEqual(['community_org']);
    expect(settings('You will ride with the co responders on evening shifts.')).toEqual(['jail_police']);
    expect(settings('You will give post release support to men coming home.')).toEqual(['reentry']);
    expect(settings('You will lead the re entry group on Thursdays.')).toEqual(['reentry']);
    expect(settings('You will sit with guests in the 23-hr observation chairs.')).toEqual(['crisis_unit']);
    expect(settings('You will support people in the partial-hospitalization program.')).toEqual(['outpatient']);
  });

  it('acronyms written with periods: E.R., M.A.T., V.A. Medical Center', () => {
    expect(settings('You will meet patients in the E.R. after an overdose.')).toEqual(['hospital_ed']);
    expect(settings('You will work at the V.A. Medical Center.')).toEqual(['hospital_ed']);
    expect(settings('You will support clients of our M.A.T. clinic.')).toEqual(['outpatient', 'moud']);
  });

  it('"treatment centers" in a chain\'s name stays no residential setting', () => {
    expect(settings('Meet patients at intake and dosing.', 'Peer Recovery Specialist')).toEqual([]);
    expect(classifySettings({ title: 'Peer Recovery Specialist', employer: 'Lakeview Treatment Centers', text: 'Meet patients at intake.' })).toEqual([]);
  });

  it('facilities a worker connects with to refer clients are destinations, not the job', () => {
    expect(settings('Connects with community facilities and rehabilitation centres to refer clients for treatment.')).toEqual([]);
    // Working with residents in the job's own facilities is no partner.
    expect(settings('You will work with residents in our two residential facilities.')).toEqual(['treatment_center']);
  });
});

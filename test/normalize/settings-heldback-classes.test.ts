import { describe, expect, it } from 'vitest';
import { classifySettings } from '../../scrapers/normalize/index.ts';

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
});

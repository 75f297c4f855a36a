import { describe, expect, it } from 'vitest';
import { parseLocation } from '../../scrapers/normalize/index.ts';

/** Location-field shapes from real postings (issue 9, second round; decision 085). */
describe('the location field: sites, foreign places and boxes', () => {
  it('gives no city when the field names two towns of the state', () => {
    expect(parseLocation('Eugene / Springfield Area, OR')).toMatchObject({ state: 'OR', city: null });
    expect(parseLocation('Salem or Albany, OR')).toMatchObject({ state: 'OR', city: null });
    expect(parseLocation('Bend and Redmond, OR')).toMatchObject({ state: 'OR', city: null });
    // One town with its area, or a town and a street, is still one site.
    expect(parseLocation('Chico Area, CA')).toMatchObject({ state: 'CA', city: 'Chico' });
    expect(parseLocation('Columbus, OH - 123 Main St')).toMatchObject({ state: 'OH', city: 'Columbus' });
  });

  it('reads a town outside the US without giving it a US state', () => {
    expect(parseLocation('Ward 3, Kings Road, Leeds LS1 4AP, UK')).toMatchObject({ state: null, city: 'Leeds' });
    expect(parseLocation('Footscray, VIC, AU, 3011')).toMatchObject({ state: null, city: 'Footscray' });
    expect(parseLocation('Kingston, ON')).toMatchObject({ state: null, city: 'Kingston' });
    expect(parseLocation('Perth, WA, Australia')).toMatchObject({ state: null, city: 'Perth' });
    // "CA" after a town is California, never Canada; Puerto Rico is a US place.
    expect(parseLocation('Fresno, CA')).toMatchObject({ state: 'CA', city: 'Fresno' });
    expect(parseLocation('Ponce, Puerto Rico')).toMatchObject({ state: 'PR', city: 'Ponce' });
  });

  it('does not read a US state from the text of a job placed abroad', () => {
    const text = 'Our service follows a model first tried in Oregon. Based in Leeds.';
    expect(parseLocation('Leeds LS2 9JT, United Kingdom', null, text)).toMatchObject({ state: null, city: 'Leeds' });
    expect(parseLocation({ city: 'Cardiff', country: 'Wales' }, null, 'Trained on the Georgia model.')).toMatchObject({ state: null, city: 'Cardiff' });
  });

  it('keeps a town whose own name ends in a facility word', () => {
    expect(parseLocation('Rockville Centre, NY')).toMatchObject({ state: 'NY', city: 'Rockville Centre' });
    expect(parseLocation('Valley Center, KS')).toMatchObject({ state: 'KS', city: 'Valley Center' });
  });

  it('reads the town after a post office box', () => {
    expect(parseLocation('PO Box 1234 Greenville')).toMatchObject({ city: 'Greenville' });
    expect(parseLocation('P.O. Box 77 Nowhereville')).toMatchObject({ city: null });
  });

  it('lets a site named in the title win over a city known only from the field ZIP', () => {
    // 29201 is a Columbia ZIP: the agency's head office, while the title names the team's town.
    const loc = parseLocation('South Carolina, 29201', null, null, 'Peer Support Specialist - ACT Team Florence');
    expect(loc).toMatchObject({ state: 'SC', city: 'Florence' });
    // A field that names another town of the state: the title's site wins too (docs/decisions/096
    // reverses 085 here; the field is often a board header or the agency's head office).
    expect(parseLocation('Columbia, SC 29201', null, null, 'Peer Support Specialist - ACT Team Florence')).toMatchObject({ city: 'Florence', postalCode: null });
    // A title with no town keeps the field's.
    expect(parseLocation('Columbia, SC 29201', null, null, 'Peer Support Specialist - ACT Team')).toMatchObject({ city: 'Columbia', postalCode: '29201' });
  });

  it('reads a town right before a site word in the title', () => {
    expect(parseLocation('Massachusetts', null, null, 'Recovery Coach Springfield Clinic')).toMatchObject({ state: 'MA', city: 'Springfield' });
    expect(parseLocation('Oregon', null, null, 'Peer Mentor Hope House')).toMatchObject({ state: 'OR', city: null });
  });

  it("prefers the employer's labelled work location over a board's header city in the same state", () => {
    const text = 'Job details\nWork Location: North Clinic, 410 Elm Street, Dayton, OH 45402\nSchedule: days';
    expect(parseLocation('Kettering, OH 45429', null, text)).toMatchObject({ state: 'OH', city: 'Dayton', postalCode: '45402' });
    // Another state's address, or a line with no address, changes nothing.
    expect(parseLocation('Kettering, OH', null, 'Work Location: 12 Main St, Richmond, IN 47374')).toMatchObject({ city: 'Kettering' });
    expect(parseLocation('Kettering, OH', null, 'Work Location: In person')).toMatchObject({ city: 'Kettering' });
  });

  it('reads the city from the text when the field names only the state', () => {
    expect(parseLocation('Remote, OR', null, 'Job details\nLocation: Salem\nHours: 40')).toMatchObject({ state: 'OR', city: 'Salem' });
    expect(parseLocation('Oregon', null, 'Report to 200 Court St NE, Salem, OR 97301.')).toMatchObject({ state: 'OR', city: 'Salem' });
    // Two sites in the text, or a town of another state, give none.
    expect(parseLocation('Oregon', null, 'Sites: Salem, OR and Eugene, OR.')).toMatchObject({ state: 'OR', city: null });
    expect(parseLocation('Oregon', null, 'Our sister program is in Tacoma, WA.')).toMatchObject({ state: 'OR', city: null });
  });

  it('keeps a labelled site several states have, without a state', () => {
    const text = 'Program: youth outreach\nLocation: Southeast Portland (Lents)\nStatus: full-time';
    expect(parseLocation(undefined, null, text)).toMatchObject({ state: null, city: 'Portland' });
    // A word that is only some hamlet's name is no site, with or without a state of its own.
    expect(parseLocation(undefined, null, 'Location: Central Office\nStatus: full-time')).toMatchObject({ state: null, city: null });
    expect(parseLocation(undefined, null, 'Location: Mobile Unit\nStatus: full-time')).toMatchObject({ state: null, city: null });
    expect(parseLocation(undefined, null, 'Location: Westside\nStatus: full-time')).toMatchObject({ state: null, city: null });
  });
});

import { describe, expect, it } from 'vitest';
import { parseLocation } from '../../scrapers/normalize/location.ts';
import { placeFromText } from '../../scrapers/normalize/place-in-text.ts';

// docs/decisions/096: place lines of board and ATS pages, in our own words.
describe('the place in the text, third round', () => {
  it('a town before its county and state is the site ("Town, X County, State, ZIP, USA")', () => {
    expect(placeFromText({ text: 'Recovery Coach\nJob in\nKalamazoo, Kalamazoo County, Michigan, 49007, USA\nFull time' })).toMatchObject({ state: 'MI', city: 'Kalamazoo' });
    expect(placeFromText({ text: 'Openings in Kalamazoo, Kalamazoo County, MI for peers.' })).toMatchObject({ state: 'MI', city: 'Kalamazoo' });
    // A county alone is still no city.
    expect(placeFromText({ text: 'Serving Kalamazoo County, Michigan.' })).toMatchObject({ state: 'MI', city: null });
  });

  it('"The County of X" is read as the county of X', () => {
    expect(placeFromText({ text: 'The County of Multnomah is hiring peer support specialists.' }).state).toBe('OR');
    // A county name several states have still gives none.
    expect(placeFromText({ text: 'The County of Orange is hiring.' }).state).toBeNull();
  });

  it('a labelled location line wins over the agency head office named elsewhere', () => {
    const text = 'Location: Dayton, OH. Our headquarters is at 100 Main St, Columbus, OH 43215, and we run eleven clinics.';
    expect(placeFromText({ text })).toMatchObject({ state: 'OH', city: 'Dayton' });
    expect(parseLocation(undefined, null, 'Job Location: Xenia, OH\nAbout us: founded in Columbus, Ohio in 1970.')).toMatchObject({ state: 'OH', city: 'Xenia' });
    // Two labelled sites, or two addresses with no label, give no city.
    expect(placeFromText({ text: 'Locations: Dayton, OH and Xenia, OH.' })).toMatchObject({ state: 'OH', city: null });
    expect(placeFromText({ text: 'Offices at 1 Elm St, Dayton, OH 45402 and 2 Oak St, Xenia, OH 45385.' })).toMatchObject({ state: 'OH', city: null });
  });
});

describe('ATS location paths in the text', () => {
  it('an iCIMS-style path "US-ST-Town" is the site', () => {
    expect(parseLocation(undefined, null, 'Job Locations\nUS-OH-Xenia\nID 2024-1234\nCategory Peer Services')).toMatchObject({ state: 'OH', city: 'Xenia' });
    expect(parseLocation(undefined, null, 'Primary Location: OH-Xenia\nSchedule: Full-time')).toMatchObject({ state: 'OH', city: 'Xenia' });
  });

  it('two paths with different towns are several sites: the state, no city', () => {
    expect(parseLocation(undefined, null, 'Job Locations US-OH-Xenia | US-OH-Dayton')).toMatchObject({ state: 'OH', city: null });
  });

  it('paths in two states give no place from the paths', () => {
    expect(parseLocation(undefined, null, 'Job Locations US-OH-Xenia | US-KY-Louisville').city).toBeNull();
  });

  it('a town the text writes in capitals gets its own casing', () => {
    expect(parseLocation(undefined, null, 'Location: XENIA, OH, US').city).toBe('Xenia');
    expect(parseLocation('XENIA, OH').city).toBe('Xenia');
  });
});

describe('a town of one state before a site word, with no state written', () => {
  it('"<Town> Campus" places the job when only one state has the town', () => {
    expect(placeFromText({ text: 'Tutor Coordinator - Tuscaloosa Campus: call ext. 5211' })).toMatchObject({ state: 'AL', city: 'Tuscaloosa' });
  });

  it('a generic word, a town several states have, two towns, or a page from abroad give none', () => {
    expect(placeFromText({ text: 'Report to the Main Campus.' }).state).toBeNull();
    expect(placeFromText({ text: 'Our Springfield Office is hiring.' }).state).toBeNull();
    expect(placeFromText({ text: 'Tuscaloosa Office and Kalamazoo Clinic.' }).state).toBeNull();
    expect(placeFromText({ text: 'NHS trust: Kalamazoo Clinic, salary £24,000.' }).state).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { parseLocation, parseLocationText } from '../../scrapers/normalize/index.ts';
import { dominantStateOfCity } from '../../scrapers/normalize/gazetteer.ts';
import { placeFromText } from '../../scrapers/normalize/place-in-text.ts';

/** Place classes of the fourth round (issue 9, parts J–L; docs/decisions/104). Our own wording throughout. */
describe('a state named by its law or its dotted code', () => {
  it("reads a state's statute cited with a section number", () => {
    expect(placeFromText({ text: 'Counselors work under ORS 419A.004 with youth on probation.' }).state).toBe('OR');
    expect(placeFromText({ text: 'Evaluations follow RCW 71.05.150 and WAC 246-341.' }).state).toBe('WA');
    expect(placeFromText({ text: 'The unit admits people held under KRS 202A.026.' }).state).toBe('KY');
    expect(placeFromText({ text: 'Commitments under MGL c. 123 are part of the caseload.' }).state).toBe('MA');
    expect(placeFromText({ text: 'Screening follows 405 ILCS 5/3-601.' }).state).toBe('IL');
    expect(placeFromText({ text: 'Holds under N.J.S.A. 30:4-27.5 are reviewed weekly.' }).state).toBe('NJ');
    expect(placeFromText({ text: 'Knowledge of the Welfare and Institutions Code is needed.' }).state).toBe('CA');
  });

  it('does not read the abbreviation alone, nor a federal code', () => {
    expect(placeFromText({ text: 'You will join the ORS team and the WAC committee.' }).state).toBeNull();
    expect(placeFromText({ text: 'Appointed under 38 U.S.C. 7401 and 5 U.S.C. 3304.' }).state).toBeNull();
  });

  it('reads a postal code written with full stops', () => {
    expect(placeFromText({ text: 'Must hold or be eligible for a N.J. school counselor certificate.' }).state).toBe('NJ');
    expect(placeFromText({ text: 'A current S.C. driver licence is required.' }).state).toBe('SC');
  });

  it("reads a state's name before a driver's licence written with capitals", () => {
    expect(placeFromText({ text: "You need a valid Ohio Driver's License and a clean record." }).state).toBe('OH');
    // A street of that name is still no state.
    expect(placeFromText({ text: 'Our office sits on Ohio Drive beside the park.' }).state).toBeNull();
  });
});

describe('a county is no city', () => {
  it('reads "County of X, ST" in the field and the text as the state alone', () => {
    expect(parseLocation('County of Lane, OR', null, 'Location : County of Lane, OR\nJob Type: Full-Time', 'Residential Counselor')).toMatchObject({ state: 'OR', city: null });
    expect(placeFromText({ text: 'Location: County of Santa Clara, CA' })).toMatchObject({ state: 'CA', city: null });
  });

  it('does not take the town out of a county name after a location cue', () => {
    expect(placeFromText({ text: 'Arizona jail program. This position is located at the Maricopa County Adult Detention Center.' })).toMatchObject({ state: 'AZ', city: null });
  });

  it("reads an aggregator's state name after a county as the county's state", () => {
    // An aggregator geocoded "Washington" after the county as Washington, Missouri.
    expect(parseLocationText('County of Sacramento, California, Missouri, United States, 65018')).toMatchObject({ state: 'CA', city: null });
  });
});

describe('location fields', () => {
  it('gives no city for a building named alone', () => {
    expect(parseLocationText('Courthouse').city).toBeNull();
    expect(parseLocationText('Main Office').city).toBeNull();
    expect(parseLocationText('Juvenile Detention Center').city).toBeNull();
    // A town whose name is a word stays a town.
    expect(parseLocationText('Salem').city).toBe('Salem');
  });

  it('reads a town with the country alone, in another language too', () => {
    expect(parseLocationText('Eugene, Estados Unidos da América').city).toBe('Eugene');
    expect(parseLocationText('Eugene, USA').city).toBe('Eugene');
  });

  it('splits segments at a dot operator', () => {
    expect(parseLocationText('Ohio, United States ⋅ Akron, Ohio, United States')).toMatchObject({ state: 'OH' });
    expect(parseLocationText('Ohio, United States ⋅ Akron, Ohio, United States').city).toBe('Akron');
  });
});

describe('places that are not the job site', () => {
  it("reads a board's search header for the state but not the town", () => {
    const text = '1,204 Kinston, NC jobs\n\nPeer Support Specialist\n\nUnited States\n\nWe provide outpatient care.';
    expect(placeFromText({ text })).toMatchObject({ state: 'NC', city: null });
    expect(placeFromText({ text: 'Jobs in Kinston, NC\n\nRecovery Coach\n\nOutpatient services.' })).toMatchObject({ state: 'NC', city: null });
    expect(placeFromText({ text: '87 Kinston, North Carolina Jobs\n\nRecovery Coach\n\nOutpatient services.' })).toMatchObject({ state: 'NC', city: null });
  });

  it('gives no city for a training or hiring venue, and no state for an academy', () => {
    expect(placeFromText({ text: 'After hire, staff spend four weeks of classroom training in Dayton, Ohio.' })).toMatchObject({ state: 'OH', city: null });
    expect(placeFromText({ text: 'Come to our walk-in hiring event at the library in Ontario, CA on May 3.' })).toMatchObject({ state: 'CA', city: null });
    expect(placeFromText({ text: 'New officers attend a twelve-week basic academy at the training center in Artesia, New Mexico.' })).toMatchObject({ state: null, city: null });
    // The job's own address is still the job's.
    expect(placeFromText({ text: 'Our clinic is at 12 Elm Street, Dayton, OH 45402.' })).toMatchObject({ state: 'OH', city: 'Dayton' });
  });

  it('gives no state for a labelled list of sites in two states', () => {
    const text = 'Locations\n3 vacancies in the following locations:\nBend, OR\nSalem, OR\nBoise, ID\nTelework eligible\nNo';
    expect(placeFromText({ text })).toMatchObject({ state: null, city: null });
    expect(placeFromText({ text: 'Duty stations are in the following locations: Boise, Idaho; Salem, Oregon; Bend, Oregon.' }).state).toBeNull();
    // A list of one state's sites keeps the state.
    expect(placeFromText({ text: 'Locations:\nBend, OR\nSalem, OR\nFull-time' })).toMatchObject({ state: 'OR', city: null });
  });
});

describe('a town in the title when nothing names a state', () => {
  it('gives the city without a state for a town several states have', () => {
    expect(parseLocation(undefined, null, 'Answer crisis calls and go out with the team.', 'Crisis Worker (Nights) - Bristol (214)')).toMatchObject({ city: 'Bristol', state: null });
    expect(parseLocation(undefined, null, 'Supervise youth in a group home.', 'Youth Care Worker (Bristol Campus)')).toMatchObject({ city: 'Bristol', state: null });
  });

  it('does not read program words or the job name as a town', () => {
    expect(parseLocation(undefined, null, 'Answer crisis calls.', 'Crisis Worker - Mobile Team').city).toBeNull();
    expect(parseLocation(undefined, null, 'Answer crisis calls.', 'Crisis Worker - Part Time').city).toBeNull();
    expect(parseLocation(undefined, null, 'Answer crisis calls.', 'Crisis Worker').city).toBeNull();
  });
});

describe('a big city whose namesakes elsewhere are hamlets', () => {
  it('knows which cities dominate their name', () => {
    expect(dominantStateOfCity('Detroit')).toBe('MI');
    expect(dominantStateOfCity('San Diego')).toBe('CA');
    // Two real cities share these names: none.
    expect(dominantStateOfCity('Portland')).toBeNull();
    expect(dominantStateOfCity('Cleveland')).toBeNull();
    expect(dominantStateOfCity('Columbia')).toBeNull();
    expect(dominantStateOfCity('Springfield')).toBeNull();
  });

  it('places a city government and a facility in such a city', () => {
    expect(placeFromText({ employer: 'City of Philadelphia', text: 'Police co-responder clinician.' })).toMatchObject({ state: 'PA', city: 'Philadelphia' });
    expect(placeFromText({ text: 'The counselor works at an army medical center in San Diego with service members.' })).toMatchObject({ state: 'CA', city: 'San Diego' });
    // A city of a shared name gives none.
    expect(placeFromText({ text: 'The counselor works at a clinic in Portland with veterans.' }).state).toBeNull();
  });
});

describe("the employer's own location line against a board's header", () => {
  it("takes the employer's town, and the board's state only when the employer's text names it", () => {
    // Springfield, Ohio is about 290 km from Cleveland: not the board's area.
    const text = 'Location(s):\nCleveland, Ohio, United States\n\nJob Title\n\nCrisis Specialist\n\nLocation\n\nSpringfield\n\nFacility\n\nNorth Hospital';
    expect(parseLocation('Cleveland, Ohio, United States', null, text, 'Crisis Specialist')).toMatchObject({ city: 'Springfield', state: null });
    const named = `${text}\n\nRequires an Ohio Department of Health certification.`;
    expect(parseLocation('Cleveland, Ohio, United States', null, named, 'Crisis Specialist')).toMatchObject({ city: 'Springfield', state: 'OH' });
  });

  it("keeps the board's state when the employer's town is a nearby town of that state", () => {
    // A head office in the field and the site in the employer's line, 25 km apart.
    expect(parseLocation('Columbus, OH', null, 'Location\n\nDelaware\n\nShift\n\nDays', 'Crisis Specialist')).toMatchObject({ city: 'Delaware', state: 'OH' });
    // A town of the same name far away in that state is not near: the text decides.
    expect(parseLocation('New York, NY', null, 'Location\n\nCleveland\n\nShift\n\nNights', 'Crisis Specialist')).toMatchObject({ city: 'Cleveland', state: null });
  });

  it("keeps the field when the employer's line names the same town or no real town", () => {
    expect(parseLocation('Dayton, OH', null, 'Location\n\nDayton\n\nFacility\n\nNorth Hospital', 'Crisis Specialist')).toMatchObject({ city: 'Dayton', state: 'OH' });
    expect(parseLocation('Dayton, OH', null, 'Location: Main Campus\nShift: Nights', 'Crisis Specialist')).toMatchObject({ city: 'Dayton', state: 'OH' });
  });
});

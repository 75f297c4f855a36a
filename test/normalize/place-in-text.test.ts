import { describe, expect, it } from 'vitest';
import { parseLocation } from '../../scrapers/normalize/index.ts';
import { placeFromText } from '../../scrapers/normalize/place-in-text.ts';

/** A posting with no location field: the place is only in its text. */
function where(text: string, employer?: string, title = 'Peer Support Specialist') {
  const l = parseLocation(undefined, null, text, title, employer ?? null);
  return { state: l.state, city: l.city };
}

describe('the state named only in the text (issue 9)', () => {
  it('reads a street address with a city and state code', () => {
    expect(where('Report to our Eastside clinic, 410 Maple Lane, Dayton, OH 45402, Monday to Friday.')).toEqual({ state: 'OH', city: 'Dayton' });
  });

  it('reads a state agency in the employer name', () => {
    expect(where('Help adults in recovery find housing and work.', 'Commonwealth of Kentucky Cabinet for Health and Family Services').state).toBe('KY');
    expect(where('Join the team that supports recovery statewide.', 'Iowa Department of Human Services').state).toBe('IA');
  });

  it('reads "State of X" and requirements that name the state', () => {
    expect(where('Candidates need a current Montana driver license and must complete the peer training the State of Montana offers.').state).toBe('MT');
  });

  it('reads a county that exists in one state only, and gives no state for a county many states share', () => {
    expect(where('Our team covers Maricopa County and meets people where they are.').state).toBe('AZ');
    expect(where('Our team covers Jefferson County and meets people where they are.').state).toBeNull();
  });

  it('does not take "Washington County" or a street named after a state as the state', () => {
    expect(where('The office sits on Ohio Street in the Washington County seat.').state).toBeNull();
  });

  it('reads a city government whose city name only one state has', () => {
    expect(where('Work beside firefighters on a crisis response unit.', 'City of Tacoma')).toEqual({ state: 'WA', city: 'Tacoma' });
  });

  it('gives no state when the text names several states evenly (a regional provider, an aggregator)', () => {
    expect(where('We have programs in Ohio, in Indiana and in Kentucky.').state).toBeNull();
  });

  it('prefers the state the text names most, with a margin', () => {
    expect(where('The college is the largest in Nevada. Nevada residents preferred; we also accept applicants from Utah.').state).toBe('NV');
  });

  it('reads "Counties, ST" as a state with no city', () => {
    expect(where('This role serves Lincoln and Logan Counties, WV from a mobile unit.')).toEqual({ state: 'WV', city: null });
  });

  it('takes the city from a location label or a header line once the state is known', () => {
    expect(where('Location: our Bend office.\nWe serve all of Oregon.').city).toBe('Bend');
    expect(where('Job Type\n• Full Time\n• Eugene\n\nAn Oregon nonprofit.').city).toBe('Eugene');
  });

  it('places a job by a labelled city that only one state has', () => {
    expect(where('Work Location: Gastonia\nFLSA Status: Non-Exempt')).toEqual({ state: 'NC', city: 'Gastonia' });
  });
});

describe('several sites: no city', () => {
  it('gives the state but no city when two addresses in the state are named', () => {
    expect(where('Split between our Salem, OR clinic and our Eugene, OR clinic.')).toEqual({ state: 'OR', city: null });
  });

  it('gives no city for "X or Y, ST"', () => {
    expect(where('Location: Boise or Nampa, ID')).toEqual({ state: 'ID', city: null });
  });

  it('drops the city of the location field when the title says the job has various locations', () => {
    const l = parseLocation('Gainesville, FL', null, '', 'Peer Specialist | Various Locations');
    expect(l).toMatchObject({ state: 'FL', city: null });
  });

  it('keeps no county as a city ("Buncombe County, NC")', () => {
    expect(parseLocation('Buncombe County, NC - USA', null, '', 'Peer Specialist')).toMatchObject({ state: 'NC', city: null });
  });
});

describe('the location field without a state', () => {
  it('replaces a facility name taken for a city by the city the text gives', () => {
    const l = parseLocation('Western State Hospital', null, 'A psychiatric hospital in Staunton, Virginia.', 'Peer Specialist');
    expect(l).toMatchObject({ state: 'VA', city: 'Staunton' });
  });

  it('places a lone city that only one state has', () => {
    expect(parseLocation('Tacoma', null, '', 'Peer Specialist')).toMatchObject({ state: 'WA', city: 'Tacoma' });
  });

  it('placeFromText reports several sites', () => {
    expect(placeFromText({ text: 'Sites: Reno, NV and Elko, NV.' })).toEqual({ state: 'NV', city: null, severalCities: true });
  });
});

describe('more place shapes seen on real postings', () => {
  it('reads a list of counties that exist in one state only', () => {
    expect(where('The team covers Sonoma, Mendocino and Napa counties.').state).toBe('CA');
  });

  it('reads a state code naming the state\'s own body ("NC Peer Support Specialist Certification")', () => {
    expect(where('Must hold the TN Certified Peer Recovery Specialist credential.').state).toBe('TN');
  });

  it('takes a site named in the title as the city', () => {
    expect(parseLocation(undefined, null, 'A Georgia nonprofit.', 'Peer Specialist - Valdosta', null)).toMatchObject({ state: 'GA', city: 'Valdosta' });
    expect(parseLocation('AZ', null, '', 'Recovery Coach - Scottsdale - ref 1042', null)).toMatchObject({ state: 'AZ', city: 'Scottsdale' });
  });

  it('does not take a program word in the title for a town ("Mobile Crisis" is no city)', () => {
    expect(parseLocation('AL', null, '', 'Peer Specialist - Mobile Crisis Team', null).city).toBeNull();
    // An acronym in brackets is no town either ("(SUN)" is not Sun, Louisiana).
    expect(parseLocation(undefined, null, '', 'Substance Use Navigator (SUN)', null)).toMatchObject({ state: null, city: null });
  });

  it('names New York City and "X Area" by the city', () => {
    expect(parseLocation({ city: 'New York City', state: 'NY' }, null, '', 'Peer Specialist').city).toBe('New York');
    expect(parseLocation('Chico Area, CA', null, '', 'Peer Specialist').city).toBe('Chico');
  });

  it('reads a state followed by the country\'s name in another language', () => {
    expect(parseLocation('Portland, Oregon, Vereinigte Staaten', null, '', 'Peer Specialist')).toMatchObject({ state: 'OR', city: 'Portland' });
    expect(parseLocation('Tucson, AZ, Estados Unidos', null, '', 'Peer Specialist')).toMatchObject({ state: 'AZ', city: 'Tucson' });
    expect(parseLocation('Vereinigte Staaten', null, '', 'Peer Specialist').city).toBeNull();
  });
});

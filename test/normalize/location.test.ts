import { describe, expect, it } from 'vitest';
import { lookupPlace, parseLocation } from '../../scrapers/normalize/index.ts';

describe('parseLocation', () => {
  it.each([
    ['Columbus, OH', 'Columbus', 'OH', null, 'onsite'],
    ['Columbus, Ohio 43215', 'Columbus', 'OH', '43215', 'onsite'],
    ['Columbus OH', 'Columbus', 'OH', null, 'onsite'],
    ['Dayton, OH (hybrid)', 'Dayton', 'OH', null, 'hybrid'],
    ['Remote', null, null, null, 'remote'],
    ['Remote - US', null, null, null, 'remote'],
    ['Remote, OH', null, 'OH', null, 'remote'],
    ['Multiple Locations', null, null, null, null],
    ['US-OH-Columbus', 'Columbus', 'OH', null, 'onsite'],
    ['USA-PA-Pittsburgh-Downtown', 'Pittsburgh', 'PA', null, 'onsite'],
    ['Columbus, OH - 123 Main St', 'Columbus', 'OH', null, 'onsite'],
    ['123 Main St, Columbus, OH 43215', 'Columbus', 'OH', '43215', 'onsite'],
    ['Columbus, Ohio, United States', 'Columbus', 'OH', null, 'onsite'],
    ['NEW YORK, NY', 'New York', 'NY', null, 'onsite'],
    ['Washington, DC', 'Washington', 'DC', null, 'onsite'],
    ['St. Louis, MO', 'St. Louis', 'MO', null, 'onsite'],
    ['Kansas City Missouri', 'Kansas City', 'MO', null, 'onsite'],
    ['OH - Cleveland', 'Cleveland', 'OH', null, 'onsite'],
    ['Hybrid remote in Denver, CO 80202', 'Denver', 'CO', '80202', 'hybrid'],
  ] as const)('%s', (text, city, state, postalCode, workplace) => {
    const loc = parseLocation(text);
    expect({ city: loc.city, state: loc.state, postalCode: loc.postalCode, workplace: loc.workplace }).toEqual({ city, state, postalCode, workplace });
  });

  it('reads structured addresses with state names or codes, and JSON-LD keys', () => {
    expect(parseLocation({ city: 'Dayton', state: 'Ohio' }).state).toBe('OH');
    expect(parseLocation({ city: 'Dayton', state: 'OH', postalCode: '45402' })).toMatchObject({ postalCode: '45402', state: 'OH' });
    const jsonLd = { addressLocality: 'Tampa', addressRegion: 'FL', postalCode: '33602', addressCountry: 'US' };
    expect(parseLocation(jsonLd as never)).toMatchObject({ city: 'Tampa', state: 'FL' });
    expect(parseLocation({ city: 'Toronto', state: 'ON', country: 'Canada' }).state).toBeNull();
  });

  it('takes the state of an array of sites but no one city when it names several (docs/decisions/096)', () => {
    const akron = parseLocation('Akron, OH');
    const loc = parseLocation(['Remote', 'Akron, OH', 'Canton, OH']);
    expect(loc).toMatchObject({ city: null, state: 'OH', postalCode: null });
    // The first site's coordinates stay, so a map search still finds the posting there.
    expect(loc.lat).toBe(akron.lat);
    expect(loc.lon).toBe(akron.lon);
    expect(parseLocation(['Remote', 'Akron, OH'])).toMatchObject({ city: 'Akron', state: 'OH' });
  });

  it('adds gazetteer coordinates', () => {
    const loc = parseLocation('Columbus, OH');
    expect(loc.lat).toBeCloseTo(39.98, 0);
    expect(loc.lon).toBeCloseTo(-82.99, 0);
    expect(parseLocation('Columbus, Ohio 43215')).toMatchObject({ lat: 39.9671, lon: -83.0044 });
  });

  it('finds a known city in the description when the location field has none', () => {
    expect(parseLocation(undefined, null, 'Location: Akron, OH. Full-time.')).toMatchObject({ city: 'Akron', state: 'OH' });
    expect(parseLocation(undefined, null, 'We serve people in Gotham, ZZ.')).toMatchObject({ state: null });
  });

  it('reads a remote statement in the description when the source gave no hint', () => {
    expect(parseLocation(undefined, null, 'This is a fully remote position serving Ohio residents.').workplace).toBe('remote');
    expect(parseLocation('Akron, OH', null, 'This is not a remote position.').workplace).toBe('onsite');
  });
});

describe('lookupPlace', () => {
  it('resolves a city with a state code or name, and spelling variants', () => {
    expect(lookupPlace('Columbus', 'OH')).not.toBeNull();
    expect(lookupPlace('columbus', 'Ohio')).toEqual(lookupPlace('Columbus', 'OH'));
    expect(lookupPlace('St. Louis', 'MO')).toEqual(lookupPlace('Saint Louis', 'MO'));
    expect(lookupPlace('Winston-Salem', 'NC')).not.toBeNull();
  });

  it('returns null for unknown places', () => {
    expect(lookupPlace('Gotham', 'NY')).toBeNull();
    expect(lookupPlace('Columbus', 'ZZ')).toBeNull();
    expect(lookupPlace('', 'OH')).toBeNull();
  });
});

describe('locations that name only a state', () => {
  it.each([
    ['Remote in Ohio', 'OH', 'remote'],
    ['Remote - Pennsylvania', 'PA', 'remote'],
    ['Texas', 'TX', null],
    ['Anywhere in NC (remote)', 'NC', 'remote'],
  ])('reads "%s" as the state %s with no city', (text, state, workplace) => {
    const loc = parseLocation(text);
    expect(loc.state).toBe(state);
    expect(loc.city).toBeNull();
    if (workplace) expect(loc.workplace).toBe(workplace);
  });
});

describe('city coordinates', () => {
  it('places a big city at its centre, not pulled away by far-off ZIPs filed under its name', () => {
    // Manhattan is about 40.76, -73.98; the mean of every "New York" ZIP lands on Long Island.
    const nyc = lookupPlace('New York', 'NY')!;
    expect(Math.abs(nyc.lat - 40.76)).toBeLessThan(0.1);
    expect(Math.abs(nyc.lon - -73.98)).toBeLessThan(0.1);
  });
});

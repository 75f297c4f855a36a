import { describe, expect, it } from 'vitest';
import { parseLocation } from '../../scrapers/normalize/location.ts';

// docs/decisions/096: several sites give no one city; location lines as boards and ATS pages write them.
describe('several sites in the location', () => {
  it('an array naming two towns of one state keeps the state and no city', () => {
    expect(parseLocation(['Akron, OH', 'Canton, OH'])).toMatchObject({ city: null, state: 'OH' });
    expect(parseLocation([{ city: 'Toledo', state: 'Ohio' }, 'Bowling Green, OH'])).toMatchObject({ city: null, state: 'OH' });
  });

  it('an array naming towns of two states gives neither a city nor a state, and the text does not pick one', () => {
    const loc = parseLocation(['Akron, OH', 'Erie, PA'], null, 'Our agency is based in Akron, Ohio.');
    expect(loc).toMatchObject({ city: null, state: null });
    // The first site's point stays for map search.
    expect(loc.lat).not.toBeNull();
  });

  it('the same site twice, or a site beside "Remote" or a bare state, is one site', () => {
    expect(parseLocation(['Akron, OH', 'Akron, Ohio'])).toMatchObject({ city: 'Akron', state: 'OH' });
    expect(parseLocation(['Remote', 'Akron, OH'])).toMatchObject({ city: 'Akron', state: 'OH', workplace: 'remote' });
    expect(parseLocation(['Ohio', 'Akron, OH'])).toMatchObject({ city: 'Akron', state: 'OH' });
  });

  it('two whole sites in one field, split by a semicolon or a bar, give no city', () => {
    expect(parseLocation('Akron, OH; Canton, OH')).toMatchObject({ city: null, state: 'OH' });
    expect(parseLocation('Akron, OH | Canton, OH')).toMatchObject({ city: null, state: 'OH' });
    expect(parseLocation('Akron, OH - Summit County')).toMatchObject({ city: 'Akron', state: 'OH' });
  });

  it('a board count of further sites ("+2 locations", "and 3 other locations") means several sites', () => {
    expect(parseLocation('Akron, OH +2 locations')).toMatchObject({ city: null, state: 'OH' });
    expect(parseLocation('Canton, Ohio and 3 other locations')).toMatchObject({ city: null, state: 'OH' });
    expect(parseLocation('Akron, OH (+1 more)')).toMatchObject({ city: null, state: 'OH' });
  });
});

describe('location lines as sources write them', () => {
  it('a workplace word after a dash leaves the place readable', () => {
    expect(parseLocation('Akron, OH - Remote')).toMatchObject({ city: 'Akron', state: 'OH', workplace: 'remote' });
    expect(parseLocation('Hybrid - Canton, OH')).toMatchObject({ city: 'Canton', state: 'OH', workplace: 'hybrid' });
  });

  it('a county between the town and the state is not the town', () => {
    expect(parseLocation('Akron, Summit County, OH')).toMatchObject({ city: 'Akron', state: 'OH' });
    expect(parseLocation('Summit County, OH')).toMatchObject({ city: null, state: 'OH' });
  });

  it('a label left in the field is not part of the town', () => {
    expect(parseLocation('Location: Akron, OH')).toMatchObject({ city: 'Akron', state: 'OH' });
    expect(parseLocation('Work Location - Canton, OH')).toMatchObject({ city: 'Canton', state: 'OH' });
  });

  it('a state name before a dash and the town after it', () => {
    expect(parseLocation('Ohio-Akron')).toMatchObject({ city: 'Akron', state: 'OH' });
    expect(parseLocation('OH - Akron')).toMatchObject({ city: 'Akron', state: 'OH' });
  });

  it('a metro area names its city', () => {
    expect(parseLocation('Greater Akron Area').city).toBe('Akron');
    expect(parseLocation('Akron Metropolitan Area').city).toBe('Akron');
  });
});

describe('the title and an ATS list against the field town', () => {
  it("a title naming another town of the field's state names the site (the field is often a board header)", () => {
    expect(parseLocation('Hilo', null, 'Company: State of Hawaii', 'CASE AIDE - KAPAA, KAUAI')).toMatchObject({ state: 'HI', city: 'Kapaa' });
    expect(parseLocation('Salem, OR', null, '', 'Peer Support Specialist - Eugene')).toMatchObject({ state: 'OR', city: 'Eugene' });
  });

  it('county names in a title are never the town', () => {
    expect(parseLocation('Salem, OR', null, '', 'Peer Specialist - Marion County')).toMatchObject({ city: 'Salem' });
    expect(parseLocation('Bennington, VT', null, '', 'Crisis Peer Advocate - Windsor/Windham Counties')).toMatchObject({ city: 'Bennington' });
  });

  it('an "Other Locations:" list of further sites leaves no one city', () => {
    const text = 'Job Location City: TYLER\nOther Locations: Abilene; Amarillo; Austin\nFLSA: Nonexempt';
    expect(parseLocation('TYLER, TX', null, text)).toMatchObject({ state: 'TX', city: null });
    expect(parseLocation('TYLER, TX', null, 'Other Locations: None')).toMatchObject({ city: 'Tyler' });
  });
});

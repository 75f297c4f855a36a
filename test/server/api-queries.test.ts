import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_POSTINGS, hourlyPayPoints, percentileInc } from './fixtures/known-postings.ts';
import type { KnownPosting } from './fixtures/known-postings.ts';
import { seedKnownPostings } from './seed.ts';
import { startTestServer } from './server-harness.ts';
import type { TestServer } from './server-harness.ts';

const MIN_SAMPLE = 3;
let t: TestServer;
let ids: string[];

beforeAll(async () => {
  t = await startTestServer({ STATS_MIN_SAMPLE: String(MIN_SAMPLE) });
  ids = await seedKnownPostings(t.runtime);
});
afterAll(async () => {
  await t?.close();
});

const inState = (s: KnownPosting['state']) => KNOWN_POSTINGS.filter((p) => p.state === s);

async function ok(query: string, variables?: Record<string, unknown>) {
  const r = await t.gql(query, variables);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  expect(r.status).toBe(200);
  return r.body.data!;
}

describe('searchJobs', () => {
  it('pages through every active posting with opaque cursors, each posting once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const data = await ok(
        `query($after: String) { searchJobs(first: 6, after: $after, sort: NEWEST) {
          totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor hasPreviousPage } } }`,
        { after },
      );
      const conn = data.searchJobs;
      expect(conn.totalCount).toBe(KNOWN_POSTINGS.length);
      expect(conn.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
      pages++;
      if (!conn.pageInfo.hasNextPage) break;
      expect(conn.pageInfo.endCursor).toBe(conn.edges.at(-1).cursor);
      after = conn.pageInfo.endCursor;
    }
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(KNOWN_POSTINGS.length);
    expect(new Set(seen)).toEqual(new Set(ids));
  });

  it('counts facets over the whole result and returns them in the form filters take', async () => {
    const data = await ok(`{ searchJobs(first: 1) { facets { states { value label count } employmentTypes { value count } settings { value label count } } } }`);
    const states = Object.fromEntries(data.searchJobs.facets.states.map((f: { value: string; count: number }) => [f.value, f.count]));
    expect(states).toEqual({ OH: 10, KY: 5, PA: 5 });
    expect(data.searchJobs.facets.states.find((f: { value: string }) => f.value === 'KY').label).toBe('Kentucky');
    const types = Object.fromEntries(data.searchJobs.facets.employmentTypes.map((f: { value: string; count: number }) => [f.value, f.count]));
    expect(types).toEqual({ FULL_TIME: 18, PART_TIME: 1, PER_DIEM: 1 });
    for (const f of data.searchJobs.facets.settings) expect(f.value).toMatch(/^[A-Z_]+$/);
  });

  it('filters by state, pay and place, and the facet values feed straight back into the filter', async () => {
    const ky = await ok(`{ searchJobs(filter: { states: ["KY"] }) { totalCount edges { node { location { state } } } } }`);
    expect(ky.searchJobs.totalCount).toBe(inState('KY').length);
    for (const e of ky.searchJobs.edges) expect(e.node.location.state).toBe('KY');

    const wellPaid = KNOWN_POSTINGS.filter((p) => p.hourly && p.hourly[1] >= 23).length;
    const pay = await ok(`{ searchJobs(filter: { payMinHourly: 23 }) { totalCount } }`);
    expect(pay.searchJobs.totalCount).toBe(wellPaid);

    const near = await ok(`{ searchJobs(filter: { near: { city: "Columbus", state: "OH", radiusMiles: 15 } }, sort: DISTANCE) {
      totalCount edges { distanceMiles node { location { city } } } } }`);
    const columbus = KNOWN_POSTINGS.filter((p) => p.raw.location === 'Columbus, OH').length;
    expect(near.searchJobs.totalCount).toBe(columbus);
    for (const e of near.searchJobs.edges) {
      expect(e.node.location.city).toBe('Columbus');
      expect(e.distanceMiles).toBeLessThan(15);
    }
  });

  it('finds text with typos and synonyms and highlights the matches', async () => {
    const typo = await ok(`{ searchJobs(query: "forensc peer") { totalCount edges { highlights { field snippet } node { title } } } }`);
    expect(typo.searchJobs.edges[0].node.title).toBe('Forensic Peer Specialist - County Jail');
    const marks = typo.searchJobs.edges[0].highlights.map((h: { snippet: string }) => h.snippet).join(' ');
    expect(marks).toMatch(/<mark>/);

    const synonym = await ok(`{ searchJobs(query: "recovery coach") { edges { node { title } } } }`);
    const titles = synonym.searchJobs.edges.map((e: { node: { title: string } }) => e.node.title);
    expect(titles).toContain('Peer Recovery Coach - MAT Program');
    expect(titles).toContain('Peer Recovery Specialist');
  });

  it('sorts by pay, best paid first', async () => {
    const data = await ok(`{ searchJobs(sort: PAY_HIGH, first: 3) { edges { node { title pay { hourlyMax } } } } }`);
    expect(data.searchJobs.edges[0].node.title).toBe('Peer Support Supervisor');
    const maxes = data.searchJobs.edges.map((e: { node: { pay: { hourlyMax: number } } }) => e.node.pay.hourlyMax);
    expect([...maxes].sort((a, b) => b - a)).toEqual(maxes);
  });

  it('refuses a cursor from another search', async () => {
    const a = await ok(`{ searchJobs(first: 2, filter: { states: ["OH"] }) { pageInfo { endCursor } } }`);
    const r = await t.gql(`query($c: String) { searchJobs(first: 2, filter: { states: ["KY"] }, after: $c) { totalCount } }`, {
      c: a.searchJobs.pageInfo.endCursor,
    });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors?.[0]?.message).toMatch(/different search/);
  });
});

describe('job', () => {
  it('returns every field of a posting', async () => {
    const id = ids[4]!;
    const data = await ok(`query($id: ID!) { job(id: $id) {
      id title roleFamily employer employerId postedDirectly settings employmentType certificationRequired livedExperienceRequired
      location { city state workplace display lat lon } pay { min max period currency hourlyMin hourlyMax annualMin annualMax }
      certifications { name required withinMonths } descriptionHtml descriptionText url datePosted validThrough status firstSeenAt updatedAt
      sources { source url firstSeenAt lastSeenAt } } }`, { id });
    const job = data.job;
    expect(job).toMatchObject({
      id,
      title: 'Peer Recovery Coach - MAT Program',
      employer: 'Cleveland Treatment Center',
      employerId: null,
      postedDirectly: false,
      status: 'ACTIVE',
      employmentType: 'FULL_TIME',
      url: 'https://careers.example.org/jobs/req-1005',
      livedExperienceRequired: true,
      location: { city: 'Cleveland', state: 'OH', display: 'Cleveland, OH' },
      pay: { min: 41_600, max: 47_840, period: 'YEAR', currency: 'USD' },
      sources: [{ source: 'fixture-careers', url: 'https://careers.example.org/jobs/req-1005' }],
    });
    expect(job.pay.hourlyMin).toBeCloseTo(20, 2);
    expect(job.pay.hourlyMax).toBeCloseTo(23, 2);
    expect(job.settings).toContain('MOUD');
    expect(job.datePosted).toBe('2026-08-08T09:00:00.000Z');
    expect(job.descriptionHtml).toContain('<p>');
    expect(job.descriptionText).not.toContain('<');
  });

  it('answers null for an unknown id and BAD_USER_INPUT for an id that cannot be one', async () => {
    expect((await ok(`{ job(id: "p_doesnotexist000") { id } }`)).job).toBeNull();
    const r = await t.gql(`{ job(id: "../../etc/passwd") { id } }`);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors?.[0]?.message).toMatch(/^id: /);
  });
});

describe('salary statistics (checked against values computed here from the known pay)', () => {
  const points = hourlyPayPoints(KNOWN_POSTINGS);

  it('gives one row for the whole filter without groupBy', async () => {
    const data = await ok(`{ salaryStats { group { value } count withPay payTransparency
      hourly { min p10 p25 median p75 p90 max mean } annual { median p90 } } }`);
    expect(data.salaryStats).toHaveLength(1);
    const row = data.salaryStats[0];
    expect(row.group).toEqual([]);
    expect(row.count).toBe(20);
    expect(row.withPay).toBe(points.length);
    expect(row.payTransparency).toBeCloseTo(points.length / 20, 6);
    expect(row.hourly.median).toBeCloseTo(percentileInc(points, 0.5), 2);
    expect(row.hourly.p90).toBeCloseTo(percentileInc(points, 0.9), 2);
    expect(row.hourly.p10).toBeCloseTo(percentileInc(points, 0.1), 2);
    expect(row.hourly.p25).toBeCloseTo(percentileInc(points, 0.25), 2);
    expect(row.hourly.p75).toBeCloseTo(percentileInc(points, 0.75), 2);
    expect(row.hourly.min).toBeCloseTo(Math.min(...points), 2);
    expect(row.hourly.max).toBeCloseTo(Math.max(...points), 2);
    expect(row.hourly.mean).toBeCloseTo(points.reduce((a, b) => a + b, 0) / points.length, 2);
    expect(row.annual.median).toBeCloseTo(percentileInc(points, 0.5) * 2080, 0);
    expect(row.annual.p90).toBeCloseTo(percentileInc(points, 0.9) * 2080, 0);
  });

  it('groups by state', async () => {
    const data = await ok(`{ salaryStats(groupBy: [STATE]) { group { dimension value label } count withPay hourly { median p90 } } }`);
    expect(data.salaryStats).toHaveLength(3);
    for (const state of ['OH', 'KY', 'PA'] as const) {
      const row = data.salaryStats.find((r: { group: { value: string }[] }) => r.group[0]!.value === state);
      const expected = hourlyPayPoints(inState(state));
      expect(row.group[0].dimension).toBe('STATE');
      expect(row.count).toBe(inState(state).length);
      expect(row.withPay).toBe(expected.length);
      expect(row.hourly.median).toBeCloseTo(percentileInc(expected, 0.5), 2);
      expect(row.hourly.p90).toBeCloseTo(percentileInc(expected, 0.9), 2);
    }
  });

  it('groups by state and month, and suppresses groups below the minimum sample', async () => {
    const data = await ok(`{ salaryStats(groupBy: [STATE, MONTH]) { group { dimension value } count withPay hourly { median } } }`);
    for (const row of data.salaryStats) {
      const [state, month] = row.group.map((g: { value: string }) => g.value);
      const members = KNOWN_POSTINGS.filter((p) => p.state === state && p.month === month);
      const expected = hourlyPayPoints(members);
      expect(row.count).toBe(members.length);
      expect(row.withPay).toBe(expected.length);
      if (expected.length >= MIN_SAMPLE) expect(row.hourly.median).toBeCloseTo(percentileInc(expected, 0.5), 2);
      else expect(row.hourly.median).toBeNull();
    }
    const groups = new Set(KNOWN_POSTINGS.map((p) => `${p.state}|${p.month}`));
    expect(data.salaryStats).toHaveLength(groups.size);
  });

  it('narrows by filter', async () => {
    const data = await ok(`{ salaryStats(filter: { states: ["OH"], employmentTypes: [FULL_TIME] }) { count withPay hourly { median } } }`);
    const members = inState('OH').filter((p) => p.raw.employmentType === 'FULL_TIME');
    expect(data.salaryStats[0].count).toBe(members.length);
    expect(data.salaryStats[0].hourly.median).toBeCloseTo(percentileInc(hourlyPayPoints(members), 0.5), 2);
  });

  it('gives a monthly trend with count, pay transparency, median and p90', async () => {
    const data = await ok(`{ salaryTrend(interval: MONTH, from: "2026-07-01", to: "2026-10-31") {
      period start count withPay hourlyMedian hourlyP90 annualMedian } }`);
    expect(data.salaryTrend.map((p: { period: string }) => p.period)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10']);
    for (const point of data.salaryTrend) {
      const members = KNOWN_POSTINGS.filter((p) => p.month === point.period);
      const expected = hourlyPayPoints(members);
      expect(point.start).toBe(`${point.period}-01`);
      expect(point.count).toBe(members.length);
      expect(point.withPay).toBe(expected.length);
      expect(point.hourlyMedian).toBeCloseTo(percentileInc(expected, 0.5), 2);
      expect(point.hourlyP90).toBeCloseTo(percentileInc(expected, 0.9), 2);
    }
  });

  it('gives a quarterly trend', async () => {
    const data = await ok(`{ salaryTrend(interval: QUARTER, from: "2026-07-01", to: "2026-12-31") { period count } }`);
    const q3 = KNOWN_POSTINGS.filter((p) => p.month <= '2026-09').length;
    expect(data.salaryTrend.find((p: { period: string }) => p.period === '2026-Q3').count).toBe(q3);
  });

  it('places an offer among comparable postings', async () => {
    const data = await ok(`{ marketPosition(pay: { min: 20, max: 22, period: HOUR }) {
      percentile sampleSize offerHourly offerAnnual hourlyMedian hourlyP90 annualMedian } }`);
    const atOrBelow = points.filter((p) => p <= 21).length;
    expect(data.marketPosition.sampleSize).toBe(points.length);
    expect(data.marketPosition.offerHourly).toBeCloseTo(21, 6);
    expect(data.marketPosition.offerAnnual).toBeCloseTo(21 * 2080, 2);
    expect(data.marketPosition.percentile).toBeCloseTo((100 * atOrBelow) / points.length, 0);
    expect(data.marketPosition.hourlyMedian).toBeCloseTo(percentileInc(points, 0.5), 2);
    expect(data.marketPosition.hourlyP90).toBeCloseTo(percentileInc(points, 0.9), 2);
  });

  it('reads an annual offer in annual terms', async () => {
    const data = await ok(`{ marketPosition(pay: { min: 41600, max: 45760, period: YEAR }, filter: { states: ["KY"] }) { sampleSize offerHourly } }`);
    expect(data.marketPosition.offerHourly).toBeCloseTo(21, 6);
    expect(data.marketPosition.sampleSize).toBe(hourlyPayPoints(inState('KY')).length);
  });
});

describe('settings, role families and scrape runs', () => {
  it('lists the ten settings with labels and their active postings', async () => {
    const data = await ok(`{ settings { key label description activePostings } roleFamilies { key label activePostings } }`);
    expect(data.settings).toHaveLength(10);
    const stored = await t.runtime.store.getPostings(ids);
    for (const s of data.settings) {
      const expected = stored.filter((p) => p.settings.includes(s.key.toLowerCase())).length;
      expect(s.activePostings, s.key).toBe(expected);
      expect(s.label.length).toBeGreaterThan(3);
    }
    expect(data.settings.find((s: { key: string }) => s.key === 'CRISIS_UNIT').label).toBe('Crisis stabilization units');
    const families = data.roleFamilies.reduce((n: number, r: { activePostings: number }) => n + r.activePostings, 0);
    expect(families).toBe(stored.filter((p) => p.roleFamily !== null).length);
  });

  it('lists scrape runs newest first, by source, with their counts', async () => {
    const run = (id: string, sourceId: string, startedAt: string, status: 'ok' | 'failed') => ({
      id,
      sourceId,
      startedAt,
      endedAt: startedAt.replace('T10', 'T11'),
      status,
      pagesFetched: 12,
      robotsSkipped: 1,
      counts: { received: 30, new: 4, updated: 2, unchanged: 20, duplicates: 1, rejected: { not_peer_role: 3 } },
      expired: 2,
      errors: status === 'failed' ? ['https://careers.example.org/jobs: HTTP 503'] : [],
    });
    await t.runtime.store.putRun(run('run-1', 'greenhouse-harbor', '2026-11-20T10:00:00.000Z', 'ok'));
    await t.runtime.store.putRun(run('run-2', 'lever-netcare', '2026-11-21T10:00:00.000Z', 'failed'));
    await t.runtime.store.putRun(run('run-3', 'greenhouse-harbor', '2026-11-22T10:00:00.000Z', 'ok'));
    const all = await ok(`{ scrapeRuns(last: 10) { id sourceId status pagesFetched robotsSkipped expired errors
      counts { received new updated unchanged duplicates rejected { reason count } } } }`);
    expect(all.scrapeRuns.map((r: { id: string }) => r.id)).toEqual(['run-3', 'run-2', 'run-1']);
    expect(all.scrapeRuns[1]).toMatchObject({ status: 'FAILED', errors: ['https://careers.example.org/jobs: HTTP 503'] });
    expect(all.scrapeRuns[0].counts.rejected).toEqual([{ reason: 'not_peer_role', count: 3 }]);
    const one = await ok(`{ scrapeRuns(sourceId: "greenhouse-harbor", last: 1) { id } }`);
    expect(one.scrapeRuns).toEqual([{ id: 'run-3' }]);
  });
});

describe('health, readiness and metrics', () => {
  it('answers /healthz and /readyz with the adapters in use', async () => {
    expect(await (await t.request('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      store: { kind: 'embedded', status: 'ok' },
      search: { kind: 'embedded', status: 'ok' },
      changeFeed: { appliedSeq: expect.any(Number), behind: 0, lagSeconds: 0 },
    });
  });

  it('exposes request counts, latency, postings by status and runs in Prometheus format', async () => {
    await t.gql('{ settings { key } }');
    const res = await t.request('/metrics');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^# TYPE peerboard_graphql_requests_total counter$/m);
    expect(text).toMatch(/^peerboard_graphql_requests_total\{operation="settings",outcome="ok"\} \d+$/m);
    expect(text).toMatch(/^peerboard_graphql_request_duration_seconds_bucket\{le="\+Inf",operation="searchJobs"\} \d+$/m);
    expect(text).toMatch(/^peerboard_postings\{status="active"\} 20$/m);
    expect(text).toMatch(/^peerboard_scrape_runs\{status="ok"\} 2$/m);
    expect(text).toMatch(/^peerboard_http_requests_total\{route="\/graphql",method="POST",status="200"\} \d+$/m);
  });
});

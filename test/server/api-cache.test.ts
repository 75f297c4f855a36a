import { silentLogger } from '../../server/logging/logger.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupPlace } from '../../scrapers/normalize/index.ts';
import { start } from '../../server/app.ts';
import type { RunningServer } from '../../server/app.ts';
import type { RawPosting } from '../../schema/index.ts';
import { seedKnownPostings } from './seed.ts';
import { startTestServer } from './server-harness.ts';
import type { TestServer } from './server-harness.ts';

/**
 * The result cache must be invisible: every answer of the cached server equals the answer of a
 * server with no cache over the same runtime, before and right after each kind of write
 * (employer mutations, a scrape's ingest, a lifecycle change), and a mutation's effect is seen
 * by the very next query.
 */
let t: TestServer;
let uncached: RunningServer;

beforeAll(async () => {
  t = await startTestServer({ STATS_MIN_SAMPLE: '3' });
  await seedKnownPostings(t.runtime);
  uncached = await start({ config: t.config, runtime: t.runtime, geocode: lookupPlace, logger: silentLogger(), resultCacheEntries: 0 });
});
afterAll(async () => {
  await uncached?.stop();
  await t?.close();
});

const READS: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    name: 'search with facets',
    query: `query($q: String, $f: JobFilter) { searchJobs(query: $q, filter: $f, first: 10) {
      totalCount edges { cursor highlights { field snippet } node { id title status pay { min max } } }
      pageInfo { hasNextPage endCursor } facets { states { value count } settings { value count } } } }`,
    variables: { q: 'peer support', f: { states: ['OH', 'KY'] } },
  },
  {
    name: 'search, same filter lists in another order',
    query: `query($f: JobFilter) { searchJobs(filter: $f, sort: NEWEST) { totalCount edges { node { id title } } } }`,
    variables: { f: { states: ['KY', 'OH'] } },
  },
  { name: 'search crisis', query: `{ searchJobs(query: "crisis stabilization") { totalCount edges { node { id title } } } }` },
  {
    name: 'salaryStats by state',
    query: `{ salaryStats(groupBy: [STATE]) { group { dimension value } count withPay payTransparency hourly { median p90 } } }`,
  },
  { name: 'salaryStats whole', query: `{ salaryStats { count withPay hourly { min median p90 max } annual { median } } }` },
  { name: 'salaryTrend', query: `{ salaryTrend(interval: QUARTER, filter: { includeExpired: true }) { period count withPay hourlyMedian } }` },
  { name: 'marketPosition', query: `{ marketPosition(pay: { min: 20, max: 22, period: HOUR }) { percentile sampleSize hourlyMedian } }` },
  { name: 'settings', query: `{ settings { key activePostings } roleFamilies { key activePostings } }` },
];

async function gqlAt(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/** Every read, on both servers: the cached answers must equal the uncached ones. */
async function expectSameAsUncached(when: string) {
  for (const r of READS) {
    const cached = await t.gql(r.query, r.variables);
    const fresh = await gqlAt(uncached.graphqlUrl, r.query, r.variables);
    expect(cached.body.errors, `${r.name} ${when}`).toBeUndefined();
    expect(cached.body.data, `${r.name} ${when}`).toEqual(fresh.data);
  }
}

async function cacheLookups(): Promise<Record<string, number>> {
  const text = await (await t.request('/metrics')).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^peerboard_result_cache_lookups\{outcome="(\w+)"\} (\d+)$/gm)) out[m[1]!] = Number(m[2]);
  return out;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const jobInput = (title: string, min: number) => ({
  title,
  description:
    '<p>Join our crisis stabilization unit as a Peer Support Specialist. Share your lived experience of recovery with guests in crisis and connect people to community supports after discharge.</p>',
  location: 'Dayton, OH',
  pay: { min, max: min + 4, period: 'HOUR', currency: 'USD' },
  employmentType: 'FULL_TIME',
  applyUrl: 'https://careers.daytoncrisis.example.org/jobs/5120',
  settings: ['CRISIS_UNIT'],
});

describe('result cache', () => {
  it('serves repeated reads from the cache with the same answers as no cache', async () => {
    const before = await cacheLookups();
    await expectSameAsUncached('cold');
    await expectSameAsUncached('warm');
    const after = await cacheLookups();
    expect(after.hit! - (before.hit ?? 0)).toBeGreaterThanOrEqual(READS.length);
  });

  it('shows each employer mutation to the next query (read your writes) and never an older answer', async () => {
    const reg = await t.gql(`mutation { registerEmployer(input: { name: "Dayton Crisis Center", email: "hiring@daytoncrisis.example.org" }) { employer { id } apiKey } }`);
    const { apiKey, employer } = reg.body.data!.registerEmployer as { apiKey: string; employer: { id: string } };
    const mine = `{ searchJobs(query: "crisis stabilization") { totalCount edges { node { id title } } } salaryStats(filter: { states: ["OH"] }) { count } }`;
    await expectSameAsUncached('before posting');
    const before = (await t.gql(mine)).body.data!;
    await t.gql(mine); // now cached

    const posted = await t.gql(`mutation($input: JobInput!) { postJob(input: $input) { id } }`, { input: jobInput('Peer Support Specialist - Crisis Stabilization', 21) }, bearer(apiKey));
    expect(posted.body.errors).toBeUndefined();
    const id = (posted.body.data!.postJob as { id: string }).id;
    const afterPost = (await t.gql(mine)).body.data!;
    expect(afterPost.searchJobs.totalCount).toBe(before.searchJobs.totalCount + 1);
    expect(afterPost.searchJobs.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);
    expect(afterPost.salaryStats[0].count).toBe(before.salaryStats[0].count + 1);
    await expectSameAsUncached('after postJob');

    const updated = await t.gql(`mutation($id: ID!, $input: JobInput!) { updateJob(id: $id, input: $input) { id } }`, { id, input: jobInput('Lead Peer Support Specialist - Crisis Stabilization', 26) }, bearer(apiKey));
    expect(updated.body.errors).toBeUndefined();
    const afterUpdate = (await t.gql(mine)).body.data!;
    expect(afterUpdate.searchJobs.edges.find((e: { node: { id: string } }) => e.node.id === id).node.title).toBe('Lead Peer Support Specialist - Crisis Stabilization');
    await expectSameAsUncached('after updateJob');

    const closed = await t.gql(`mutation($id: ID!) { closeJob(id: $id) { status } }`, { id }, bearer(apiKey));
    expect(closed.body.data!.closeJob).toEqual({ status: 'CLOSED' });
    const afterClose = (await t.gql(mine)).body.data!;
    expect(afterClose.searchJobs.totalCount).toBe(before.searchJobs.totalCount);
    expect(afterClose.salaryStats[0].count).toBe(before.salaryStats[0].count);
    const own = await t.gql(`{ searchJobs(filter: { employerId: "${employer.id}" }) { totalCount } }`);
    expect(own.body.data!.searchJobs.totalCount).toBe(0);
    await expectSameAsUncached('after closeJob');
  });

  it('drops cached answers when a scrape ingests or expires postings', async () => {
    await expectSameAsUncached('before the scrape');
    const raw: RawPosting = {
      source: 'fixture-careers',
      sourceId: 'req-9001',
      url: 'https://careers.example.org/jobs/req-9001',
      title: 'Peer Recovery Specialist - Crisis Stabilization Unit',
      employer: 'Harbor Behavioral Health',
      location: 'Toledo, OH',
      description:
        '<p>Harbor is hiring a Peer Recovery Specialist for our crisis stabilization unit. Use your lived experience of recovery to support adults in crisis.</p>',
      pay: '$21.00 - $24.50 per hour',
      employmentType: 'Full-time',
      datePosted: '2026-10-14T09:00:00Z',
      validThrough: '2026-10-20T23:59:59Z',
    };
    const ingested = await t.runtime.ingest([raw], { waitForIndex: true, now: new Date('2026-10-15T09:00:00Z') });
    expect(ingested.new).toBe(1);
    await expectSameAsUncached('after a scrape ingest');
    expect(await t.runtime.lifecycle.expireOverdue(new Date('2026-10-21T00:00:00Z'))).toBeGreaterThanOrEqual(1);
    await expectSameAsUncached('after expiry');
  });
});

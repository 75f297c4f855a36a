import { afterEach, describe, expect, it } from 'vitest';
import { seedKnownPostings } from '../server/seed.ts';
import { startTestServer, type TestServer } from '../server/server-harness.ts';
import { MeiliStandIn } from './meili-stand-in.ts';

/**
 * The whole service (Express, Apollo, the runtime and its follower) on the embedded store with
 * Meilisearch — the strict stand-in — as its search index, and Meilisearch going away: the
 * service keeps running, /readyz fails, searches answer SEARCH_UNAVAILABLE, the rest works, and
 * it all comes back (issue 12, defect 5).
 */
const KEY = 'scoped-service-key-9c1e';
let meili: MeiliStandIn | null = null;
let t: TestServer | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
  await meili?.stop();
  meili = null;
});

async function until(check: () => Promise<boolean>, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const SEARCH = '{ searchJobs(first: 50, sort: NEWEST) { totalCount edges { node { id } } } }';

describe('the service with Meilisearch', () => {
  it('keeps serving while Meilisearch is down: /readyz fails, searches answer SEARCH_UNAVAILABLE, then it catches up', async () => {
    meili = new MeiliStandIn({ apiKey: KEY });
    await meili.start();
    t = await startTestServer({ MEILI_HOST: meili.url, MEILI_API_KEY: KEY, MEILI_INDEX: 'postings' });
    const ids = await seedKnownPostings(t.runtime);
    const up = await t.gql(SEARCH);
    expect(up.body.errors).toBeUndefined();
    expect(up.body.data!.searchJobs.totalCount).toBeGreaterThan(0);
    expect((await t.request('/readyz')).status).toBe(200);

    await meili.down();
    const ready = await t.request('/readyz');
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { search: { status: string } }).search.status).toMatch(/SEARCH_UNAVAILABLE/);
    const t0 = Date.now();
    const down = await t.gql(SEARCH);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(down.status).toBe(200);
    expect(down.body.errors?.[0]).toMatchObject({ message: 'Search is temporarily unavailable; try again shortly', extensions: { code: 'SEARCH_UNAVAILABLE' } });
    expect(JSON.stringify(down.body)).not.toContain('127.0.0.1');
    // Statistics do not need the search index.
    const stats = await t.gql('{ salaryStats { count } }');
    expect(stats.body.errors).toBeUndefined();
    expect(stats.body.data!.salaryStats[0].count).toBe(ids.length);

    await meili.up();
    await until(async () => (await t!.request('/readyz')).status === 200, '/readyz to recover');
    const back = await t.gql(SEARCH);
    expect(back.body.errors).toBeUndefined();
    expect(back.body.data!.searchJobs.totalCount).toBe(up.body.data!.searchJobs.totalCount);
  });

  it('starts while Meilisearch is down and fills the index once it is back', async () => {
    meili = new MeiliStandIn({ apiKey: KEY });
    await meili.start();
    await meili.down();
    t = await startTestServer({ MEILI_HOST: meili.url, MEILI_API_KEY: KEY, MEILI_INDEX: 'postings' });
    expect((await t.request('/readyz')).status).toBe(503);
    const ids = await seedKnownPostings(t.runtime);
    expect((await t.gql(SEARCH)).body.errors?.[0]?.extensions?.code).toBe('SEARCH_UNAVAILABLE');
    await meili.up();
    await until(async () => {
      const r = await t!.gql(SEARCH);
      return !r.body.errors && r.body.data!.searchJobs.totalCount > 0;
    }, 'the index to catch up');
    expect(meili.documentCount('postings')).toBe(ids.length);
  });
});

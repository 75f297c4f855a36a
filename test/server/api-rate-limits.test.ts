import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer } from './server-harness.ts';
import type { TestServer } from './server-harness.ts';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('rate limits', () => {
  it('refuses the request past the per-address limit with 429, Retry-After and a clear message', async () => {
    t = await startTestServer({ RATE_LIMIT_PER_MINUTE: '5' });
    for (let i = 0; i < 5; i++) expect((await t.gql('{ __typename }')).status).toBe(200);
    const refused = await t.gql('{ __typename }');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    // One token comes back every 12 s at 5 a minute.
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(12);
    expect(refused.body.errors?.[0]).toMatchObject({
      message: `rate limit: at most 5 requests a minute per client address; retry in ${retryAfter} s`,
      extensions: { code: 'RATE_LIMITED', retryAfter },
    });
    // The exports share the budget; health checks and metrics do not count.
    expect((await t.request('/export/salary-stats.csv')).status).toBe(429);
    expect((await t.request('/healthz')).status).toBe(200);
    const metrics = await (await t.request('/metrics')).text();
    expect(metrics).toMatch(/^peerboard_rate_limited_total\{scope="address"\} 2$/m);
  });

  it('limits each API key on its own, beside the address limit', async () => {
    t = await startTestServer({ RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_PER_KEY_PER_MINUTE: '3' });
    const register = async (name: string) =>
      (
        await t!.gql('mutation($i: RegisterEmployerInput!) { registerEmployer(input: $i) { apiKey } }', {
          i: { name, email: `jobs@${name.toLowerCase()}.example.org` },
        })
      ).body.data!.registerEmployer.apiKey as string;
    const first = await register('Netcare');
    const second = await register('Maryhaven');
    const asKey = (key: string) => t!.gql('{ me { name } }', undefined, { authorization: `Bearer ${key}` });
    for (let i = 0; i < 3; i++) expect((await asKey(first)).body.data!.me.name).toBe('Netcare');
    const refused = await asKey(first);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.message).toMatch(/^rate limit: at most 3 requests a minute per API key; retry in \d+ s$/);
    expect((await asKey(second)).body.data!.me.name).toBe('Maryhaven');
    expect((await t.gql('{ __typename }')).status).toBe(200);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer } from './server-harness.ts';
import type { TestServer } from './server-harness.ts';

let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function server(env: Record<string, string> = {}) {
  const t = await startTestServer(env);
  servers.push(t);
  return t;
}

const REGISTER = 'mutation Register($input: RegisterEmployerInput!) { registerEmployer(input: $input) { apiKey } }';
const POST = 'mutation Post($input: JobInput!) { postJob(input: $input) { id status } }';
const JOB = {
  title: 'Peer Support Specialist - Crisis Stabilization',
  description: '<p>Share your lived experience of recovery with guests of our crisis unit and connect them to community supports.</p>',
  location: 'Dayton, OH',
  pay: { min: 19.5, max: 23, period: 'HOUR', currency: 'USD' },
  employmentType: 'FULL_TIME',
  applyUrl: 'https://harbor.example.org/careers/4471',
};

/** The request line is written when the response has finished, a moment after the client has it. */
async function logEntry(t: TestServer, requestId: string | null): Promise<Record<string, unknown> | undefined> {
  for (let i = 0; i < 100; i++) {
    const entry = t.logEntries().find((e) => e.requestId === requestId);
    if (entry) return entry;
    await new Promise((r) => setTimeout(r, 10));
  }
  return undefined;
}

const gauge = (text: string, status: string) => Number(new RegExp(`^peerboard_postings\\{status="${status}"\\} (\\d+)$`, 'm').exec(text)?.[1]);

describe('metrics (prom-client)', () => {
  it('exposes the default process metrics beside ours', async () => {
    const t = await server();
    const res = await t.request('/metrics');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'nodejs_active_handles_total', 'nodejs_gc_duration_seconds']) {
      expect(text).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
    }
    for (const name of ['peerboard_http_requests_total', 'peerboard_http_request_duration_seconds', 'peerboard_graphql_requests_total', 'peerboard_rate_limited_total', 'peerboard_postings', 'peerboard_scrape_runs', 'peerboard_stats_engine_postings', 'peerboard_result_cache_lookups', 'peerboard_result_cache_entries']) {
      expect(text).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
    }
  });

  it('keeps one registry per server: two servers do not share counts', async () => {
    const a = await server();
    const b = await server();
    for (let i = 0; i < 3; i++) await a.gql('{ settings { key } }');
    const count = async (t: TestServer) => Number(/^peerboard_graphql_requests_total\{operation="settings",outcome="ok"\} (\d+)$/m.exec(await (await t.request('/metrics')).text())?.[1] ?? 0);
    expect(await count(a)).toBe(3);
    expect(await count(b)).toBe(0);
  });

  it('counts postings by status as of the last write: a closed job leaves active at the next scrape', async () => {
    const t = await server();
    const key = ((await t.gql(REGISTER, { input: { name: 'Harbor Recovery Center', email: 'jobs@harbor.example.org' } })).body.data!.registerEmployer as { apiKey: string }).apiKey;
    const auth = { authorization: `Bearer ${key}` };
    const posted = await t.gql(POST, { input: JOB }, auth);
    expect(posted.body.errors).toBeUndefined();
    const id = (posted.body.data!.postJob as { id: string }).id;
    const before = await (await t.request('/metrics')).text();
    expect(gauge(before, 'active')).toBe(1);
    const closed = await t.gql('mutation Close($id: ID!) { closeJob(id: $id) { status } }', { id }, auth);
    expect(closed.body.errors).toBeUndefined();
    const after = await (await t.request('/metrics')).text();
    expect(gauge(after, 'active')).toBe(0);
    expect(gauge(after, 'closed')).toBe(1);
  });
});

describe('request logs (pino, pino-http)', () => {
  it('logs each request as JSON with a request id echoed in X-Request-Id, the operation name, status and duration', async () => {
    const t = await server();
    const res = await t.gql('query Settings { settings { key } }');
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const entry = await logEntry(t, id);
    expect(entry).toMatchObject({ level: 'info', component: 'http', req: { method: 'POST', url: '/graphql' }, res: { statusCode: 200 }, graphql: { operationName: 'Settings', operation: 'settings', outcome: 'ok' } });
    expect(typeof entry!.time).toBe('string');
    expect(typeof entry!.durationMs).toBe('number');
    expect(entry!.msg).toMatch(/^POST \/graphql 200 \d+ ms$/);
  });

  it('keeps a sane X-Request-Id from the client and replaces an unsafe one', async () => {
    const t = await server();
    const kept = await t.request('/healthz', { headers: { 'x-request-id': 'proxy-1234.abc' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-1234.abc');
    const replaced = await t.request('/healthz', { headers: { 'x-request-id': 'x'.repeat(300) } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // Probes are logged at debug, so an operator at info level is not flooded.
    expect((await logEntry(t, 'proxy-1234.abc'))?.level).toBe('debug');
  });

  it('never writes an Authorization header, an API key or an e-mail address to the log', async () => {
    const t = await server({ NODE_ENV: 'development' });
    const reg = await t.gql(REGISTER, { input: { name: 'Harbor Recovery Center', email: 'jobs@harbor.example.org' } });
    const key = (reg.body.data!.registerEmployer as { apiKey: string }).apiKey;
    await t.gql(POST, { input: JOB }, { authorization: `Bearer ${key}` });
    await t.gql('{ me { name } }', undefined, { authorization: 'Bearer pbk_not-a-real-key' });
    const exported = await t.request(`/export/postings.csv?query=${encodeURIComponent('jobs@harbor.example.org')}`);
    await exported.text();
    expect(await logEntry(t, exported.headers.get('x-request-id'))).toBeDefined();
    const log = t.logs.join('\n');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(key);
    expect(log).not.toContain('pbk_not-a-real-key');
    expect(log).not.toContain('jobs@harbor.example.org');
    expect(log).not.toMatch(/jobs%40harbor/);
  });
});

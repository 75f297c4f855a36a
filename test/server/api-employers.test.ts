import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './server-harness.ts';
import type { TestServer } from './server-harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

const REGISTER = `mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { employer { id name website createdAt } apiKey } }`;
const POST = `mutation($input: JobInput!) { postJob(input: $input) {
  id title employer employerId postedDirectly status settings employmentType url validThrough
  location { city state workplace display } pay { min max period currency hourlyMin hourlyMax annualMin annualMax } sources { source } } }`;
const UPDATE = `mutation($id: ID!, $input: JobInput!) { updateJob(id: $id, input: $input) { id title status pay { min max } } }`;
const CLOSE = `mutation($id: ID!) { closeJob(id: $id) { id status } }`;

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function register(name: string) {
  const r = await t.gql(REGISTER, { input: { name, email: `hiring@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example.org`, website: 'https://www.example.org' } });
  expect(r.body.errors).toBeUndefined();
  return r.body.data!.registerEmployer as { employer: { id: string; name: string }; apiKey: string };
}

const jobInput = (overrides: Record<string, unknown> = {}) => ({
  title: 'Peer Support Specialist - Crisis Stabilization',
  description:
    '<p>Join our crisis stabilization unit as a Peer Support Specialist. Share your lived experience of recovery with guests in crisis, co-facilitate recovery groups and connect people to community supports after discharge.</p><p>Certified Peer Recovery Supporter (CPRS) or able to obtain within 6 months.</p>',
  location: 'Dayton, OH (hybrid)',
  pay: { min: 19.5, max: 23, period: 'HOUR', currency: 'USD' },
  employmentType: 'FULL_TIME',
  applyUrl: 'https://careers.daytoncrisis.example.org/jobs/4471',
  ...overrides,
});

describe('registerEmployer', () => {
  it('shows the key once and stores only its sha256', async () => {
    const reg = await register('Dayton Crisis Care');
    expect(reg.apiKey).toMatch(/^pbk_[A-Za-z0-9_-]{43}$/);
    expect(reg.employer).toMatchObject({ name: 'Dayton Crisis Care', website: 'https://www.example.org' });
    const stored = await t.runtime.store.getEmployer(reg.employer.id);
    expect(stored?.apiKeyHash).toBe(createHash('sha256').update(reg.apiKey).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(reg.apiKey);
    // Nothing under DATA_DIR holds the key itself.
    const files = await readdir(t.dataDir, { recursive: true, withFileTypes: true });
    for (const f of files.filter((e) => e.isFile())) {
      const text = await readFile(join(f.parentPath, f.name), 'latin1');
      expect(text.includes(reg.apiKey), f.name).toBe(false);
    }
  });

  it('refuses an invalid e-mail and a non-http website, listing both', async () => {
    const r = await t.gql(REGISTER, { input: { name: 'Acme', email: 'not-an-email', website: 'javascript:alert(1)' } });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors?.[0]?.message).toMatch(/input\.email/);
    expect(r.body.errors?.[0]?.message).toMatch(/input\.website/);
  });
});

describe('postJob, updateJob, closeJob', () => {
  let owner: { employer: { id: string }; apiKey: string };
  let other: { employer: { id: string }; apiKey: string };
  let jobId: string;

  beforeAll(async () => {
    owner = await register('Dayton Crisis Center');
    other = await register('Another Agency');
  });

  it('needs an API key', async () => {
    const none = await t.gql(POST, { input: jobInput() });
    expect(none.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(none.body.errors?.[0]?.message).toMatch(/Authorization: Bearer/);
    const wrong = await t.gql(POST, { input: jobInput() }, bearer(`pbk_${'A'.repeat(43)}`));
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrong.body.errors?.[0]?.message).toBe('the API key is not valid');
    const scheme = await t.gql(POST, { input: jobInput() }, { authorization: `Basic ${owner.apiKey}` });
    expect(scheme.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('posts a job that is normalised, marked as posted directly and searchable at once', async () => {
    const r = await t.gql(POST, { input: jobInput({ settings: ['CRISIS_UNIT'], validThrough: '2099-01-31' }) }, bearer(owner.apiKey));
    expect(r.body.errors).toBeUndefined();
    const job = r.body.data!.postJob;
    jobId = job.id;
    expect(job).toMatchObject({
      title: 'Peer Support Specialist - Crisis Stabilization',
      employer: 'Dayton Crisis Center',
      employerId: owner.employer.id,
      postedDirectly: true,
      status: 'ACTIVE',
      settings: ['CRISIS_UNIT'],
      employmentType: 'FULL_TIME',
      url: 'https://careers.daytoncrisis.example.org/jobs/4471',
      validThrough: '2099-01-31T23:59:59.999Z',
      location: { city: 'Dayton', state: 'OH', workplace: 'HYBRID', display: 'Dayton, OH (hybrid)' },
      pay: { min: 19.5, max: 23, period: 'HOUR', currency: 'USD', hourlyMin: 19.5, hourlyMax: 23 },
      sources: [{ source: 'direct' }],
    });
    expect(job.pay.annualMin).toBeCloseTo(19.5 * 2080, 2);

    const found = await t.gql(`{ searchJobs(query: "crisis stabilization", filter: { employerId: "${owner.employer.id}" }) { totalCount edges { node { id } } } }`);
    expect(found.body.data!.searchJobs.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([jobId]);
    const me = await t.gql('{ me { id name } }', undefined, bearer(owner.apiKey));
    expect(me.body.data!.me).toEqual({ id: owner.employer.id, name: 'Dayton Crisis Center' });
  });

  it('lets only the owner update, and the update is searchable at once', async () => {
    const forbidden = await t.gql(UPDATE, { id: jobId, input: jobInput({ title: 'Hijacked title' }) }, bearer(other.apiKey));
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const missing = await t.gql(UPDATE, { id: 'p_aaaaaaaaaaaaaaaa', input: jobInput() }, bearer(owner.apiKey));
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const r = await t.gql(UPDATE, { id: jobId, input: jobInput({ title: 'Senior Peer Support Specialist - Crisis Stabilization', pay: { min: 22, max: 26, period: 'HOUR' } }) }, bearer(owner.apiKey));
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.updateJob).toEqual({ id: jobId, title: 'Senior Peer Support Specialist - Crisis Stabilization', status: 'ACTIVE', pay: { min: 22, max: 26 } });
    const found = await t.gql(`{ searchJobs(query: "senior peer") { edges { node { id title } } } }`);
    expect(found.body.data!.searchJobs.edges[0].node).toEqual({ id: jobId, title: 'Senior Peer Support Specialist - Crisis Stabilization' });
  });

  it('lets only the owner close; a closed job leaves search but stays readable', async () => {
    const forbidden = await t.gql(CLOSE, { id: jobId }, bearer(other.apiKey));
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const r = await t.gql(CLOSE, { id: jobId }, bearer(owner.apiKey));
    expect(r.body.data!.closeJob).toEqual({ id: jobId, status: 'CLOSED' });
    const again = await t.gql(CLOSE, { id: jobId }, bearer(owner.apiKey));
    expect(again.body.data!.closeJob.status).toBe('CLOSED');
    const search = await t.gql(`{ searchJobs(filter: { employerId: "${owner.employer.id}" }) { totalCount } }`);
    expect(search.body.data!.searchJobs.totalCount).toBe(0);
    const job = await t.gql(`{ job(id: "${jobId}") { status } }`);
    expect(job.body.data!.job.status).toBe('CLOSED');
    const update = await t.gql(UPDATE, { id: jobId, input: jobInput() }, bearer(owner.apiKey));
    expect(update.body.errors?.[0]?.message).toMatch(/closed/);
  });

  it('refuses a job that is not a peer role, with the reason', async () => {
    const r = await t.gql(POST, { input: jobInput({ title: 'Physician Peer Reviewer, Medical Claims', description: 'Review medical claims for utilization management as a board-certified physician. Peer review of clinical documentation.' }) }, bearer(owner.apiKey));
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors?.[0]?.message).toMatch(/not_peer_role.*not a peer support role/);
  });

  it('refuses implausible pay and a reversed range before storing anything', async () => {
    const before = await t.runtime.store.countPostings();
    const perHour = await t.gql(POST, { input: jobInput({ pay: { min: 45_000, max: 52_000, period: 'HOUR' } }) }, bearer(owner.apiKey));
    expect(perHour.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(perHour.body.errors?.[0]?.message).toMatch(/input\.pay\.min: 45000 a hour is \$45000\.00 an hour, outside the plausible/);
    const reversed = await t.gql(POST, { input: jobInput({ pay: { min: 25, max: 19, period: 'HOUR' } }) }, bearer(owner.apiKey));
    expect(reversed.body.errors?.[0]?.message).toMatch(/input\.pay\.max: max must be at least min/);
    const euros = await t.gql(POST, { input: jobInput({ pay: { min: 19, max: 22, period: 'HOUR', currency: 'EUR' } }) }, bearer(owner.apiKey));
    expect(euros.body.errors?.[0]?.message).toMatch(/only USD/);
    expect(await t.runtime.store.countPostings()).toBe(before);
  });

  it('requires a pay range (pay transparency) at the schema level', async () => {
    const { pay: _pay, ...noPay } = jobInput();
    const r = await t.gql(POST, { input: noPay }, bearer(owner.apiKey));
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.message).toMatch(/pay.*required/);
  });
});

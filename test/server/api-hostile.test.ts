import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedKnownPostings } from './seed.ts';
import { startTestServer } from './server-harness.ts';
import type { TestServer } from './server-harness.ts';

/**
 * Malformed and hostile requests. Each must get a 4xx, or a 200 whose GraphQL error has a client
 * code where the GraphQL-over-HTTP spec puts the error in the result (arguments our resolvers
 * validate), always with a message that says what was wrong, and never a 5xx.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await seedKnownPostings(t.runtime);
});
afterAll(async () => {
  await t?.close();
});

interface Case {
  name: string;
  send: () => Promise<Response>;
  /** Expected HTTP status (200 means: a GraphQL error in the result). */
  status: number;
  message: RegExp;
  code?: string;
}

const post = (body: unknown, headers: Record<string, string> = {}) => () =>
  t.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const query = (q: string, variables?: Record<string, unknown>) => post(variables ? { query: q, variables } : { query: q });
const cursorOf = (s: string) => Buffer.from(s).toString('base64url');

const JOB_FIELDS = 'id title employer settings employmentType descriptionText pay { min max period hourlyMin hourlyMax } location { city state display } sources { source url }';
const expensiveSearch = (alias: string) => `${alias}: searchJobs(first: 100) { edges { highlights { snippet } node { ${JOB_FIELDS} certifications { name } } } }`;

const CASES: Case[] = [
  { name: 'syntax error', send: query('{ searchJobs(first: 2 { totalCount }'), status: 400, message: /^Syntax Error/, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'empty document', send: query(''), status: 400, message: /non-empty `query`/ },
  { name: 'unknown field', send: query('{ salaries { median } }'), status: 400, message: /Cannot query field "salaries" on type "Query"/, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'unknown field on a job', send: query('{ job(id: "p_x") { password } }'), status: 400, message: /Cannot query field "password"/ },
  { name: 'wrong argument type', send: query('{ searchJobs(first: "ten") { totalCount } }'), status: 400, message: /Int cannot represent non-integer value: "ten"/ },
  { name: 'unknown enum value', send: query('{ searchJobs(filter: { settings: [PRISON] }) { totalCount } }'), status: 400, message: /Value "PRISON" does not exist in "Setting" enum/ },
  { name: 'enum given as a lower-case string', send: query('{ searchJobs(filter: { settings: ["hospital_ed"] }) { totalCount } }'), status: 400, message: /Enum "Setting" cannot represent non-enum value/ },
  { name: 'huge first', send: query('{ searchJobs(first: 1000) { totalCount } }'), status: 200, message: /^first: must be 1 to 100, got 1000$/, code: 'BAD_USER_INPUT' },
  { name: 'negative first', send: query('{ searchJobs(first: -5) { totalCount } }'), status: 200, message: /^first: must be 1 to 100, got -5$/, code: 'BAD_USER_INPUT' },
  { name: 'zero first', send: query('{ searchJobs(first: 0) { totalCount } }'), status: 200, message: /^first: must be 1 to 100/, code: 'BAD_USER_INPUT' },
  { name: 'first beyond 32 bits', send: query('{ searchJobs(first: 99999999999) { totalCount } }'), status: 400, message: /Int cannot represent non 32-bit signed integer value/ },
  { name: 'garbage cursor', send: query('{ searchJobs(after: "garbage!!") { totalCount } }'), status: 200, message: /^after: not a cursor/, code: 'BAD_USER_INPUT' },
  { name: 'forged cursor of another search', send: query(`{ searchJobs(after: "${cursorOf('c1:5:AAAAAAAAAAA')}") { totalCount } }`), status: 200, message: /the cursor belongs to a different search/, code: 'BAD_USER_INPUT' },
  { name: 'cursor too long', send: query(`{ searchJobs(after: "${'A'.repeat(500)}") { totalCount } }`), status: 200, message: /^after: not a cursor/, code: 'BAD_USER_INPUT' },
  {
    name: 'deep nesting',
    send: query(`{ ${'job(id: "p_x") { '.repeat(1)}${'a { '.repeat(30)}b${' }'.repeat(31)} }`),
    status: 400,
    message: /depth limit: the operation nests fields 32 deep; the maximum is 8/,
  },
  { name: 'alias flood', send: query(`{ ${Array.from({ length: 40 }, (_, i) => `s${i}: settings { key }`).join(' ')} }`), status: 400, message: /alias limit: the operation uses 40 aliases; the maximum is 15/, code: 'BAD_USER_INPUT' },
  {
    name: 'alias flood through a fragment bomb',
    send: query(
      `{ ...F0 } ${Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} a${i}: __typename ...F${i + 1} }`).join(' ')} fragment F30 on Query { __typename }`,
    ),
    status: 400,
    message: /alias limit: the operation uses more than 1,000,000,000 aliases/,
  },
  {
    name: 'selection flood through a fragment bomb',
    send: query(`{ ...F0 } ${Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F40 on Query { __typename }`),
    status: 400,
    message: /selection limit: the operation selects more than 1,000,000,000 fields once fragments are expanded; the maximum is 2000/,
  },
  { name: 'directive flood', send: query(`{ ${Array.from({ length: 12 }, (_, i) => `f${i}: __typename @include(if: true)`).join(' ')} }`), status: 400, message: /directive limit: the operation uses 12 directives; the maximum is 10/ },
  { name: 'cost flood', send: query(`{ ${['a', 'b', 'c', 'd', 'e'].map(expensiveSearch).join(' ')} }`), status: 400, message: /cost limit: the operation is estimated at [\d,]+; the maximum is 3000/ },
  { name: 'token flood', send: query(`{ settings { ${'k '.repeat(2500)}} }`), status: 400, message: /token limit: the query has more than 2000 tokens/, code: 'BAD_USER_INPUT' },
  { name: 'query length', send: query(`{ __typename }${' '.repeat(20_000)}`), status: 400, message: /query length limit: the query has 20014 characters; the maximum is 12000/ },
  { name: 'oversized body', send: post({ query: '{ __typename }', variables: { pad: 'x'.repeat(300_000) } }), status: 413, message: /request body too large: the maximum is 128 kB/ },
  { name: 'batched array', send: post([{ query: '{ __typename }' }, { query: '{ __typename }' }]), status: 400, message: /batched requests are not supported/ },
  {
    name: 'GET mutation',
    send: () => t.request(`/graphql?query=${encodeURIComponent('mutation { closeJob(id: "p_x") { id } }')}`, { headers: { 'apollo-require-preflight': 'true' } }),
    status: 405,
    message: /GET requests only support query operations, not mutation operations/,
  },
  {
    name: 'GET without a CSRF-preventing header',
    send: () => t.request(`/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json' } }),
    status: 400,
    message: /Cross-Site Request Forgery/,
  },
  { name: 'text/plain body', send: () => t.request('/graphql', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' }), status: 415, message: /Content-Type must be application\/json, got "text\/plain"/ },
  {
    name: 'form-encoded body',
    send: () => t.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' }),
    status: 415,
    message: /Content-Type must be application\/json/,
  },
  { name: 'no content type', send: () => t.request('/graphql', { method: 'POST', body: new Uint8Array(Buffer.from('{"query":"{ __typename }"}')) }), status: 415, message: /Content-Type must be application\/json, got "\(none\)"/ },
  { name: 'bad JSON', send: post('{"query": "{ __typename }"'), status: 400, message: /^the body is not valid JSON$/ },
  { name: 'JSON string instead of an object', send: post('"{ __typename }"'), status: 400, message: /^the body is not valid JSON$/ },
  { name: 'gzip body', send: () => t.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync('{"query":"{ __typename }"}') }), status: 415, message: /compressed request bodies are not accepted/ },
  { name: 'query given as an object', send: post({ query: { $gt: '' } }), status: 400, message: /GraphQL queries must be strings/ },
  { name: 'variables not an object', send: post({ query: '{ __typename }', variables: '[1]' }), status: 400, message: /`variables` in a POST body should be provided as an object/ },
  { name: 'operator injection in an id', send: query('query($id: ID!) { job(id: $id) { id } }', { id: { $gt: '' } }), status: 400, message: /Variable "\$id" got invalid value \{ \$gt: "" \}; ID cannot represent value/ },
  { name: 'operator injection in employerId', send: query('query($f: JobFilter) { searchJobs(filter: $f) { totalCount } }', { f: { employerId: { $ne: null } } }), status: 400, message: /ID cannot represent value/ },
  { name: 'operator injection in a state list', send: query('query($f: JobFilter) { searchJobs(filter: $f) { totalCount } }', { f: { states: [{ $regex: '.*' }] } }), status: 400, message: /String cannot represent a non string value/ },
  { name: 'unknown filter field ($where)', send: query('query($f: JobFilter) { salaryStats(filter: $f) { count } }', { f: { $where: 'sleep(1000)' } }), status: 400, message: /Field "\$where" is not defined by type "JobFilter"/ },
  { name: 'unknown filter field in a literal', send: query('{ searchJobs(filter: { status: "active" }) { totalCount } }'), status: 400, message: /Field "status" is not defined by type "JobFilter"/ },
  { name: 'id that is a path', send: query('{ job(id: "../../data/postings.jsonl") { id } }'), status: 200, message: /^id: an id is 1 to 64 letters, digits, _ or -$/, code: 'BAD_USER_INPUT' },
  { name: 'impossible date', send: query('{ salaryTrend(from: "2026-02-30") { period } }'), status: 400, message: /Date must be a calendar day written YYYY-MM-DD/ },
  { name: 'date in words', send: query('query($d: Date) { salaryTrend(from: $d) { period } }', { d: 'yesterday' }), status: 400, message: /Variable "\$d" got invalid value "yesterday"; Date must be a calendar day/ },
  { name: 'date as a number', send: query('{ salaryTrend(from: 20260101) { period } }'), status: 400, message: /Date must be a string written YYYY-MM-DD/ },
  { name: 'from after to', send: query('{ salaryTrend(from: "2026-10-01", to: "2026-01-01") { period } }'), status: 200, message: /^from: 2026-10-01 is after to \(2026-01-01\)$/, code: 'BAD_USER_INPUT' },
  { name: 'pay minimum out of range', send: query('{ searchJobs(filter: { payMinHourly: 1e9 }) { totalCount } }'), status: 200, message: /^filter\.payMinHourly: at most 1000/, code: 'BAD_USER_INPUT' },
  { name: 'radius out of range', send: query('{ searchJobs(filter: { near: { lat: 39.96, lon: -82.99, radiusMiles: 10000 } }) { totalCount } }'), status: 200, message: /filter\.near\.radiusMiles: radiusMiles is at most 500/, code: 'BAD_USER_INPUT' },
  { name: 'latitude out of range', send: query('{ searchJobs(filter: { near: { lat: 200, lon: 0 } }) { totalCount } }'), status: 200, message: /filter\.near\.lat: latitude is -90 to 90/, code: 'BAD_USER_INPUT' },
  { name: 'both a place and a point', send: query('{ searchJobs(filter: { near: { city: "Columbus", state: "OH", lat: 39.9, lon: -83 } }) { totalCount } }'), status: 200, message: /give either city and state, or lat and lon, not both/, code: 'BAD_USER_INPUT' },
  { name: 'unknown place', send: query('{ searchJobs(filter: { near: { city: "Atlantis", state: "OH" } }) { totalCount } }'), status: 200, message: /unknown place "Atlantis, OH"/, code: 'BAD_USER_INPUT' },
  { name: 'negative postedWithinDays', send: query('{ searchJobs(filter: { postedWithinDays: -1 }) { totalCount } }'), status: 200, message: /filter\.postedWithinDays: at least 1 day/, code: 'BAD_USER_INPUT' },
  { name: 'unknown state', send: query('{ salaryStats(filter: { states: ["ZZ"] }) { count } }'), status: 200, message: /filter\.states\.0: a two-letter US state code/, code: 'BAD_USER_INPUT' },
  { name: 'distance sort without a place', send: query('{ searchJobs(sort: DISTANCE) { totalCount } }'), status: 200, message: /sort: DISTANCE needs filter\.near/, code: 'BAD_USER_INPUT' },
  { name: 'dimension listed twice', send: query('{ salaryStats(groupBy: [STATE, STATE]) { count } }'), status: 200, message: /groupBy: STATE is listed twice/, code: 'BAD_USER_INPUT' },
  { name: 'too many dimensions', send: query('{ salaryStats(groupBy: [STATE, SETTING, MONTH, EMPLOYER]) { count } }'), status: 200, message: /groupBy: at most 3 dimensions/, code: 'BAD_USER_INPUT' },
  { name: 'unknown pay period', send: query('{ marketPosition(pay: { min: 1, max: 2, period: FORTNIGHT }) { percentile } }'), status: 400, message: /Value "FORTNIGHT" does not exist in "PayPeriod" enum/ },
  { name: 'implausible offer', send: query('{ marketPosition(pay: { min: 2, max: 3, period: HOUR }) { percentile } }'), status: 200, message: /pay\.min: 2 a hour is \$2\.00 an hour, outside the plausible/, code: 'BAD_USER_INPUT' },
  { name: 'too many runs', send: query('{ scrapeRuns(last: 1000) { id } }'), status: 200, message: /^last: must be 1 to 100, got 1000$/, code: 'BAD_USER_INPUT' },
  { name: 'source id with a path', send: query('{ scrapeRuns(sourceId: "../secrets") { id } }'), status: 200, message: /^sourceId: an id is 1 to 64/, code: 'BAD_USER_INPUT' },
  { name: 'search text too long', send: query(`{ searchJobs(query: "${'peer '.repeat(100)}") { totalCount } }`), status: 200, message: /^query: at most 200 characters$/, code: 'BAD_USER_INPUT' },
  { name: 'mutation without a key', send: query('mutation { closeJob(id: "p_aaaaaaaaaaaaaaaa") { id } }'), status: 200, message: /needs an employer API key/, code: 'UNAUTHENTICATED' },
  { name: 'malformed bearer', send: post({ query: 'mutation { closeJob(id: "p_aaaaaaaaaaaaaaaa") { id } }' }, { authorization: 'Bearer {"$gt":""}' }), status: 200, message: /^the API key is not valid$/, code: 'UNAUTHENTICATED' },
  { name: 'subscription', send: query('subscription { jobs { id } }'), status: 400, message: /subscriptions are not supported by this API/ },
  { name: 'unknown operation name', send: post({ query: 'query A { __typename }', operationName: 'B' }), status: 400, message: /Unknown operation named "B"/ },
  { name: 'PUT on /graphql', send: () => t.request('/graphql', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }), status: 405, message: /PUT is not supported on \/graphql/ },
  { name: 'unknown route', send: () => t.request('/admin/users'), status: 404, message: /no route GET \/admin\/users/ },
];

describe(`${CASES.length} malformed or hostile requests`, () => {
  it('has at least forty cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('$name → $status with a clear message', async (c) => {
    const res = await c.send();
    const text = await res.text();
    expect(res.status, text).toBe(c.status);
    expect(res.status).toBeLessThan(500);
    const body = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[]; data?: unknown };
    expect(body.errors?.length, text).toBeGreaterThan(0);
    const messages = body.errors!.map((e) => e.message);
    expect(messages.some((m) => c.message.test(m)), messages.join(' | ')).toBe(true);
    if (c.code) expect(body.errors!.map((e) => e.extensions?.code)).toContain(c.code);
    // Never a stack trace or a file path in what the client sees.
    expect(text).not.toMatch(/stacktrace|\bat .+\.(ts|js):\d+|node_modules/);
  });

  it('answers each limit error with code BAD_USER_INPUT and the name of the limit', async () => {
    const res = await query(`{ ${Array.from({ length: 20 }, (_, i) => `s${i}: settings { key }`).join(' ')} }`)();
    const body = (await res.json()) as { errors: { extensions: { code: string; limit: string } }[] };
    expect(body.errors[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'aliases' });
  });

  it('analyses a fragment bomb without expanding it (2^60 spreads would never finish)', async () => {
    const res = await query(
      `{ ...F0 } ${Array.from({ length: 60 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F60 on Query { __typename }`,
    )();
    expect(res.status).toBe(400);
  });

  it('keeps serving after all of them', async () => {
    const r = await t.gql('{ searchJobs(first: 1) { totalCount } }');
    expect(r.body.data!.searchJobs.totalCount).toBe(20);
  });
});

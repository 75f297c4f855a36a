import { createLogger } from '../server/logging/logger.ts';
/**
 * API benchmark: autocannon against the real server over 100,000 postings (10,000 with --quick).
 * Targets on the same machine, one after another: a bare Express JSON endpoint, the trivial
 * GraphQL query `{ __typename }` on our server, then `searchJobs` and `salaryStats` twice each:
 *
 * - repeated: four requests cycled, so after the first round they are answered by the result
 *   cache (server/graphql/result-cache.ts). This is the dashboard / popular-search case.
 * - varied: about 2,000 distinct realistic requests (search text, filters, sorts, page sizes;
 *   statistics filters and groupings), more than a run sends and more than the cache holds, so
 *   nearly every request misses and runs the engine. This is the long-tail case.
 *
 * Each line prints requests/s, p50 and p99 latency, the ratio to `{ __typename }` (the aim of the
 * issue: searchJobs and salaryStats at 0.6 or more of it) and the cache hit share the server saw
 * during that run (read from /metrics), so nobody mistakes one case for the other.
 *
 * autocannon runs in a worker thread (its `workers` option) so the load generator does not share
 * the server's event loop; the postings go straight into the runtime's store, index and stats
 * engine (ingesting 100,000 through the normaliser would measure the normaliser).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { CITIES, generatePostings, loadIntoRuntime, rng } from './posting-corpus.ts';
import { loadConfig } from '../schema/config.ts';

interface AutocannonRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** In worker mode: the path of a CommonJS module exporting `(request) => request`. */
  setupRequest?: string;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  workers?: number;
  requests?: AutocannonRequest[];
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}) => Promise<AutocannonResult>;

// autocannon ships no type declarations: the few fields used here are typed above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const gqlRequest = (query: string, variables?: Record<string, unknown>): AutocannonRequest => ({
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(variables ? { query, variables } : { query }),
});

const SEARCH = `query Search($q: String, $filter: JobFilter) {
  searchJobs(query: $q, filter: $filter, first: 20) {
    totalCount
    edges { cursor highlights { field snippet } node { id title employer settings pay { min max period hourlyMin hourlyMax } location { city state display } } }
    pageInfo { hasNextPage endCursor }
    facets { settings { value count } states { value count } }
  }
}`;
/** The varied mix asks for what a results page shows: more fields, all facet lists. */
const SEARCH_VARIED = `query Search($q: String, $filter: JobFilter, $sort: JobSort, $first: Int) {
  searchJobs(query: $q, filter: $filter, sort: $sort, first: $first) {
    totalCount
    edges { cursor distanceMiles highlights { field snippet } node { id title employer settings employmentType datePosted pay { min max period hourlyMin hourlyMax } location { city state display } } }
    pageInfo { hasNextPage endCursor }
    facets { settings { value count } states { value count } roleFamilies { value count } employmentTypes { value count } }
  }
}`;
const STATS = `query Stats($filter: JobFilter, $groupBy: [StatsDimension!]) {
  salaryStats(filter: $filter, groupBy: $groupBy) { group { dimension value } count withPay payTransparency hourly { median p90 } annual { median p90 } }
}`;

const SEARCH_REQUESTS = [
  gqlRequest(SEARCH, { q: 'peer recovery', filter: { settings: ['CRISIS_UNIT'], payMinHourly: 18 } }),
  gqlRequest(SEARCH, { q: 'recovery coach', filter: { states: ['OH'] } }),
  gqlRequest(SEARCH, { q: 'forensc peer specalist' }),
  gqlRequest(SEARCH, { q: 'emergency department', filter: { near: { lat: 39.96, lon: -82.99, radiusMiles: 50 } } }),
];
const STATS_REQUESTS = [
  gqlRequest(STATS, { groupBy: ['SETTING'] }),
  gqlRequest(STATS, { filter: { states: ['OH', 'KY'] }, groupBy: ['ROLE_FAMILY'] }),
  gqlRequest(STATS, { filter: { settings: ['HOSPITAL_ED'] }, groupBy: ['STATE', 'QUARTER'] }),
  gqlRequest(STATS, { filter: { payMinHourly: 20, employmentTypes: ['FULL_TIME'] } }),
];

/** Distinct, realistic searchJobs requests: what job seekers type, with the filters a UI offers. */
export function variedSearchRequests(count: number, seed: number): AutocannonRequest[] {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const texts = [
    null, 'peer support', 'peer support specialist', 'recovery coach', 'peer recovery', 'certified peer specialist', 'family peer advocate',
    'youth peer', 'forensic peer', 'reentry', 'veteran peer', 'peer navigator', 'peer supervisor', 'crisis', 'mobile crisis',
    'emergency department', 'ER peer', 'MOUD', 'MAT clinic', 'harm reduction', 'overdose outreach', 'detox', 'outpatient',
    'part time peer', 'CPRS', 'lived experience', 'recovry coach', 'peer specalist', 'housing navigator', 'jail', 'court',
  ] as const;
  const settings = ['TREATMENT_CENTER', 'HOSPITAL_ED', 'CRISIS_UNIT', 'YOUTH_SERVICES', 'OUTPATIENT', 'COMMUNITY_ORG', 'JAIL_POLICE', 'REENTRY', 'SPECIALTY_COURT', 'MOUD'];
  const sorts = ['RELEVANCE', 'RELEVANCE', 'NEWEST', 'PAY_HIGH'] as const;
  const out = new Map<string, AutocannonRequest>();
  for (let tries = 0; out.size < count && tries < count * 20; tries++) {
    const filter: Record<string, unknown> = {};
    const city = pick(CITIES);
    if (r() < 0.45) filter.states = r() < 0.7 ? [city[1]] : [city[1], pick(CITIES)[1]];
    if (r() < 0.35) filter.settings = [pick(settings)];
    if (r() < 0.3) filter.payMinHourly = 16 + Math.floor(r() * 10);
    if (r() < 0.15) filter.employmentTypes = [r() < 0.7 ? 'FULL_TIME' : 'PART_TIME'];
    if (r() < 0.1) filter.workplaces = ['REMOTE'];
    if (r() < 0.2) filter.near = { lat: city[2], lon: city[3], radiusMiles: pick([10, 25, 50]) };
    const sort = pick(sorts);
    const variables = { q: pick(texts), filter, sort, first: pick([10, 20, 20, 50]) };
    const req = gqlRequest(SEARCH_VARIED, variables);
    out.set(req.body!, req);
  }
  return [...out.values()];
}

/** Distinct, realistic salaryStats requests: an analyst's filters and groupings. */
export function variedStatsRequests(count: number, seed: number): AutocannonRequest[] {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const settings = ['TREATMENT_CENTER', 'HOSPITAL_ED', 'CRISIS_UNIT', 'YOUTH_SERVICES', 'OUTPATIENT', 'COMMUNITY_ORG', 'JAIL_POLICE', 'REENTRY', 'SPECIALTY_COURT', 'MOUD'];
  const roles = ['PEER_SUPPORT_SPECIALIST', 'PEER_RECOVERY_SPECIALIST', 'CERTIFIED_PEER_SPECIALIST', 'FAMILY_PEER_ADVOCATE', 'YOUTH_PEER_ADVOCATE', 'FORENSIC_PEER_SPECIALIST'];
  const groupings = [[], ['SETTING'], ['STATE'], ['ROLE_FAMILY'], ['EMPLOYMENT_TYPE'], ['QUARTER'], ['MONTH'], ['STATE', 'SETTING'], ['SETTING', 'QUARTER'], ['ROLE_FAMILY', 'STATE'], ['CERTIFICATION_REQUIRED']];
  const out = new Map<string, AutocannonRequest>();
  for (let tries = 0; out.size < count && tries < count * 20; tries++) {
    const filter: Record<string, unknown> = {};
    if (r() < 0.5) filter.states = [...new Set([pick(CITIES)[1], ...(r() < 0.4 ? [pick(CITIES)[1]] : [])])];
    if (r() < 0.4) filter.settings = [pick(settings)];
    if (r() < 0.3) filter.roleFamilies = [pick(roles)];
    if (r() < 0.25) filter.payMinHourly = 15 + Math.floor(r() * 12);
    if (r() < 0.2) filter.certificationRequired = r() < 0.5;
    if (r() < 0.3) filter.includeExpired = true;
    if (r() < 0.15) filter.employmentTypes = ['FULL_TIME'];
    const req = gqlRequest(STATS, { filter, groupBy: pick(groupings) });
    out.set(req.body!, req);
  }
  return [...out.values()];
}

interface Measured {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  /** Share of result cache lookups that were hits during the run, or null when none were made. */
  hitShare: number | null;
}

async function cacheLookups(serviceUrl: string): Promise<{ hit: number; miss: number; shared: number }> {
  const text = await (await fetch(`${serviceUrl}/metrics`)).text();
  const out = { hit: 0, miss: 0, shared: 0 };
  for (const m of text.matchAll(/^peerboard_result_cache_lookups\{outcome="(hit|miss|shared)"\} (\d+)$/gm)) out[m[1] as keyof typeof out] = Number(m[2]);
  return out;
}

async function measure(name: string, url: string, requests: AutocannonRequest[], duration: number, serviceUrl?: string): Promise<Measured> {
  const before = serviceUrl ? await cacheLookups(serviceUrl) : undefined;
  const result = await autocannon({ url, connections: 10, duration, workers: 1, requests });
  let hitShare: number | null = null;
  if (serviceUrl && before) {
    const after = await cacheLookups(serviceUrl);
    const hits = after.hit - before.hit + (after.shared - before.shared);
    const total = hits + after.miss - before.miss;
    hitShare = total ? hits / total : null;
  }
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failures: result.non2xx + result.errors, hitShare };
}

/**
 * autocannon sends a `requests` list in order on every connection, so ten connections would send
 * the same request ten times in a row (one miss, nine cache hits or shared computations). For the
 * varied mix a small module, loaded in autocannon's worker, hands out the bodies from one counter
 * shared by all connections: each request is the next distinct one.
 */
async function rotatingRequest(dir: string, name: string, requests: AutocannonRequest[]): Promise<AutocannonRequest[]> {
  const file = join(dir, `${name}.cjs`);
  const bodies = requests.map((r) => r.body);
  await writeFile(
    file,
    `'use strict';\nconst bodies = ${JSON.stringify(bodies)};\nlet next = 0;\n` +
      `module.exports = (request) => ({ ...request, body: bodies[next++ % bodies.length] });\n`,
  );
  const first = requests[0]!;
  return [{ method: first.method, path: first.path, ...(first.headers ? { headers: first.headers } : {}), setupRequest: file }];
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export async function run(options: { quick: boolean }): Promise<void> {
  // The server runs as in production, and so does graphql-js: it reads NODE_ENV once, when it is
  // first loaded, and outside production it adds a cross-realm check to every type test of the
  // executor (several per resolved field). Hence the server modules are loaded only from here.
  process.env.NODE_ENV ??= 'production';
  const { start } = await import('../server/app.ts');
  const { openRuntime } = await import('../store/runtime.ts');
  const count = options.quick ? 10_000 : 100_000;
  const duration = options.quick ? 2 : 6;
  const dataDir = await mkdtemp(join(tmpdir(), 'peerboard-api-bench-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    PORT: '0',
    DATA_DIR: dataDir,
    SCHEDULER: 'off',
    // The bench sends tens of thousands of requests a minute from one address.
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_PER_KEY_PER_MINUTE: '100000000',
  });
  const runtime = await openRuntime(config);
  const bare = express();
  bare.post('/json', express.json(), (_req, res) => {
    res.json({ data: { __typename: 'Query' } });
  });
  const bareServer = createServer(bare);
  try {
    const t0 = performance.now();
    const postings = generatePostings(count, 42);
    await loadIntoRuntime(runtime, postings);
    console.log(`loaded ${count.toLocaleString('en-US')} postings into store, index and stats in ${((performance.now() - t0) / 1000).toFixed(1)} s; RSS ${mb(process.memoryUsage().rss)}`);

    const service = await start({ config, runtime, logger: createLogger({ level: 'warn' }) });
    await new Promise<void>((resolve) => bareServer.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}`;
    try {
      const variedSearch = variedSearchRequests(2_000, 7);
      const variedStats = variedStatsRequests(2_000, 11);
      const variedSearchRotating = await rotatingRequest(dataDir, 'varied-search', variedSearch);
      const variedStatsRotating = await rotatingRequest(dataDir, 'varied-stats', variedStats);
      const rows: Measured[] = [];
      rows.push(await measure('bare Express JSON', bareUrl, [{ method: 'POST', path: '/json', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }], duration));
      rows.push(await measure('{ __typename }', service.url, [gqlRequest('{ __typename }')], duration));
      rows.push(await measure('searchJobs repeated', service.url, SEARCH_REQUESTS, duration, service.url));
      rows.push(await measure('salaryStats repeated', service.url, STATS_REQUESTS, duration, service.url));
      rows.push(await measure('searchJobs varied', service.url, variedSearchRotating, duration, service.url));
      rows.push(await measure('salaryStats varied', service.url, variedStatsRotating, duration, service.url));
      const trivial = rows[1]!.rps;
      const express5 = rows[0]!.rps;
      console.log(`10 connections, ${duration} s each, autocannon in a worker thread, ${count.toLocaleString('en-US')} postings, NODE_ENV=${process.env.NODE_ENV}`);
      console.log(`repeated = 4 requests cycled (answered by the result cache after the first round); varied = ${variedSearch.length} / ${variedStats.length} distinct requests (mostly cache misses: the engines run)`);
      for (const r of rows) {
        const cache = r.hitShare === null ? '' : `  cache hits ${(r.hitShare * 100).toFixed(0)}%`;
        console.log(
          `${r.name.padEnd(21)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(4)} ms  ` +
            `${(r.rps / express5).toFixed(2)} of Express  ${(r.rps / trivial).toFixed(2)} of { __typename }${cache}${r.failures ? `  (${r.failures} failed)` : ''}`,
        );
      }
      console.log(`RSS after the runs: ${mb(process.memoryUsage().rss)}`);
    } finally {
      await service.stop();
    }
  } finally {
    await new Promise<void>((resolve) => (bareServer.listening ? bareServer.close(() => resolve()) : resolve()));
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

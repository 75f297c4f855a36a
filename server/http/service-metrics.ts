import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { POSTING_STATUSES } from '../../schema/index.ts';
import type { Runtime } from '../../store/runtime-port.ts';
import type { ResultCache } from '../graphql/result-cache.ts';

/**
 * The service's metrics, on prom-client. Each server has its own {@link Registry} (nothing is
 * registered globally), so tests that start several servers never share counts. The registry
 * carries prom-client's default process metrics (CPU, memory, heap, event-loop lag, GC, open
 * handles and file descriptors) and ours, whose names are those the service has always exposed.
 * Label values come from fixed lists only, so a client cannot grow the series.
 */
export interface ServiceMetrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'method' | 'status'>;
  httpDuration: Histogram<'route'>;
  graphqlRequests: Counter<'operation' | 'outcome'>;
  graphqlDuration: Histogram<'operation'>;
  rateLimited: Counter<'scope'>;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/**
 * Postings by status are counted in the store at scrape time. The counts are kept while the
 * runtime's data version stands still (every write through this runtime moves it, so a closed job
 * leaves `active` at the next scrape), and for at most this long, for writes by other processes
 * sharing a MongoDB.
 */
const STORE_COUNT_MAX_AGE_MS = 15_000;
const RECENT_RUNS = 500;

export const HTTP_ROUTES = ['/graphql', '/export/salary-stats.csv', '/export/postings.csv', '/healthz', '/readyz', '/metrics', '/ide'] as const;

/** The route label of a path: one of {@link HTTP_ROUTES} or `other`. */
export function routeLabel(path: string): string {
  if (path.startsWith('/ide/')) return '/ide';
  return (HTTP_ROUTES as readonly string[]).includes(path) ? path : 'other';
}

export function createServiceMetrics(runtime: Runtime, now: () => number = Date.now, cache?: ResultCache): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const httpRequests = new Counter({
    name: 'peerboard_http_requests_total',
    help: 'HTTP requests by route, method and status code.',
    labelNames: ['route', 'method', 'status'] as const,
    registers,
  });
  const httpDuration = new Histogram({
    name: 'peerboard_http_request_duration_seconds',
    help: 'HTTP request latency by route.',
    labelNames: ['route'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const graphqlRequests = new Counter({
    name: 'peerboard_graphql_requests_total',
    help: 'GraphQL operations by root field(s) and outcome (ok, error, invalid).',
    labelNames: ['operation', 'outcome'] as const,
    registers,
  });
  const graphqlDuration = new Histogram({
    name: 'peerboard_graphql_request_duration_seconds',
    help: 'GraphQL operation latency by root field(s).',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const rateLimited = new Counter({
    name: 'peerboard_rate_limited_total',
    help: 'Requests refused by a rate limit (address or api_key).',
    labelNames: ['scope'] as const,
    registers,
  });

  let postingCounts: { at: number; version: number; values: Map<string, number> } | undefined;
  new Gauge({
    name: 'peerboard_postings',
    help: 'Postings in the store by status.',
    labelNames: ['status'] as const,
    registers,
    async collect() {
      const version = runtime.dataVersion();
      if (!postingCounts || postingCounts.version !== version || now() - postingCounts.at > STORE_COUNT_MAX_AGE_MS) {
        const counts = await Promise.all(POSTING_STATUSES.map(async (status) => [status, await runtime.store.countPostings({ statuses: [status] })] as const));
        postingCounts = { at: now(), version, values: new Map(counts) };
      }
      for (const [status, n] of postingCounts.values) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'peerboard_scrape_runs',
    help: `Scrape runs by status among the last ${RECENT_RUNS}.`,
    labelNames: ['status'] as const,
    registers,
    async collect() {
      const runs = await runtime.store.listRuns({ last: RECENT_RUNS });
      const by = new Map<string, number>([['running', 0], ['ok', 0], ['partial', 0], ['failed', 0]]);
      for (const r of runs) by.set(r.status, (by.get(r.status) ?? 0) + 1);
      for (const [status, n] of by) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'peerboard_scrape_last_run_end_timestamp_seconds',
    help: 'When the latest finished run of each source ended.',
    labelNames: ['source'] as const,
    registers,
    async collect() {
      const runs = await runtime.store.listRuns({ last: RECENT_RUNS });
      const last = new Map<string, number>();
      for (const r of runs) {
        if (!r.endedAt) continue;
        const t = Date.parse(r.endedAt) / 1000;
        if (t > (last.get(r.sourceId) ?? 0)) last.set(r.sourceId, t);
      }
      this.reset();
      for (const [source, t] of last) this.set({ source }, t);
    },
  });
  new Gauge({
    name: 'peerboard_stats_engine_postings',
    help: 'Postings held by the statistics engine (all statuses).',
    registers,
    collect() {
      this.set(runtime.stats.size);
    },
  });
  new Gauge({
    name: 'peerboard_change_feed_lag',
    help: "How far this process trails the store's change feed: seqs committed but not yet applied (behind), seconds it has been behind (seconds), the seq applied (applied_seq).",
    labelNames: ['measure'] as const,
    registers,
    async collect() {
      const f = await runtime.feedStatus();
      this.set({ measure: 'behind' }, f.behind);
      this.set({ measure: 'seconds' }, f.lagSeconds);
      this.set({ measure: 'applied_seq' }, f.appliedSeq);
    },
  });
  if (cache) {
    new Gauge({
      name: 'peerboard_result_cache_lookups',
      help: 'Query result cache lookups since start: hit, miss, or shared (joined an identical computation).',
      labelNames: ['outcome'] as const,
      registers,
      collect() {
        const s = cache.stats;
        this.set({ outcome: 'hit' }, s.hits);
        this.set({ outcome: 'miss' }, s.misses);
        this.set({ outcome: 'shared' }, s.shared);
      },
    });
    new Gauge({
      name: 'peerboard_result_cache_entries',
      help: 'Entries in the query result cache (current data version).',
      registers,
      collect() {
        this.set(cache.stats.entries);
      },
    });
  }
  return { registry, httpRequests, httpDuration, graphqlRequests, graphqlDuration, rateLimited };
}

import { POSTING_STATUSES } from '../../schema/index.ts';
import type { Runtime } from '../../store/runtime-port.ts';
import type { ResultCache } from '../graphql/result-cache.ts';
import { MetricsRegistry } from './metrics-registry.ts';
import type { Counter, Histogram } from './metrics-registry.ts';

/** The service's metrics. Label values come from fixed lists only, so a client cannot grow the series. */
export interface ServiceMetrics {
  registry: MetricsRegistry;
  httpRequests: Counter;
  httpDuration: Histogram;
  graphqlRequests: Counter;
  graphqlDuration: Histogram;
  rateLimited: Counter;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Postings by status are counted in the store; a scrape every few seconds must not rescan it each time. */
const STORE_COUNT_TTL_MS = 15_000;
const RECENT_RUNS = 500;

export const HTTP_ROUTES = ['/graphql', '/export/salary-stats.csv', '/export/postings.csv', '/healthz', '/readyz', '/metrics', '/ide'] as const;

/** The route label of a path: one of {@link HTTP_ROUTES} or `other`. */
export function routeLabel(path: string): string {
  if (path.startsWith('/ide/')) return '/ide';
  return (HTTP_ROUTES as readonly string[]).includes(path) ? path : 'other';
}

export function createServiceMetrics(runtime: Runtime, now: () => number = Date.now, cache?: ResultCache): ServiceMetrics {
  const registry = new MetricsRegistry();
  const httpRequests = registry.counter('peerboard_http_requests_total', 'HTTP requests by route, method and status code.');
  const httpDuration = registry.histogram('peerboard_http_request_duration_seconds', 'HTTP request latency by route.', LATENCY_BUCKETS);
  const graphqlRequests = registry.counter(
    'peerboard_graphql_requests_total',
    'GraphQL operations by root field(s) and outcome (ok, error, invalid).',
  );
  const graphqlDuration = registry.histogram('peerboard_graphql_request_duration_seconds', 'GraphQL operation latency by root field(s).', LATENCY_BUCKETS);
  const rateLimited = registry.counter('peerboard_rate_limited_total', 'Requests refused by a rate limit (address or api_key).');

  let postingCounts: { at: number; values: { labels: Record<string, string>; value: number }[] } | undefined;
  registry.gauge('peerboard_postings', 'Postings in the store by status.', async () => {
    if (!postingCounts || now() - postingCounts.at > STORE_COUNT_TTL_MS) {
      const values = await Promise.all(
        POSTING_STATUSES.map(async (status) => ({ labels: { status }, value: await runtime.store.countPostings({ statuses: [status] }) })),
      );
      postingCounts = { at: now(), values };
    }
    return postingCounts.values;
  });
  registry.gauge('peerboard_scrape_runs', `Scrape runs by status among the last ${RECENT_RUNS}.`, async () => {
    const runs = await runtime.store.listRuns({ last: RECENT_RUNS });
    const by = new Map<string, number>([['running', 0], ['ok', 0], ['partial', 0], ['failed', 0]]);
    for (const r of runs) by.set(r.status, (by.get(r.status) ?? 0) + 1);
    return [...by].map(([status, value]) => ({ labels: { status }, value }));
  });
  registry.gauge('peerboard_scrape_last_run_end_timestamp_seconds', 'When the latest finished run of each source ended.', async () => {
    const runs = await runtime.store.listRuns({ last: RECENT_RUNS });
    const last = new Map<string, number>();
    for (const r of runs) {
      if (!r.endedAt) continue;
      const t = Date.parse(r.endedAt) / 1000;
      if (t > (last.get(r.sourceId) ?? 0)) last.set(r.sourceId, t);
    }
    return [...last].map(([source, value]) => ({ labels: { source }, value }));
  });
  registry.gauge('peerboard_stats_engine_postings', 'Postings held by the statistics engine (all statuses).', async () => [
    { labels: {}, value: runtime.stats.size },
  ]);
  registry.gauge(
    'peerboard_change_feed_lag',
    "How far this process trails the store's change feed: seqs committed but not yet applied (behind), seconds it has been behind (seconds), the seq applied (applied_seq).",
    async () => {
      const f = await runtime.feedStatus();
      return [
        { labels: { measure: 'behind' }, value: f.behind },
        { labels: { measure: 'seconds' }, value: f.lagSeconds },
        { labels: { measure: 'applied_seq' }, value: f.appliedSeq },
      ];
    },
  );
  if (cache) {
    registry.gauge('peerboard_result_cache_lookups', 'Query result cache lookups since start: hit, miss, or shared (joined an identical computation).', async () => {
      const s = cache.stats;
      return [
        { labels: { outcome: 'hit' }, value: s.hits },
        { labels: { outcome: 'miss' }, value: s.misses },
        { labels: { outcome: 'shared' }, value: s.shared },
      ];
    });
    registry.gauge('peerboard_result_cache_entries', 'Entries in the query result cache (current data version).', async () => [{ labels: {}, value: cache.stats.entries }]);
  }
  return { registry, httpRequests, httpDuration, graphqlRequests, graphqlDuration, rateLimited };
}

import type { PostingFilter } from '../../schema/index.ts';

/**
 * A bounded LRU of query results (statistics rows, search engine pages), honest about writes:
 * every entry belongs to one data version of the runtime (`Runtime.dataVersion()`), and the
 * first lookup after the version moved drops everything. A write bumps the version after it is
 * applied and before the mutation returns, so a client reads its own write at once, and nobody
 * is served a result computed before a write that has finished.
 *
 * A result computed while a write was under way is returned to its caller but not kept (the
 * version at the end differs from the one at the start). Errors are never kept. Identical
 * requests arriving together share one computation (an autocannon run, a dashboard's panels
 * loading at once) instead of each running the engine.
 */

export interface ResultCacheStats {
  hits: number;
  misses: number;
  /** Requests that joined an identical computation already under way. */
  shared: number;
  entries: number;
}

export class ResultCache {
  private readonly entries = new Map<string, unknown>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private version: number;
  private hits = 0;
  private misses = 0;
  private shared = 0;

  /**
   * @param maxEntries bound of the LRU; 0 turns caching off (every call computes).
   * @param currentVersion the runtime's data version, read on every lookup.
   */
  constructor(
    readonly maxEntries: number,
    private readonly currentVersion: () => number,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 0) throw new RangeError(`maxEntries must be a whole number ≥ 0, got ${maxEntries}`);
    this.version = currentVersion();
  }

  get stats(): ResultCacheStats {
    return { hits: this.hits, misses: this.misses, shared: this.shared, entries: this.entries.size };
  }

  /** The value under `key` at the current data version, or `compute()`'s (kept when still current). */
  get<T>(key: string, compute: () => T): T {
    if (this.maxEntries === 0) return compute();
    const version = this.sync();
    if (this.entries.has(key)) return this.touch(key) as T;
    this.misses++;
    const value = compute();
    this.keep(key, value, version);
    return value;
  }

  /** As {@link get} for an asynchronous computation; a rejection is passed on and never kept. */
  async getAsync<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.maxEntries === 0) return compute();
    const version = this.sync();
    if (this.entries.has(key)) return this.touch(key) as T;
    const flightKey = `${version}\u0000${key}`;
    const running = this.inFlight.get(flightKey);
    if (running) {
      this.shared++;
      return running as Promise<T>;
    }
    this.misses++;
    const promise = compute();
    this.inFlight.set(flightKey, promise);
    try {
      const value = await promise;
      this.keep(key, value, version);
      return value;
    } finally {
      this.inFlight.delete(flightKey);
    }
  }

  /** Drops every entry when the data version moved; returns the current version. */
  private sync(): number {
    const now = this.currentVersion();
    if (now !== this.version) {
      this.entries.clear();
      this.version = now;
    }
    return now;
  }

  private touch(key: string): unknown {
    this.hits++;
    const value = this.entries.get(key);
    // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  private keep(key: string, value: unknown, computedAt: number): void {
    // A write finished while this was computed: the value may predate it.
    if (this.currentVersion() !== computedAt || this.version !== computedAt) return;
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}

/**
 * A cache key: the operation name and its normalised arguments as stable JSON (object keys
 * sorted, undefined dropped). Lists are kept in order; callers sort the ones whose order does not
 * change the answer (see `filterKeyParts`).
 */
export function cacheKey(operation: string, args: unknown): string {
  return `${operation}:${stableJson(args)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const ANY_OF_LISTS = ['settings', 'states', 'roleFamilies', 'employmentTypes', 'workplaces'] as const;

/**
 * A resolved filter as key material: its "any of" lists sorted (their order does not change the
 * answer, so `[OH, KY]` and `[KY, OH]` share an entry), or null when the filter should not be
 * cached at all: `postedWithinDays` resolves to a `postedAfter` that moves with the clock, so its
 * key would never repeat and would only push useful entries out.
 */
export function filterKeyParts(filter: PostingFilter): Record<string, unknown> | null {
  if (filter.postedAfter !== undefined || filter.postedBefore !== undefined) return null;
  const out: Record<string, unknown> = { ...filter };
  for (const name of ANY_OF_LISTS) {
    const list = filter[name];
    if (list) out[name] = [...list].sort();
  }
  return out;
}

import type { Fetcher, FetcherStats, FetchRequest, FetchResponse } from './fetcher-port.ts';
import { gunzipIfCompressed, readBodyLimited } from './body-reader.ts';
import { decodeBody } from './charset-decoder.ts';
import { ConditionalCache } from './conditional-cache.ts';
import {
  classifyNetworkError,
  describeFailureKind,
  FetchAbortedError,
  FetchError,
  HostUnreachableError,
  OffHostRedirectError,
  RobotsDisallowedError,
  UnsupportedUrlError,
} from './fetch-errors.ts';
import { HostPacer, realSleep } from './host-pacer.ts';
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs } from './retry-policy.ts';
import { allowAll, disallowAll, rulesFromRobotsTxt, type RobotsRules } from './robots-rules.ts';
import { peerboardUserAgent } from './user-agent.ts';

export interface FetcherOptions {
  /** Where a site owner reaches us; goes into the User-Agent (`PEERBOARD_CONTACT`). */
  contact: string;
  /** Overrides the whole User-Agent (keep it honest). */
  userAgent?: string;
  /** Minimum gap between two requests to one host; default 1000 ms. */
  defaultDelayMs?: number;
  /** Per attempt, headers and body included; default 30 s. */
  timeoutMs?: number;
  /** Further attempts after the first on network errors, 429 and 5xx; default 3. */
  maxRetries?: number;
  /** Largest body read; default 5 MB. */
  maxBodyBytes?: number;
  /** How long a robots.txt verdict is trusted; default and maximum 24 h (RFC 9309 §2.4). */
  robotsCacheTtlMs?: number;
  /** First backoff ceiling; default 1000 ms, doubled per attempt up to `maxBackoffMs`. */
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  /** A Retry-After longer than this is not waited for: the fetch fails (retryable) instead. */
  maxRetryAfterMs?: number;
  /** Total size of remembered bodies for conditional GET; default 64 MB. */
  conditionalCacheBytes?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * An unreachable robots.txt disallows the host "for now": remember that verdict only briefly so the
 * next run asks again instead of shunning the host for a day.
 */
const UNREACHABLE_ROBOTS_TTL_MS = 10 * 60 * 1000;
const MAX_REDIRECTS = 5;

interface Exchange {
  status: number;
  headers: Headers;
  url: string;
  response: Response;
}

/**
 * The polite HTTP layer every source uses: robots.txt first, one request at a time per host with a
 * minimum delay, retries with backoff on transient failures, conditional GET, a body size limit,
 * same-host redirects only, http(s) only, charset-aware decoding.
 */
export function createFetcher(options: FetcherOptions): Fetcher {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const userAgent = options.userAgent ?? peerboardUserAgent(options.contact);
  const defaultDelayMs = options.defaultDelayMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.maxRetries ?? 3;
  const maxBodyBytes = options.maxBodyBytes ?? 5 * 1024 * 1024;
  const robotsTtlMs = Math.min(options.robotsCacheTtlMs ?? DAY_MS, DAY_MS);
  const backoff = { baseMs: options.backoffBaseMs ?? 1000, capMs: options.maxBackoffMs ?? 60_000, random };
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 5 * 60_000;

  const pacer = new HostPacer({ now, sleep });
  const cache = new ConditionalCache(options.conditionalCacheBytes ?? 64 * 1024 * 1024);
  const robotsByOrigin = new Map<string, Promise<RobotsRules>>();
  const stats: FetcherStats = { requests: 0, pagesFetched: 0, robotsSkipped: 0, retries: 0 };

  /** One HTTP exchange, paced per host, with no retry or redirect handling. */
  async function exchange(url: URL, init: { method: string; headers: Record<string, string>; body?: string | undefined }, delayMs: number, signal: AbortSignal | undefined): Promise<Exchange> {
    return pacer.run(
      url.host,
      delayMs,
      async () => {
        stats.requests++;
        const timeout = AbortSignal.timeout(timeoutMs);
        const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
        const response = await fetch(url, {
          method: init.method,
          headers: { 'user-agent': userAgent, ...init.headers },
          body: init.body ?? null,
          // Redirects are followed by hand: the same-host rule and the hop limit are ours.
          redirect: 'manual',
          signal: combined,
        });
        return { status: response.status, headers: response.headers, url: url.href, response };
      },
      signal,
    );
  }

  /** Runs `attempt` with retries on network errors, 429 and 5xx; returns the last exchange. */
  async function withRetries<T>(url: string, signal: AbortSignal | undefined, attempt: () => Promise<T>, statusOf: (r: T) => { status: number; retryAfter: string | null; discard: () => Promise<void> }): Promise<T> {
    for (let n = 0; ; n++) {
      let wait: number;
      let failure: FetchError;
      try {
        const result = await attempt();
        const { status, retryAfter, discard } = statusOf(result);
        if (!isRetryableStatus(status)) return result;
        const retryAfterMs = parseRetryAfterMs(retryAfter, now());
        failure = new FetchError(`${url}: HTTP ${status}`, { url, status, retryable: true });
        if (n >= maxRetries || (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs)) {
          await discard();
          throw failure;
        }
        await discard();
        wait = Math.max(backoffDelayMs(n, backoff), retryAfterMs ?? 0);
      } catch (error) {
        if (error instanceof FetchError) throw error;
        if (signal?.aborted) throw new FetchAbortedError(url, error);
        failure = new FetchError(`${url}: ${describeNetworkError(error)}`, { url, retryable: true, cause: error });
        if (n >= maxRetries) throw failure;
        wait = backoffDelayMs(n, backoff);
      }
      stats.retries++;
      try {
        await sleep(wait, signal);
      } catch (error) {
        throw new FetchAbortedError(url, error);
      }
    }
  }

  async function loadRobots(origin: string, signal: AbortSignal | undefined): Promise<RobotsRules> {
    const robotsUrl = new URL('/robots.txt', origin);
    try {
      let target = robotsUrl;
      // RFC 9309 §2.3.1.2: follow at least five redirects for robots.txt, even to other hosts.
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const hopUrl = target;
        const ex = await withRetries(hopUrl.href, signal, () => exchange(hopUrl, { method: 'GET', headers: { accept: 'text/plain' } }, defaultDelayMs, signal), (r) => ({
          status: r.status,
          retryAfter: r.headers.get('retry-after'),
          discard: () => r.response.body?.cancel().catch(() => undefined) ?? Promise.resolve(),
        }));
        const location = ex.headers.get('location');
        if (ex.status >= 300 && ex.status < 400 && location) {
          await ex.response.body?.cancel().catch(() => undefined);
          target = new URL(location, hopUrl);
          continue;
        }
        if (ex.status >= 200 && ex.status < 300) {
          // RFC 9309 §2.5: parse at least 500 KiB; read up to our body limit.
          const bytes = await readBodyLimited(ex.response, hopUrl.href, Math.max(512 * 1024, Math.min(maxBodyBytes, 2 * 1024 * 1024)));
          return rulesFromRobotsTxt(robotsUrl.href, decodeBody(bytes, 'text/plain; charset=utf-8'), now() + robotsTtlMs);
        }
        await ex.response.body?.cancel().catch(() => undefined);
        if (ex.status >= 400 && ex.status < 500) return allowAll(`robots.txt ${ex.status}: allow all`, now() + robotsTtlMs);
        return disallowAll(`robots.txt ${ex.status}: disallow all`, now() + UNREACHABLE_ROBOTS_TTL_MS);
      }
      return disallowAll('robots.txt: too many redirects, disallow all', now() + UNREACHABLE_ROBOTS_TTL_MS);
    } catch (error) {
      if (error instanceof FetchAbortedError) throw error;
      if (error instanceof FetchError && error.status !== undefined) return disallowAll(`robots.txt ${error.status}: disallow all`, now() + UNREACHABLE_ROBOTS_TTL_MS);
      // No answer at all: say why (DNS, refused, timeout, TLS), keeping RFC 9309's verdict.
      const failure = classifyNetworkError(error instanceof FetchError && error.cause !== undefined ? error.cause : error);
      return disallowAll(`robots.txt unreachable (${describeFailureKind(failure.kind)}): disallow all`, now() + UNREACHABLE_ROBOTS_TTL_MS, failure);
    }
  }

  async function robotsFor(url: URL, signal: AbortSignal | undefined): Promise<RobotsRules> {
    const origin = url.origin;
    const cached = robotsByOrigin.get(origin);
    if (cached) {
      const rules = await cached.catch(() => undefined);
      if (rules && rules.expiresAt > now()) return rules;
      if (robotsByOrigin.get(origin) !== cached) return robotsFor(url, signal);
    }
    // Concurrent fetches to one host share the one robots.txt request.
    const pending = loadRobots(origin, signal);
    robotsByOrigin.set(origin, pending);
    pending.catch(() => robotsByOrigin.delete(origin));
    return pending;
  }

  async function fetchOne(request: FetchRequest): Promise<FetchResponse> {
    const signal = request.signal;
    let url = parseHttpUrl(request.url);
    if (signal?.aborted) throw new FetchAbortedError(url.href, signal.reason);
    const startHost = url.hostname;
    let method = request.method ?? 'GET';
    let body = request.body;
    const conditional = method === 'GET' && body === undefined;
    const cacheKey = url.href;
    const cached = conditional ? cache.get(cacheKey) : undefined;

    for (let hop = 0; ; hop++) {
      const rules = await robotsFor(url, signal);
      if (!rules.isAllowed(url.href)) {
        if (rules.unreachable) throw new HostUnreachableError(url.href, rules.unreachable.kind, rules.unreachable.detail);
        stats.robotsSkipped++;
        throw new RobotsDisallowedError(url.href, rules.basis);
      }
      const delayMs = Math.max(request.delayMs ?? defaultDelayMs, rules.crawlDelayMs ?? 0);
      const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8' };
      // Lower-cased so a source's `User-Agent` (USAJOBS wants the e-mail there) replaces ours rather than doubling it.
      for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
      if (cached && hop === 0) {
        if (cached.etag) headers['if-none-match'] = cached.etag;
        if (cached.lastModified) headers['if-modified-since'] = cached.lastModified;
      }
      const target = url;
      const ex = await withRetries(target.href, signal, () => exchange(target, { method, headers, body }, delayMs, signal), (r) => ({
        status: r.status,
        retryAfter: r.headers.get('retry-after'),
        discard: () => r.response.body?.cancel().catch(() => undefined) ?? Promise.resolve(),
      }));

      if (ex.status === 304 && cached) {
        await ex.response.body?.cancel().catch(() => undefined);
        stats.pagesFetched++;
        return { url: cached.url, status: cached.status, headers: { ...cached.headers }, text: cached.text, notModified: true };
      }

      const location = ex.headers.get('location');
      if (ex.status >= 300 && ex.status < 400 && location) {
        await ex.response.body?.cancel().catch(() => undefined);
        const next = parseHttpUrl(new URL(location, target).href);
        if (!sameHost(target, next, startHost)) throw new OffHostRedirectError(target.href, next.href, ex.status);
        if (hop >= MAX_REDIRECTS) throw new FetchError(`${request.url}: more than ${MAX_REDIRECTS} redirects`, { url: request.url, status: ex.status });
        // RFC 9110 §15.4: 301/302/303 after a POST continue as GET without the body; 307/308 keep both.
        if (ex.status === 303 || ((ex.status === 301 || ex.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        url = next;
        continue;
      }

      const contentType = ex.headers.get('content-type') ?? undefined;
      let bytes: Uint8Array;
      try {
        bytes = gunzipIfCompressed(await readBodyLimited(ex.response, target.href, maxBodyBytes), target.href, maxBodyBytes, ex.status);
      } catch (error) {
        if (error instanceof FetchError) throw error;
        if (signal?.aborted) throw new FetchAbortedError(target.href, error);
        throw new FetchError(`${target.href}: ${describeNetworkError(error)}`, { url: target.href, status: ex.status, retryable: true, cause: error });
      }
      const text = decodeBody(bytes, contentType);
      const headersOut = headersToRecord(ex.headers);

      if (ex.status < 200 || ex.status >= 300) {
        throw new FetchError(`${target.href}: HTTP ${ex.status}`, {
          url: target.href,
          status: ex.status,
          // 401/403: the site does not want us (or the key is wrong); hammering the other pages would be rude.
          nextStep: ex.status === 401 || ex.status === 403 || ex.status === 407 ? 'abort' : 'skip',
        });
      }
      stats.pagesFetched++;
      if (conditional) {
        const etag = ex.headers.get('etag') ?? undefined;
        const lastModified = ex.headers.get('last-modified') ?? undefined;
        if (etag || lastModified) cache.set(cacheKey, { url: target.href, status: ex.status, headers: headersOut, text, etag, lastModified });
        else cache.delete(cacheKey);
      }
      return { url: target.href, status: ex.status, headers: headersOut, text, notModified: false };
    }
  }

  return {
    fetch: fetchOne,
    stats: () => ({ ...stats }),
  };
}

function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsupportedUrlError(raw, 'not an absolute URL');
  }
  // Only the web: file:, data:, ftp:, javascript: and friends would read local files or run code paths we never want.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UnsupportedUrlError(raw, `scheme ${url.protocol} is not http(s)`);
  if (url.username || url.password) throw new UnsupportedUrlError(raw, 'credentials in URLs are not sent');
  url.hash = '';
  return url;
}

/**
 * A redirect may stay on the host it started on; the only change allowed is http → https on that
 * host (with default or equal ports). Anything else would let a page walk us onto other sites.
 */
function sameHost(from: URL, to: URL, startHost: string): boolean {
  if (to.hostname !== startHost || from.hostname !== startHost) return false;
  if (to.protocol === from.protocol) return to.port === from.port;
  return from.protocol === 'http:' && to.protocol === 'https:' && (to.port === '' || to.port === from.port);
}

function headersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

/** "connection refused (connect ECONNREFUSED 127.0.0.1:9)", "timed out (no answer in time)", ... */
function describeNetworkError(error: unknown): string {
  const failure = classifyNetworkError(error);
  return `${describeFailureKind(failure.kind)} (${failure.detail})`;
}

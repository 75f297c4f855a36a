/**
 * Fetch errors, sorted by what the caller should do next (after the fetcher's own retries):
 * - `retry`: only used inside the fetcher; a `FetchError` that escapes has already been retried;
 * - `skip`: give up on this URL, keep going with the others (a 404, a page too large, robots say no);
 * - `abort`: stop the run, going on would only repeat the failure or be unwelcome (401/403, shutdown).
 */
export type NextStep = 'retry' | 'skip' | 'abort';

export class FetchError extends Error {
  readonly url: string;
  /** The last HTTP status, or undefined for network errors and refusals before any request. */
  readonly status: number | undefined;
  /** True when the failure was transient (network, 429, 5xx) and retries ran out. */
  readonly retryable: boolean;
  readonly nextStep: NextStep;
  constructor(
    message: string,
    details: { url: string; status?: number | undefined; retryable?: boolean; nextStep?: NextStep; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.url = details.url;
    this.status = details.status;
    this.retryable = details.retryable ?? false;
    this.nextStep = details.nextStep ?? 'skip';
  }
}

/** robots.txt disallows the URL for PeerboardBot (or robots.txt could not be read: RFC 9309 §2.3.1.4). Never fetched. */
export class RobotsDisallowedError extends FetchError {
  constructor(url: string, why: string) {
    super(`robots.txt disallows ${url} (${why})`, { url, nextStep: 'skip' });
  }
}

/** Why a host could not be reached, as far as the network stack says. */
export type NetworkFailureKind = 'dns' | 'refused' | 'timeout' | 'tls' | 'reset' | 'network';

const KIND_WORDS: Record<NetworkFailureKind, string> = {
  dns: 'DNS failure',
  refused: 'connection refused',
  timeout: 'timed out',
  tls: 'TLS failure',
  reset: 'connection reset',
  network: 'network error',
};

/** "DNS failure", "connection refused", ... for a failure kind. */
export function describeFailureKind(kind: NetworkFailureKind): string {
  return KIND_WORDS[kind];
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA', 'ENODATA', 'ESERVFAIL']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ESOCKETTIMEDOUT']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);
const TLS_CODE = /^(?:ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_OSSL|EPROTO$|HOSTNAME_MISMATCH)/;

/**
 * Sorts a fetch failure by its cause. Node's fetch wraps the socket error (`TypeError: fetch
 * failed` with `cause.code`), happy-eyeballs connects wrap several in an AggregateError, and an
 * AbortSignal timeout is a `TimeoutError`: every layer is looked at, the most specific code wins.
 */
export function classifyNetworkError(error: unknown): { kind: NetworkFailureKind; detail: string } {
  const seen = new Set<unknown>();
  const codes: string[] = [];
  const messages: string[] = [];
  let timedOut = false;
  const visit = (e: unknown, depth: number): void => {
    if (depth > 5 || e === null || typeof e !== 'object' || seen.has(e)) return;
    seen.add(e);
    const rec = e as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (rec.name === 'TimeoutError') timedOut = true;
    if (typeof rec.code === 'string') codes.push(rec.code);
    if (typeof rec.message === 'string' && rec.message && rec.message !== 'fetch failed') messages.push(rec.message);
    visit(rec.cause, depth + 1);
    if (Array.isArray(rec.errors)) for (const inner of rec.errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  const detail = messages[0] ?? codes[0] ?? (error instanceof Error ? error.message : String(error));
  const has = (set: Set<string>) => codes.some((c) => set.has(c));
  if (has(DNS_CODES)) return { kind: 'dns', detail };
  if (codes.some((c) => TLS_CODE.test(c)) || messages.some((m) => /\b(?:ssl|tls|certificate)\b/i.test(m))) return { kind: 'tls', detail };
  if (has(REFUSED_CODES)) return { kind: 'refused', detail };
  if (timedOut || has(TIMEOUT_CODES)) return { kind: 'timeout', detail: timedOut && detail === codes[0] ? 'no answer in time' : detail };
  if (has(RESET_CODES)) return { kind: 'reset', detail };
  return { kind: 'network', detail };
}

/**
 * The host could not be reached (DNS, refused, timeout, TLS...), so neither robots.txt nor the page
 * was read. RFC 9309 §2.3.1.4 treats an unreachable robots.txt as "disallow everything"; that rule is
 * the detail here, the network cause is the headline.
 */
export class HostUnreachableError extends FetchError {
  readonly failure: NetworkFailureKind;
  readonly detail: string;
  constructor(url: string, failure: NetworkFailureKind, detail: string, options: { robots?: boolean; cause?: unknown } = {}) {
    const host = hostOf(url);
    const robots = options.robots ?? true;
    super(
      `${url}: host ${host} unreachable: ${describeFailureKind(failure)} (${detail})${robots ? '; robots.txt could not be read, and an unreachable robots.txt means disallow (RFC 9309 §2.3.1.4)' : ''}`,
      { url, retryable: true, nextStep: 'skip', cause: options.cause },
    );
    this.failure = failure;
    this.detail = detail;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The body passed the size limit; the download was aborted there. */
export class BodyTooLargeError extends FetchError {
  readonly limitBytes: number;
  constructor(url: string, limitBytes: number, status: number) {
    super(`${url}: body larger than ${limitBytes} bytes`, { url, status, nextStep: 'skip' });
    this.limitBytes = limitBytes;
  }
}

/** A redirect pointed at another host: we never follow links off the host we were asked for. */
export class OffHostRedirectError extends FetchError {
  readonly location: string;
  constructor(url: string, location: string, status: number) {
    super(`${url}: redirect to another host refused (${location})`, { url, status, nextStep: 'skip' });
    this.location = location;
  }
}

/** Only http: and https: are fetched; file:, data:, ftp:, javascript: and the like are refused. */
export class UnsupportedUrlError extends FetchError {
  constructor(url: string, why: string) {
    super(`refused to fetch ${url}: ${why}`, { url, nextStep: 'skip' });
  }
}

/** The caller's signal aborted (shutdown): stop the run. */
export class FetchAbortedError extends FetchError {
  constructor(url: string, cause?: unknown) {
    super(`${url}: aborted`, { url, nextStep: 'abort', cause });
  }
}

/** What to do with an error thrown by `Fetcher.fetch` (anything unknown is skipped, not fatal). */
export function nextStepOf(error: unknown): NextStep {
  return error instanceof FetchError ? error.nextStep : 'skip';
}

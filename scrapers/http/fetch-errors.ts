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

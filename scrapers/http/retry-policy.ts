/** Retry timing: exponential backoff with full jitter, and `Retry-After` when the server gives one. */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  random: () => number;
}

/**
 * Full jitter (a random wait between 0 and the exponential ceiling) spreads retries of many clients
 * instead of having them hit the recovering server in lock-step.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** attempt);
  return Math.floor(options.random() * ceiling);
}

/**
 * Reads `Retry-After` as seconds or as an HTTP date (RFC 9110 §10.2.3). Returns milliseconds from
 * `nowMs`, or undefined when absent or unreadable.
 */
export function parseRetryAfterMs(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** 429 and 5xx are worth another try; other statuses say the same thing every time. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

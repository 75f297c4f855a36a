/** What the sources need from the polite HTTP layer (`scrapers/http/`). */
export interface FetchRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Minimum delay between requests to this host for this source. */
  delayMs?: number;
  signal?: AbortSignal;
}

export interface FetchResponse {
  /** The final URL after redirects (same host only). */
  url: string;
  status: number;
  headers: Record<string, string>;
  /** The body decoded to text with its charset. */
  text: string;
  /** True when a conditional GET answered 304 and `text` is the cached body. */
  notModified: boolean;
}

export interface FetcherStats {
  requests: number;
  pagesFetched: number;
  robotsSkipped: number;
  retries: number;
}

export interface Fetcher {
  /**
   * Fetches one URL politely. Throws `RobotsDisallowedError` (skip, counted) when robots.txt says
   * no, and a `FetchError` with `retryable` / `status` when it finally fails.
   */
  fetch(request: FetchRequest): Promise<FetchResponse>;
  stats(): FetcherStats;
}

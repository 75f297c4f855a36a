import type { RawPosting } from '../../schema/index.ts';
import { FetchAbortedError, FetchError, RobotsDisallowedError, type FetchRequest, type FetchResponse } from '../http/index.ts';
import type { SourceConfig, SourceRunContext, SourceRunOutput } from './source-types.ts';

/**
 * What a page is to the run. `listing`: a page that lists jobs (a failure makes the run
 * incomplete). `postingPage`: the only place a posting is known from (a failure other than
 * 404/410 makes the run incomplete too).
 */
export interface FetchRole {
  listing: boolean;
  postingPage?: boolean;
  /**
   * Says what a failure means for this service (a 404 listing is "no such Workable account", an
   * off-host redirect of a BambooHR listing is "no such company"); undefined keeps the fetch error.
   */
  explain?: (error: FetchError) => string | undefined;
}

function isGone(error: unknown): boolean {
  return error instanceof FetchError && (error.status === 404 || error.status === 410);
}

/** At most this many page-level errors are kept per run (a sample, not a log). */
const ERROR_SAMPLE = 20;

/** Thrown to end a run early (shutdown, 401/403); the output so far is kept and marked incomplete. */
export class StopRun extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StopRun';
  }
}

/**
 * What one source run has gathered so far: postings, rejected items, a sample of errors, page
 * counts. Source modules fetch through it so counting, robots skips, errors and shutdown are
 * handled the same way for every kind.
 */
export class SourceRunRecorder {
  readonly config: SourceConfig;
  readonly ctx: SourceRunContext;
  readonly #postings = new Map<string, RawPosting>();
  readonly #rejected: SourceRunOutput['rejected'] = [];
  readonly #errors: string[] = [];
  #errorCount = 0;
  #complete = true;
  #pagesFetched = 0;
  #robotsSkipped = 0;

  constructor(config: SourceConfig, ctx: SourceRunContext) {
    this.config = config;
    this.ctx = ctx;
  }

  /** True once shutdown was asked for: finish the page in hand, fetch nothing more. */
  get stopping(): boolean {
    return this.ctx.signal.aborted;
  }

  /**
   * Fetches politely. Returns null when this URL is skipped (robots, 404, retries exhausted, too
   * large, off-host redirect): the error is recorded and the run goes on. Throws `StopRun` when the
   * run must end (shutdown, 401/403). A skipped *listing* page makes the run incomplete; pass
   * `listing: true` for those so expiry never trusts a partial listing.
   */
  async fetch(request: Omit<FetchRequest, 'signal' | 'delayMs'>, role: FetchRole): Promise<FetchResponse | null> {
    if (this.stopping) throw new StopRun('shutdown requested');
    try {
      const response = await this.ctx.fetcher.fetch({ ...request, delayMs: this.config.delayMs, signal: this.ctx.signal });
      this.#pagesFetched++;
      this.ctx.onProgress?.({ pagesFetched: this.#pagesFetched, postings: this.#postings.size });
      return response;
    } catch (error) {
      return this.#failed(request.url, role, error);
    }
  }

  /** What a failed fetch means for the run: recorded, then null (skip) or StopRun (end the run). */
  #failed(url: string, role: FetchRole, error: unknown): null {
    if (error instanceof RobotsDisallowedError) {
      this.#robotsSkipped++;
      // A posting page robots.txt keeps us out of is never read, so its job was never stored:
      // nothing to wrongly expire, and the run stays complete. A disallowed listing is not.
      if (role.listing) this.markIncomplete();
      this.error(url, error.message);
      return null;
    }
    if (error instanceof FetchAbortedError || this.stopping) throw new StopRun('shutdown requested', { cause: error });
    if (error instanceof FetchError && error.nextStep === 'abort') throw new StopRun(error.message, { cause: error });
    // A posting known only by its own page (JSON-LD detail pages) that failed to load is not
    // evidence the job is gone: the run is incomplete so expiry leaves it alone. A 404 or 410
    // is: the employer took the page down.
    if (role.listing || (role.postingPage && !isGone(error))) this.markIncomplete();
    const explained = error instanceof FetchError ? role.explain?.(error) : undefined;
    const message = error instanceof Error ? error.message : String(error);
    this.error(url, explained ? `${explained} (${message})` : message);
    return null;
  }

  /**
   * Fetches the first of several spellings of one address that the server knows (a service whose
   * paths are case-insensitive, written both ways in the wild): a 404 or 410 moves on to the next
   * spelling, and only the last one's failure is recorded, like {@link fetch}.
   */
  async fetchFirstKnown(urls: readonly string[], request: Omit<FetchRequest, 'signal' | 'delayMs' | 'url'>, role: FetchRole): Promise<FetchResponse | null> {
    const distinct = [...new Set(urls)];
    for (const url of distinct.slice(0, -1)) {
      if (this.stopping) throw new StopRun('shutdown requested');
      try {
        const response = await this.ctx.fetcher.fetch({ ...request, url, delayMs: this.config.delayMs, signal: this.ctx.signal });
        this.#pagesFetched++;
        this.ctx.onProgress?.({ pagesFetched: this.#pagesFetched, postings: this.#postings.size });
        return response;
      } catch (error) {
        if (isGone(error)) continue;
        return this.#failed(url, role, error);
      }
    }
    const last = distinct[distinct.length - 1];
    return last === undefined ? null : this.fetch({ ...request, url: last }, role);
  }

  /** Fetches and parses JSON; a body that is not JSON is recorded as an error (null). */
  async fetchJson(request: Omit<FetchRequest, 'signal' | 'delayMs'>, role: FetchRole): Promise<{ response: FetchResponse; json: unknown } | null> {
    const response = await this.fetch({ ...request, headers: { accept: 'application/json', ...request.headers } }, role);
    if (!response) return null;
    try {
      return { response, json: JSON.parse(response.text) as unknown };
    } catch (error) {
      if (role.listing) this.markIncomplete();
      this.error(response.url, `answer is not JSON (${error instanceof Error ? error.message : String(error)})`);
      return null;
    }
  }

  /** Adds a posting; a second one with the same sourceId replaces the first (a board listing a job twice). */
  add(posting: RawPosting): void {
    const key = posting.sourceId ?? posting.url ?? posting.title;
    this.#postings.set(key, { ...posting, source: this.config.id });
  }

  reject(url: string | undefined, reason: string, message: string): void {
    this.#rejected.push({ url, reason, message });
  }

  error(url: string | undefined, message: string): void {
    this.#errorCount++;
    const line = url && !message.includes(url) ? `${url}: ${message}` : message;
    if (this.#errors.length < ERROR_SAMPLE) this.#errors.push(line);
  }

  markIncomplete(): void {
    this.#complete = false;
  }

  get postingCount(): number {
    return this.#postings.size;
  }

  output(): SourceRunOutput {
    const errors = [...this.#errors];
    if (this.#errorCount > errors.length) errors.push(`... and ${this.#errorCount - errors.length} more errors`);
    return {
      postings: [...this.#postings.values()],
      rejected: [...this.#rejected],
      errors,
      complete: this.#complete && !this.stopping,
      pagesFetched: this.#pagesFetched,
      robotsSkipped: this.#robotsSkipped,
    };
  }
}

/**
 * Runs a source body with a recorder and always returns an output: `StopRun` ends it early
 * (incomplete), any other throw is a bug in a source or an unexpected answer, recorded as an error
 * rather than crashing the batch.
 */
export async function recordRun(
  config: SourceConfig,
  ctx: SourceRunContext,
  body: (run: SourceRunRecorder) => Promise<void>,
): Promise<SourceRunOutput> {
  const run = new SourceRunRecorder(config, ctx);
  try {
    await body(run);
  } catch (error) {
    run.markIncomplete();
    if (error instanceof StopRun) {
      if (!run.stopping) run.error(undefined, `run stopped: ${error.message}`);
    } else {
      run.error(undefined, `source failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return run.output();
}

import type { Fetcher } from '../scrapers/http/fetcher-port.ts';
import type { SourceConfig, SourceRunContext, SourceRunner } from '../scrapers/sources/source-types.ts';
import type { Ingest, PostingLifecycle, PostingStore, ScrapeRun } from '../store/ports.ts';
import { SourceAlreadyRunningError, messageOf, runSourceNow, type SourceRunProgress } from './source-run.ts';

/** What became of one source in a `scrape` (or the demo's scrape). */
export type SourceOutcome =
  | { source: SourceConfig; kind: 'ran'; run: ScrapeRun }
  | { source: SourceConfig; kind: 'busy' }
  /** The source cannot run in this configuration (a USAJOBS source with no API key): not a failure. */
  | { source: SourceConfig; kind: 'disabled'; reason: string }
  /** The run could not even be recorded (the store refused): nothing is known about it. */
  | { source: SourceConfig; kind: 'error'; message: string };

export interface ScrapeSourcesDeps {
  store: PostingStore;
  ingest: Ingest;
  lifecycle: PostingLifecycle;
  fetcher: Fetcher;
  env: SourceRunContext['env'];
  runner?: SourceRunner;
  signal?: AbortSignal;
  dryRun?: boolean;
  /** Sources run at once; small, because each is polite to its own host anyway. Default 2. */
  concurrency?: number;
  onStart?: (source: SourceConfig) => void;
  onProgress?: (progress: SourceRunProgress) => void;
  onDone?: (outcome: SourceOutcome) => void;
}

/**
 * Runs the given sources now, a few at a time, and returns one outcome per source in the given
 * order. A source that fails never stops the others: its failure is its outcome.
 */
export async function scrapeSources(sources: readonly SourceConfig[], deps: ScrapeSourcesDeps): Promise<SourceOutcome[]> {
  const outcomes: SourceOutcome[] = new Array<SourceOutcome>(sources.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      const source = sources[index];
      if (!source) return;
      // After a shutdown request, sources not yet started are not started at all.
      if (deps.signal?.aborted) return;
      deps.onStart?.(source);
      const outcome = await runOne(source, deps);
      outcomes[index] = outcome;
      deps.onDone?.(outcome);
    }
  };
  const workers = Math.max(1, Math.min(deps.concurrency ?? 2, sources.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return outcomes.filter((o): o is SourceOutcome => o !== undefined);
}

/**
 * Why a source cannot run with this configuration, or null. USAJOBS answers nothing without an API
 * key, so a keyless USAJOBS source is disabled with a clear message instead of failing every run.
 */
export function disabledReason(source: SourceConfig, env: SourceRunContext['env']): string | null {
  if (source.kind === 'usajobs' && !env.usajobsApiKey) return 'disabled: set USAJOBS_API_KEY (and USAJOBS_EMAIL) to search USAJOBS';
  return null;
}

async function runOne(source: SourceConfig, deps: ScrapeSourcesDeps): Promise<SourceOutcome> {
  const reason = disabledReason(source, deps.env);
  if (reason) return { source, kind: 'disabled', reason };
  try {
    const run = await runSourceNow(source, {
      store: deps.store,
      ingest: deps.ingest,
      lifecycle: deps.lifecycle,
      fetcher: deps.fetcher,
      env: deps.env,
      ...(deps.runner ? { runner: deps.runner } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
      ...(deps.dryRun ? { dryRun: true } : {}),
      ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    });
    return { source, kind: 'ran', run };
  } catch (err) {
    if (err instanceof SourceAlreadyRunningError) return { source, kind: 'busy' };
    return { source, kind: 'error', message: messageOf(err) };
  }
}

/** A source failed entirely: the exit code of `scrape` says so. */
export function failedEntirely(outcome: SourceOutcome): boolean {
  return outcome.kind === 'error' || (outcome.kind === 'ran' && outcome.run.status === 'failed');
}

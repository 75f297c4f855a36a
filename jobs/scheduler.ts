import cron, { type ScheduledTask } from 'node-cron';
import { createFetcher } from '../scrapers/http/index.ts';
import type { Fetcher } from '../scrapers/http/fetcher-port.ts';
import type { SourceConfig, SourceRunContext, SourceRunner } from '../scrapers/sources/source-types.ts';
import type { ScrapeRun } from '../store/ports.ts';
import type { Runtime } from '../store/runtime-port.ts';
import { SourceAlreadyRunningError, messageOf, rejectedTotal, runSourceNow } from './source-run.ts';
import { disabledReason } from './scrape-sources.ts';

/** Expire postings whose validThrough passed, at minute 7 of every hour (off the hour, when cron jobs pile up). */
export const EXPIRE_OVERDUE_SCHEDULE = '7 * * * *';

export interface SchedulerOptions {
  sources: SourceConfig[];
  runtime: Runtime;
  /** One fetcher for all sources, so per-host pacing holds across them; built from the config when absent. */
  fetcher?: Fetcher;
  env: SourceRunContext['env'];
  log?: (line: string) => void;
  /** For tests; defaults to all eight kinds. */
  runner?: SourceRunner;
  /**
   * Run at start each enabled source whose last recorded run is older than its schedule's interval
   * (or that never ran), so a service restarted between two slots does not wait up to six hours
   * for data. Default true.
   */
  catchUp?: boolean;
  lockTtlMs?: number;
}

export interface Scheduler {
  /** Stops scheduling, aborts the runs in flight (each finishes its page and is recorded `partial`) and waits for them. */
  stop(): Promise<void>;
  /** Ids of the sources this process is running now. */
  runningSources(): string[];
}

/**
 * Starts one node-cron task per enabled source on its schedule, plus an hourly expiry of overdue
 * postings. A source never overlaps itself: node-cron's `noOverlap` and an in-process set keep this
 * process from starting a second run, and the store lock in {@link runSourceNow} keeps other
 * processes (several API servers on one MongoDB) from doing so; whoever takes the lock runs, the
 * others log "already running" and skip the slot.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { runtime, env } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const fetcher = options.fetcher ?? createFetcher({ contact: runtime.config.PEERBOARD_CONTACT });
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  const tasks: ScheduledTask[] = [];
  let stopped = false;

  const runOne = (source: SourceConfig, why: string): Promise<void> => {
    if (stopped || running.has(source.id)) return Promise.resolve();
    const controller = new AbortController();
    const done = (async () => {
      try {
        const run = await runSourceNow(source, {
          store: runtime.store,
          ingest: runtime.ingest,
          lifecycle: runtime.lifecycle,
          fetcher,
          env,
          signal: controller.signal,
          ...(options.runner ? { runner: options.runner } : {}),
          ...(options.lockTtlMs ? { lockTtlMs: options.lockTtlMs } : {}),
        });
        log(describeRun(run, why));
      } catch (err) {
        if (err instanceof SourceAlreadyRunningError) log(`scheduler: ${source.id} skipped, already running elsewhere`);
        else log(`scheduler: ${source.id} could not run: ${messageOf(err)}`);
      } finally {
        running.delete(source.id);
      }
    })();
    running.set(source.id, { controller, done });
    return done;
  };

  const cronLogger = {
    info: (m: string) => log(`scheduler: ${m}`),
    warn: (m: string) => log(`scheduler: ${m}`),
    error: (m: string | Error) => log(`scheduler: ${typeof m === 'string' ? m : m.message}`),
    debug: () => undefined,
  };

  const enabled = options.sources.filter((s) => {
    if (!s.enabled) return false;
    const reason = disabledReason(s, options.env);
    if (reason) log(`scheduler: ${s.id} ${reason}`);
    return !reason;
  });
  for (const source of enabled) {
    tasks.push(
      cron.schedule(source.schedule, () => runOne(source, 'scheduled'), {
        name: `source:${source.id}`,
        noOverlap: true,
        logger: cronLogger,
      }),
    );
  }
  tasks.push(
    cron.schedule(
      EXPIRE_OVERDUE_SCHEDULE,
      async () => {
        try {
          const n = await runtime.lifecycle.expireOverdue();
          if (n > 0) log(`scheduler: expired ${n} postings past their validThrough`);
        } catch (err) {
          log(`scheduler: expiring overdue postings failed: ${messageOf(err)}`);
        }
      },
      { name: 'expire-overdue', noOverlap: true, logger: cronLogger },
    ),
  );
  log(`scheduler: ${enabled.length} of ${options.sources.length} sources scheduled${enabled.length ? ` (${enabled.map((s) => `${s.id} "${s.schedule}"`).join(', ')})` : ''}`);

  let catchingUp: Promise<void> = Promise.resolve();
  if (options.catchUp ?? true) {
    // Sequential on purpose: at boot the service should not hit every site at once.
    catchingUp = (async () => {
      for (const [i, source] of enabled.entries()) {
        if (stopped) return;
        try {
          if (await isOverdue(source, tasks[i], runtime)) await runOne(source, 'catch-up at start');
        } catch (err) {
          log(`scheduler: ${source.id} catch-up check failed: ${messageOf(err)}`);
        }
      }
    })();
  }

  return {
    runningSources: () => [...running.keys()],
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all(tasks.map(async (t) => {
        await t.stop();
        await t.destroy();
      }));
      for (const { controller } of running.values()) controller.abort(new Error('shutdown'));
      await Promise.allSettled([...running.values()].map((r) => r.done));
      // The catch-up loop sees `stopped` and ends; waiting for it means no store call after stop().
      await catchingUp;
    },
  };
}

/** True when the source never ran or its last run started more than one schedule interval ago. */
async function isOverdue(source: SourceConfig, task: ScheduledTask | undefined, runtime: Runtime): Promise<boolean> {
  const [last] = await runtime.store.listRuns({ sourceId: source.id, last: 1 });
  if (!last) return true;
  const [a, b] = task?.getNextRuns(2) ?? [];
  if (!a || !b) return false;
  const interval = b.getTime() - a.getTime();
  return Date.now() - Date.parse(last.startedAt) > interval;
}

function describeRun(run: ScrapeRun, why: string): string {
  const c = run.counts;
  const head = `scrape ${run.sourceId} (${why}): ${run.status}, ${run.pagesFetched} pages, ${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.duplicates} duplicates, ${rejectedTotal(c)} rejected, ${run.expired} expired`;
  return run.status === 'ok' ? head : `${head}; ${run.errors.slice(0, 3).join(' | ')}`;
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cron from 'node-cron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../schema/config.ts';
import { createFetcher } from '../../scrapers/http/index.ts';
import { openRuntime } from '../../store/runtime.ts';
import type { Runtime } from '../../store/runtime-port.ts';
import { startScheduler, type Scheduler } from '../../jobs/scheduler.ts';
import { leverSource } from './job-harness.ts';
import { peerPosting, startLeverBoardServer, type LeverBoardServer } from './lever-board-server.ts';

let dataDir: string;
let runtime: Runtime;
let server: LeverBoardServer;
let scheduler: Scheduler | undefined;
const log: string[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'peerboard-scheduler-'));
  runtime = await openRuntime(loadConfig({ DATA_DIR: dataDir }));
  server = await startLeverBoardServer();
  log.length = 0;
});
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  await server.close();
  await runtime.close();
  await rm(dataDir, { recursive: true, force: true });
});

const fetcher = () => createFetcher({ contact: 'https://example.org/peerboard-tests', defaultDelayMs: 0, maxRetries: 0 });
// Once a year at 03:17 on 1 January: never fires during a test.
const YEARLY = '17 3 1 1 *';

describe('startScheduler', () => {
  it('schedules one task per enabled source and the hourly expiry, and removes them on stop', async () => {
    const on = leverSource('lever-on', server.origin, 'on', { schedule: YEARLY });
    const off = leverSource('lever-off', server.origin, 'off', { schedule: YEARLY, enabled: false });

    scheduler = startScheduler({ sources: [on, off], runtime, fetcher: fetcher(), env: {}, log: (l) => log.push(l), catchUp: false });

    const names = [...cron.getTasks().values()].map((t) => t.name);
    expect(names).toContain('source:lever-on');
    expect(names).toContain('expire-overdue');
    expect(names).not.toContain('source:lever-off');
    expect(log.join('\n')).toContain('1 of 2 sources scheduled');

    await scheduler.stop();
    const after = [...cron.getTasks().values()].map((t) => t.name);
    expect(after).not.toContain('source:lever-on');
    expect(after).not.toContain('expire-overdue');
  });

  it('runs a never-run source at start, and stop() during its run lets the page finish and records the run as partial', async () => {
    server.setBoard('alleghenyrecovery', [peerPosting('alleghenyrecovery', 'c0ffee00-0000-4000-8000-000000000001', 'Certified Peer Specialist - Crisis Unit')]);
    server.delayMs = 300;
    const listingAsked = new Promise<void>((resolve) => {
      server.onListingRequest = () => resolve();
    });
    const source = leverSource('lever-allegheny', server.origin, 'alleghenyrecovery', { schedule: YEARLY });

    scheduler = startScheduler({ sources: [source], runtime, fetcher: fetcher(), env: {}, log: (l) => log.push(l) });
    await listingAsked;
    expect(scheduler.runningSources()).toEqual(['lever-allegheny']);

    await scheduler.stop();

    expect(scheduler.runningSources()).toEqual([]);
    const [run] = await runtime.store.listRuns({ sourceId: 'lever-allegheny' });
    expect(run?.status).toBe('partial');
    expect(run?.pagesFetched).toBe(1);
    expect(run?.counts.new).toBe(1);
    expect(run?.endedAt).not.toBeNull();
    // The lock was released: nothing holds the source after shutdown.
    expect(await runtime.store.acquireLock('source:lever-allegheny', 'next-process', 1000)).toBe(true);
  });

  it('does not start a source at start when its last run is recent', async () => {
    server.setBoard('alleghenyrecovery', []);
    const source = leverSource('lever-allegheny', server.origin, 'alleghenyrecovery', { schedule: '0 */6 * * *' });
    await runtime.store.putRun({
      id: 'earlier-run',
      sourceId: 'lever-allegheny',
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      endedAt: new Date().toISOString(),
      status: 'ok',
      pagesFetched: 1,
      robotsSkipped: 0,
      counts: { received: 0, new: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: {} },
      expired: 0,
      errors: [],
    });

    scheduler = startScheduler({ sources: [source], runtime, fetcher: fetcher(), env: {}, log: (l) => log.push(l) });
    await scheduler.stop();

    expect(server.fixtures.requestsTo('/v0/postings')).toHaveLength(0);
    expect(await runtime.store.listRuns({ sourceId: 'lever-allegheny' })).toHaveLength(1);
  });
});

import { silentLogger } from '../../server/logging/logger.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../schema/config.ts';
import { start } from '../../server/app.ts';
import { openRuntime } from '../../store/runtime.ts';
import type { Runtime } from '../../store/runtime-port.ts';
import type { SearchIndex } from '../../store/search/search-port.ts';
import { seedKnownPostings } from './seed.ts';

/** The real runtime, with a search that pauses until released: a request held in flight. */
function withHeldSearch(runtime: Runtime, onDone: () => void) {
  let entered!: () => void;
  let release!: () => void;
  const enteredP = new Promise<void>((r) => (entered = r));
  const releaseP = new Promise<void>((r) => (release = r));
  const search: SearchIndex = new Proxy(runtime.search, {
    get(target, prop, receiver) {
      if (prop === 'search') {
        return async (q: Parameters<SearchIndex['search']>[0]) => {
          entered();
          await releaseP;
          const result = await target.search(q);
          onDone();
          return result;
        };
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { runtime: { ...runtime, search } as Runtime, entered: enteredP, release };
}

describe('graceful shutdown', () => {
  it('turns not ready, stops the scheduler, lets the request in flight finish, then closes', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'peerboard-shutdown-'));
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, SCHEDULER: 'off' });
    const real = await openRuntime(config);
    await seedKnownPostings(real);
    const events: string[] = [];
    const held = withHeldSearch(real, () => events.push('slow search done'));
    let readyDuringShutdown = 0;
    const service = await start({
      config,
      runtime: held.runtime,
      logger: silentLogger(),
      onShutdown: async () => {
        events.push('scheduler stopped');
        readyDuringShutdown = (await fetch(`${service.url}/readyz`)).status;
      },
    });
    try {
      // A keep-alive connection left idle must not hold the server open.
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);

      const inFlight = fetch(service.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ searchJobs(first: 3) { totalCount } }' }),
      }).then(async (res) => {
        return { status: res.status, body: (await res.json()) as { data: { searchJobs: { totalCount: number } } } };
      });
      await held.entered;
      const stopped = service.stop().then(() => events.push('server stopped'));
      // A second stop() joins the same sequence.
      const stoppedAgain = service.stop();
      await new Promise((r) => setTimeout(r, 50));
      expect(events).toEqual(['scheduler stopped']);
      held.release();
      const answer = await inFlight;
      await Promise.all([stopped, stoppedAgain]);

      expect(answer.status).toBe(200);
      expect(answer.body.data.searchJobs.totalCount).toBe(20);
      expect(readyDuringShutdown).toBe(503);
      expect(events).toEqual(['scheduler stopped', 'slow search done', 'server stopped']);
      expect(service.server.listening).toBe(false);
      await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
    } finally {
      held.release();
      await service.stop();
      await real.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

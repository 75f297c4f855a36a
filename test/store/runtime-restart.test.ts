import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../schema/config.ts';
import { openEmbeddedStore } from '../../store/embedded/embedded-store.ts';
import { openRuntime, STATS_SNAPSHOT_FILE } from '../../store/runtime.ts';
import type { Runtime } from '../../store/runtime-port.ts';
import { ColumnarStatsEngine } from '../../store/stats/stats-engine.ts';
import { generatePostings } from '../../bench/posting-corpus.ts';

/**
 * A restart of the runtime: the statistics engine and the embedded index come back from their
 * snapshots at the seq they reflect and apply only the changes after it (written meanwhile by
 * another process), giving the same answers as a load from scratch.
 */

const dirs: string[] = [];
const open: Runtime[] = [];
afterEach(async () => {
  for (const r of open.splice(0)) await r.close().catch(() => undefined);
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function start(dataDir: string, logs: string[] = []): Promise<Runtime> {
  const r = await openRuntime(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SCHEDULER: 'off', STATS_MIN_SAMPLE: '3' }), { log: (l) => logs.push(l) });
  open.push(r);
  return r;
}

async function stop(r: Runtime): Promise<void> {
  open.splice(open.indexOf(r), 1);
  await r.close();
}

describe('runtime restart from snapshots', () => {
  it('restores statistics and index from their snapshots and applies what another process wrote meanwhile', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'peerboard-restart-'));
    dirs.push(dataDir);
    const first = generatePostings(300, 5);
    const later = generatePostings(40, 6, 300);
    {
      const store = await openEmbeddedStore({ dataDir });
      await store.putPostings(first);
      await store.close();
    }
    const a = await start(dataDir);
    expect(a.stats.size).toBe(300);
    await stop(a); // saves both snapshots at seq 300

    // Another process writes while the service is down: new postings and a changed one.
    {
      const store = await openEmbeddedStore({ dataDir });
      await store.putPostings([...later, { ...first[0]!, status: 'expired', endedAt: '2025-08-01T00:00:00.000Z', updatedAt: '2025-08-01T00:00:00.000Z' }]);
      await store.close();
    }
    const logs: string[] = [];
    const b = await start(dataDir, logs);
    expect(logs.join('\n')).toMatch(/stats over 340 postings \(snapshot\), at seq 341/);
    expect(logs.join('\n')).toMatch(/caught up: 41 postings applied/);
    const all = [...later, { ...first[0]!, status: 'expired' as const }, ...first.slice(1)];
    const fresh = ColumnarStatsEngine.fromPostings(all, { minSample: 3 });
    for (const groupBy of [[], ['setting'], ['state']] as const) {
      expect(b.stats.salaryStats({ includeExpired: true }, groupBy)).toEqual(fresh.salaryStats({ includeExpired: true }, groupBy));
      expect(b.stats.salaryStats({}, groupBy)).toEqual(fresh.salaryStats({}, groupBy));
    }
    expect(b.stats.salaryTrend({ includeExpired: true }, 'month')).toEqual(fresh.salaryTrend({ includeExpired: true }, 'month'));
    expect((await b.search.search({ filter: { includeExpired: true } })).total).toBe(340);
    expect((await b.search.search({})).total).toBe(all.filter((p) => p.status === 'active').length);
  });

  it('loads the statistics from the store when their snapshot is damaged', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'peerboard-restart-'));
    dirs.push(dataDir);
    {
      const store = await openEmbeddedStore({ dataDir });
      await store.putPostings(generatePostings(50, 7));
      await store.close();
    }
    await stop(await start(dataDir));
    await writeFile(join(dataDir, STATS_SNAPSHOT_FILE), 'PBIDX001garbage garbage garbage');
    const logs: string[] = [];
    const r = await start(dataDir, logs);
    expect(logs.join('\n')).toMatch(/statistics: cannot use the snapshot/);
    expect(r.stats.size).toBe(50);
  });
});

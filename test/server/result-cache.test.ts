import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../schema/config.ts';
import { ResultCache, cacheKey, filterKeyParts } from '../../server/graphql/result-cache.ts';
import { openRuntime } from '../../store/runtime.ts';
import { KNOWN_POSTINGS } from './fixtures/known-postings.ts';

/** A cache over a version the test moves by hand, and a computation that counts its calls. */
function setup(maxEntries = 3) {
  let version = 0;
  const cache = new ResultCache(maxEntries, () => version);
  let calls = 0;
  const compute = (value: string) => () => {
    calls++;
    return value;
  };
  return { cache, compute, bump: () => version++, calls: () => calls };
}

describe('ResultCache', () => {
  it('answers a repeated key from the cache until the data version moves', () => {
    const { cache, compute, bump, calls } = setup();
    expect(cache.get('a', compute('first'))).toBe('first');
    expect(cache.get('a', compute('second'))).toBe('first');
    expect(calls()).toBe(1);
    bump();
    expect(cache.get('a', compute('after the write'))).toBe('after the write');
    expect(calls()).toBe(2);
    expect(cache.stats).toMatchObject({ hits: 1, misses: 2, entries: 1 });
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const { cache, compute, calls } = setup(2);
    cache.get('a', compute('A'));
    cache.get('b', compute('B'));
    cache.get('a', compute('A2')); // a is now the most recently used
    cache.get('c', compute('C')); // evicts b
    expect(cache.stats.entries).toBe(2);
    expect(cache.get('a', compute('A3'))).toBe('A');
    expect(cache.get('b', compute('B2'))).toBe('B2');
    expect(calls()).toBe(4);
  });

  it('never keeps an error, thrown or rejected', async () => {
    const { cache } = setup();
    expect(() =>
      cache.get('x', () => {
        throw new Error('engine down');
      }),
    ).toThrow('engine down');
    expect(cache.get('x', () => 'recovered')).toBe('recovered');
    await expect(cache.getAsync('y', () => Promise.reject(new Error('index down')))).rejects.toThrow('index down');
    await expect(cache.getAsync('y', () => Promise.resolve('recovered'))).resolves.toBe('recovered');
    expect(cache.stats.entries).toBe(2);
  });

  it('returns but does not keep a result computed while a write finished', async () => {
    const { cache, bump } = setup();
    let release!: (v: string) => void;
    const pending = cache.getAsync('q', () => new Promise<string>((resolve) => (release = resolve)));
    bump(); // a write lands while the engine is answering
    release('computed from the data before the write');
    await expect(pending).resolves.toBe('computed from the data before the write');
    expect(cache.stats.entries).toBe(0);
    await expect(cache.getAsync('q', () => Promise.resolve('fresh'))).resolves.toBe('fresh');
  });

  it('runs identical concurrent requests once, but not across a write', async () => {
    const { cache, bump } = setup();
    let runs = 0;
    const slow = (value: string) => () =>
      new Promise<string>((resolve) => {
        runs++;
        setTimeout(() => resolve(value), 5);
      });
    const [a, b] = await Promise.all([cache.getAsync('q', slow('one')), cache.getAsync('q', slow('two'))]);
    expect([a, b, runs]).toEqual(['one', 'one', 1]);
    expect(cache.stats.shared).toBe(1);

    const before = cache.getAsync('r', slow('before'));
    bump();
    const after = cache.getAsync('r', slow('after'));
    expect([await before, await after]).toEqual(['before', 'after']);
  });

  it('computes every time when sized 0', () => {
    const { compute, calls } = setup();
    const off = new ResultCache(0, () => 0);
    off.get('a', compute('A'));
    off.get('a', compute('A'));
    expect(calls()).toBe(2);
    expect(() => new ResultCache(-1, () => 0)).toThrow(RangeError);
  });
});

describe('cache keys', () => {
  it('ignore the order of "any of" lists and of object keys, but not of groupBy', () => {
    const a = cacheKey('salaryStats', { groupBy: ['state', 'month'], filter: filterKeyParts({ states: ['OH', 'KY'], settings: ['moud', 'reentry'] }) });
    const b = cacheKey('salaryStats', { filter: filterKeyParts({ settings: ['reentry', 'moud'], states: ['KY', 'OH'] }), groupBy: ['state', 'month'] });
    const c = cacheKey('salaryStats', { groupBy: ['month', 'state'], filter: filterKeyParts({ states: ['OH', 'KY'], settings: ['moud', 'reentry'] }) });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(cacheKey('searchJobs', { filter: filterKeyParts({ payMinHourly: 20 }) })).not.toBe(cacheKey('searchJobs', { filter: filterKeyParts({ payMinHourly: 21 }) }));
  });

  it('refuse filters that move with the clock (postedWithinDays)', () => {
    expect(filterKeyParts({ postedAfter: '2026-10-01T00:00:00.000Z' })).toBeNull();
    expect(filterKeyParts({})).toEqual({});
  });
});

describe('Runtime.dataVersion', () => {
  it('moves after writes that change data and stays put otherwise', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'peerboard-version-'));
    const runtime = await openRuntime(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SCHEDULER: 'off' }));
    try {
      const raws = KNOWN_POSTINGS.slice(0, 3).map((p) => p.raw);
      const v0 = runtime.dataVersion();
      const first = await runtime.ingest(raws, { waitForIndex: true });
      expect(first.new).toBe(3);
      const v1 = runtime.dataVersion();
      expect(v1).toBeGreaterThan(v0);

      // Seen again, unchanged: nothing indexed or counted changes.
      const again = await runtime.ingest(raws, { waitForIndex: true });
      expect(again.unchanged).toBe(3);
      expect(runtime.dataVersion()).toBe(v1);

      // Nothing behind the store: reconcile indexes nothing.
      expect((await runtime.reconcile()).indexed).toBe(0);
      expect(runtime.dataVersion()).toBe(v1);

      await runtime.lifecycle.closePosting(first.postingIds[0]!);
      const v2 = runtime.dataVersion();
      expect(v2).toBeGreaterThan(v1);

      // Nothing overdue: no change.
      expect(await runtime.lifecycle.expireOverdue(new Date('2000-01-01T00:00:00Z'))).toBe(0);
      expect(runtime.dataVersion()).toBe(v2);

      // A failed write may have applied part of itself: the version moves anyway.
      await expect(runtime.lifecycle.closePosting('p_doesnotexist0000')).rejects.toThrow();
      expect(runtime.dataVersion()).toBeGreaterThan(v2);
    } finally {
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openEmbeddedStore } from '../../store/embedded/embedded-store.ts';
import { JOURNAL_MAGIC, JournalWriter, writeSnapshot } from '../../store/embedded/journal-file.ts';
import { SCHEMA_VERSION } from '../../store/embedded/sqlite-schema.ts';
import { makePosting } from './posting-fixtures.ts';
import { rawPosting } from './raw-corpus.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerboard-durable-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Child {
  lines: string[];
  send(line: string): void;
  /** Resolves with the exit signal (or `code:<n>`). */
  exited: Promise<string>;
  kill(): void;
  onLine(fn: (line: string) => void): void;
}

function startChild(args: string[]): Child {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'test/store/crash-child.ts', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      lines.push(line);
      for (const l of listeners) l(line);
    }
  });
  const exited = new Promise<string>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? `code:${code}${stderr ? ` ${stderr.slice(0, 2000)}` : ''}`)),
  );
  return { lines, exited, kill: () => child.kill('SIGKILL'), onLine: (fn) => listeners.push(fn), send: (line) => void child.stdin.write(`${line}\n`) };
}

/** Starts the puts child, lets it acknowledge some batches, SIGKILLs it mid-batch, returns what it acknowledged. */
async function runAndKill(afterAcks: number): Promise<{ acked: number[]; batchSize: number; pid: number }> {
  const batchSize = 40;
  const child = startChild(['puts', dir, String(batchSize)]);
  const acked: number[] = [];
  let pid = 0;
  child.onLine((line) => {
    const m = /^ack (\d+) /.exec(line);
    if (!m) return;
    acked.push(Number(m[1]));
    // Kill while the next batch is being written: no waiting for a quiet moment.
    if (acked.length === afterAcks) child.kill();
  });
  const how = await child.exited;
  if (how !== 'SIGKILL') throw new Error(`crash child exited on its own (${how})`);
  // Posting ids carry the child's pid: read it back from the store afterwards.
  const store = await openEmbeddedStore({ dataDir: dir });
  try {
    for await (const batch of store.iteratePostings({}, 5000)) {
      for (const p of batch) {
        const m = /^p_crash_(\d+)_/.exec(p.id);
        if (m && !pid) pid = Number(m[1]);
      }
    }
  } finally {
    await store.close();
  }
  return { acked, batchSize, pid };
}

describe('embedded store durability (SQLite, WAL, synchronous=FULL)', () => {
  it('after kill -9 in the middle of a batch, every acknowledged posting is there, batches are whole, and the store opens and writes', async () => {
    const { acked, batchSize } = await runAndKill(15);
    const store = await openEmbeddedStore({ dataDir: dir });
    try {
      const counts = new Map<string, number>();
      for await (const batch of store.iteratePostings({}, 1000)) {
        for (const p of batch) {
          const key = p.id.replace(/_\d+$/, '');
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
      // Every acknowledged batch, whole; at most the one in flight beyond them, also whole.
      const batches = [...counts.keys()].map((k) => Number(k.split('_').at(-1)));
      for (const b of acked) expect(batches).toContain(b);
      expect(counts.size - acked.length).toBeLessThanOrEqual(1);
      for (const n of counts.values()) expect(n).toBe(batchSize);
      // The feed has one seq per posting, in order, no gaps beyond what was committed.
      const feed = await store.changesSince(0, 100_000);
      expect(feed.changes.length).toBe(await store.countPostings());
      expect(feed.lastSeq).toBe(await store.currentSeq());
      await store.putPostings([makePosting({ id: 'p_after_crash' })]);
      expect(await store.getPosting('p_after_crash')).not.toBeNull();
    } finally {
      await store.close();
    }
  }, 60_000);

  it('30 random kills during a 20,000-posting import: nothing acknowledged is lost, the store opens each time, no duplicates', async () => {
    const TOTAL = 20_000;
    const BATCH = 250;
    let acked = 0;
    let kills = 0;
    // Kill after a random number of acknowledged batches (0-3), i.e. at a random point of the
    // start-up, a batch's reads, its transaction or its commit.
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const spawnWaiting = () => {
      const c = startChild(['ingest', dir, '-', String(TOTAL), String(BATCH)]);
      const ready = new Promise<void>((resolve) => c.onLine((l) => l === 'ready' && resolve()));
      return { c, ready };
    };
    // The next child loads (tsx, the normaliser, the store) while the current one imports.
    let next = spawnWaiting();
    while (acked < TOTAL) {
      const from = acked;
      const { c: child, ready } = next;
      await ready;
      next = spawnWaiting();
      const killAfter = kills < 30 ? Math.floor(random() * 4) : Infinity;
      let seen = 0;
      let opened = -1;
      child.onLine((line) => {
        const o = /^open (\d+)$/.exec(line);
        if (o) {
          opened = Number(o[1]);
          if (killAfter === 0) setTimeout(() => child.kill(), Math.floor(random() * 60));
        }
        const m = /^ack (\d+)$/.exec(line);
        if (!m) return;
        acked = Math.max(acked, Number(m[1]));
        if (++seen === killAfter) child.kill();
      });
      child.send(`go ${from}`);
      const how = await child.exited;
      if (how === 'SIGKILL') kills++;
      else if (how !== 'code:0') throw new Error(`import child failed: ${how}`);
      // Every posting acknowledged before this run was there when it opened.
      if (opened >= 0) expect(opened).toBeGreaterThanOrEqual(from);
    }
    next.c.kill();
    await next.c.exited;
    expect(kills).toBe(30);
    const store = await openEmbeddedStore({ dataDir: dir });
    try {
      expect(await store.countPostings()).toBe(TOTAL);
      // No duplicates: each listing once, each on its own posting.
      const listings = new Set<string>();
      for await (const batch of store.iteratePostings({}, 5000)) {
        for (const p of batch) {
          expect(p.sources).toHaveLength(1);
          listings.add(p.sources[0]!.sourceId);
        }
      }
      expect(listings.size).toBe(TOTAL);
      for (const i of [0, 4321, TOTAL - 1]) expect(await store.findBySource('bulk', rawPosting(i).sourceId!)).not.toBeNull();
    } finally {
      await store.close();
    }
  }, 240_000);

  it('lets several connections open the store at once and see each other\'s writes (no STORE_LOCKED)', async () => {
    const a = await openEmbeddedStore({ dataDir: dir });
    const b = await openEmbeddedStore({ dataDir: dir });
    try {
      await a.putPostings([makePosting({ id: 'p_multi_a', sourceId: 'multi-1' })]);
      await b.putPostings([makePosting({ id: 'p_multi_b' })]);
      expect((await b.getPostings(['p_multi_a', 'p_multi_b'])).length).toBe(2);
      expect(await a.currentSeq()).toBe(2);
      expect((await a.changesSince(1, 10)).changes.map((c) => c.posting.id)).toEqual(['p_multi_b']);
      // The listing key is unique across connections too.
      await expect(b.putPostings([makePosting({ id: 'p_multi_c', sourceId: 'multi-1' })])).rejects.toMatchObject({ code: 'CONFLICT' });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('two imports at once both land', async () => {
    const one = startChild(['ingest', dir, '0', '1500', '100']);
    const two = startChild(['ingest', dir, '1500', '3000', '100']);
    // They overlap: both have acknowledged a batch before either finishes.
    const overlap = Promise.all([one, two].map((c) => new Promise<void>((resolve) => c.onLine((l) => l.startsWith('ack ') && resolve()))));
    await overlap;
    expect(one.lines.includes('done') || two.lines.includes('done')).toBe(false);
    expect(await one.exited).toBe('code:0');
    expect(await two.exited).toBe('code:0');
    const store = await openEmbeddedStore({ dataDir: dir });
    try {
      expect(await store.countPostings()).toBe(3000);
      const feed = await store.changesSince(0, 10_000);
      expect(new Set(feed.changes.map((c) => c.seq)).size).toBe(3000);
    } finally {
      await store.close();
    }
  }, 90_000);

  it('migrates a journal-format folder on first open, prints the counts, keeps the folder aside, and does it once', async () => {
    const legacy = join(dir, 'store');
    await mkdir(legacy);
    const p1 = makePosting({ id: 'p_old_1' });
    const p2 = makePosting({ id: 'p_old_2' });
    const employer = { id: 'emp_old', name: 'Harbor', email: 'HR@harbor.org', website: null, apiKeyHash: 'b'.repeat(64), createdAt: '2026-03-01T00:00:00.000Z' };
    await writeSnapshot(join(legacy, 'snapshot.pbj'), [{ t: 'e', v: employer }, { t: 'p', v: p1 }]);
    const journal = await JournalWriter.open(join(legacy, 'journal.pbj'), 0);
    await journal.append([
      { t: 'p', v: p2 },
      { t: 'p', v: { ...p1, title: 'Lead Peer Support Specialist' } },
      { t: 'ix', ids: ['p_old_1'], at: '2026-03-05T00:00:00.000Z' },
      { t: 'r', v: { id: 'run_old', sourceId: 'src', startedAt: '2026-03-02T00:00:00.000Z', endedAt: null, status: 'running', pagesFetched: 0, robotsSkipped: 0, counts: { received: 0, new: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: {} }, expired: 0, errors: [] } },
    ]);
    await journal.close();
    expect(JOURNAL_MAGIC.length).toBe(8);

    const logged: string[] = [];
    const store = await openEmbeddedStore({ dataDir: dir, log: (l) => logged.push(l) });
    try {
      expect(store.openReport.migratedFromJournal).toMatchObject({ postings: 2, employers: 1, runs: 1 });
      expect(logged.join('\n')).toMatch(/migrated the journal-format store to SQLite: 2 postings, 1 employers, 1 scrape runs/);
      expect((await store.getPosting('p_old_1'))?.title).toBe('Lead Peer Support Specialist');
      expect(await store.getPosting('p_old_2')).toEqual(p2);
      expect(await store.getEmployerByKeyHash('b'.repeat(64))).toEqual(employer);
      expect((await store.listRuns()).map((r) => r.id)).toEqual(['run_old']);
      expect(await store.currentSeq()).toBe(2);
    } finally {
      await store.close();
    }
    const entries = await readdir(dir);
    expect(entries).not.toContain('store');
    expect(entries.some((e) => e.startsWith('store.journal-backup-'))).toBe(true);
    expect(entries).toContain(DATABASE_FILE);

    const again = await openEmbeddedStore({ dataDir: dir, log: (l) => logged.push(l) });
    expect(again.openReport.migratedFromJournal).toBeNull();
    expect(await again.countPostings()).toBe(2);
    await again.close();
  });

  it('refuses a database file that is not one, and one from a newer Peerboard, with STORE_CORRUPT', async () => {
    await writeFile(join(dir, DATABASE_FILE), 'this is not an SQLite database, but it is long enough to look like a header or more');
    await expect(openEmbeddedStore({ dataDir: dir })).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    await rm(join(dir, DATABASE_FILE));
    const db = new Database(join(dir, DATABASE_FILE));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    await expect(openEmbeddedStore({ dataDir: dir })).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining('newer') });
  });
});

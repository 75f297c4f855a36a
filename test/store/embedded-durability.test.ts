import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedStore } from '../../store/embedded/embedded-store.ts';
import { makePosting } from './posting-fixtures.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerboard-durable-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts the crash child, lets it acknowledge some batches, SIGKILLs it, returns what it acknowledged. */
async function runAndKill(afterAcks: number): Promise<{ pid: number; acked: number[]; batchSize: number }> {
  const batchSize = 40;
  const child = spawn(process.execPath, ['bin/run-ts.js', 'test/store/crash-child.ts', dir, String(batchSize)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acked: number[] = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let buf = '';
  await new Promise<void>((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`crash child exited on its own (code ${code}): ${stderr}`));
      else resolve();
    });
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const m = /^ack (\d+) /.exec(line);
        if (m) {
          acked.push(Number(m[1]));
          // Kill while the next batch is being written: no waiting for a quiet moment.
          if (acked.length === afterAcks) child.kill('SIGKILL');
        }
      }
    });
  });
  return { pid: child.pid!, acked, batchSize };
}

describe('embedded store durability', () => {
  it('after kill -9 in the middle of writing, every acknowledged posting is there and the store opens cleanly', async () => {
    const first = await runAndKill(25);
    const second = await runAndKill(10); // a second crash on top of the recovered store
    const store = await openEmbeddedStore({ dir });
    try {
      for (const { pid, acked, batchSize } of [first, second]) {
        expect(acked.length).toBeGreaterThanOrEqual(10);
        const ids = acked.flatMap((b) => Array.from({ length: batchSize }, (_, i) => `p_crash_${pid}_${b}_${i}`));
        const found = await store.getPostings(ids);
        expect(found.length).toBe(ids.length);
      }
      // Whatever else is there is whole batches (a batch is one append: all or nothing).
      const counts = new Map<string, number>();
      for await (const batch of store.iteratePostings({}, 1000)) {
        for (const p of batch) {
          const key = p.id.replace(/_\d+$/, '');
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
      for (const n of counts.values()) expect(n).toBe(40);
      // And it takes new writes.
      await store.putPostings([makePosting({ id: 'p_after_crash' })]);
      expect(await store.getPosting('p_after_crash')).not.toBeNull();
    } finally {
      await store.close();
    }
  }, 60_000);

  it('cuts a torn journal tail on open and keeps everything before it', async () => {
    let store = await openEmbeddedStore({ dir });
    const a = makePosting({ id: 'p_torn_a' });
    const b = makePosting({ id: 'p_torn_b' });
    await store.putPostings([a]);
    await store.putPostings([b]);
    await store.close();
    const journal = join(dir, 'journal.pbj');
    const size = (await stat(journal)).size;
    // Simulate a crash half-way through appending b's record: cut the file mid-record.
    const fh = await open(journal, 'r+');
    await fh.truncate(size - 200);
    await fh.close();
    store = await openEmbeddedStore({ dir });
    expect(store.openReport.tornBytes).toBeGreaterThan(0);
    expect(await store.getPosting('p_torn_a')).toEqual(a);
    expect(await store.getPosting('p_torn_b')).toBeNull();
    // The torn bytes are gone, so a new append is readable after the next restart.
    await store.putPostings([b]);
    await store.close();
    store = await openEmbeddedStore({ dir });
    expect(store.openReport.tornBytes).toBe(0);
    expect((await store.getPostings(['p_torn_a', 'p_torn_b'])).length).toBe(2);
    await store.close();
  });

  it('treats a record whose checksum does not match as the torn end', async () => {
    let store = await openEmbeddedStore({ dir });
    await store.putPostings([makePosting({ id: 'p_crc_a' })]);
    await store.putPostings([makePosting({ id: 'p_crc_b', title: 'Recovery Coach' })]);
    await store.close();
    const journal = join(dir, 'journal.pbj');
    const buf = await readFile(journal);
    const at = buf.lastIndexOf(Buffer.from('Recovery Coach'));
    buf.write('Recovery Coaxh', at);
    await writeFile(journal, buf);
    store = await openEmbeddedStore({ dir });
    expect(await store.getPosting('p_crc_a')).not.toBeNull();
    expect(await store.getPosting('p_crc_b')).toBeNull();
    await store.close();
  });

  it('compacts into a snapshot and reopens from snapshot plus journal', async () => {
    let store = await openEmbeddedStore({ dir, compactAfterBytes: 4096 });
    const ps = Array.from({ length: 30 }, (_, i) => makePosting({ id: `p_snap_${String(i).padStart(2, '0')}` }));
    for (const p of ps) await store.putPostings([p]);
    await store.putPostings([{ ...ps[0]!, title: 'Lead Peer Support Specialist' }]);
    const journalSize = (await stat(join(dir, 'journal.pbj'))).size;
    expect((await stat(join(dir, 'snapshot.pbj'))).size).toBeGreaterThan(journalSize);
    await store.close();
    store = await openEmbeddedStore({ dir });
    expect(await store.countPostings()).toBe(30);
    expect((await store.getPosting('p_snap_00'))?.title).toBe('Lead Peer Support Specialist');
    await store.close();
  });

  it('refuses a second writer with STORE_LOCKED naming the holder, and takes over a dead holder\'s lock', async () => {
    const store = await openEmbeddedStore({ dir });
    await expect(openEmbeddedStore({ dir })).rejects.toMatchObject({ code: 'STORE_LOCKED', message: expect.stringContaining(String(process.pid)) });
    await store.close();

    // Another live process holding the lock.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      await writeFile(join(dir, 'LOCK'), JSON.stringify({ pid: holder.pid, host: (await import('node:os')).hostname(), startedAt: '2026-03-03T08:00:00.000Z' }));
      await expect(openEmbeddedStore({ dir })).rejects.toMatchObject({ code: 'STORE_LOCKED', message: expect.stringContaining(`process ${holder.pid}`) });
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    // Its process is gone now: the lock is stale and taken over.
    const again = await openEmbeddedStore({ dir });
    await again.close();
  });

  it('refuses a folder that holds something other than a store journal', async () => {
    await writeFile(join(dir, 'journal.pbj'), 'not a journal at all, but long enough');
    await expect(openEmbeddedStore({ dir })).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    // The failed open released its lock.
    await writeFile(join(dir, 'journal.pbj'), '');
    const s = await openEmbeddedStore({ dir });
    await s.close();
  });
});

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEmbeddedStore, type EmbeddedPostingStore } from '../../store/embedded/embedded-store.ts';
import type { PostingStore } from '../../store/ports.ts';
import { EmbeddedSearchIndex } from '../../store/search/embedded/embedded-search-index.ts';
import { catchUpIndex, indexView, rebuildIndex, reconcileIndex } from '../../store/search/index-sync.ts';
import { EMBEDDED_INDEX_FILE, openSearchIndex } from '../../store/search/open-search.ts';
import type { SearchIndex } from '../../store/search/search-port.ts';
import { crashBatches } from './crash-batches.ts';
import { FIXTURE_POSTINGS } from './posting-fixtures.ts';

const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
async function freshStore(): Promise<{ dir: string; store: EmbeddedPostingStore }> {
  const dir = await mkdtemp(join(tmpdir(), 'peerboard-search-sync-'));
  dirs.push(dir);
  const store = await openEmbeddedStore({ dataDir: dir });
  closers.push(() => store.close());
  return { dir, store };
}
async function persistedIndex(dir: string, store: PostingStore): Promise<EmbeddedSearchIndex> {
  const index = await openSearchIndex({ DATA_DIR: dir, MEILI_HOST: undefined, MEILI_API_KEY: undefined, MEILI_INDEX: 'postings' }, { store });
  closers.push(() => index.close());
  return index as EmbeddedSearchIndex;
}
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c().catch(() => undefined);
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id).sort();

/** A search index that keeps its checkpoint in the store (as Meilisearch does), over the embedded engine. */
function checkpointedIndex(view = 'test:checkpointed'): SearchIndex {
  const inner = new EmbeddedSearchIndex();
  return {
    kind: 'meilisearch',
    view,
    init: () => inner.init(),
    ping: () => inner.ping(),
    close: () => inner.close(),
    upsert: (p) => inner.upsert(p),
    remove: (i) => inner.remove(i),
    clear: () => inner.clear(),
    count: () => inner.count(),
    search: (q) => inner.search(q),
  };
}

describe('index sync through the change feed', () => {
  it('catch-up applies only the changes after the checkpoint and moves it', async () => {
    const { store } = await freshStore();
    const index = checkpointedIndex();
    await store.putPostings(FIXTURE_POSTINGS);
    const first = await catchUpIndex(store, index);
    expect(first).toMatchObject({ indexed: FIXTURE_POSTINGS.length, seq: FIXTURE_POSTINGS.length, rebuilt: false });
    expect(await store.getCheckpoint('test:checkpointed')).toMatchObject({ seq: FIXTURE_POSTINGS.length, documents: FIXTURE_POSTINGS.length });

    const changed = { ...FIXTURE_POSTINGS[1]!, title: 'Lead Recovery Coach - Buprenorphine Clinic', updatedAt: '2025-06-02T08:00:00.000Z' };
    await store.putPostings([changed]);
    expect(ids(await index.search({ text: 'buprenorphine clinic lead' }))).toEqual([]);
    const progress: [number, number][] = [];
    const r = await catchUpIndex(store, index, { onProgress: (d, t) => progress.push([d, t]) });
    expect(r.indexed).toBe(1);
    expect(progress.at(-1)).toEqual([1, 1]);
    expect(ids(await index.search({ text: 'buprenorphine clinic lead' }))).toEqual([changed.id]);
    expect((await catchUpIndex(store, index)).indexed).toBe(0);
    expect((await store.getCheckpoint('test:checkpointed'))?.seq).toBe(FIXTURE_POSTINGS.length + 1);
  });

  it('another view (another host or index uid) has no checkpoint and is caught up from the start', async () => {
    const { store } = await freshStore();
    await store.putPostings(FIXTURE_POSTINGS);
    await catchUpIndex(store, checkpointedIndex('meili:http://a:7700/postings'));
    const other = checkpointedIndex('meili:http://b:7700/postings');
    expect(indexView(other)).toBe('meili:http://b:7700/postings');
    expect((await catchUpIndex(store, other)).indexed).toBe(FIXTURE_POSTINGS.length);
  });

  it('reconcile loads everything into a fresh in-memory index, expired postings included', async () => {
    const { store } = await freshStore();
    await store.putPostings(FIXTURE_POSTINGS);
    const index = new EmbeddedSearchIndex();
    expect(index.needsFullLoad()).toBe(true);
    const r = await reconcileIndex(store, index);
    expect(r).toMatchObject({ indexed: FIXTURE_POSTINGS.length, rebuilt: true });
    expect(await index.count()).toBe(FIXTURE_POSTINGS.length);
    expect(index.needsFullLoad()).toBe(false);
    expect((await index.search({ filter: { includeExpired: true } })).total).toBe(FIXTURE_POSTINGS.length);
  });

  it('a full load that fails half-way is done again in full by the next reconcile', async () => {
    const { store } = await freshStore();
    await store.putPostings(FIXTURE_POSTINGS);
    const index = new EmbeddedSearchIndex();
    const failing = Object.create(store) as typeof store;
    let batches = 0;
    failing.iteratePostings = async function* (query, size) {
      for await (const batch of store.iteratePostings(query, size)) {
        if (++batches === 2) throw new Error('disk read failed');
        yield batch;
      }
    };
    await expect(reconcileIndex(failing, index, { batchSize: 4 })).rejects.toThrow('disk read failed');
    expect(index.needsFullLoad()).toBe(true);
    expect((await reconcileIndex(store, index)).indexed).toBe(FIXTURE_POSTINGS.length);
    expect(await index.count()).toBe(FIXTURE_POSTINGS.length);
  });

  it('rebuild empties the index first, so postings no longer in the store disappear', async () => {
    const { store } = await freshStore();
    const index = new EmbeddedSearchIndex();
    await index.upsert(FIXTURE_POSTINGS);
    await store.putPostings(FIXTURE_POSTINGS.slice(0, 3));
    const r = await rebuildIndex(store, index, { batchSize: 2 });
    expect(r.indexed).toBe(3);
    expect(await index.count()).toBe(3);
  });

  it('reconcile rebuilds an index whose document count disagrees with the store once caught up', async () => {
    const { store } = await freshStore();
    await store.putPostings(FIXTURE_POSTINGS);
    const index = checkpointedIndex();
    await catchUpIndex(store, index);
    // The index lost documents behind the checkpoint's back (a lost Meilisearch volume, say).
    await index.remove([FIXTURE_POSTINGS[0]!.id, FIXTURE_POSTINGS[1]!.id]);
    const r = await reconcileIndex(store, index);
    expect(r.rebuilt).toBe(true);
    expect(await index.count()).toBe(FIXTURE_POSTINGS.length);
  });

  it('the embedded index persists itself with its seq: a new process loads it and applies only later changes', async () => {
    const { dir, store } = await freshStore();
    await store.putPostings(FIXTURE_POSTINGS.slice(0, 6));
    const a = await persistedIndex(dir, store);
    expect(a.persistedSeq()).toBeNull();
    expect((await reconcileIndex(store, a)).rebuilt).toBe(true);
    expect(a.persistedSeq()).toBe(6);
    await a.close();

    await store.putPostings(FIXTURE_POSTINGS.slice(6));
    const b = await persistedIndex(dir, store);
    expect(b.persistedSeq()).toBe(6);
    expect(await b.count()).toBe(6);
    const r = await reconcileIndex(store, b);
    expect(r).toMatchObject({ rebuilt: false, indexed: FIXTURE_POSTINGS.length - 6, seq: FIXTURE_POSTINGS.length });
    expect(await b.count()).toBe(FIXTURE_POSTINGS.length);
    // The loaded index searches like one built from scratch, highlights from the store's descriptions included.
    const fresh = new EmbeddedSearchIndex();
    await rebuildIndex(store, fresh);
    for (const text of ['peer support', 'recovery coach', 'crisis']) {
      const [x, y] = await Promise.all([b.search({ text }), fresh.search({ text })]);
      expect(x).toEqual(y);
    }
  });

  it('a damaged snapshot is reported and the index rebuilt from the store', async () => {
    const { dir, store } = await freshStore();
    await store.putPostings(FIXTURE_POSTINGS);
    await writeFile(join(dir, EMBEDDED_INDEX_FILE), 'PBIDX001 not really a snapshot').catch(async () => {
      const { mkdir } = await import('node:fs/promises');
      await mkdir(join(dir, 'search'), { recursive: true });
      await writeFile(join(dir, EMBEDDED_INDEX_FILE), 'PBIDX001 not really a snapshot');
    });
    const logged: string[] = [];
    const index = new EmbeddedSearchIndex({ snapshotFile: join(dir, EMBEDDED_INDEX_FILE), log: (l) => logged.push(l) });
    await index.init();
    closers.push(() => index.close());
    expect(logged.join('\n')).toMatch(/cannot use the snapshot/);
    expect(index.persistedSeq()).toBeNull();
    expect((await reconcileIndex(store, index)).rebuilt).toBe(true);
    expect(await index.count()).toBe(FIXTURE_POSTINGS.length);
  });

  it('after a SIGKILL between the store write and the index write, the next start applies just the missed changes', async () => {
    const { dir, store: unused } = await freshStore();
    await unused.close();
    const child = spawn(process.execPath, [resolve('bin/run-ts.js'), resolve('test/search/crash-child.ts'), dir], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, signal) => res(signal)));
    await new Promise<void>((res, rej) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('stored\n')) res();
      });
      child.on('exit', (code) => rej(new Error(`child exited (${code}) before storing`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const [first, second] = crashBatches();
    const store = await openEmbeddedStore({ dataDir: dir });
    closers.push(() => store.close());
    expect(await store.countPostings()).toBe(first.length + second.length);
    const index = await persistedIndex(dir, store);
    // The snapshot reflects the first batch; the second was stored only.
    expect(index.persistedSeq()).toBe(first.length);
    const r = await reconcileIndex(store, index);
    expect(r).toMatchObject({ indexed: second.length, rebuilt: false });
    const found = await index.search({ text: 'recovery navigator', page: { offset: 0, limit: 100 } });
    expect(ids(found)).toEqual(second.map((p) => p.id).sort());
  });
});

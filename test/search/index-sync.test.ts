import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEmbeddedStore, type EmbeddedPostingStore } from '../../store/embedded/embedded-store.ts';
import { EmbeddedSearchIndex } from '../../store/search/embedded/embedded-search-index.ts';
import { createIndexHook, rebuildIndex, reconcileIndex } from '../../store/search/index-sync.ts';
import { crashBatches } from './crash-batches.ts';
import { FIXTURE_POSTINGS } from './posting-fixtures.ts';

const dirs: string[] = [];
const stores: EmbeddedPostingStore[] = [];
async function freshStore(): Promise<{ dir: string; store: EmbeddedPostingStore }> {
  const dir = await mkdtemp(join(tmpdir(), 'peerboard-search-sync-'));
  dirs.push(dir);
  const store = await openEmbeddedStore({ dir });
  stores.push(store);
  return { dir, store };
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id).sort();

describe('index sync with the embedded store', () => {
  it('the hook indexes postings and marks them indexed as of their updatedAt', async () => {
    const { store } = await freshStore();
    const index = new EmbeddedSearchIndex();
    await store.putPostings(FIXTURE_POSTINGS);
    expect(await store.countPostings({ indexBehind: true })).toBe(FIXTURE_POSTINGS.length);
    await createIndexHook(store, index).indexPostings(FIXTURE_POSTINGS);
    expect(await store.countPostings({ indexBehind: true })).toBe(0);
    const p = await store.getPosting('p-riverside-ed');
    expect(p?.indexedAt).toBe(p?.updatedAt);
    expect(await index.count()).toBe(FIXTURE_POSTINGS.length);
  });

  it('reconcile re-indexes only postings the store changed after the index took them', async () => {
    const { store } = await freshStore();
    const index = new EmbeddedSearchIndex();
    index.markFullyLoaded(); // as after a full load: reconcile may now rely on the store's marks
    await store.putPostings(FIXTURE_POSTINGS);
    await createIndexHook(store, index).indexPostings(FIXTURE_POSTINGS);
    // A write the index never saw (the process died before indexing it).
    const changed = { ...FIXTURE_POSTINGS[1]!, title: 'Lead Recovery Coach - Buprenorphine Clinic', updatedAt: '2025-06-02T08:00:00.000Z', indexedAt: null };
    await store.putPostings([changed]);
    expect(ids(await index.search({ text: 'buprenorphine clinic lead' }))).toEqual([]);
    const progress: [number, number][] = [];
    const r = await reconcileIndex(store, index, { onProgress: (d, t) => progress.push([d, t]) });
    expect(r.indexed).toBe(1);
    expect(progress.at(-1)).toEqual([1, 1]);
    expect(ids(await index.search({ text: 'buprenorphine clinic lead' }))).toEqual([changed.id]);
    expect(await store.countPostings({ indexBehind: true })).toBe(0);
    expect((await reconcileIndex(store, index)).indexed).toBe(0);
  });

  it('reconcile loads everything into a fresh in-memory index, expired postings included', async () => {
    const { store } = await freshStore();
    await store.putPostings(FIXTURE_POSTINGS);
    await createIndexHook(store, new EmbeddedSearchIndex()).indexPostings(FIXTURE_POSTINGS);
    // A new process: the store says everything is indexed, but this index is empty.
    const index = new EmbeddedSearchIndex();
    expect(index.needsFullLoad()).toBe(true);
    const r = await reconcileIndex(store, index);
    expect(r.indexed).toBe(FIXTURE_POSTINGS.length);
    expect(await index.count()).toBe(FIXTURE_POSTINGS.length);
    expect(index.needsFullLoad()).toBe(false);
    expect((await index.search({ filter: { includeExpired: true } })).total).toBe(FIXTURE_POSTINGS.length);
  });

  it('a full load that fails half-way is done again in full by the next reconcile', async () => {
    const { store } = await freshStore();
    await store.putPostings(FIXTURE_POSTINGS);
    await createIndexHook(store, new EmbeddedSearchIndex()).indexPostings(FIXTURE_POSTINGS);
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

  it('after a SIGKILL between the store write and the index write, reconcile catches the index up', async () => {
    const { dir, store: unused } = await freshStore();
    await unused.close(); // the child takes the store's lock
    stores.splice(stores.indexOf(unused), 1);
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
    const store = await openEmbeddedStore({ dir });
    stores.push(store);
    expect(await store.countPostings()).toBe(first.length + second.length);
    // The first batch was indexed and marked; the second was stored only.
    expect(await store.countPostings({ indexBehind: true })).toBe(second.length);

    const index = new EmbeddedSearchIndex();
    const r = await reconcileIndex(store, index);
    expect(r.indexed).toBe(first.length + second.length);
    expect(await store.countPostings({ indexBehind: true })).toBe(0);
    const found = await index.search({ text: 'recovery navigator', page: { offset: 0, limit: 100 } });
    expect(ids(found)).toEqual(second.map((p) => p.id).sort());
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostingStore } from '../../store/open-store.ts';
import type { PostingStore } from '../../store/ports.ts';
import { reconcileIndex } from '../../store/search/index-sync.ts';
import { MeiliSearchIndex } from '../../store/search/meili/meili-search-index.ts';
import { MeiliStandIn } from './meili-stand-in.ts';
import { FIXTURE_POSTINGS } from './posting-fixtures.ts';

/**
 * Issue 12, defect 4: indexing is tracked per index — engine, host and uid — so a store that one
 * index has taken in full is not taken for indexed by another. Switching to Meilisearch, to a new
 * index uid, or losing Meilisearch's volume is caught up at start, without `peerboard reindex`.
 */
let dir = '';
let store: PostingStore;
let meili: MeiliStandIn;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerboard-meili-views-'));
  store = await openPostingStore({ DATA_DIR: dir, MONGODB_URI: undefined, MONGODB_DB: 'peerboard' }, { log: () => undefined });
  await store.putPostings(FIXTURE_POSTINGS);
  meili = new MeiliStandIn();
  await meili.start();
});
afterEach(async () => {
  await meili.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const openIndex = async (host: string, indexUid = 'postings') => {
  const index = new MeiliSearchIndex({ host, indexUid, taskIntervalMs: 2, log: () => undefined });
  await index.init();
  return index;
};

describe('Meilisearch indexing is tracked per engine, host and index uid', () => {
  it('a store the embedded index took in full is caught up into Meilisearch at the first start', async () => {
    await store.putCheckpoint({ view: 'embedded-search', seq: await store.currentSeq(), updatedAt: new Date().toISOString(), documents: FIXTURE_POSTINGS.length });
    const index = await openIndex(meili.url);
    await reconcileIndex(store, index);
    expect(meili.documentCount('postings')).toBe(FIXTURE_POSTINGS.length);
    expect(await store.getCheckpoint(`meili:${meili.url}/postings`)).toMatchObject({ seq: await store.currentSeq() });
  });

  it('a new index uid is a new view, caught up from the beginning', async () => {
    await reconcileIndex(store, await openIndex(meili.url));
    const renamed = await openIndex(meili.url, 'postings_v2');
    expect(renamed.view).toBe(`meili:${meili.url}/postings_v2`);
    await reconcileIndex(store, renamed);
    expect(meili.documentCount('postings_v2')).toBe(FIXTURE_POSTINGS.length);
  });

  it('a lost Meilisearch volume (same host and uid, no documents) is rebuilt: the counts disagree', async () => {
    await reconcileIndex(store, await openIndex(meili.url));
    expect(meili.documentCount('postings')).toBe(FIXTURE_POSTINGS.length);
    meili.forget('postings');
    const fresh = await openIndex(meili.url);
    const r = await reconcileIndex(store, fresh);
    expect(r.rebuilt).toBe(true);
    expect(meili.documentCount('postings')).toBe(FIXTURE_POSTINGS.length);
  });

  it('another Meilisearch host is another view', async () => {
    await reconcileIndex(store, await openIndex(meili.url));
    const other = new MeiliStandIn();
    await other.start();
    try {
      const index = await openIndex(other.url);
      expect(index.view).not.toBe(`meili:${meili.url}/postings`);
      await reconcileIndex(store, index);
      expect(other.documentCount('postings')).toBe(FIXTURE_POSTINGS.length);
    } finally {
      await other.stop();
    }
  });
});

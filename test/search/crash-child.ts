/**
 * Child process of the crash test. Opens the embedded store and the persisted embedded index in
 * the DATA_DIR given, catches the index up after a first batch (its snapshot saved at that seq),
 * stores a second batch, reports "stored" and then waits before indexing it: the parent SIGKILLs
 * it in that window, the moment between the store write and the index write.
 */
import { createInterface } from 'node:readline';
import { openEmbeddedStore } from '../../store/embedded/embedded-store.ts';
import { catchUpIndex } from '../../store/search/index-sync.ts';
import { openSearchIndex } from '../../store/search/open-search.ts';
import { crashBatches } from './crash-batches.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: crash-child.ts DATA_DIR');
const store = await openEmbeddedStore({ dataDir: dir });
const index = await openSearchIndex({ DATA_DIR: dir, MEILI_HOST: undefined, MEILI_API_KEY: undefined, MEILI_INDEX: 'postings' }, { store });
const [first, second] = crashBatches();

await store.putPostings(first);
await catchUpIndex(store, index);
await store.putPostings(second);
process.stdout.write('stored\n');
// Would index `second` after this line; the parent kills us first.
for await (const _line of createInterface({ input: process.stdin })) {
  await catchUpIndex(store, index);
  process.stdout.write('indexed\n');
}

/**
 * Child process of the crash test. Opens the embedded store in the directory given, indexes a
 * first batch fully (store → index → markIndexed), stores a second batch, reports "stored" and
 * then waits before indexing it: the parent SIGKILLs it in that window, the moment between the
 * store write and the index write.
 */
import { createInterface } from 'node:readline';
import { openEmbeddedStore } from '../../store/embedded/embedded-store.ts';
import { EmbeddedSearchIndex } from '../../store/search/embedded/embedded-search-index.ts';
import { createIndexHook } from '../../store/search/index-sync.ts';
import { crashBatches } from './crash-batches.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: crash-child.ts DIR');
const store = await openEmbeddedStore({ dir });
const index = new EmbeddedSearchIndex();
const hook = createIndexHook(store, index);
const [first, second] = crashBatches();

await store.putPostings(first);
await hook.indexPostings(first);
await store.putPostings(second);
process.stdout.write('stored\n');
// Would index `second` after this line; the parent kills us first.
for await (const _line of createInterface({ input: process.stdin })) {
  await hook.indexPostings(second);
  process.stdout.write('indexed\n');
}

/**
 * Child process of the crash test: opens the embedded store in DIR and writes batches of postings
 * for ever, printing "ack <batch> <first id> <count>" after each batch is acknowledged (putPostings
 * resolved). The parent kills it with SIGKILL at a random moment and checks that every
 * acknowledged posting survived.
 */
import { openEmbeddedStore } from '../../store/embedded/embedded-store.ts';
import { makePosting } from './posting-fixtures.ts';

const dir = process.argv[2];
const batchSize = Number(process.argv[3] ?? 50);
if (!dir) {
  console.error('usage: crash-child.ts DIR [batchSize]');
  process.exit(2);
}
// Small compaction threshold: the kill also lands during snapshot writes, not only appends.
const store = await openEmbeddedStore({ dir, compactAfterBytes: 256 * 1024 });
const already = store.openReport.postings;
process.stdout.write(`open ${already}\n`);
for (let batch = 0; ; batch++) {
  const postings = Array.from({ length: batchSize }, (_, i) =>
    makePosting({ id: `p_crash_${process.pid}_${batch}_${i}`, sourceId: `crash-${process.pid}-${batch}-${i}`, descriptionText: 'x'.repeat(500 + ((batch * 31 + i) % 900)) }),
  );
  await store.putPostings(postings);
  process.stdout.write(`ack ${batch} ${postings.length}\n`);
}

/**
 * Child process of the crash tests. Two modes:
 *
 *   crash-child.ts puts DATA_DIR BATCH
 *     writes batches of stored postings for ever, printing "ack <batch> <count>" after each batch
 *     is acknowledged (putPostings resolved);
 *   crash-child.ts ingest DATA_DIR FROM TO BATCH
 *     ingests the raw postings FROM..TO-1 of test/store/raw-corpus.ts (an import), printing
 *     "ack <end>" once the raw postings before <end> are acknowledged;
 *   crash-child.ts ingest DATA_DIR - TO BATCH
 *     the same, but first loads everything, prints "ready" and waits for a line
 *     "go FROM" on stdin: the parent starts the next child while the current one works.
 *
 * The parent SIGKILLs it at a random moment and checks that every acknowledged posting survived.
 */
import { openEmbeddedStore } from '../../store/embedded/embedded-store.ts';
import { createIngest } from '../../store/ingest.ts';
import { makePosting } from './posting-fixtures.ts';
import { rawPosting } from './raw-corpus.ts';

const [mode, dir, ...rest] = process.argv.slice(2);
if (!dir || (mode !== 'puts' && mode !== 'ingest')) {
  console.error('usage: crash-child.ts puts DATA_DIR BATCH | ingest DATA_DIR FROM TO BATCH');
  process.exit(2);
}
import { createInterface } from 'node:readline';

const store = await openEmbeddedStore({ dataDir: dir });
if (mode === 'puts') {
  process.stdout.write(`open ${store.openReport.postings}\n`);
  const batchSize = Number(rest[0] ?? 50);
  for (let batch = 0; ; batch++) {
    const postings = Array.from({ length: batchSize }, (_, i) =>
      makePosting({ id: `p_crash_${process.pid}_${batch}_${i}`, sourceId: `crash-${process.pid}-${batch}-${i}`, descriptionText: 'x'.repeat(500 + ((batch * 31 + i) % 900)) }),
    );
    await store.putPostings(postings);
    process.stdout.write(`ack ${batch} ${postings.length}\n`);
  }
} else {
  const [to, batchSize] = rest.slice(1).map(Number) as [number, number];
  const ingest = createIngest({ store });
  let from = Number(rest[0]);
  if (rest[0] === '-') {
    process.stdout.write('ready\n');
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) {
      const m = /^go (\d+)$/.exec(line);
      if (m) {
        from = Number(m[1]);
        break;
      }
    }
    lines.close();
  }
  process.stdout.write(`open ${await store.countPostings()}\n`);
  for (let at = from; at < to; at += batchSize) {
    const end = Math.min(to, at + batchSize);
    await ingest(Array.from({ length: end - at }, (_, i) => rawPosting(at + i)));
    process.stdout.write(`ack ${end}\n`);
  }
  await store.close();
  process.stdout.write('done\n');
}

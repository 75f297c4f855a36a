import type { Runtime } from '../../store/runtime-port.ts';
import { KNOWN_POSTINGS } from './fixtures/known-postings.ts';

/** Ingests the known postings through the real normaliser and ingest; fails loudly if any is rejected. */
export async function seedKnownPostings(runtime: Runtime): Promise<string[]> {
  const result = await runtime.ingest(
    KNOWN_POSTINGS.map((p) => p.raw),
    { waitForIndex: true },
  );
  if (result.rejections.length || result.postingIds.length !== KNOWN_POSTINGS.length) {
    throw new Error(`seed: expected ${KNOWN_POSTINGS.length} new postings, got ${JSON.stringify({ ...result, postingIds: result.postingIds.length })}`);
  }
  return result.postingIds;
}

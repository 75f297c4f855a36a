import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFetcher } from '../../scrapers/http/index.ts';
import type { Fetcher } from '../../scrapers/http/fetcher-port.ts';
import { sourceConfigSchema, type SourceConfig } from '../../scrapers/sources/source-types.ts';
import { createIngest } from '../../store/ingest.ts';
import { createLifecycle } from '../../store/lifecycle.ts';
import { openPostingStore } from '../../store/open-store.ts';
import type { Ingest, PostingLifecycle, PostingStore } from '../../store/ports.ts';

/** The real embedded store in a temporary DATA_DIR, with the real ingest, lifecycle and fetcher. */
export interface JobHarness {
  dataDir: string;
  store: PostingStore;
  ingest: Ingest;
  lifecycle: PostingLifecycle;
  fetcher: Fetcher;
  close(): Promise<void>;
}

export async function openJobHarness(): Promise<JobHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'peerboard-jobs-'));
  const store = await openPostingStore({ DATA_DIR: dataDir, MONGODB_URI: undefined, MONGODB_DB: 'peerboard' });
  // No pacing and no retries: the local server answers at once, and a failure should be final.
  const fetcher = createFetcher({ contact: 'https://example.org/peerboard-tests', defaultDelayMs: 0, maxRetries: 0, timeoutMs: 5000 });
  return {
    dataDir,
    store,
    ingest: createIngest({ store }),
    lifecycle: createLifecycle({ store }),
    fetcher,
    async close() {
      await store.close().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function leverSource(id: string, origin: string, company: string, extra: Record<string, unknown> = {}): SourceConfig {
  return sourceConfigSchema.parse({ id, kind: 'lever', company, employer: 'Allegheny Recovery Partners', baseUrl: `${origin}/v0/postings`, delayMs: 0, ...extra });
}

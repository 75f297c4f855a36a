import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredPosting } from '../../schema/index.ts';
import { openEmbeddedStore, type EmbeddedPostingStore } from '../../store/embedded/embedded-store.ts';
import { createIngest } from '../../store/ingest.ts';
import { createLifecycle } from '../../store/lifecycle.ts';
import type { IndexHook, PostingStore } from '../../store/ports.ts';
import { createStatsEngine, type ColumnarStatsEngine } from '../../store/stats/stats-engine.ts';

/** An index hook that records what it was sent and can be told to fail. */
export class RecordingIndexHook implements IndexHook {
  calls: { ids: string[]; wait: boolean }[] = [];
  failNext = 0;
  store: PostingStore | null = null;
  async indexPostings(postings: readonly StoredPosting[], options?: { wait?: boolean }): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('connect ECONNREFUSED 127.0.0.1:7700');
    }
    this.calls.push({ ids: postings.map((p) => p.id), wait: options?.wait === true });
  }
  get indexedIds(): string[] {
    return this.calls.flatMap((c) => c.ids);
  }
}

export interface IngestHarness {
  dir: string;
  store: EmbeddedPostingStore;
  stats: ColumnarStatsEngine;
  index: RecordingIndexHook;
  indexErrors: string[];
  ingest: ReturnType<typeof createIngest>;
  lifecycle: ReturnType<typeof createLifecycle>;
  clock: { now: Date };
  close(): Promise<void>;
}

/** A real embedded store in a temp folder, a real stats engine, the real normaliser, a recording index. */
export async function openIngestHarness(start = '2026-03-10T08:00:00.000Z'): Promise<IngestHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'peerboard-ingest-'));
  const store = await openEmbeddedStore({ dataDir: dir });
  const stats = createStatsEngine({ minSample: 1 });
  const index = new RecordingIndexHook();
  index.store = store;
  const indexErrors: string[] = [];
  const clock = { now: new Date(start) };
  const deps = { store, stats, indexHook: index, now: () => clock.now, onIndexError: (err: unknown) => indexErrors.push(String((err as Error).message)) };
  return {
    dir,
    store,
    stats,
    index,
    indexErrors,
    ingest: createIngest(deps),
    lifecycle: createLifecycle(deps),
    clock,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Raw postings as sources hand them over (Greenhouse job board API fields mapped, careers pages, an aggregator). */
export const RAW = {
  greenhousePeer: {
    source: 'greenhouse-sebh',
    sourceId: '4410021',
    url: 'https://boards.greenhouse.io/sebh/jobs/4410021',
    title: 'Peer Support Specialist - Part Time',
    employer: 'Southeast Behavioral Health, Inc.',
    location: 'Columbus, OH',
    pay: '$18.50 - $22.00 per hour',
    description:
      '<p>Southeast Behavioral Health is hiring a <strong>Peer Support Specialist</strong> for our outpatient clinic. Use your lived experience of recovery to support adults working toward their goals.</p><ul><li>Ohio CPS required within 6 months of hire</li><li>20-29 hours per week</li></ul>',
    datePosted: '2026-03-02',
  },
  /** The same job on an aggregator: different title decoration, no employment type field. */
  aggregatorSameJob: {
    source: 'jobs-aggregator',
    sourceId: 'agg-88231',
    url: 'https://jobs.example-aggregator.com/view/88231',
    title: 'Peer Support Specialist (PT)',
    employer: 'Southeast Behavioral Health',
    location: 'Columbus, Ohio',
    pay: '$18.50-$22/hr',
    description: 'Part-time peer support role in an outpatient clinic. Lived experience of recovery required.',
  },
  /** Same employer and place, on the employer's own careers page, but the full-time opening: a different job. */
  fullTimeOpening: {
    source: 'careers-sebh',
    sourceId: 'https://sebh.org/careers/peer-support-specialist-ft',
    url: 'https://sebh.org/careers/peer-support-specialist-ft',
    title: 'Peer Support Specialist - Full Time',
    employer: 'Southeast Behavioral Health, Inc.',
    location: 'Columbus, OH',
    pay: '$19.00 - $23.00 per hour',
    description: '<p>Full-time peer support in our outpatient clinic. Lived experience of recovery required. Ohio CPS preferred.</p>',
    datePosted: '2026-03-02',
  },
  crisisCoach: {
    source: 'careers-franklin-crisis',
    sourceId: 'https://franklincrisis.org/careers/recovery-coach',
    url: 'https://franklincrisis.org/careers/recovery-coach',
    title: 'Recovery Coach - Crisis Stabilization Unit',
    employer: 'Franklin County Crisis Center',
    location: 'Columbus, OH 43215',
    pay: '$21.50/hr',
    description: 'Provide peer recovery support to adults in our 23-hour crisis stabilization unit. CPRS required.',
    datePosted: '2026-03-05',
  },
  notPeer: {
    source: 'jobs-aggregator',
    sourceId: 'agg-99120',
    title: 'Physician Peer Reviewer, Medical Claims',
    employer: 'ClaimsCorp',
    location: 'Remote',
    pay: '$120 - $150 per hour',
    description: 'Perform utilization review and peer review of medical claims for our health plan clients. MD required.',
  },
} as const;

/**
 * Embedded store: ingest throughput (raw postings through normalise → de-duplicate → store, fsync
 * per batch), raw write throughput of stored postings, reopen time of a 100,000-posting store
 * (snapshot + journal replay), compaction time, and RSS.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredPosting } from '../schema/index.ts';
import { contentHash } from '../store/content-hash.ts';
import { DATABASE_FILE, openEmbeddedStore } from '../store/embedded/embedded-store.ts';
import { createIngest, newPostingId } from '../store/ingest.ts';
import { loadStatsEngine } from '../store/stats/stats-engine.ts';

const TITLES = ['Peer Support Specialist', 'Certified Peer Specialist', 'Recovery Coach', 'Peer Recovery Specialist II', 'Family Peer Advocate', 'Youth Peer Advocate', 'Forensic Peer Specialist', 'Peer Navigator - Emergency Department', 'Veteran Peer Support Specialist', 'Peer Support Supervisor'];
const EMPLOYERS = ['Southeast Behavioral Health', 'Franklin County Crisis Center', 'Hope Clubhouse', 'Recovery Works Inc.', 'Lakeside Treatment Center', 'County of Summit ADM Board', 'Riverside Hospital', 'New Directions Youth Services'];
const PLACES = ['Columbus, OH', 'Dayton, OH', 'Pittsburgh, PA', 'Philadelphia, PA', 'Detroit, MI', 'Louisville, KY', 'Nashville, TN', 'Denver, CO', 'Phoenix, AZ', 'Sacramento, CA'];
const PAY = ['$18.50 - $22.00 per hour', '$17/hr', 'Up to $24 an hour', '$38,000 - $46,000 annually', 'Starting at $19.25/hour', 'DOE', '$1,650 bi-weekly'];
const DESCRIPTION = `<p>We are hiring a peer to join our team. You will use your lived experience of recovery from mental health or substance use challenges to support adults on their own recovery journey: one-to-one support, facilitating WRAP and recovery groups, linking people to housing, benefits and employment, and advocating alongside them.</p>
<ul><li>Lived experience of recovery required</li><li>State peer certification required or obtained within 6 months of hire</li><li>Valid driver's license</li></ul>
<p>Benefits include medical, dental and vision insurance, paid time off, a 403(b) with match and paid training. We are an equal opportunity employer.</p>`.repeat(2);

function rawPosting(i: number): Record<string, string> {
  return {
    source: `source-${i % 7}`,
    sourceId: `job-${i}`,
    url: `https://careers.example.org/jobs/${i}`,
    title: TITLES[i % TITLES.length]!,
    employer: EMPLOYERS[(i >> 3) % EMPLOYERS.length]!,
    location: PLACES[(i >> 5) % PLACES.length]!,
    pay: PAY[i % PAY.length]!,
    description: DESCRIPTION,
    datePosted: new Date(Date.UTC(2025, i % 12, 1 + (i % 27))).toISOString().slice(0, 10),
  };
}

function storedPosting(i: number): StoredPosting {
  const at = new Date(Date.UTC(2025, i % 12, 1 + (i % 27))).toISOString();
  const p: StoredPosting = {
    id: newPostingId(),
    source: `source-${i % 7}`,
    sourceId: `job-${i}`,
    url: `https://careers.example.org/jobs/${i}`,
    title: TITLES[i % TITLES.length]!,
    employer: EMPLOYERS[(i >> 3) % EMPLOYERS.length]!,
    isPeerRole: true,
    roleFamily: 'peer_support_specialist',
    settings: ['outpatient'],
    pay: { min: 18 + (i % 9), max: 22 + (i % 9), period: 'hour', currency: 'USD', hourlyMin: 18 + (i % 9), hourlyMax: 22 + (i % 9), annualMin: (18 + (i % 9)) * 2080, annualMax: (22 + (i % 9)) * 2080 },
    payBasis: 'stated',
    payInferred: false,
    payGrade: null,
    payRejectedReason: null,
    location: { city: 'Columbus', state: 'OH', postalCode: null, workplace: 'onsite', lat: 39.96, lon: -82.99 },
    employmentType: 'full_time',
    certifications: [{ name: 'CPS', required: true, withinMonths: 6 }],
    livedExperienceRequired: true,
    descriptionHtml: DESCRIPTION,
    descriptionText: DESCRIPTION.replace(/<[^>]+>/g, ' '),
    datePosted: at,
    validThrough: null,
    fingerprint: `fp1_bench${i}`,
    status: 'active',
    firstSeenAt: at,
    lastSeenAt: at,
    updatedAt: at,
    sources: [{ source: `source-${i % 7}`, sourceId: `job-${i}`, url: null, firstSeenAt: at, lastSeenAt: at }],
    contentHash: '',
    employerId: null,
    postedDirectly: false,
    indexedAt: null,
    endedAt: null,
  };
  p.contentHash = contentHash(p);
  return p;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

export async function run(options: { quick: boolean }): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'peerboard-store-bench-'));
  try {
    // 1. Ingest: the whole pipeline, normaliser included, batches of 500 (one fsync each).
    const ingestN = options.quick ? 2_000 : 20_000;
    {
      const store = await openEmbeddedStore({ dataDir: join(dir, 'ingest') });
      const ingest = createIngest({ store });
      const raws = Array.from({ length: ingestN }, (_, i) => rawPosting(i));
      let t = performance.now();
      let counted = 0;
      for (let i = 0; i < raws.length; i += 500) {
        const r = await ingest(raws.slice(i, i + 500));
        counted += r.new + r.duplicates;
      }
      let s = (performance.now() - t) / 1000;
      console.log(`ingest (normalise + dedupe + store, batches of 500): ${ingestN.toLocaleString('en-US')} raw postings in ${s.toFixed(1)} s = ${Math.round(ingestN / s).toLocaleString('en-US')} postings/s (${counted.toLocaleString('en-US')} stored or merged)`);
      t = performance.now();
      for (let i = 0; i < raws.length; i += 500) await ingest(raws.slice(i, i + 500));
      s = (performance.now() - t) / 1000;
      console.log(`re-ingest of the same postings (all unchanged): ${Math.round(ingestN / s).toLocaleString('en-US')} postings/s`);
      await store.close();
    }

    // 2. Raw store writes of already-normalised postings, then reopen.
    const n = options.quick ? 20_000 : 100_000;
    const storeDir = join(dir, 'bulk');
    let store = await openEmbeddedStore({ dataDir: storeDir });
    const postings = Array.from({ length: n }, (_, i) => storedPosting(i));
    let t = performance.now();
    for (let i = 0; i < n; i += 1000) await store.putPostings(postings.slice(i, i + 1000));
    const s = (performance.now() - t) / 1000;
    console.log(`putPostings (validated, one transaction + WAL fsync per batch of 1,000): ${n.toLocaleString('en-US')} in ${s.toFixed(1)} s = ${Math.round(n / s).toLocaleString('en-US')} postings/s`);
    postings.length = 0;
    await store.close();
    console.log(`database file: ${mb((await stat(join(storeDir, DATABASE_FILE))).size)}`);
    t = performance.now();
    store = await openEmbeddedStore({ dataDir: storeDir });
    console.log(`reopen with ${store.openReport.postings.toLocaleString('en-US')} postings: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const stats = await loadStatsEngine(store, { minSample: 5 });
    console.log(`stats engine built from the store: ${stats.size.toLocaleString('en-US')} postings in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    let fed = 0;
    for (let since = 0; ; ) {
      const b = await store.changesSince(since, 1000);
      if (!b.changes.length) break;
      fed += b.changes.length;
      since = b.lastSeq;
    }
    console.log(`change feed read end to end (changesSince, 1,000 a call): ${fed.toLocaleString('en-US')} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const tail = await store.changesSince((await store.currentSeq()) - 100, 500);
    console.log(`changesSince for the last 100 changes (a follower's poll): ${(performance.now() - t).toFixed(1)} ms (${tail.changes.length})`);
    const mem = process.memoryUsage();
    console.log(`RSS ${mb(mem.rss)}, heap used ${mb(mem.heapUsed)}`);
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

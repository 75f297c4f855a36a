/**
 * Search benchmark: the embedded engine over 100,000 realistic postings (title, employer, city
 * with coordinates, settings, pay, an ~80-word description). Prints build time, memory, and
 * p50/p99 for the three query kinds: a two-word text + a setting filter + a pay minimum +
 * facets; a query with typos; a text query sorted by pay.
 */
import { SETTINGS } from '../schema/index.ts';
import { CITIES, generatePostings, rng } from './posting-corpus.ts';
import { EmbeddedSearchIndex } from '../store/search/embedded/embedded-search-index.ts';
import { FACETS, type SearchQuery } from '../store/search/search-port.ts';

function percentile(sorted: readonly number[], p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

async function timeOne(index: EmbeddedSearchIndex, q: SearchQuery): Promise<string> {
  const t0 = performance.now();
  await index.search(q);
  return (performance.now() - t0).toFixed(2);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export async function run(options: { quick: boolean }): Promise<void> {
  const total = options.quick ? 10_000 : 100_000;
  const runs = options.quick ? 50 : 400;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rssBefore = process.memoryUsage().rss;
  const index = new EmbeddedSearchIndex();
  let buildMs = 0;
  // Generated in batches and dropped after indexing, so RSS shows the index, not the fixtures.
  for (let done = 0; done < total; done += 10_000) {
    const batch = generatePostings(Math.min(10_000, total - done), 1000 + done, done);
    const t0 = performance.now();
    await index.upsert(batch);
    buildMs += performance.now() - t0;
  }
  // As after a load from the store (reconcileIndex → rebuildIndex): lets the index trim itself.
  index.markFullyLoaded();
  gc?.();
  const mem = process.memoryUsage();
  const s = index.stats();
  console.log(`embedded index: ${s.documents} postings, ${s.terms} terms, ${s.postings} postings-list entries`);
  console.log(`build: ${(buildMs / 1000).toFixed(2)} s (${Math.round(total / (buildMs / 1000))} postings/s)`);
  console.log(`memory: rss ${mb(mem.rss)} (+${mb(mem.rss - rssBefore)} for the index), heap used ${mb(mem.heapUsed)}, array buffers ${mb(mem.arrayBuffers)}${gc ? '' : ' (run node with --expose-gc for steadier figures)'}`);

  const r = rng(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const texts = ['peer support', 'recovery coach', 'crisis specialist', 'youth advocate', 'peer navigator', 'certified peer', 'recovery specialist', 'family advocate', 'harm reduction', 'emergency department'];
  const typos = ['recovry coach', 'peer suport', 'specilist crisis', 'navigater peer', 'certifed peer', 'recovery specalist', 'famly advocat', 'emergncy department'];
  const kinds: [string, () => SearchQuery][] = [
    ['text + setting + pay minimum + facets', () => ({ text: pick(texts), filter: { settings: [pick(SETTINGS)], payMinHourly: 18 }, facets: [...FACETS] })],
    ['typo text + facets', () => ({ text: pick(typos), facets: [...FACETS] })],
    ['text sorted by pay (highest first)', () => ({ text: pick(texts), sort: 'pay_high', filter: { states: [pick(CITIES)[1]] } })],
    ['filter + facets, no text', () => ({ filter: { settings: [pick(SETTINGS)], payMinHourly: 20 }, facets: [...FACETS] })],
  ];
  for (const [name, make] of kinds) {
    for (let i = 0; i < 20; i++) await index.search(make());
    const times: number[] = [];
    const cpu: number[] = [];
    let hits = 0;
    for (let i = 0; i < runs; i++) {
      const q = make();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const res = await index.search(q);
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      hits += res.total;
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    // Wall time includes waiting for a core on a shared machine; CPU time is the engine's own work.
    console.log(
      `search [${name}]: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms ` +
        `(cpu p50 ${percentile(cpu, 50).toFixed(2)} ms, p99 ${percentile(cpu, 99).toFixed(2)} ms), ` +
        `${Math.round(1000 / mean)} queries/s, ${Math.round(hits / runs)} matches on average`,
    );
  }
  console.log(`rss after queries: ${mb(process.memoryUsage().rss)}`);
  // Replacing postings leaves tombstones until compaction: measure a re-ingest of 10% of the corpus.
  const t0 = performance.now();
  await index.upsert(generatePostings(Math.min(10_000, total / 10), 99, 0));
  console.log(`re-index of ${Math.min(10_000, total / 10)} changed postings: ${(performance.now() - t0).toFixed(0)} ms; first query after it: ${await timeOne(index, { text: 'peer support', facets: [...FACETS] })} ms`);
  await index.close();
}


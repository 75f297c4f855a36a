/**
 * Search benchmark: the embedded engine over 100,000 realistic postings (title, employer, city
 * with coordinates, settings, pay, an ~80-word description). Prints build time, memory, and
 * p50/p99 for the three query kinds: a two-word text + a setting filter + a pay minimum +
 * facets; a query with typos; a text query sorted by pay.
 */
import { HOURS_PER_YEAR, SETTINGS, type Setting, type StoredPosting } from '../schema/index.ts';
import { EmbeddedSearchIndex } from '../store/search/embedded/embedded-search-index.ts';
import { FACETS, type SearchQuery } from '../store/search/search-port.ts';

/** Small deterministic PRNG (mulberry32) so every run indexes the same corpus. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLES = [
  ['Peer Support Specialist', 'peer_support_specialist'],
  ['Peer Recovery Specialist', 'peer_recovery_specialist'],
  ['Recovery Coach', 'peer_recovery_specialist'],
  ['Certified Peer Specialist', 'certified_peer_specialist'],
  ['Family Peer Advocate', 'family_peer_advocate'],
  ['Parent Partner', 'family_peer_advocate'],
  ['Youth Peer Advocate', 'youth_peer_advocate'],
  ['Forensic Peer Specialist', 'forensic_peer_specialist'],
  ['Peer Navigator', 'peer_navigator'],
  ['Recovery Navigator', 'peer_navigator'],
  ['Peer Bridger', 'peer_navigator'],
  ['Veteran Peer Specialist', 'veteran_peer_specialist'],
  ['Peer Supervisor', 'peer_supervisor'],
  ['Peer Services Coordinator', 'peer_supervisor'],
] as const;
const QUALIFIERS = ['', '', '', ' - Emergency Department', ' - Crisis Stabilization', ' II', ' (Part-Time)', ' - Outpatient', ' - Re-Entry', ' - MOUD Clinic', ' - Mobile Crisis', ' - Drop-In Center', ' (Bilingual)'];
const EMPLOYER_A = ['Harbor', 'Summit', 'Riverside', 'Maumee Valley', 'Lakeshore', 'Pathways', 'New Directions', 'Hope', 'Horizon', 'Meridian', 'Cedar', 'Unity', 'Beacon', 'Northside', 'Family', 'Community', 'Mercy', 'Trinity', 'Oak Grove', 'Bridgeway'];
const EMPLOYER_B = ['Behavioral Health', 'Recovery Center', 'Health System', 'Counseling Services', 'Community Services', 'Treatment Centers', 'Mental Health Association', 'Wellness Network', 'Hospital', 'Human Services'];
const CITIES: [string, string, number, number][] = [
  ['Columbus', 'OH', 39.9612, -82.9988], ['Cleveland', 'OH', 41.4993, -81.6944], ['Cincinnati', 'OH', 39.1031, -84.512],
  ['Toledo', 'OH', 41.6528, -83.5379], ['Dayton', 'OH', 39.7589, -84.1916], ['Akron', 'OH', 41.0814, -81.519],
  ['Pittsburgh', 'PA', 40.4406, -79.9959], ['Philadelphia', 'PA', 39.9526, -75.1652], ['Harrisburg', 'PA', 40.2732, -76.8867],
  ['Albany', 'NY', 42.6526, -73.7562], ['Buffalo', 'NY', 42.8864, -78.8784], ['Rochester', 'NY', 43.1566, -77.6088],
  ['Detroit', 'MI', 42.3314, -83.0458], ['Grand Rapids', 'MI', 42.9634, -85.6681], ['Chicago', 'IL', 41.8781, -87.6298],
  ['Indianapolis', 'IN', 39.7684, -86.1581], ['Louisville', 'KY', 38.2527, -85.7585], ['Nashville', 'TN', 36.1627, -86.7816],
  ['Atlanta', 'GA', 33.749, -84.388], ['Phoenix', 'AZ', 33.4484, -112.074], ['Denver', 'CO', 39.7392, -104.9903],
  ['Portland', 'OR', 45.5152, -122.6784], ['Seattle', 'WA', 47.6062, -122.3321], ['Sacramento', 'CA', 38.5816, -121.4944],
  ['Los Angeles', 'CA', 34.0522, -118.2437], ['Austin', 'TX', 30.2672, -97.7431], ['Boston', 'MA', 42.3601, -71.0589],
  ['Baltimore', 'MD', 39.2904, -76.6122], ['Richmond', 'VA', 37.5407, -77.436], ['Raleigh', 'NC', 35.7796, -78.6382],
];
const DOMAIN_WORDS = (
  'peer support recovery lived experience wellness WRAP groups facilitate one-to-one individuals families crisis ' +
  'stabilization housing employment benefits advocacy documentation progress notes treatment residential detox withdrawal ' +
  'management outpatient clinic behavioral health substance use mental health co-occurring opioid buprenorphine methadone ' +
  'Suboxone medication emergency department hospital bedside overdose naloxone harm reduction outreach shelter homelessness ' +
  'reentry probation parole jail court veterans youth adolescent transition family caregivers trauma-informed strengths-based ' +
  'person-centered motivational interviewing certification CPRS CPS NCPRSS training supervision caseload referrals linkage ' +
  'telehealth community organization drop-in clubhouse engagement goals planning coordination team hope resilience'
).split(' ');
const FILLER = (
  'the and to of in for with our a is are will be you your we on as by at from this that or an all have has who which ' +
  'provide ensure including maintain support assist work works working develop help helps responsible duties required ' +
  'preferred qualifications experience year years ability skills knowledge strong excellent communication written verbal ' +
  'schedule hours shifts weekend evening benefits paid time off insurance dental vision retirement equal opportunity employer ' +
  'diverse inclusive environment candidates apply position role job staff program programs services service clients members ' +
  'participants people persons individuals adults children high school diploma GED valid driver license transportation'
).split(' ');

function generatePostings(count: number, seed: number, firstId: number): StoredPosting[] {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const out: StoredPosting[] = [];
  const base = Date.parse('2025-01-01T00:00:00Z');
  for (let i = 0; i < count; i++) {
    const [title, roleFamily] = pick(TITLES);
    const [city, state, lat, lon] = pick(CITIES);
    const settings = new Set<Setting>([pick(SETTINGS)]);
    if (r() < 0.35) settings.add(pick(SETTINGS));
    const words: string[] = [];
    for (let w = 0; w < 80; w++) words.push(r() < 0.35 ? pick(DOMAIN_WORDS) : pick(FILLER));
    // Real postings carry rare tokens (requisition numbers, street names): they grow the dictionary.
    words.push(`REQ-${Math.floor(r() * 900000) + 100000}`, `${pick(EMPLOYER_A)}${Math.floor(r() * 500)}`);
    const hasPay = r() < 0.7;
    const hourlyMin = 15 + Math.round(r() * 1200) / 100;
    const hourlyMax = r() < 0.8 ? hourlyMin + Math.round(r() * 600) / 100 : null;
    const datePosted = new Date(base + Math.floor(r() * 180 * 86_400_000)).toISOString();
    const id = `bench-${firstId + i}`;
    out.push({
      id, source: 'bench', sourceId: id, url: null, title: `${title}${pick(QUALIFIERS)}`,
      employer: `${pick(EMPLOYER_A)} ${pick(EMPLOYER_B)}`, isPeerRole: true, roleFamily, settings: [...settings],
      pay: hasPay
        ? { min: hourlyMin, max: hourlyMax, period: 'hour', currency: 'USD', hourlyMin, hourlyMax, annualMin: hourlyMin * HOURS_PER_YEAR, annualMax: hourlyMax === null ? null : hourlyMax * HOURS_PER_YEAR }
        : null,
      payBasis: hasPay ? 'stated' : null, payInferred: false, payGrade: null, payRejectedReason: null,
      location: { city, state, postalCode: null, workplace: r() < 0.1 ? 'remote' : r() < 0.2 ? 'hybrid' : 'onsite', lat: lat + (r() - 0.5) * 0.3, lon: lon + (r() - 0.5) * 0.3 },
      employmentType: r() < 0.7 ? 'full_time' : r() < 0.8 ? 'part_time' : 'per_diem',
      certifications: r() < 0.5 ? [{ name: 'CPS', required: r() < 0.6, withinMonths: null }] : [],
      livedExperienceRequired: r() < 0.6, descriptionHtml: '', descriptionText: words.join(' '),
      datePosted, validThrough: null, fingerprint: id, status: r() < 0.85 ? 'active' : 'expired',
      firstSeenAt: datePosted, lastSeenAt: datePosted, updatedAt: datePosted, sources: [], contentHash: id,
      employerId: null, postedDirectly: false, indexedAt: null, endedAt: null,
    });
  }
  return out;
}

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


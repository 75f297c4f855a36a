/**
 * The benchmarks' corpus: realistic generated postings (titles of every role family, employers,
 * cities with coordinates, settings, pay, an ~80-word description with rare tokens), the same for
 * every run (a seeded PRNG). Shared by the search, API and statistics benchmarks.
 */
import { HOURS_PER_YEAR, SETTINGS, type Setting, type StoredPosting } from '../schema/index.ts';
import { seededRandom } from '../jobs/demo/seeded-random.ts';
import type { Runtime } from '../store/runtime-port.ts';

/** Small deterministic PRNG (mulberry32) so every run indexes the same corpus. */
export const rng = seededRandom;

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
export const CITIES: [string, string, number, number][] = [
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

export function generatePostings(count: number, seed: number, firstId = 0): StoredPosting[] {
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
      id, source: 'bench', sourceId: id, url: `https://careers.example.org/jobs/${id}`, title: `${title}${pick(QUALIFIERS)}`,
      employer: `${pick(EMPLOYER_A)} ${pick(EMPLOYER_B)}`, isPeerRole: true, roleFamily, settings: [...settings],
      pay: hasPay
        ? { min: hourlyMin, max: hourlyMax, period: 'hour', currency: 'USD', hourlyMin, hourlyMax, annualMin: hourlyMin * HOURS_PER_YEAR, annualMax: hourlyMax === null ? null : hourlyMax * HOURS_PER_YEAR }
        : null,
      payBasis: hasPay ? 'stated' : null, payInferred: false, payGrade: null, payRejectedReason: null,
      location: { city, state, postalCode: null, workplace: r() < 0.1 ? 'remote' : r() < 0.2 ? 'hybrid' : 'onsite', lat: lat + (r() - 0.5) * 0.3, lon: lon + (r() - 0.5) * 0.3 },
      employmentType: r() < 0.7 ? 'full_time' : r() < 0.8 ? 'part_time' : 'per_diem',
      certifications: r() < 0.5 ? [{ name: 'CPS', required: r() < 0.6, withinMonths: null }] : [],
      livedExperienceRequired: r() < 0.6, descriptionHtml: `<p>${words.join(' ')}</p>`, descriptionText: words.join(' '),
      datePosted, validThrough: null, fingerprint: id, status: r() < 0.85 ? 'active' : 'expired',
      firstSeenAt: datePosted, lastSeenAt: datePosted, updatedAt: datePosted, contentHash: id,
      sources: [{ source: 'bench', sourceId: id, url: `https://careers.example.org/jobs/${id}`, firstSeenAt: datePosted, lastSeenAt: datePosted }],
      employerId: null, postedDirectly: false, indexedAt: null, endedAt: null,
    });
  }
  return out;
}

/**
 * Writes generated postings straight into a runtime's store, search index and statistics, in
 * batches (faster than ingest, which would normalise text we generated already normalised).
 */
export async function loadIntoRuntime(runtime: Runtime, postings: readonly StoredPosting[], batchSize = 5_000): Promise<void> {
  for (let i = 0; i < postings.length; i += batchSize) {
    const batch = postings.slice(i, i + batchSize);
    await runtime.store.putPostings(batch);
    await runtime.search.upsert(batch, { wait: true });
    runtime.stats.apply(batch);
  }
}

/**
 * Salary statistics latency over 100,000 and 1,000,000 postings. The facts are synthetic with a
 * realistic shape (skewed wages around $20/h, ~60% with pay, multi-label settings, 50 states,
 * clustered coordinates, three years of dates) and go straight into the engine: the store is not
 * what is measured here. Aim: any filter over 1,000,000 postings under 100 ms on one core.
 */
import { EMPLOYMENT_TYPES, ROLE_FAMILIES, SETTINGS, US_STATES, type PostingFilter } from '../schema/index.ts';
import { createStatsEngine, type PostingFacts } from '../store/stats/stats-engine.ts';
import type { StatsDimension } from '../store/stats/stats-port.ts';
import { rng } from './posting-corpus.ts';

const STATES = Object.keys(US_STATES).slice(0, 51);
const CITIES: [number, number][] = [
  [39.96, -82.99], [40.44, -79.99], [34.05, -118.24], [29.76, -95.37], [40.71, -74.0], [41.88, -87.63],
  [33.75, -84.39], [47.61, -122.33], [39.74, -104.99], [42.33, -83.05], [35.23, -80.84], [36.16, -86.78],
];

export function syntheticFacts(n: number, seed = 7): PostingFacts[] {
  const r = rng(seed);
  const out: PostingFacts[] = new Array<PostingFacts>(n);
  const start = Date.UTC(2023, 0, 1);
  const span = 3 * 365 * 86_400_000;
  for (let i = 0; i < n; i++) {
    const settings = SETTINGS.filter((_, k) => r() < (k < 3 ? 0.25 : 0.12));
    const base = 14 + r() * 8 + r() * r() * 20; // right-skewed
    const payKind = r();
    const hasPay = payKind < 0.6;
    const ranged = payKind < 0.45;
    const city = CITIES[Math.floor(r() * CITIES.length)]!;
    const posted = new Date(start + r() * span).toISOString();
    out[i] = {
      id: `p_${i.toString(36)}`,
      status: r() < 0.7 ? 'active' : r() < 0.9 ? 'expired' : 'closed',
      hourlyMin: hasPay ? base : null,
      hourlyMax: ranged ? base * (1.1 + r() * 0.2) : null,
      annualMin: hasPay ? base * 2080 : null,
      annualMax: ranged ? base * 2080 * 1.2 : null,
      settings,
      state: STATES[Math.floor(r() * STATES.length)]!,
      roleFamily: ROLE_FAMILIES[Math.floor(r() * ROLE_FAMILIES.length)]!,
      employmentType: r() < 0.15 ? null : EMPLOYMENT_TYPES[Math.floor(r() * EMPLOYMENT_TYPES.length)]!,
      workplace: r() < 0.1 ? 'remote' : 'onsite',
      certificationRequired: r() < 0.4,
      livedExperienceRequired: r() < 0.6,
      employer: `Employer ${Math.floor(r() * 5000)}`,
      employerId: null,
      datePosted: r() < 0.9 ? posted : null,
      firstSeenAt: posted,
      lat: city[0] + (r() - 0.5) * 2,
      lon: city[1] + (r() - 0.5) * 2,
    };
  }
  return out;
}

interface Case {
  name: string;
  run: (e: ReturnType<typeof createStatsEngine>) => unknown;
}

const statsCase = (name: string, filter: PostingFilter, groupBy: StatsDimension[] = []): Case => ({ name, run: (e) => e.salaryStats(filter, groupBy) });

const CASES: Case[] = [
  statsCase('all active, no grouping', {}),
  statsCase('grouped by setting', {}, ['setting']),
  statsCase('grouped by setting, incl. expired', { includeExpired: true }, ['setting']),
  statsCase('setting + state filter', { settings: ['crisis_unit', 'hospital_ed'], states: ['OH', 'PA', 'MI'] }),
  statsCase('pay min + cert + lived exp', { payMinHourly: 22, certificationRequired: true, livedExperienceRequired: true }),
  statsCase('near Columbus 50 mi, by role', { near: { lat: 39.96, lon: -82.99, radiusMiles: 50 } }, ['role_family']),
  statsCase('posted in 2025, by state x setting', { postedAfter: '2025-01-01T00:00:00Z', postedBefore: '2025-12-31T23:59:59Z' }, ['state', 'setting']),
  statsCase('grouped by employer', {}, ['employer']),
  { name: 'trend by month, 3 years', run: (e) => e.salaryTrend({ settings: ['moud'] }, 'month') },
  { name: 'market position', run: (e) => e.marketPosition(21.5, { states: ['OH'], roleFamilies: ['peer_support_specialist'] }) },
];

function pct(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) - sorted[lo]!);
}

export async function run(options: { quick: boolean }): Promise<void> {
  const sizes = options.quick ? [100_000] : [100_000, 1_000_000];
  const reps = options.quick ? 5 : 15;
  for (const n of sizes) {
    const facts = syntheticFacts(n);
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const engine = createStatsEngine({ minSample: 5 });
    for (const f of facts) engine.applyFacts(f);
    const build = performance.now() - t0;
    console.log(`stats: ${n.toLocaleString('en-US')} postings, built in ${build.toFixed(0)} ms (${Math.round(n / (build / 1000)).toLocaleString('en-US')} postings/s); RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB (engine + facts ≈ +${((process.memoryUsage().rss - rss0) / 2 ** 20).toFixed(0)} MB)`);
    let worst = 0;
    for (const c of CASES) {
      c.run(engine); // warm up
      const times: number[] = [];
      for (let i = 0; i < reps; i++) {
        const t = performance.now();
        c.run(engine);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      worst = Math.max(worst, pct(times, 0.99));
      console.log(`  ${c.name.padEnd(38)} p50 ${pct(times, 0.5).toFixed(1).padStart(7)} ms   p99 ${pct(times, 0.99).toFixed(1).padStart(7)} ms`);
    }
    console.log(`  slowest p99 ${worst.toFixed(1)} ms (aim: < 100 ms at 1,000,000)`);
  }
}

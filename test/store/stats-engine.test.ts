import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPLOYMENT_TYPES, ROLE_FAMILIES, SETTINGS, type PostingFilter, type StoredPosting } from '../../schema/index.ts';
import { percentilesInPlace, percentilesInRange, quickselect } from '../../store/stats/percentiles.ts';
import { ColumnarStatsEngine, createStatsEngine } from '../../store/stats/stats-engine.ts';
import type { StatsDimension } from '../../store/stats/stats-port.ts';
import { hourlyPay, makePosting } from './posting-fixtures.ts';

/** The reference: sort a plain array and interpolate, written the textbook way (numpy "linear"). */
function refPercentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

describe('inclusive percentiles (numpy default / Excel PERCENTILE.INC)', () => {
  const pct = (xs: number[], p: number) => percentilesInPlace(Float64Array.from(xs), [p])[0];
  it('the median of 2, 10, 30 is 10 (numbers compare as numbers, not strings)', () => {
    expect(pct([30, 2, 10], 0.5)).toBe(10);
  });
  it('interpolates between closest ranks: [1,2,3,4] gives p25 1.75, median 2.5, p90 3.7', () => {
    expect(pct([4, 3, 2, 1], 0.25)).toBeCloseTo(1.75, 12);
    expect(pct([4, 3, 2, 1], 0.5)).toBeCloseTo(2.5, 12);
    expect(pct([4, 3, 2, 1], 0.9)).toBeCloseTo(3.7, 12);
  });
  it('hand-computed hourly wages: p10 of 15, 17.5, 18, 20, 22.5, 40 is 16.25', () => {
    // h = 5 × 0.1 = 0.5 → 15 + 0.5 × (17.5 − 15) = 16.25; median h = 2.5 → 18 + 0.5 × 2 = 19
    expect(pct([22.5, 15, 40, 18, 20, 17.5], 0.1)).toBeCloseTo(16.25, 12);
    expect(pct([22.5, 15, 40, 18, 20, 17.5], 0.5)).toBeCloseTo(19, 12);
  });
  it('one value is every percentile; no values give null', () => {
    expect(percentilesInPlace(Float64Array.from([23.73]), [0, 0.1, 0.5, 1])).toEqual([23.73, 23.73, 23.73, 23.73]);
    expect(percentilesInPlace(new Float64Array(0), [0.5])).toEqual([null]);
  });
  it('quickselect puts the k-th smallest at k for any input, with ties and large arrays', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 200, noNaN: true }), { minLength: 1, maxLength: 3000 }), fc.nat(), (xs, kSeed) => {
        const a = Float64Array.from(xs);
        const k = kSeed % a.length;
        quickselect(a, k);
        const sorted = [...xs].sort((x, y) => x - y);
        expect(a[k]).toBe(sorted[k]);
      }),
      { numRuns: 200 },
    );
  });
  it('stays exact on large inputs with heavy ties and a long tail (the histogram path)', () => {
    let seed = 99;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    // 60,000 wages: a third exactly $15.00, the rest spread in cents with a few very high ones.
    const xs = Array.from({ length: 60_000 }, () => (rnd() < 0.33 ? 15 : rnd() < 0.995 ? Math.round((15 + rnd() * 15) * 100) / 100 : 140 + rnd() * 10));
    const fractions = [0, 0.1, 0.25, 0.333, 0.5, 0.75, 0.9, 0.999, 1];
    const got = percentilesInPlace(Float64Array.from(xs), fractions);
    fractions.forEach((f, i) => expect(got[i]).toBeCloseTo(refPercentile(xs, f)!, 9));
    expect(percentilesInPlace(new Float64Array(50_000).fill(23.73), [0.1, 0.5])).toEqual([23.73, 23.73]);
  });
  it('matches the reference for every percentile of random data', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 7.25, max: 150, noNaN: true }), { minLength: 1, maxLength: 2000 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
        // Several at once: each later selection must not disturb the earlier ones.
        const fractions = [0.1, p, 0.25, 0.5, 0.75, 0.9];
        const got = percentilesInPlace(Float64Array.from(xs), fractions);
        fractions.forEach((f, i) => expect(got[i]).toBeCloseTo(refPercentile(xs, f)!, 9));
      }),
      { numRuns: 200 },
    );
  });
});

describe('percentiles of one slice of a shared array (how grouped statistics take them)', () => {
  it('matches the reference for every slice, across the insertion, multiselect, quickselect and histogram paths, and leaves the rest alone', () => {
    // Wages in quarter dollars, so ties are common; lengths straddle every path's threshold.
    const wage = fc.integer({ min: 29, max: 320 }).map((q) => q / 4);
    fc.assert(
      fc.property(fc.array(fc.array(wage, { minLength: 1, maxLength: 2600 }), { minLength: 1, maxLength: 6 }), (groups) => {
        const all = Float64Array.from(groups.flat());
        const before = Float64Array.from(all);
        const fractions = [0.1, 0.25, 0.5, 0.75, 0.9];
        let start = 0;
        for (const g of groups) {
          const end = start + g.length;
          const got = percentilesInRange(all, start, end, fractions, { min: Math.min(...g), max: Math.max(...g) });
          fractions.forEach((f, i) => expect(got[i]).toBeCloseTo(refPercentile(g, f)!, 9));
          // Only this slice was reordered: what is outside it is exactly as it was.
          for (let i = 0; i < all.length; i++) if (i < start || i >= end) expect(all[i]).toBe(before[i]);
          before.set(all.subarray(start, end), start);
          start = end;
        }
      }),
      { numRuns: 60 },
    );
  });

  it('takes the exact order statistics at the multiselect sizes (33 to 256 values), ties included', () => {
    for (const n of [33, 34, 57, 100, 101, 199, 255, 256]) {
      const xs = Array.from({ length: n }, (_, i) => 15 + ((i * 7919) % 37) / 4); // many ties, scrambled order
      const padded = Float64Array.from([99, 99, ...xs, -1]);
      const got = percentilesInRange(padded, 2, 2 + n, [0.1, 0.25, 0.5, 0.75, 0.9, 0, 1]);
      [0.1, 0.25, 0.5, 0.75, 0.9, 0, 1].forEach((f, i) => expect(got[i], `n=${n} p=${f}`).toBeCloseTo(refPercentile(xs, f)!, 9));
      expect([padded[0], padded[1], padded[n + 2]]).toEqual([99, 99, -1]);
    }
  });
});

/** A deterministic, realistic-looking market: skewed wages, several settings, states, some without pay. */
function market(n: number): StoredPosting[] {
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const states = ['OH', 'PA', 'CA', 'TX', 'NY', 'MI'];
  const out: StoredPosting[] = [];
  for (let i = 0; i < n; i++) {
    const settings = SETTINGS.filter(() => rnd() < 0.18);
    const base = 15 + rnd() * 10 + (rnd() < 0.1 ? rnd() * 25 : 0);
    const kind = rnd();
    const pay = kind < 0.3 ? null : kind < 0.75 ? hourlyPay(round2(base), round2(base * 1.2)) : kind < 0.85 ? hourlyPay(null, round2(base)) : hourlyPay(round2(base), null);
    const month = Math.floor(rnd() * 14);
    const status = rnd() < 0.15 ? 'expired' : rnd() < 0.05 ? 'closed' : 'active';
    out.push(
      makePosting({
        id: `p_mkt${String(i).padStart(5, '0')}`,
        settings,
        pay,
        location: { city: 'Somewhere', state: states[Math.floor(rnd() * states.length)]!, postalCode: null, workplace: rnd() < 0.1 ? 'remote' : 'onsite', lat: 38 + rnd() * 4, lon: -85 + rnd() * 6 },
        roleFamily: rnd() < 0.05 ? null : ROLE_FAMILIES[Math.floor(rnd() * ROLE_FAMILIES.length)]!,
        employmentType: rnd() < 0.2 ? null : EMPLOYMENT_TYPES[Math.floor(rnd() * EMPLOYMENT_TYPES.length)]!,
        certifications: rnd() < 0.5 ? [{ name: 'CPS', required: rnd() < 0.7, withinMonths: null }] : [],
        livedExperienceRequired: rnd() < 0.6,
        employer: ['Southeast Behavioral Health', 'Recovery Works Inc.', 'County of Franklin', 'Hope Clubhouse'][Math.floor(rnd() * 4)]!,
        datePosted: rnd() < 0.1 ? null : new Date(Date.UTC(2025, month, 1 + Math.floor(rnd() * 27))).toISOString(),
        firstSeenAt: new Date(Date.UTC(2025, month, 2)).toISOString(),
        status,
      }),
    );
  }
  return out;
}
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The reference filter: PostingFilter over plain objects, straight from its definition. */
function refMatch(p: StoredPosting, f: PostingFilter): boolean {
  if (!f.includeExpired && p.status !== 'active') return false;
  // An empty list is no constraint (as in search).
  if (f.settings?.length && !p.settings.some((s) => f.settings!.includes(s))) return false;
  if (f.states?.length && !(p.location.state && f.states.map((x) => x.toUpperCase()).includes(p.location.state))) return false;
  if (f.roleFamilies?.length && !(p.roleFamily && f.roleFamilies.includes(p.roleFamily))) return false;
  if (f.employmentTypes?.length && !(p.employmentType && f.employmentTypes.includes(p.employmentType))) return false;
  if (f.workplaces?.length && !(p.location.workplace && f.workplaces.includes(p.location.workplace))) return false;
  const top = p.pay?.hourlyMax ?? p.pay?.hourlyMin ?? null;
  if (f.payMinHourly !== undefined && !(top !== null && top >= f.payMinHourly)) return false;
  if (f.certificationRequired !== undefined && p.certifications.some((c) => c.required) !== f.certificationRequired) return false;
  if (f.livedExperienceRequired !== undefined && p.livedExperienceRequired !== f.livedExperienceRequired) return false;
  if (f.postedAfter && !(p.datePosted && Date.parse(p.datePosted) >= Date.parse(f.postedAfter))) return false;
  if (f.postedBefore && !(p.datePosted && Date.parse(p.datePosted) <= Date.parse(f.postedBefore))) return false;
  if (f.near) {
    const { lat, lon } = p.location;
    if (lat === null || lon === null) return false;
    const R = 3958.7613;
    const toRad = Math.PI / 180;
    const a = Math.sin(((lat - f.near.lat) * toRad) / 2) ** 2 + Math.cos(f.near.lat * toRad) * Math.cos(lat * toRad) * Math.sin(((lon - f.near.lon) * toRad) / 2) ** 2;
    if (2 * R * Math.asin(Math.sqrt(a)) > f.near.radiusMiles) return false;
  }
  return true;
}

function refPoint(min: number | null | undefined, max: number | null | undefined): number | null {
  if (min != null && max != null) return (min + max) / 2;
  return min ?? max ?? null;
}

function refDistribution(values: number[], minSample: number) {
  if (values.length < minSample || !values.length) return { min: null, p10: null, p25: null, median: null, p75: null, p90: null, max: null, mean: null };
  return {
    min: Math.min(...values),
    p10: refPercentile(values, 0.1),
    p25: refPercentile(values, 0.25),
    median: refPercentile(values, 0.5),
    p75: refPercentile(values, 0.75),
    p90: refPercentile(values, 0.9),
    max: Math.max(...values),
    mean: values.reduce((a, b) => a + b, 0) / values.length,
  };
}

function expectDistribution(got: Record<string, number | null>, want: Record<string, number | null>) {
  for (const k of Object.keys(want)) {
    if (want[k] === null) expect(got[k], k).toBeNull();
    else {
      // Published figures are the exact value rounded to the cent.
      expect(Math.abs(got[k]! - want[k]!), k).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Number.isInteger(Math.round(got[k]! * 100 * 1e6) / 1e6), `${k} is whole cents`).toBe(true);
    }
  }
}

describe('salary statistics against an independent reference', () => {
  const postings = market(1500);
  const engine = ColumnarStatsEngine.fromPostings(postings, { minSample: 5 });

  const filters: PostingFilter[] = [
    {},
    { includeExpired: true },
    { settings: ['crisis_unit', 'hospital_ed'] },
    { states: ['oh', 'PA'], payMinHourly: 20 },
    { roleFamilies: ['peer_recovery_specialist'], employmentTypes: ['full_time', 'part_time'] },
    { certificationRequired: true, livedExperienceRequired: false },
    { workplaces: ['remote'] },
    { postedAfter: '2025-04-01T00:00:00Z', postedBefore: '2025-09-30T23:59:59Z' },
    { near: { lat: 39.96, lon: -82.99, radiusMiles: 60 } },
    { settings: ['moud'], states: ['TX'], payMinHourly: 30, includeExpired: true },
    { settings: [], states: [], roleFamilies: [] },
  ];

  it.each(filters.map((f) => [JSON.stringify(f), f] as const))('without grouping, filter %s', (_name, filter) => {
    const sel = postings.filter((p) => refMatch(p, filter));
    const hourly = sel.map((p) => refPoint(p.pay?.hourlyMin, p.pay?.hourlyMax)).filter((v): v is number => v !== null);
    const annual = sel.map((p) => refPoint(p.pay?.annualMin, p.pay?.annualMax)).filter((v): v is number => v !== null);
    const [row] = engine.salaryStats(filter, []);
    expect(row!.group).toEqual([]);
    expect(row!.count).toBe(sel.length);
    expect(row!.withPay).toBe(hourly.length);
    expect(row!.payTransparency).toBe(sel.length ? hourly.length / sel.length : null);
    expectDistribution(row!.hourly as never, refDistribution(hourly, 5));
    expectDistribution(row!.annual as never, refDistribution(annual, 5));
    expect(new Set(engine.matchingIds(filter))).toEqual(new Set(sel.map((p) => p.id)));
  });

  const groupings: StatsDimension[][] = [['setting'], ['state'], ['role_family', 'employment_type'], ['certification_required'], ['employer'], ['quarter'], ['setting', 'state']];
  it.each(groupings.map((g) => [g.join('+'), g] as const))('grouped by %s, each group matches the reference', (_name, groupBy) => {
    const filter: PostingFilter = { includeExpired: true };
    const valuesOf = (p: StoredPosting, d: StatsDimension): string[] => {
      const dateIso = p.datePosted ?? p.firstSeenAt;
      const dt = new Date(dateIso);
      switch (d) {
        case 'setting':
          return p.settings.length ? [...p.settings] : ['unknown'];
        case 'state':
          return [p.location.state ?? 'unknown'];
        case 'role_family':
          return [p.roleFamily ?? 'unknown'];
        case 'employment_type':
          return [p.employmentType ?? 'unknown'];
        case 'certification_required':
          return [String(p.certifications.some((c) => c.required))];
        case 'employer':
          return [p.employer ?? 'unknown'];
        case 'quarter':
          return [`${dt.getUTCFullYear()}-Q${Math.floor(dt.getUTCMonth() / 3) + 1}`];
        default:
          throw new Error(d);
      }
    };
    const ref = new Map<string, StoredPosting[]>();
    for (const p of postings.filter((x) => refMatch(x, filter))) {
      let keys: string[][] = [[]];
      for (const d of groupBy) keys = keys.flatMap((k) => valuesOf(p, d).map((v) => [...k, v]));
      for (const k of keys) {
        const key = k.join('|');
        ref.set(key, [...(ref.get(key) ?? []), p]);
      }
    }
    const rows = engine.salaryStats(filter, groupBy);
    expect(rows.length).toBe(ref.size);
    for (const row of rows) {
      const key = row.group.map((g) => g.value).join('|');
      const members = ref.get(key);
      expect(members, key).toBeDefined();
      expect(row.group.map((g) => g.dimension)).toEqual(groupBy);
      expect(row.count).toBe(members!.length);
      const hourly = members!.map((p) => refPoint(p.pay?.hourlyMin, p.pay?.hourlyMax)).filter((v): v is number => v !== null);
      expect(row.withPay).toBe(hourly.length);
      expectDistribution(row.hourly as never, refDistribution(hourly, 5));
    }
  });

  it('counts a posting in two settings in each setting group, and a posting with none under "unknown"', () => {
    const e = ColumnarStatsEngine.fromPostings(
      [
        makePosting({ id: 'p_s1', settings: ['jail_police', 'reentry'], pay: hourlyPay(20, 20) }),
        makePosting({ id: 'p_s2', settings: ['reentry'], pay: hourlyPay(24, 24) }),
        makePosting({ id: 'p_s3', settings: [], pay: null }),
      ],
      { minSample: 1 },
    );
    const rows = e.salaryStats({}, ['setting']);
    expect(rows.map((r) => [r.group[0]!.value, r.count, r.hourly.median])).toEqual([
      ['jail_police', 1, 20],
      ['reentry', 2, 22],
      ['unknown', 1, null],
    ]);
  });

  it('publishes count and withPay but no figures for a group below the minimum sample', () => {
    const e = ColumnarStatsEngine.fromPostings(
      [18, 19, 20, 21].map((w, i) => makePosting({ id: `p_small${i}`, pay: hourlyPay(w, null) })).concat(makePosting({ id: 'p_small_nopay', pay: null })),
      { minSample: 5 },
    );
    const [row] = e.salaryStats({}, []);
    expect(row).toMatchObject({ count: 5, withPay: 4, payTransparency: 0.8 });
    expect(Object.values(row!.hourly).every((v) => v === null)).toBe(true);
    const e1 = ColumnarStatsEngine.fromPostings([makePosting({ id: 'p_one', pay: hourlyPay(18, 22) })], { minSample: 1 });
    expect(e1.salaryStats({}, [])[0]!.hourly).toEqual({ min: 20, p10: 20, p25: 20, median: 20, p75: 20, p90: 20, max: 20, mean: 20 });
  });

  it('uses the midpoint of a range and the single figure of "up to" or "starting at" pay', () => {
    const e = ColumnarStatsEngine.fromPostings(
      [
        makePosting({ id: 'p_pp1', pay: hourlyPay(18, 22) }), // 20
        makePosting({ id: 'p_pp2', pay: hourlyPay(null, 25) }), // up to 25
        makePosting({ id: 'p_pp3', pay: hourlyPay(16, null) }), // starting at 16
      ],
      { minSample: 1 },
    );
    const h = e.salaryStats({}, [])[0]!.hourly;
    expect([h.min, h.median, h.max]).toEqual([16, 20, 25]);
    // payMinHourly compares the top figure: 22 for the range, 25, and 16.
    expect(e.matchingIds({ payMinHourly: 21 }).sort()).toEqual(['p_pp1', 'p_pp2']);
  });

  it('replaces a posting\'s facts when it is applied again (an update, an expiry)', () => {
    const e = createStatsEngine({ minSample: 1 });
    const p = makePosting({ id: 'p_upd', pay: hourlyPay(18, 18) });
    e.apply([p]);
    e.apply([{ ...p, pay: hourlyPay(30, 30) }]);
    expect(e.size).toBe(1);
    expect(e.salaryStats({}, [])[0]!.hourly.median).toBe(30);
    e.apply([{ ...p, status: 'expired' }]);
    expect(e.salaryStats({}, [])[0]!.count).toBe(0);
    expect(e.salaryStats({ includeExpired: true }, [])[0]!.count).toBe(1);
  });

  it('builds a trend with every period between from and to, empty ones included', () => {
    const e = ColumnarStatsEngine.fromPostings(
      [
        ...[18, 20, 22].map((w, i) => makePosting({ id: `p_t1_${i}`, datePosted: '2025-01-15T00:00:00Z', pay: hourlyPay(w, w), status: 'expired' })),
        ...[21, 23, 25, 27].map((w, i) => makePosting({ id: `p_t3_${i}`, datePosted: '2025-03-03T00:00:00Z', pay: hourlyPay(w, w) })),
        makePosting({ id: 'p_t_nodate', datePosted: null, firstSeenAt: '2025-03-20T00:00:00Z', pay: null }),
      ],
      { minSample: 3 },
    );
    const trend = e.salaryTrend({}, 'month', '2024-12-01', '2025-04-30');
    expect(trend.map((t) => [t.period, t.start, t.count, t.withPay, t.hourlyMedian])).toEqual([
      ['2024-12', '2024-12-01', 0, 0, null],
      ['2025-01', '2025-01-01', 3, 3, 20],
      ['2025-02', '2025-02-01', 0, 0, null],
      ['2025-03', '2025-03-01', 5, 4, 24],
      ['2025-04', '2025-04-01', 0, 0, null],
    ]);
    expect(trend[3]!.hourlyP90).toBeCloseTo(26.4, 10); // [21,23,25,27]: h = 2.7 → 25 + 0.7 × 2
    expect(trend[3]!.annualMedian).toBeCloseTo(24 * 2080, 6);
    // Without bounds: from the first to the last period with postings; quarters.
    expect(e.salaryTrend({}, 'quarter').map((t) => [t.period, t.count])).toEqual([['2025-Q1', 8]]);
    // includeExpired: false keeps only active postings.
    expect(e.salaryTrend({ includeExpired: false }, 'year').map((t) => [t.period, t.count])).toEqual([['2025', 5]]);
  });

  it('places an offer among comparable postings: share of pay points at or below it', () => {
    const e = ColumnarStatsEngine.fromPostings(
      [16, 18, 20, 22, 24, 26, 28, 30].map((w, i) => makePosting({ id: `p_mp${i}`, pay: hourlyPay(w, w), settings: i < 4 ? ['crisis_unit'] : ['outpatient'] })),
      { minSample: 5 },
    );
    const m = e.marketPosition(22, {});
    expect(m).toMatchObject({ percentile: 50, sampleSize: 8, offerHourly: 22, offerAnnual: 45760, hourlyMedian: 23 });
    expect(m.hourlyP90).toBeCloseTo(28.6, 10);
    expect(e.marketPosition(15, {}).percentile).toBe(0);
    expect(e.marketPosition(30, {}).percentile).toBe(100);
    // Four crisis-unit postings: below the minimum sample, no percentile.
    expect(e.marketPosition(22, { settings: ['crisis_unit'] })).toMatchObject({ percentile: null, sampleSize: 4, hourlyMedian: null });
    expect(() => e.marketPosition(Number.NaN, {})).toThrow(/offerHourly/);
  });

  it('rejects unreadable filter dates with a validation error', () => {
    expect(() => engine.salaryStats({ postedAfter: 'last tuesday' }, [])).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});

describe('grouping into thousands of small groups against the reference', () => {
  // 2,400 postings over 300 employers (groups of about 8, on both sides of the minimum sample of 5),
  // some paying a salary with no hourly figure, so a group's hourly and annual samples differ.
  let s = 777;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const states = ['OH', 'PA', 'KY', 'WV'];
  const postings: StoredPosting[] = Array.from({ length: 2400 }, (_, i) => {
    const base = Math.round((15 + rnd() * 9 + (rnd() < 0.1 ? rnd() * 20 : 0)) * 4) / 4;
    const kind = rnd();
    const pay =
      kind < 0.25
        ? null
        : kind < 0.4
          ? { ...hourlyPay(null, null), min: Math.round(base * 2000), max: null, period: 'year' as const, annualMin: Math.round(base * 2000), annualMax: null }
          : hourlyPay(base, rnd() < 0.5 ? base + 2 : null);
    return makePosting({
      id: `p_small_groups${String(i).padStart(5, '0')}`,
      employer: `Recovery Community Center ${Math.floor(rnd() * 300)}`,
      settings: SETTINGS.filter(() => rnd() < 0.15),
      location: { city: 'Athens', state: states[Math.floor(rnd() * states.length)]!, postalCode: null, workplace: 'onsite', lat: 39.33, lon: -82.1 },
      pay,
    });
  });
  const engine = ColumnarStatsEngine.fromPostings(postings, { minSample: 5 });
  const valuesOf = (p: StoredPosting, d: StatsDimension): string[] =>
    d === 'employer' ? [p.employer ?? 'unknown'] : d === 'state' ? [p.location.state ?? 'unknown'] : p.settings.length ? [...p.settings] : ['unknown'];

  it.each([[['employer']], [['employer', 'setting']], [['state', 'employer']]] as StatsDimension[][][])('grouped by %j: counts, hourly and annual figures of every group', (groupBy) => {
    const ref = new Map<string, StoredPosting[]>();
    for (const p of postings) {
      let keys: string[][] = [[]];
      for (const d of groupBy) keys = keys.flatMap((k) => valuesOf(p, d).map((v) => [...k, v]));
      for (const k of keys) ref.set(k.join('|'), [...(ref.get(k.join('|')) ?? []), p]);
    }
    const rows = engine.salaryStats({}, groupBy);
    expect(rows.length).toBe(ref.size);
    let suppressed = 0;
    for (const row of rows) {
      const key = row.group.map((g) => g.value).join('|');
      const members = ref.get(key)!;
      expect(members, key).toBeDefined();
      const hourly = members.map((p) => refPoint(p.pay?.hourlyMin, p.pay?.hourlyMax)).filter((v): v is number => v !== null);
      const annual = members.map((p) => refPoint(p.pay?.annualMin, p.pay?.annualMax)).filter((v): v is number => v !== null);
      expect(row.count, key).toBe(members.length);
      expect(row.withPay, key).toBe(hourly.length);
      expectDistribution(row.hourly as never, refDistribution(hourly, 5));
      expectDistribution(row.annual as never, refDistribution(annual, 5));
      if (row.hourly.median === null) suppressed++;
    }
    // Both kinds of group are present, so both paths were checked.
    expect(suppressed).toBeGreaterThan(0);
    expect(suppressed).toBeLessThan(rows.length);
    // Groups come ordered by their values (employer names, then settings in vocabulary order).
    const order = rows.map((r) => r.group.map((g) => (g.dimension === 'setting' ? String(g.value === 'unknown' ? 999 : SETTINGS.indexOf(g.value as never)).padStart(3, '0') : g.value)).join('\u0000'));
    expect(order).toEqual([...order].sort());
  });
});

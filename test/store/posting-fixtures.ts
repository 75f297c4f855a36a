import type { Pay, StoredPosting } from '../../schema/index.ts';
import { contentHash } from '../../store/content-hash.ts';

/** Hourly pay as a stored posting carries it (figures stated per hour, converted with 2080 h/year). */
export function hourlyPay(min: number | null, max: number | null): Pay {
  return {
    min,
    max,
    period: 'hour',
    currency: 'USD',
    hourlyMin: min,
    hourlyMax: max,
    annualMin: min === null ? null : Math.round(min * 2080 * 100) / 100,
    annualMax: max === null ? null : Math.round(max * 2080 * 100) / 100,
  };
}

let seq = 0;

/**
 * A realistic stored posting (a peer support job at a community mental health center in Ohio)
 * with the given changes. Ids are unique per call unless given.
 */
export function makePosting(overrides: Partial<StoredPosting> = {}): StoredPosting {
  seq++;
  const base: StoredPosting = {
    id: `p_fixture${String(seq).padStart(7, '0')}`,
    source: 'greenhouse-southeast-behavioral',
    sourceId: `4${String(100000 + seq)}`,
    url: `https://boards.greenhouse.io/southeastbh/jobs/4${100000 + seq}`,
    title: 'Peer Support Specialist',
    employer: 'Southeast Behavioral Health',
    isPeerRole: true,
    roleFamily: 'peer_support_specialist',
    settings: ['outpatient', 'community_org'],
    pay: hourlyPay(18.5, 22),
    payBasis: 'stated',
    payInferred: false,
    payGrade: null,
    payRejectedReason: null,
    location: { city: 'Columbus', state: 'OH', postalCode: '43215', workplace: 'onsite', lat: 39.9612, lon: -82.9988 },
    employmentType: 'full_time',
    certifications: [{ name: 'CPS', required: true, withinMonths: 6 }],
    livedExperienceRequired: true,
    descriptionHtml: '<p>Use your lived experience of recovery to support adults in our outpatient program. Ohio CPS required within 6 months of hire.</p>',
    descriptionText: 'Use your lived experience of recovery to support adults in our outpatient program. Ohio CPS required within 6 months of hire.',
    datePosted: '2026-03-02T00:00:00.000Z',
    validThrough: null,
    fingerprint: `fp1_fixture${seq}`,
    status: 'active',
    firstSeenAt: '2026-03-03T08:00:00.000Z',
    lastSeenAt: '2026-03-03T08:00:00.000Z',
    updatedAt: '2026-03-03T08:00:00.000Z',
    sources: [],
    contentHash: '',
    employerId: null,
    postedDirectly: false,
    indexedAt: null,
    endedAt: null,
  };
  const p: StoredPosting = { ...base, ...overrides };
  if (!overrides.sources) {
    p.sources = [{ source: p.source ?? 'import', sourceId: p.sourceId ?? p.id, url: p.url, firstSeenAt: p.firstSeenAt, lastSeenAt: p.lastSeenAt }];
  }
  if (!overrides.contentHash) p.contentHash = contentHash(p);
  return p;
}

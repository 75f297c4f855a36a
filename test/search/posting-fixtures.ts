import type { StoredPosting } from '../../schema/index.ts';
import { HOURS_PER_YEAR } from '../../schema/index.ts';

/**
 * Realistic stored postings for the search tests: the shapes ingest writes, with pay phrased and
 * normalised the way the normaliser does (hourly and annual both filled, 2080 hours a year).
 */

type Overrides = Partial<Omit<StoredPosting, 'location' | 'pay'>> & {
  id: string;
  title: string;
  location?: Partial<StoredPosting['location']>;
  pay?: { hourly?: [number | null, number | null]; annual?: [number | null, number | null] } | null;
};

const round2 = (n: number) => Math.round(n * 100) / 100;

export function makePosting(o: Overrides): StoredPosting {
  const { pay: payIn, location, ...rest } = o;
  let pay: StoredPosting['pay'] = null;
  if (payIn?.hourly) {
    const [min, max] = payIn.hourly;
    pay = {
      min, max, period: 'hour', currency: 'USD',
      hourlyMin: min, hourlyMax: max,
      annualMin: min === null ? null : round2(min * HOURS_PER_YEAR),
      annualMax: max === null ? null : round2(max * HOURS_PER_YEAR),
    };
  } else if (payIn?.annual) {
    const [min, max] = payIn.annual;
    pay = {
      min, max, period: 'year', currency: 'USD',
      hourlyMin: min === null ? null : round2(min / HOURS_PER_YEAR),
      hourlyMax: max === null ? null : round2(max / HOURS_PER_YEAR),
      annualMin: min, annualMax: max,
    };
  }
  const updatedAt = rest.updatedAt ?? '2025-06-01T12:00:00.000Z';
  const description = rest.descriptionText ?? `${o.title}. Provide peer support using lived experience of recovery.`;
  return {
    source: 'greenhouse-acme',
    sourceId: o.id,
    url: `https://boards.greenhouse.io/acme/jobs/${o.id}`,
    employer: 'Acme Behavioral Health',
    isPeerRole: true,
    roleFamily: 'peer_support_specialist',
    settings: [],
    payBasis: pay ? 'stated' : null,
    payInferred: false,
    payGrade: null,
    payRejectedReason: null,
    employmentType: 'full_time',
    certifications: [],
    livedExperienceRequired: false,
    descriptionHtml: `<p>${description}</p>`,
    datePosted: '2025-05-01T00:00:00.000Z',
    validThrough: null,
    fingerprint: `fp-${o.id}`,
    status: 'active',
    firstSeenAt: '2025-05-01T08:00:00.000Z',
    lastSeenAt: '2025-06-01T08:00:00.000Z',
    sources: [{ source: 'greenhouse-acme', sourceId: o.id, url: null, firstSeenAt: '2025-05-01T08:00:00.000Z', lastSeenAt: '2025-06-01T08:00:00.000Z' }],
    contentHash: `hash-${o.id}`,
    employerId: null,
    postedDirectly: false,
    indexedAt: null,
    endedAt: null,
    ...rest,
    descriptionText: description,
    updatedAt,
    pay,
    location: { city: null, state: null, postalCode: null, workplace: 'onsite', lat: null, lon: null, ...location },
  };
}

export const COLUMBUS = { lat: 39.9612, lon: -82.9988 };

/** A small market: Ohio, Pennsylvania and New York, every setting, pay phrased every way. */
export const FIXTURE_POSTINGS: readonly StoredPosting[] = [
  makePosting({
    id: 'p-riverside-ed',
    title: 'Peer Recovery Specialist - Emergency Department',
    employer: 'OhioHealth Riverside Methodist Hospital',
    roleFamily: 'peer_recovery_specialist',
    settings: ['hospital_ed'],
    location: { city: 'Columbus', state: 'OH', postalCode: '43214', lat: 40.0283, lon: -83.0328 },
    pay: { hourly: [19.5, 23.73] },
    certifications: [{ name: 'CPRS', required: true, withinMonths: 6 }],
    livedExperienceRequired: true,
    datePosted: '2025-05-20T09:00:00.000Z',
    descriptionText:
      'Provide bedside peer support in the emergency department to patients after an overdose. Connect patients to treatment and follow up within 72 hours. Must have lived experience of recovery and obtain the CPRS within 6 months of hire.',
  }),
  makePosting({
    id: 'p-brightview-coach',
    title: 'Recovery Coach',
    employer: 'BrightView Health',
    roleFamily: 'peer_recovery_specialist',
    settings: ['moud', 'outpatient'],
    location: { city: 'Cincinnati', state: 'OH', postalCode: '45202', lat: 39.1031, lon: -84.512 },
    pay: { hourly: [18, 21] },
    employmentType: 'part_time',
    datePosted: '2025-05-18T14:30:00.000Z',
    descriptionText:
      'Support patients receiving medication for opioid use disorder in our outpatient clinic. Help patients build recovery capital, attend groups, and stay engaged with buprenorphine treatment.',
  }),
  makePosting({
    id: 'p-nationwide-youth',
    title: 'Youth Peer Specialist',
    employer: "Nationwide Children's Hospital",
    roleFamily: 'youth_peer_advocate',
    settings: ['youth_services'],
    location: { city: 'Columbus', state: 'OH', postalCode: '43205', lat: 39.9529, lon: -82.9799 },
    pay: { hourly: [17.25, null] },
    datePosted: '2025-05-10T10:00:00.000Z',
    descriptionText: 'Mentor adolescents ages 14-21 with behavioral health needs; co-facilitate groups at school-based programs.',
  }),
  makePosting({
    id: 'p-franklin-reentry',
    title: 'Forensic Peer Specialist - Re-Entry Program',
    employer: "Franklin County Sheriff's Office",
    roleFamily: 'forensic_peer_specialist',
    settings: ['reentry', 'jail_police'],
    location: { city: 'Columbus', state: 'OH', postalCode: '43215', lat: 39.9591, lon: -83.0027 },
    pay: { annual: [45_000, 52_000] },
    certifications: [{ name: 'CPS', required: false, withinMonths: null }],
    datePosted: '2025-04-28T08:00:00.000Z',
    descriptionText: 'Work with returning citizens before and after release from the county jail; help with housing, IDs and benefits.',
  }),
  makePosting({
    id: 'p-netcare-crisis',
    title: 'Peer Support Specialist - Crisis Stabilization Unit',
    employer: 'Netcare Access',
    roleFamily: 'peer_support_specialist',
    settings: ['crisis_unit'],
    location: { city: 'Columbus', state: 'OH', postalCode: '43219', lat: 40.0086, lon: -82.9359 },
    pay: null,
    employmentType: 'per_diem',
    livedExperienceRequired: true,
    datePosted: '2025-05-25T16:45:00.000Z',
    descriptionText: 'Offer hope and peer support to adults in crisis on our 23-hour observation unit. Pay commensurate with experience.',
  }),
  makePosting({
    id: 'p-ahn-cps',
    title: 'Certified Peer Specialist (CPS)',
    employer: 'Allegheny Health Network',
    roleFamily: 'certified_peer_specialist',
    settings: ['outpatient'],
    location: { city: 'Pittsburgh', state: 'PA', postalCode: '15212', lat: 40.4406, lon: -79.9959 },
    pay: { hourly: [17, 19] },
    certifications: [{ name: 'CPS', required: true, withinMonths: null }],
    datePosted: '2025-05-15T12:00:00.000Z',
    descriptionText: 'Pennsylvania Certified Peer Specialist for our outpatient behavioral health clinic. Caseload of 15 adults.',
  }),
  makePosting({
    id: 'p-dayton-expired',
    title: 'Peer Recovery Specialist',
    employer: 'Dayton Recovery Center',
    roleFamily: 'peer_recovery_specialist',
    settings: ['treatment_center'],
    location: { city: 'Dayton', state: 'OH', postalCode: '45402', lat: 39.7589, lon: -84.1916 },
    pay: { hourly: [16, 18] },
    status: 'expired',
    endedAt: '2025-05-30T00:00:00.000Z',
    datePosted: '2025-03-01T00:00:00.000Z',
    descriptionText: 'Residential treatment peer recovery specialist for our detox and withdrawal management unit.',
  }),
  makePosting({
    id: 'p-akron-closed',
    title: 'Recovery Coach - Detox',
    employer: 'Summit Behavioral Healthcare',
    roleFamily: 'peer_recovery_specialist',
    settings: ['treatment_center'],
    location: { city: 'Akron', state: 'OH', postalCode: '44308', lat: 41.0814, lon: -81.519 },
    pay: { hourly: [20, 22] },
    status: 'closed',
    endedAt: '2025-05-28T00:00:00.000Z',
    datePosted: '2025-04-01T00:00:00.000Z',
    descriptionText: 'Recovery coach on the withdrawal management unit.',
  }),
  makePosting({
    id: 'p-albany-parent',
    title: 'Parent Partner',
    employer: 'Families Together in New York State',
    roleFamily: 'family_peer_advocate',
    settings: ['youth_services', 'community_org'],
    location: { city: 'Albany', state: 'NY', postalCode: '12207', lat: 42.6526, lon: -73.7562 },
    pay: { annual: [42_000, 46_000] },
    certifications: [{ name: 'FPS', required: true, withinMonths: 12 }],
    datePosted: '2025-05-05T00:00:00.000Z',
    descriptionText: 'Support parents and caregivers of children with emotional and behavioral challenges; credential as a family peer advocate within 12 months.',
  }),
  makePosting({
    id: 'p-remote-navigator',
    title: 'Peer Navigator (Remote)',
    employer: 'Valera Health',
    roleFamily: 'peer_navigator',
    settings: ['outpatient'],
    location: { city: null, state: null, workplace: 'remote' },
    pay: { hourly: [22, 26] },
    employmentType: 'contract',
    datePosted: '2025-05-22T00:00:00.000Z',
    descriptionText: 'Telehealth peer navigation by phone and video for members across several states.',
  }),
  makePosting({
    id: 'p-direct-bridger',
    title: 'ED Peer Bridger',
    employer: 'Mercy Health',
    roleFamily: 'peer_navigator',
    settings: ['hospital_ed', 'moud'],
    location: { city: 'Toledo', state: 'OH', postalCode: '43604', lat: 41.6528, lon: -83.5379, workplace: 'hybrid' },
    pay: { hourly: [21, 24.5] },
    employerId: 'emp_mercy_01',
    postedDirectly: true,
    source: 'direct',
    datePosted: '2025-05-27T00:00:00.000Z',
    descriptionText: 'Start buprenorphine bridge referrals for patients seen after an overdose and walk with them into MAT programs. Use <b>care</b> & compassion.',
  }),
  makePosting({
    id: 'p-cleveland-supervisor',
    title: 'Peer Supervisor',
    employer: 'Recovery Resources',
    roleFamily: 'peer_supervisor',
    settings: ['community_org'],
    location: { city: 'Cleveland', state: 'OH', postalCode: '44115', lat: 41.4993, lon: -81.6944 },
    pay: { annual: [58_000, 64_000] },
    datePosted: '2025-05-12T00:00:00.000Z',
    descriptionText: 'Supervise a team of eight peer support specialists in our drop-in center and recovery community organization.',
  }),
];

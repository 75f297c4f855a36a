import { z } from 'zod';

/**
 * The vocabularies Peerboard normalises to. This module is the one source of truth: the GraphQL
 * enums, the stores' validators and the search index's filterable values are derived from here.
 */

export const SETTING_INFO = [
  {
    key: 'treatment_center',
    label: 'Treatment centers',
    description: 'Residential treatment, inpatient rehab, detox / withdrawal management, SUD treatment facilities.',
  },
  {
    key: 'hospital_ed',
    label: 'Hospitals / emergency departments',
    description: 'Emergency departments, hospitals, inpatient psychiatric units, bedside peer support.',
  },
  {
    key: 'crisis_unit',
    label: 'Crisis stabilization units',
    description: 'Crisis stabilization and receiving centers, mobile crisis teams, 988 lines, living-room models.',
  },
  {
    key: 'youth_services',
    label: 'Youth services',
    description: 'Youth, adolescent and transition-age youth programs, juvenile justice, school-based and family-and-youth services.',
  },
  {
    key: 'outpatient',
    label: 'Outpatient programs',
    description: 'Outpatient clinics, IOP/PHP, CCBHCs, behavioral health centers, ACT teams.',
  },
  {
    key: 'community_org',
    label: 'Community organizations',
    description: 'Recovery community organizations, drop-in centers, clubhouses, peer-run and nonprofit organizations, street outreach, shelters.',
  },
  {
    key: 'jail_police',
    label: 'Jails / police departments',
    description: 'Jails, detention and correctional facilities, sheriff offices, police co-responder programs.',
  },
  {
    key: 'reentry',
    label: 'Re-entry programs',
    description: 'Re-entry for returning citizens, parole and probation, post-release support.',
  },
  {
    key: 'specialty_court',
    label: 'Specialty courts',
    description: 'Drug, treatment, mental health, veterans treatment and recovery courts.',
  },
  {
    key: 'moud',
    label: 'MOUD services',
    description: 'Medications for opioid use disorder: OTPs, methadone, buprenorphine / Suboxone, OBOT.',
  },
] as const;

export const SETTINGS = [
  'treatment_center',
  'hospital_ed',
  'crisis_unit',
  'youth_services',
  'outpatient',
  'community_org',
  'jail_police',
  'reentry',
  'specialty_court',
  'moud',
] as const satisfies readonly (typeof SETTING_INFO)[number]['key'][];
export const settingSchema = z.enum(SETTINGS);
export type Setting = z.infer<typeof settingSchema>;

export const ROLE_FAMILY_INFO = [
  { key: 'peer_support_specialist', label: 'Peer support specialist' },
  { key: 'peer_recovery_specialist', label: 'Peer recovery specialist / recovery coach' },
  { key: 'certified_peer_specialist', label: 'Certified peer specialist' },
  { key: 'family_peer_advocate', label: 'Family peer advocate / parent partner' },
  { key: 'youth_peer_advocate', label: 'Youth peer advocate / youth peer specialist' },
  { key: 'forensic_peer_specialist', label: 'Forensic peer specialist / justice peer' },
  { key: 'peer_navigator', label: 'Peer navigator / peer bridger / recovery navigator' },
  { key: 'veteran_peer_specialist', label: 'Veteran peer specialist' },
  { key: 'peer_supervisor', label: 'Peer supervisor / coordinator / program manager' },
] as const;

export const ROLE_FAMILIES = [
  'peer_support_specialist',
  'peer_recovery_specialist',
  'certified_peer_specialist',
  'family_peer_advocate',
  'youth_peer_advocate',
  'forensic_peer_specialist',
  'peer_navigator',
  'veteran_peer_specialist',
  'peer_supervisor',
] as const satisfies readonly (typeof ROLE_FAMILY_INFO)[number]['key'][];
export const roleFamilySchema = z.enum(ROLE_FAMILIES);
export type RoleFamily = z.infer<typeof roleFamilySchema>;

export const EMPLOYMENT_TYPES = ['full_time', 'part_time', 'per_diem', 'contract', 'temporary'] as const;
export const employmentTypeSchema = z.enum(EMPLOYMENT_TYPES);
export type EmploymentType = z.infer<typeof employmentTypeSchema>;

export const WORKPLACES = ['onsite', 'hybrid', 'remote'] as const;
export const workplaceSchema = z.enum(WORKPLACES);
export type Workplace = z.infer<typeof workplaceSchema>;

export const PAY_PERIODS = ['hour', 'day', 'week', 'biweek', 'month', 'year'] as const;
export const payPeriodSchema = z.enum(PAY_PERIODS);
export type PayPeriod = z.infer<typeof payPeriodSchema>;

/** How the pay was found: a structured field (JSON-LD baseSalary, ATS salary object), the source's pay text, or the description. */
export const PAY_BASES = ['structured', 'stated', 'description'] as const;
export const payBasisSchema = z.enum(PAY_BASES);
export type PayBasis = z.infer<typeof payBasisSchema>;

export const POSTING_STATUSES = ['active', 'expired', 'closed'] as const;
export const postingStatusSchema = z.enum(POSTING_STATUSES);
export type PostingStatus = z.infer<typeof postingStatusSchema>;

/**
 * Pay conversions, the convention of DOMAIN.md ($49,350 a year = $23.73 an hour):
 * 1 year = 2080 hours = 52 weeks = 26 pay periods = 12 months = 260 working days; 1 day = 8 hours.
 */
export const HOURS_PER_PERIOD: Readonly<Record<PayPeriod, number>> = {
  hour: 1,
  day: 8,
  week: 40,
  biweek: 80,
  month: 2080 / 12,
  year: 2080,
};
export const HOURS_PER_YEAR = 2080;

/** Plausible wage bounds: results outside are rejected with a reason rather than published. */
export const PLAUSIBLE_HOURLY = { min: 7.25, max: 150 } as const;
export const PLAUSIBLE_ANNUAL = { min: 15_000, max: 300_000 } as const;

/** The outcome of a scrape run. */
export const RUN_STATUSES = ['running', 'ok', 'partial', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Dimensions salary statistics can be grouped by. */
export const STATS_DIMENSIONS = [
  'setting',
  'state',
  'role_family',
  'employment_type',
  'certification_required',
  'employer',
  'month',
  'quarter',
  'year',
] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];

/** Periods of salary trends. */
export const TREND_INTERVALS = ['month', 'quarter', 'year'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];

/** The facets a search can count. */
export const FACETS = ['settings', 'states', 'roleFamilies', 'employmentTypes', 'workplaces'] as const;
export type FacetName = (typeof FACETS)[number];

/** Orders of search results. */
export const SEARCH_SORTS = ['relevance', 'newest', 'pay_high', 'pay_low', 'distance'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The two-letter codes of the US states, DC and the territories that post jobs on USAJOBS. */
export const US_STATES: Readonly<Record<string, string>> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado',
  CT: 'Connecticut', DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia',
  HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas',
  KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland', MA: 'Massachusetts',
  MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico',
  NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma',
  OR: 'Oregon', PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota',
  TN: 'Tennessee', TX: 'Texas', UT: 'Utah', VT: 'Vermont', VA: 'Virginia', WA: 'Washington',
  WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming', PR: 'Puerto Rico', GU: 'Guam',
  VI: 'U.S. Virgin Islands', AS: 'American Samoa', MP: 'Northern Mariana Islands',
};
export const stateCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'a two-letter US state code')
  .refine((s) => s in US_STATES, 'a two-letter US state code');
